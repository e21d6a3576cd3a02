// A copy in this browser (localStorage) of what was typed and not yet confirmed by the
// server, offered back when the page is opened again.
import { config, esc, fieldValue, fields, isText, labelFor, panel, showPanel } from "./page.js";

const STORE = config ? "report-draft-" + config.reportId : "";

export function readStore() {
  try {
    return JSON.parse(localStorage.getItem(STORE) || "{}");
  } catch (e) {
    return {};
  }
}
function writeStore(data) {
  try {
    if (Object.keys(data).length) localStorage.setItem(STORE, JSON.stringify(data));
    else localStorage.removeItem(STORE);
  } catch (e) {
    /* storage full or disabled: the page still holds the text */
  }
}
export function backup(key, value) {
  const data = readStore();
  data[key] = value;
  writeStore(data);
}
export function forget(key, value) {
  const data = readStore();
  if (key in data && data[key] === value) {
    delete data[key];
    writeStore(data);
  }
}
export function discardShown() {
  const store = readStore();
  fields().forEach(function (el) { delete store[el.name]; });
  writeStore(store);
}

// Offer back text kept in this browser that the server does not have.
export function offerBackup() {
  const data = readStore();
  let html = "";
  let changed = false;
  fields().forEach(function (el) {
    if (!(el.name in data)) return;
    if (data[el.name] === fieldValue(el)) {
      delete data[el.name];
      changed = true;
      return;
    }
    if (isText(el)) html += '<div class="small fw-semibold">' + esc(labelFor(el.name)) + '</div><pre class="backup-text">' + esc(data[el.name]) + "</pre>";
  });
  if (changed) writeStore(data);
  if (html && config.editable) {
    showPanel(
      '<div class="alert alert-warning backup-panel"><p>' + esc(gettext("This browser still holds text that was not saved to the server:")) + "</p>" + html +
        '<button type="button" class="btn btn-sm btn-warning" data-restore>' + esc(gettext("Restore this text and save it")) + "</button> " +
        '<button type="button" class="btn btn-sm btn-outline-secondary" data-discard>' + esc(gettext("No, discard it")) + "</button></div>"
    );
  }
  return panel;
}
