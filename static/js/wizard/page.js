// The wizard page: its elements, its settings (data-* on #wizard), and small DOM helpers
// shared by the other modules. Strings come from Django's JavaScript catalogue (gettext).
export const root = document.getElementById("wizard");
export const form = document.getElementById("step-form");
const statusEl = document.getElementById("save-status");
export const panel = document.getElementById("js-panel");

export const config = root
  ? {
      reportId: root.dataset.reportId,
      editable: root.dataset.editable === "1",
      autosaveUrl: root.dataset.autosaveUrl,
      loginUrl: root.dataset.loginUrl,
      readingRate: parseInt(root.dataset.readingRate, 10) || 220,
      otherChars: parseInt(root.dataset.otherChars, 10) || 0,
    }
  : null;

export function fields() {
  return form ? Array.prototype.slice.call(form.querySelectorAll("[data-autosave]")) : [];
}
export function fieldValue(el) {
  return el.type === "checkbox" ? (el.checked ? "1" : "") : el.value;
}
// The value the server rendered into the field (what the page came with).
export function renderedValue(el) {
  if (el.type === "checkbox") return el.defaultChecked ? "1" : "";
  if (el.tagName === "SELECT") {
    const chosen = Array.prototype.filter.call(el.options, function (o) { return o.defaultSelected; })[0];
    return chosen ? chosen.value : el.options.length ? el.options[0].value : "";
  }
  // a one-line field drops line breaks from its value by itself: that is no edit
  return el.tagName === "INPUT" ? el.defaultValue.replace(/[\r\n]/g, "") : el.defaultValue;
}
export function isText(el) {
  return el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type === "text");
}
export function cssEscape(s) {
  return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/"/g, '\\"');
}
export function esc(s) {
  const d = document.createElement("div");
  d.textContent = s;
  return d.innerHTML;
}

export function setStatus(text, cls) {
  if (!statusEl) return;
  statusEl.textContent = text;
  statusEl.className = "save-status badge " + (cls || "text-bg-light");
  statusEl.dataset.state = cls || "";
}
export function showPanel(html) {
  panel.innerHTML = html;
  panel.scrollIntoView({ block: "nearest" });
}
export function labelFor(key) {
  const el = form.querySelector('[name="' + cssEscape(key) + '"]');
  const label = el && el.id ? form.querySelector('label[for="' + el.id + '"]') : null;
  return label ? label.textContent.trim() : key;
}
export function setFieldError(key, message) {
  const el = form.querySelector('[name="' + cssEscape(key) + '"]');
  const out = form.querySelector('[data-error-for="' + cssEscape(key) + '"]');
  if (el) {
    el.classList.toggle("is-invalid", !!message);
    if (message) el.setAttribute("aria-invalid", "true");
    else el.removeAttribute("aria-invalid");
  }
  if (out) out.textContent = message || "";
}
