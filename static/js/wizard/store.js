// A copy in this browser (localStorage) of what was typed and not yet confirmed by the
// server, with the tab that typed it and the version of the part it was typed on. The same
// tab, reloaded, puts its own text back by itself (the save it sent while unloading may not
// have arrived yet); text from another tab or an earlier visit is offered back.
import { config, esc, fieldValue, fields, isText, labelFor, panel, root, showPanel } from "./page.js";

const STORE = config ? "report-draft-" + config.reportId : "";
let storeWorks = true;

// This tab's id: kept across reloads of the tab (sessionStorage), new for every other tab.
// A duplicated tab copies sessionStorage; the first tab answers on a broadcast channel and
// the copy takes a new id, so two tabs never save under one id.
export let writerId = (function () {
  let id = "";
  try {
    id = sessionStorage.getItem("report-writer") || "";
  } catch (e) { /* no storage: one id per page */ }
  const fresh = function () {
    const n = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now();
    return n.replace(/[^A-Za-z0-9-]/g, "").slice(0, 40);
  };
  if (!id) id = fresh();
  try { sessionStorage.setItem("report-writer", id); } catch (e) { /* ignore */ }
  return id;
})();
if (window.BroadcastChannel) {
  const channel = new BroadcastChannel("report-writers");
  channel.onmessage = function (event) {
    if (event.data && event.data.hello === writerId) channel.postMessage({ taken: writerId });
    else if (event.data && event.data.taken === writerId && event.data.taken !== "") {
      writerId = "w" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
      try { sessionStorage.setItem("report-writer", writerId); } catch (e) { /* ignore */ }
    }
  };
  channel.postMessage({ hello: writerId });
}

// The number of a save in this tab: increasing across reloads (milliseconds, then a counter).
let lastSeq = 0;
try { lastSeq = parseInt(sessionStorage.getItem("report-seq") || "0", 10) || 0; } catch (e) { /* ignore */ }
export function nextSeq() {
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000);
  try { sessionStorage.setItem("report-seq", String(lastSeq)); } catch (e) { /* ignore */ }
  return lastSeq;
}

function entry(raw) {
  return raw !== null && typeof raw === "object" ? raw : { v: String(raw), w: "", b: -1 };
}
export function readStore() {
  try {
    const data = JSON.parse(localStorage.getItem(STORE) || "{}");
    Object.keys(data).forEach(function (k) { data[k] = entry(data[k]); });
    return data;
  } catch (e) {
    return {};
  }
}
function writeStore(data) {
  try {
    if (Object.keys(data).length) localStorage.setItem(STORE, JSON.stringify(data));
    else localStorage.removeItem(STORE);
    storeWorks = true;
  } catch (e) {
    storeWorks = false; // storage full or disabled: the page still holds the text
  }
}
export function storeIsWorking() { return storeWorks; }
export function backup(key, value) {
  const data = readStore();
  data[key] = { v: value, w: writerId, b: parseInt(root.dataset.partVersion || "0", 10) };
  writeStore(data);
}
export function forget(key, value) {
  const data = readStore();
  if (key in data && data[key].v === value) {
    delete data[key];
    writeStore(data);
  }
}
export function discardShown() {
  const store = readStore();
  fields().forEach(function (el) { delete store[el.name]; });
  writeStore(store);
}

// What this browser holds that the server does not: this tab's own text is put back into
// the fields (returned, to be saved again); other text is offered back in the panel.
export function offerBackup() {
  const data = readStore();
  const partVersion = parseInt(root.dataset.partVersion || "0", 10);
  const mine = root.dataset.partWriter === writerId;
  const restored = [];
  let html = "";
  let changed = false;
  fields().forEach(function (el) {
    if (!(el.name in data)) return;
    const kept = data[el.name];
    if (kept.v === fieldValue(el)) {
      delete data[el.name];
      changed = true;
      return;
    }
    if (kept.w === writerId && (mine || kept.b === partVersion) && config.editable) {
      if (el.type === "checkbox") el.checked = kept.v === "1";
      else el.value = kept.v;
      restored.push(el);
      return;
    }
    if (isText(el)) html += '<div class="small fw-semibold">' + esc(labelFor(el.name)) + '</div><pre class="backup-text">' + esc(kept.v) + "</pre>";
  });
  if (changed) writeStore(data);
  if (html && config.editable) {
    showPanel(
      '<div class="alert alert-warning backup-panel"><p>' + esc(gettext("This browser still holds text that was not saved to the server:")) + "</p>" + html +
        '<button type="button" class="btn btn-sm btn-warning" data-restore>' + esc(gettext("Restore this text and save it")) + "</button> " +
        '<button type="button" class="btn btn-sm btn-outline-secondary" data-discard>' + esc(gettext("No, discard it")) + "</button></div>"
    );
  }
  return restored;
}
