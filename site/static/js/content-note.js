// A story with a content note hides its images in <details> until the visitor opens them.
// That works without this script; the script adds one button that shows or hides them all.
(function () {
  "use strict";

  var note = document.querySelector("[data-content-note]");
  var gates = Array.prototype.slice.call(document.querySelectorAll("details[data-content-gate]"));
  if (!note || !gates.length) return;
  var button = note.querySelector("[data-content-note-toggle]");
  var status = note.querySelector("[data-content-note-status]");
  if (!button) return;

  function allOpen() {
    return gates.every(function (gate) { return gate.open; });
  }

  // The button says what it will do next; focus stays on it, so the visitor
  // reads on from where they are and can hide the images again at once.
  function update() {
    button.textContent = allOpen() ? button.dataset.labelHide : button.dataset.labelShow;
  }

  button.addEventListener("click", function () {
    var open = !allOpen();
    gates.forEach(function (gate) { gate.open = open; });
    update();
    if (status) status.textContent = open ? button.dataset.statusShown : button.dataset.statusHidden;
  });

  gates.forEach(function (gate) { gate.addEventListener("toggle", update); });
  button.hidden = false;
  update();
})();
