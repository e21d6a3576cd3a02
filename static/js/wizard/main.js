// The section wizard's page script (an ES module; its strings come from the JavaScript
// catalogue loaded before it): live counts, autosave, the browser's safety copy, and
// flushing the saves before the page is left, the findings panel refreshed after each save,
// the item a button added or moved brought into view, and what was typed before it ran.
import { config, fieldValue, fields, form, panel, renderedValue, root } from "./page.js";
import { updateCounts } from "./counts.js";
import { discardShown, offerBackup, readStore } from "./store.js";
import { flush, halt, isHalted, isIdle, onSaved, queue, retryNow } from "./autosave.js";
import { release, wireNavigation } from "./navigation.js";
import { refreshFindings } from "./findings.js";

// After "add an item" or a move the page comes back naming that item (data-focus): show it
// and put the cursor in its first empty field (or its lead sentence).
function focusTarget() {
  const m = /^#?(item-\d+)$/.exec(document.getElementById("wizard").dataset.focus || location.hash);
  const item = m && document.getElementById(m[1]);
  if (!item) return;
  const inputs = Array.prototype.slice.call(item.querySelectorAll("input[type=text], textarea"));
  const field = inputs.filter(function (el) { return !el.value; })[0] || inputs[0];
  item.scrollIntoView({ block: "center" });
  if (field) field.focus({ preventScroll: true });
}

if (config) {
  updateCounts();
  focusTarget();
  if (config.editable && form) {
    const restored = offerBackup();
    // What was typed while this script was still loading fired no handler: queue it too.
    fields().forEach(function (el) {
      if (restored.indexOf(el) < 0 && fieldValue(el) !== renderedValue(el)) restored.push(el);
    });
    restored.forEach(function (el) { queue(el); });
    updateCounts();
    onSaved(refreshFindings);
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
  root.dataset.ready = "1"; // the handlers are in place (the browser tests wait for it)
  // Printing the preview: the print style sheet leaves only the report on the page.
  document.querySelectorAll(".print-report").forEach(function (b) {
    b.addEventListener("click", function () { flush().then(function () { window.print(); }); });
  });
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
          if (el.type === "checkbox") el.checked = data[el.name].v === "1";
          else el.value = data[el.name].v;
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
