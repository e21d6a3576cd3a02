// Leaving a step: the step form's buttons (next, previous, add, move, delete), the step
// links, other forms on the page and closing the tab all flush the autosave queue first;
// keyboard habits (Ctrl+S saves, Ctrl+Enter goes on, Enter in a one-line field does nothing).
import { form } from "./page.js";
import { flush, flushOnExit, isHalted, isIdle } from "./autosave.js";
import { storeIsWorking } from "./store.js";

let releasing = false; // navigating away on purpose: no beforeunload question
let submitting = false; // one submission per page

// Post a form natively (form.submit() fires no submit event and, unlike requestSubmit after
// a prevented submission, always goes out in Chromium), keeping what the submitter would
// have sent: its name/value and its formaction (e.g. the review area's buttons).
function submitVia(target, submitter) {
  releasing = true;
  if (submitter && submitter.name) {
    const hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = submitter.name;
    hidden.value = submitter.value;
    target.appendChild(hidden);
  }
  if (submitter && submitter.hasAttribute("formaction")) target.action = submitter.formAction;
  HTMLFormElement.prototype.submit.call(target);
  target.classList.add("submitting");
}

export function wireNavigation() {
  // Ctrl+S (a Word habit): save now instead of the browser's "Save page as" dialog.
  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "s" || event.key === "S")) {
      event.preventDefault();
      flush(); // edits are queued as they are typed: send them now
    }
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      const next = document.getElementById("btn-next");
      if (next) {
        event.preventDefault();
        next.click();
      }
    } else if (event.key === "Enter" && event.target.matches("input[type=text]")) {
      event.preventDefault(); // must not press the first button of the form
    }
  });

  // The step form: confirm, flush, then post.
  form.addEventListener("submit", function (event) {
    event.stopPropagation(); // this handler also does site.js's confirm and double-submit guard
    const submitter = event.submitter;
    const question = submitter && submitter.dataset.confirm;
    event.preventDefault();
    if (submitting) return; // a double click: the first one is on its way
    if (question && !window.confirm(question)) return;
    submitting = true;
    if (isHalted()) {
      // after a conflict the server answers with the refused texts as well
      submitVia(form, submitter);
      return;
    }
    flush().then(function () { submitVia(form, submitter); });
  });

  // Other forms on the page (a check's fix, the submission): save pending text first.
  document.addEventListener(
    "submit",
    function (event) {
      const other = event.target;
      if (other === form || other.dataset.flushed || isIdle()) return;
      event.preventDefault();
      event.stopPropagation();
      const submitter = event.submitter;
      const question = (submitter && submitter.dataset.confirm) || other.dataset.confirm;
      if (question && !window.confirm(question)) return;
      flush().then(function () {
        other.dataset.flushed = "1";
        submitVia(other, submitter && submitter.name ? submitter : null);
      });
    },
    true
  );

  // Links of the page (the steps, the preview, the downloads, the import): flush first.
  document.addEventListener("click", function (event) {
    const a = event.target.closest("a[href]");
    if (!a || isIdle() || event.defaultPrevented || a.target === "_blank" || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (a.getAttribute("href").charAt(0) === "#" || a.dataset.focusField) return;
    event.preventDefault();
    flush().then(function () { releasing = true; location.href = a.href; });
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush({ keepalive: true });
  });
  // Reload, closing the tab, the back button: what is not confirmed goes out now; the copy
  // in this browser puts it back in this tab if the save does not arrive first.
  let exited = false;
  window.addEventListener("pagehide", function () {
    if (!exited) flushOnExit();
    exited = true;
  });
  window.addEventListener("pageshow", function () { exited = false; });
  window.addEventListener("beforeunload", function (event) {
    if (releasing || isHalted() || isIdle()) return;
    flushOnExit();
    exited = true;
    if (!storeIsWorking()) {
      // nothing in this browser to put the text back from: ask before leaving
      event.preventDefault();
      event.returnValue = "";
    }
  });
}

export function release() {
  releasing = true;
}
