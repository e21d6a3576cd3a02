// Review area: buttons that post to their own URL from inside another form (the wizard's
// step form cannot contain a nested form). <button data-post-action="URL" data-confirm="…">:
// on click, confirm, then post a small form with the CSRF token, the report version and the
// fields of data-post-data (JSON).
// Without JavaScript the button's formaction does the same.
(function () {
  "use strict";
  if (window.reviewPostButtons) return; // included by more than one partial
  window.reviewPostButtons = true;
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-post-action]");
    if (!button || button.disabled) return;
    event.preventDefault();
    event.stopPropagation();
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
    var outer = button.form;
    var form = document.createElement("form");
    form.method = "post";
    form.action = button.dataset.postAction;
    ["csrfmiddlewaretoken", "version"].forEach(function (name) {
      var source = outer && outer.querySelector("input[name=" + name + "]");
      if (!source) return;
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = source.value;
      form.appendChild(input);
    });
    var extra = button.dataset.postData ? JSON.parse(button.dataset.postData) : {};
    Object.keys(extra).forEach(function (name) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = extra[name];
      form.appendChild(input);
    });
    if (!form.querySelector("input[name=csrfmiddlewaretoken]")) {
      var token = document.querySelector("input[name=csrfmiddlewaretoken]");
      if (token) form.appendChild(token.cloneNode());
    }
    document.body.appendChild(form);
    button.disabled = true;
    HTMLFormElement.prototype.submit.call(form);
  }, true);
})();
