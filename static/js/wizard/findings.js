// The findings panel beside the step, fetched again after each confirmed save, so that it
// always shows the checks of what is stored (the same partial the page was rendered with).
import { root } from "./page.js";

let timer = null;
let asked = 0;

export function refreshFindings() {
  clearTimeout(timer);
  timer = setTimeout(load, 150); // several saves in a row: one refresh
}

function load() {
  const url = root.dataset.findingsUrl;
  const slot = document.getElementById("findings");
  if (!url || !slot) return;
  const ticket = ++asked;
  fetch(url, { credentials: "same-origin", headers: { Accept: "text/html", "HX-Request": "true" } })
    .then(function (resp) { return resp.ok ? resp.text() : null; })
    .then(function (html) {
      if (html === null || ticket !== asked) return; // an older answer than one already shown
      const open = Array.prototype.map.call(slot.querySelectorAll("details[open]"), function (d) { return d.dataset.group; });
      const box = document.createElement("div");
      box.innerHTML = html;
      const fresh = box.querySelector("#findings");
      if (!fresh) return;
      fresh.querySelectorAll("details[data-group]").forEach(function (d) {
        if (open.indexOf(d.dataset.group) >= 0) d.open = true;
      });
      slot.replaceWith(fresh);
      document.dispatchEvent(new CustomEvent("findings:refreshed"));
    })
    .catch(function () { /* offline: the panel refreshes after the next save */ });
}
