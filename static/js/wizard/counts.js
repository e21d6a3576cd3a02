// Live character counts: per field, this step, the whole report, and the reading time.
import { config, cssEscape, fields, form, isText } from "./page.js";

// Characters not counting whitespace, by code point (𠮷 is one), like document.count_chars:
// the one count of the page (the fields' counters, the totals and the length limits).
export function countChars(text) {
  let n = 0;
  for (const ch of text) if (!/\s/.test(ch)) n++;
  return n;
}

export function updateCounts() {
  let stepTotal = 0;
  fields().forEach(function (el) {
    if (!isText(el)) return;
    const n = countChars(el.value);
    stepTotal += n;
    const out = form.querySelector('[data-count-for="' + cssEscape(el.name) + '"]');
    if (out) out.textContent = n + " " + gettext("chars");
  });
  const step = document.getElementById("step-chars");
  if (step) step.textContent = stepTotal;
  const total = config.otherChars + stepTotal;
  const rc = document.getElementById("report-chars");
  if (rc) rc.textContent = total;
  const rm = document.getElementById("reading-minutes");
  if (rm) rm.textContent = Math.ceil(total / config.readingRate); // document.reading_minutes
}
