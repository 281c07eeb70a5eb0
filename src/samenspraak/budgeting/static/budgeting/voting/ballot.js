// Progressive enhancement for the knapsack ballot: "Nog € X over" follows the ticked projects
// while the person chooses. Without JavaScript the "Bereken" button asks the server instead.
(function () {
  "use strict";
  var remaining = document.getElementById("ballot-remaining");
  if (!remaining) return;
  var amount = parseFloat(remaining.dataset.amount);
  var boxes = document.querySelectorAll('input[name="projects"][data-cost]');
  var lang = document.documentElement.lang || "nl";
  var over = lang.indexOf("en") === 0 ? "You are %s over the budget." : "U zit %s boven het budget.";
  var left = lang.indexOf("en") === 0 ? "%s left." : "Nog %s over.";
  // The notation of core/money.py: "€ 12.500,50" in Dutch, "€12,500.50" in English.
  function euro(value) {
    var cents = Math.round(Math.abs(value) * 100) % 100 !== 0 ? 2 : 0;
    var english = lang.indexOf("en") === 0;
    var text = Math.abs(value).toLocaleString(english ? "en-GB" : "nl-NL",
      { minimumFractionDigits: cents, maximumFractionDigits: cents });
    return english ? "€" + text : "€ " + text;
  }
  function update() {
    var spent = 0;
    boxes.forEach(function (box) { if (box.checked) spent += parseFloat(box.dataset.cost); });
    var rest = amount - spent;
    remaining.textContent = (rest < 0 ? over : left).replace("%s", euro(rest));
    remaining.classList.toggle("ballot__remaining--over", rest < 0);
  }
  boxes.forEach(function (box) { box.addEventListener("change", update); });
})();
