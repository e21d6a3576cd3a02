// The section wizard's page script (an ES module; its strings come from the JavaScript
// catalogue loaded before it): live counts, autosave, the browser's safety copy, and
// flushing the saves before the page is left.
import { config, fields, form, panel } from "./page.js";
import { updateCounts } from "./counts.js";
import { discardShown, offerBackup, readStore } from "./store.js";
import { flush, halt, isHalted, isIdle, queue, retryNow } from "./autosave.js";
import { release, wireNavigation } from "./navigation.js";

if (config) {
  updateCounts();
  if (config.editable && form) {
    offerBackup();
    form.addEventListener("input", function (event) {
      if (event.target.matches("[data-autosave]")) {
        queue(event.target);
        updateCounts();
      }
    });
    form.addEventListener("change", function (event) {
      if (!event.target.matches("select[data-autosave], input[type=checkbox][data-autosave], input[type=date][data-autosave]")) return;
      queue(event.target);
      const restyle = /\.item_style$/.test(event.target.name);
      flush().then(function () {
        // the item markers (1. / （一） / 一是) come from the server's numbering code
        if (restyle && !isHalted() && isIdle()) location.reload();
      });
    });
    wireNavigation();
  }
  panel.addEventListener("click", function (event) {
    const t = event.target;
    if (t.dataset.reload !== undefined) {
      halt();
      release();
      location.reload();
    } else if (t.dataset.retry !== undefined) {
      retryNow();
    } else if (t.dataset.copy) {
      const area = document.getElementById(t.dataset.copy);
      area.select();
      const done = function () { t.textContent = gettext("Copied"); };
      if (navigator.clipboard) navigator.clipboard.writeText(area.value).then(done, function () { document.execCommand("copy"); done(); });
      else { document.execCommand("copy"); done(); }
    } else if (t.dataset.restore !== undefined) {
      const data = readStore();
      fields().forEach(function (el) {
        if (el.name in data) {
          if (el.type === "checkbox") el.checked = data[el.name] === "1";
          else el.value = data[el.name];
          queue(el);
        }
      });
      panel.innerHTML = "";
      updateCounts();
    } else if (t.dataset.discard !== undefined) {
      discardShown();
      panel.innerHTML = "";
    }
  });
}
