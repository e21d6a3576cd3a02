// The ZIP page: polls the job's state until the ZIP is ready or failed.
(function () {
  "use strict";
  var box = document.getElementById("zip-job");
  if (!box) {
    return;
  }
  var bar = document.getElementById("zip-bar");
  var text = document.getElementById("zip-text");
  var link = document.getElementById("zip-download");
  function poll() {
    fetch(box.dataset.statusUrl, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        bar.style.width = s.percent + "%";
        bar.textContent = s.percent + "%";
        bar.parentNode.setAttribute("aria-valuenow", s.percent);
        if (s.state === "done") {
          text.textContent = box.dataset.readyText;
          link.classList.remove("d-none");
          return;
        }
        if (s.state === "failed") {
          text.textContent = box.dataset.failedText + " " + s.error;
          return;
        }
        text.textContent = s.done + " / " + s.total + " " + box.dataset.progressText;
        window.setTimeout(poll, 700);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  if (box.dataset.state !== "done" && box.dataset.state !== "failed") {
    poll();
  }
})();
