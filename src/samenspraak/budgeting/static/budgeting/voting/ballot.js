// Progressive enhancement for the knapsack ballot: the budget bar ("Gekozen: € X van € Y. Nog
// € Z over." and its bar) follows the ticked projects while the person chooses; the text is a
// polite live region, so a screen reader hears the new amounts. Without JavaScript the server
// writes the same bar, and the "Bereken wat over is" button asks it again.
(function () {
  "use strict";
  var text = document.getElementById("ballot-remaining");
  var bar = document.getElementById("budget-bar");
  if (!text || !bar) return;
  var meter = bar.querySelector("progress");
  var amount = parseFloat(text.dataset.amount);
  var amountText = text.dataset.amountText;
  var boxes = document.querySelectorAll('input[name="projects"][data-cost]');
  var english = (document.documentElement.lang || "nl").indexOf("en") === 0;
  var chosenWords = english ? "Chosen: %s of %t." : "Gekozen: %s van %t.";
  var overWords = english ? "You are %s over the budget." : "U zit %s boven het budget.";
  var leftWords = english ? "%s left." : "Nog %s over.";
  // The notation of core/money.py: "€ 12.500,50" in Dutch, "€12,500.50" in English.
  function euro(value) {
    var cents = Math.round(Math.abs(value) * 100) % 100 !== 0 ? 2 : 0;
    var number = Math.abs(value).toLocaleString(english ? "en-GB" : "nl-NL",
      { minimumFractionDigits: cents, maximumFractionDigits: cents });
    return english ? "€" + number : "€ " + number;
  }
  function update() {
    var spent = 0;
    boxes.forEach(function (box) { if (box.checked) spent += parseFloat(box.dataset.cost); });
    var rest = amount - spent;
    var chosen = document.createElement("span");
    chosen.className = "budget-bar__chosen";
    chosen.textContent = chosenWords.replace("%s", euro(spent)).replace("%t", amountText);
    var left = document.createElement("strong");
    left.className = "budget-bar__left";
    left.textContent = (rest < 0 ? overWords : leftWords).replace("%s", euro(rest));
    text.replaceChildren(chosen, document.createTextNode(" "), left);
    if (meter) meter.value = Math.min(spent, amount);
    bar.classList.toggle("budget-bar--over", rest < 0);
  }
  boxes.forEach(function (box) { box.addEventListener("change", update); });
})();
