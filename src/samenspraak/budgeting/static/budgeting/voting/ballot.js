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
  function euro(value) {
    return "€ " + Math.abs(value).toLocaleString("nl-NL", { maximumFractionDigits: 2 });
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
