// The ZIP page: polls the job's progress until the ZIP is ready (or failed).
(function () {
  "use strict";
  var box = document.getElementById("zip-job");
  if (!box || box.dataset.poll !== "1") return;
  var bar = document.getElementById("zip-bar");
  var text = document.getElementById("zip-text");
  var link = document.getElementById("zip-download");
  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        bar.style.width = s.percent + "%";
        bar.textContent = s.percent + "%";
        bar.parentNode.setAttribute("aria-valuenow", s.percent);
        if (s.state === "done") {
          text.textContent = gettext("Ready.");
          link.classList.remove("d-none");
          return;
        }
        if (s.state === "failed") {
          text.textContent = gettext("The ZIP could not be built.") + " " + s.error;
          return;
        }
        text.textContent = interpolate(gettext("%(done)s of %(total)s reports put in the ZIP…"), { done: s.done, total: s.total }, true);
        window.setTimeout(poll, 700);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  poll();
})();
