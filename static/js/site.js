// Small behaviours shared by every page.
(function () {
  "use strict";
  // Confirm destructive actions: <form data-confirm="…"> or <button data-confirm="…">.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var question = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    // Double-submit guard: disable the submit buttons once the form is on its way.
    if (!form.dataset.allowResubmit) {
      window.setTimeout(function () {
        form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
          b.disabled = true;
        });
      }, 0);
    }
  });
  // Print buttons: <button data-print>.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) {
      window.print();
    }
  });
  // Bar widths from data-width (percent): the Content-Security-Policy allows no style attribute.
  document.querySelectorAll("[data-width]").forEach(function (el) {
    el.style.width = el.dataset.width + "%";
  });
})();
