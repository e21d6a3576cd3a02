// Autosave: every [data-autosave] field is queued on input and sent ~800 ms later to the
// autosave endpoint with the version of the part of the report this step edits (the
// optimistic lock, see drafting/editing.py), this tab's id and the save's number, so that
// the server puts this tab's saves in order. Edits made while a save is in flight wait in
// the queue and go out after it; nothing is dropped. When the page is left (reload, link,
// closing the tab) everything not yet confirmed goes out at once with keepalive, and the
// copy in this browser (store.js) covers a save that does not arrive. A conflict, an expired
// login or a refusal stops the sending and says why in the panel; the text stays in the
// fields and in this browser until the server confirms it.
import { config, esc, fieldValue, labelFor, panel, root, setFieldError, setStatus, showPanel } from "./page.js";
import { countChars } from "./counts.js";
import { backup, forget, nextSeq, writerId } from "./store.js";

const DEBOUNCE = 800;
let version = parseInt(root.dataset.version, 10);
let partVersion = parseInt(root.dataset.partVersion || "0", 10);
const part = root.dataset.part || "";
const pending = new Map(); // key -> value waiting to be sent
let inflight = null; // Promise of the save on its way
let inflightBatch = null; // what it carries, until the server confirms it
const savedListeners = [];
export function onSaved(fn) { savedListeners.push(fn); }
let timer = null;
let halted = false; // after a conflict or a refusal: stop sending
let retryTimer = null;

export function isHalted() { return halted; }
export function halt() { halted = true; pending.clear(); }
export function isIdle() { return pending.size === 0 && !inflight; }

const status = {
  saved: () => setStatus(gettext("Saved"), "text-bg-success"),
  saving: () => setStatus(gettext("Saving…"), "text-bg-info"),
  unsaved: () => setStatus(gettext("Unsaved changes"), "text-bg-warning"),
  failed: () => setStatus(gettext("Not saved"), "text-bg-danger"),
};

export function queue(el) {
  const value = fieldValue(el);
  const max = parseInt(el.dataset.max, 10);
  backup(el.name, value);
  if (max && countChars(value) > max) {
    pending.delete(el.name);
    setFieldError(
      el.name,
      interpolate(
        gettext("Too long: at most %(max)s characters, now %(n)s; not saved. Shorten it to save it; the text stays in the field."),
        { max: max, n: countChars(value) },
        true
      )
    );
    status.failed();
    return;
  }
  setFieldError(el.name, "");
  pending.set(el.name, value);
  if (!halted) status.unsaved();
  schedule(DEBOUNCE);
}
function schedule(delay) {
  if (halted) return;
  clearTimeout(timer);
  timer = setTimeout(flush, delay);
}
function csrfToken() {
  const m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  if (m) return decodeURIComponent(m[1]);
  const input = document.querySelector("#step-form input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}
function putBack(batch) {
  Object.keys(batch).forEach(function (k) {
    if (!pending.has(k)) pending.set(k, batch[k]);
  });
}
function setVersion(v, parts) {
  version = v;
  root.dataset.version = v;
  // every form on the page (fixes, submission) posts the version it was rendered with
  document.querySelectorAll("input[name=version]").forEach(function (i) {
    i.value = v;
  });
  Object.keys(parts || {}).forEach(function (p) {
    if (p === part) {
      partVersion = parts[p];
      root.dataset.partVersion = partVersion;
      root.dataset.partWriter = writerId;
    }
    document.querySelectorAll("input[name=part_version]").forEach(function (i) {
      if (i.dataset.part === p) i.value = parts[p];
    });
  });
}
function body(batch) {
  const parts = {};
  if (part) parts[part] = partVersion;
  return JSON.stringify({ version: version, parts: parts, writer: writerId, seq: nextSeq(), changes: batch });
}
function headers() {
  return { "Content-Type": "application/json", "X-CSRFToken": csrfToken(), Accept: "application/json" };
}

// The page is going away: send at once everything the server has not confirmed (the save
// in flight too: the browser may cancel it), without waiting for answers. Its number is
// the newest, so the server keeps it over the one in flight whichever arrives first.
export function flushOnExit() {
  clearTimeout(timer);
  if (halted) return;
  const batch = {};
  if (inflightBatch) Object.keys(inflightBatch).forEach(function (k) { batch[k] = inflightBatch[k]; });
  pending.forEach(function (v, k) { batch[k] = v; });
  if (!Object.keys(batch).length) return;
  try {
    fetch(config.autosaveUrl, { method: "POST", credentials: "same-origin", keepalive: true, headers: headers(), body: body(batch) });
  } catch (e) {
    /* over the keepalive size limit: the copy in this browser is put back on the next visit */
  }
}

// Send everything queued; resolves when the queue is empty (or saving stopped).
export function flush(opts) {
  clearTimeout(timer);
  if (inflight) return inflight.then(function () { return flush(opts); });
  if (halted || pending.size === 0) return Promise.resolve();
  const batch = {};
  pending.forEach(function (v, k) { batch[k] = v; });
  pending.clear();
  inflightBatch = batch;
  status.saving();
  inflight = fetch(config.autosaveUrl, {
    method: "POST",
    credentials: "same-origin",
    keepalive: !!(opts && opts.keepalive),
    headers: headers(),
    body: body(batch),
  })
    .then(function (resp) {
      const isJson = (resp.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (resp.redirected || !isJson) {
        // a redirect to the login page, or Django's HTML 403 (CSRF after re-login)
        return loginExpired(batch);
      }
      return resp.json().then(function (data) { return handle(resp.status, data, batch); });
    })
    .catch(function () {
      putBack(batch);
      status.failed();
      showPanel('<div class="alert alert-warning network-failed">' + esc(gettext("The network connection was lost; the changes are not saved yet and will be retried shortly.")) + "</div>");
      retryLater(5000);
    })
    .then(function () {
      inflight = null;
      inflightBatch = null;
      if (pending.size && !halted && !retryTimer) return flush(opts);
    });
  return inflight;
}

function handle(code, data, batch) {
  if (code === 200) {
    setVersion(data.version, data.parts);
    (data.saved || []).forEach(function (k) {
      forget(k, batch[k]);
      setFieldError(k, "");
    });
    Object.keys(data.errors || {}).forEach(function (k) { setFieldError(k, data.errors[k]); });
    if (panel.querySelector(".network-failed, .login-expired")) panel.innerHTML = "";
    if (pending.size === 0) {
      if (Object.keys(data.errors || {}).length) status.failed();
      else status.saved();
      if ((data.saved || []).length) savedListeners.forEach(function (fn) { fn(); });
    }
    return;
  }
  if (code === 401 || (code === 403 && data.error !== "readonly")) return loginExpired(batch);
  if (code === 409) return conflict(data, batch);
  if (code === 403) {
    halted = true;
    status.failed();
    showPanel('<div class="alert alert-danger readonly-refused">' + esc(data.message) + "</div>");
    return;
  }
  // 400 / 413: refused values; the text stays in the fields and in localStorage
  Object.keys(data.errors || {}).forEach(function (k) { setFieldError(k, data.errors[k]); });
  status.failed();
  if (!data.errors || !Object.keys(data.errors).length) {
    showPanel('<div class="alert alert-danger">' + esc(data.message || gettext("Not saved")) + "</div>");
  }
}

function loginExpired(batch) {
  putBack(batch);
  status.failed();
  const login = config.loginUrl + "?next=" + encodeURIComponent(location.pathname);
  showPanel(
    '<div class="alert alert-danger login-expired" role="alert"><p>' +
      esc(gettext("Your login has expired and the last changes were not saved. Log in again in a new tab; this page then retries the save by itself. Until then do not close this page; the text is also kept in this browser.")) + "</p>" +
      '<a class="btn btn-sm btn-danger" target="_blank" rel="noopener" href="' + esc(login) + '">' + esc(gettext("Log in in a new tab")) + "</a> " +
      '<button type="button" class="btn btn-sm btn-outline-secondary" data-retry>' + esc(gettext("Retry now")) + "</button></div>"
  );
  retryLater(15000);
}

function retryLater(delay) {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(function () {
    retryTimer = null;
    flush();
  }, delay);
}
export function retryNow() {
  clearTimeout(retryTimer);
  retryTimer = null;
  flush();
}

function conflict(data, batch) {
  halted = true;
  putBack(batch);
  status.failed();
  let html = '<div class="alert alert-danger conflict-panel" role="alert"><p class="fw-semibold">' +
    esc(gettext("Not saved: this report was changed in another window or on another device. So as not to overwrite the newer text, this change was not saved. Below is what you typed: copy it first, then reload the page to see the latest version.")) + "</p>";
  const refused = data.refused || batch;
  Object.keys(refused).forEach(function (k, i) {
    html +=
      '<label class="form-label small mb-1" for="conflict-' + i + '">' + esc(labelFor(k)) + "</label>" +
      '<textarea class="form-control mb-1 refused-text" id="conflict-' + i + '" rows="3" readonly>' + esc(refused[k]) + "</textarea>" +
      '<button type="button" class="btn btn-sm btn-outline-secondary mb-2" data-copy="conflict-' + i + '">' + esc(gettext("Copy")) + "</button><br>";
  });
  html += '<button type="button" class="btn btn-danger" data-reload>' + esc(gettext("Reload the page")) + "</button></div>";
  showPanel(html);
}
