// Import pages: a paste too large for the server is stopped here with the page's message,
// the text kept in the box (the server would refuse the whole request before any page could
// say why); "Split" uses the cursor position in the paragraph's text.
(function () {
  "use strict";
  var importForm = document.querySelector("form.import-form[data-max-bytes]");
  if (importForm) {
    importForm.addEventListener("submit", function (event) {
      var area = document.getElementById("import-text");
      var note = importForm.querySelector(".import-too-large");
      var max = parseInt(importForm.dataset.maxBytes, 10);
      var bytes = area ? new Blob([area.value]).size : 0; // UTF-8, as the form sends it
      if (max && bytes > max) {
        event.preventDefault();
        event.stopImmediatePropagation(); // no double-submit guard: the form stays usable
        note.hidden = false;
        note.scrollIntoView({ block: "center" });
        area.focus();
      } else if (note) {
        note.hidden = true;
      }
    }, true);
  }
  var lastCursor = {};
  document.querySelectorAll("textarea.block-text").forEach(function (area) {
    function remember() { lastCursor[area.dataset.block] = area.selectionStart; }
    area.addEventListener("keyup", remember);
    area.addEventListener("mouseup", remember);
    area.addEventListener("select", remember);
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".btn-split");
    if (!button) return;
    var i = button.value.split(":")[1];
    var pos = document.querySelector("input[name='pos_" + i + "']");
    var typed = document.querySelector("input[name='at_" + i + "']");
    if (pos && lastCursor[i] && !(typed && typed.value)) { pos.value = lastCursor[i]; }
  });
})();
