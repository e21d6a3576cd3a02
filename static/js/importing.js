// Import page: "Split" uses the cursor position in the paragraph's text.
// Wizard: findings focus their field and put the cursor on the spot; fix forms send the
// version the page currently holds (autosave may have moved it on).
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
    if (button) {
      var i = button.value.split(":")[1];
      var pos = document.querySelector("input[name='pos_" + i + "']");
      var typed = document.querySelector("input[name='at_" + i + "']");
      if (pos && lastCursor[i] && !(typed && typed.value)) { pos.value = lastCursor[i]; }
    }
    var link = event.target.closest("a[data-focus-field]");
    if (link) {
      var field = document.querySelector("[name='" + link.dataset.focusField.replace(/'/g, "") + "']");
      if (field) {
        event.preventDefault();
        var start = parseInt(link.dataset.offset || "0", 10);
        var end = start + parseInt(link.dataset.length || "0", 10);
        field.focus();
        if (field.setSelectionRange) { field.setSelectionRange(start, end); }
        field.scrollIntoView({block: "center"});
      }
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("fix-form")) { return; }
    var wizard = document.getElementById("wizard");
    var stepVersion = document.querySelector("#step-form input[name='version']");
    var version = (wizard && wizard.dataset.version) || (stepVersion && stepVersion.value);
    if (version) { form.querySelector("input[name='version']").value = version; }
  }, true);
})();
