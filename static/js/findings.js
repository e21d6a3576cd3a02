// Findings panels: a finding's link focuses its field and selects the spot; a fix form
// sends the version the page holds now (autosave may have moved it on since the page loaded).
(function () {
  "use strict";
  if (window.findingsPanel) return; // included by more than one partial
  window.findingsPanel = true;
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-focus-field]");
    if (!link) return;
    var field = document.querySelector("[name='" + link.dataset.focusField.replace(/'/g, "") + "']");
    if (!field) return;
    event.preventDefault();
    var start = parseInt(link.dataset.offset || "0", 10);
    var end = start + parseInt(link.dataset.length || "0", 10);
    field.focus();
    if (field.setSelectionRange) { field.setSelectionRange(start, end); }
    field.scrollIntoView({block: "center"});
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
