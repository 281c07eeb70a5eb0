// Show a conditional question only when the answer it depends on is chosen. Without this
// script every question is shown with a note ("Alleen invullen als ..."), and the server
// ignores answers to questions whose condition does not hold.
(function () {
  "use strict";
  var form = document.querySelector("[data-survey]");
  if (!form) return;
  var dependents = form.querySelectorAll("[data-show-if]");
  if (!dependents.length) return;

  function chosen(name) {
    var values = [];
    form.querySelectorAll('input[name="' + name + '"]:checked').forEach(function (input) {
      var wrapper = input.closest(".survey-question");
      if (!wrapper || !wrapper.hidden) values.push(input.value);
    });
    return values;
  }

  // Number the questions a person sees 1, 2, 3, ... (a hidden question would leave a gap),
  // and the references to them in "Alleen invullen als u bij vraag N ... koos".
  function renumber() {
    var numbers = {};
    var count = 0;
    form.querySelectorAll("[data-question-number]").forEach(function (number) {
      var wrapper = number.closest(".survey-question");
      if (wrapper && wrapper.hidden) return;
      count += 1;
      number.textContent = String(count);
      numbers[number.getAttribute("data-question-number")] = count;
    });
    form.querySelectorAll("[data-question-ref]").forEach(function (ref) {
      var number = numbers[ref.getAttribute("data-question-ref")];
      if (number) ref.textContent = String(number);
    });
  }

  function update() {
    dependents.forEach(function (block) {
      var wanted = block.getAttribute("data-show-if-values").split(",");
      var given = chosen(block.getAttribute("data-show-if"));
      block.hidden = !given.some(function (value) { return wanted.indexOf(value) !== -1; });
    });
    renumber();
  }

  form.addEventListener("change", update);
  update();
})();
