// Import page: "Split" uses the cursor position in the paragraph's text.
(function () {
  "use strict";
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
