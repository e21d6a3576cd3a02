// The section wizard: live counts and autosave.
//
// Every [data-autosave] field is queued on input and sent ~800 ms later to the autosave
// endpoint with the report's version (the optimistic lock). Edits made while a save is in
// flight wait in the queue and go out after it; nothing is dropped. The queue is flushed
// before the step form is submitted, on visibilitychange and on beforeunload. Unsaved text
// is also kept in localStorage until the server confirms it.
(function () {
  "use strict";
  var root = document.getElementById("wizard");
  if (!root) return;
  var form = document.getElementById("step-form");
  var statusEl = document.getElementById("save-status");
  var panel = document.getElementById("js-panel");
  var reportId = root.dataset.reportId;
  var editable = root.dataset.editable === "1";
  var url = root.dataset.autosaveUrl;
  var rate = parseInt(root.dataset.readingRate, 10) || 220;
  var otherChars = parseInt(root.dataset.otherChars, 10) || 0;
  var version = parseInt(root.dataset.version, 10);
  var DEBOUNCE = 800;
  var STORE = "report-draft-" + reportId;

  var pending = new Map(); // key -> value waiting to be sent
  var inflight = null; // Promise of the save on its way
  var timer = null;
  var halted = false; // after a conflict or a refusal: stop sending
  var retryTimer = null;

  var T = {
    saved: "已保存",
    saving: "保存中…",
    unsaved: "有未保存的修改",
    failed: "保存失败",
    conflict:
      "未保存：这份报告已在另一个窗口或另一台设备上被修改。为避免覆盖较新的内容，本次修改没有保存。下面是您输入但未保存的文字，请先复制，再重新加载页面查看最新版本。",
    reload: "重新加载页面",
    copy: "复制",
    copied: "已复制",
    login:
      "登录已过期，刚才的修改没有保存。请在新标签页中重新登录，登录后本页会自动重试保存；在此之前不要关闭本页，文字也已暂存在本机浏览器中。",
    loginLink: "在新标签页中登录",
    retry: "立即重试",
    network: "网络连接中断，修改暂未保存，稍后自动重试。",
    tooLong: function (max, n) {
      return "内容过长：最多 " + max + " 字，当前 " + n + " 字，未保存。请删减后再保存；文字仍保留在输入框中。";
    },
    restoreTitle: "本机浏览器中暂存有尚未保存到服务器的文字：",
    restore: "恢复这些文字并保存",
    discard: "不需要，丢弃",
    chars: "字",
  };

  function fields() {
    return form ? Array.prototype.slice.call(form.querySelectorAll("[data-autosave]")) : [];
  }
  function fieldValue(el) {
    return el.type === "checkbox" ? (el.checked ? "1" : "") : el.value;
  }
  function isText(el) {
    return el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type === "text");
  }
  // Characters not counting whitespace, by code point (𠮷 is one), like document.count_chars.
  function countChars(text) {
    var n = 0;
    for (var ch of text) if (!/\s/.test(ch)) n++;
    return n;
  }
  function codePoints(text) {
    return Array.from(text).length;
  }

  // -- counts ----------------------------------------------------------------------
  function updateCounts() {
    var stepTotal = 0;
    fields().forEach(function (el) {
      if (!isText(el)) return;
      var n = countChars(el.value);
      stepTotal += n;
      var out = form.querySelector('[data-count-for="' + cssEscape(el.name) + '"]');
      if (out) out.textContent = n + " " + T.chars;
    });
    var step = document.getElementById("step-chars");
    if (step) step.textContent = stepTotal;
    var total = otherChars + stepTotal;
    var rc = document.getElementById("report-chars");
    if (rc) rc.textContent = total;
    var rm = document.getElementById("reading-minutes");
    if (rm) rm.textContent = Math.ceil(total / rate);
  }
  function cssEscape(s) {
    return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/"/g, '\\"');
  }

  // -- status and panels -------------------------------------------------------------
  function setStatus(text, cls) {
    if (!statusEl) return;
    statusEl.textContent = text;
    statusEl.className = "save-status badge " + (cls || "text-bg-light");
    statusEl.dataset.state = cls || "";
  }
  function showPanel(html) {
    panel.innerHTML = html;
    panel.scrollIntoView({ block: "nearest" });
  }
  function esc(s) {
    var d = document.createElement("div");
    d.textContent = s;
    return d.innerHTML;
  }
  function labelFor(key) {
    var el = form.querySelector('[name="' + cssEscape(key) + '"]');
    var label = el && el.id ? form.querySelector('label[for="' + el.id + '"]') : null;
    return label ? label.textContent.trim() : key;
  }
  function setFieldError(key, message) {
    var el = form.querySelector('[name="' + cssEscape(key) + '"]');
    var out = form.querySelector('[data-error-for="' + cssEscape(key) + '"]');
    if (el) {
      el.classList.toggle("is-invalid", !!message);
      if (message) el.setAttribute("aria-invalid", "true");
      else el.removeAttribute("aria-invalid");
    }
    if (out) out.textContent = message || "";
  }

  // -- local backup --------------------------------------------------------------------
  function readStore() {
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
  function backup(key, value) {
    var data = readStore();
    data[key] = value;
    writeStore(data);
  }
  function forget(key, value) {
    var data = readStore();
    if (key in data && data[key] === value) {
      delete data[key];
      writeStore(data);
    }
  }

  // -- queue -----------------------------------------------------------------------------
  function queue(el) {
    var value = fieldValue(el);
    var max = parseInt(el.dataset.max, 10);
    backup(el.name, value);
    if (max && codePoints(value) > max) {
      pending.delete(el.name);
      setFieldError(el.name, T.tooLong(max, codePoints(value)));
      setStatus(T.failed, "text-bg-danger");
      return;
    }
    setFieldError(el.name, "");
    pending.set(el.name, value);
    if (!halted) setStatus(T.unsaved, "text-bg-warning");
    schedule(DEBOUNCE);
  }
  function schedule(delay) {
    if (halted) return;
    clearTimeout(timer);
    timer = setTimeout(flush, delay);
  }
  function csrfToken() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (m) return decodeURIComponent(m[1]);
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function putBack(batch) {
    Object.keys(batch).forEach(function (k) {
      if (!pending.has(k)) pending.set(k, batch[k]);
    });
  }
  function setVersion(v) {
    version = v;
    root.dataset.version = v;
    // every form on the page (fixes, submission) posts the version it was rendered with
    document.querySelectorAll("input[name=version]").forEach(function (i) {
      i.value = v;
    });
  }

  // Send everything queued; resolves when the queue is empty (or saving stopped).
  function flush(opts) {
    clearTimeout(timer);
    if (inflight) return inflight.then(function () { return flush(opts); });
    if (halted || pending.size === 0) return Promise.resolve();
    var batch = {};
    pending.forEach(function (v, k) { batch[k] = v; });
    pending.clear();
    setStatus(T.saving, "text-bg-info");
    inflight = fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: !!(opts && opts.keepalive),
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(), Accept: "application/json" },
      body: JSON.stringify({ version: version, changes: batch }),
    })
      .then(function (resp) {
        var isJson = (resp.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        if (resp.redirected || !isJson) {
          // a redirect to the login page, or Django's HTML 403 (CSRF after re-login)
          return loginExpired(batch);
        }
        return resp.json().then(function (data) { return handle(resp.status, data, batch); });
      })
      .catch(function () {
        putBack(batch);
        setStatus(T.failed, "text-bg-danger");
        showPanel('<div class="alert alert-warning network-failed">' + esc(T.network) + "</div>");
        retryLater(5000);
      })
      .then(function () {
        inflight = null;
        if (pending.size && !halted && !retryTimer) return flush(opts);
      });
    return inflight;
  }

  function handle(status, data, batch) {
    if (status === 200) {
      setVersion(data.version);
      (data.saved || []).forEach(function (k) {
        forget(k, batch[k]);
        setFieldError(k, "");
      });
      Object.keys(data.errors || {}).forEach(function (k) { setFieldError(k, data.errors[k]); });
      if (panel.querySelector(".network-failed, .login-expired")) panel.innerHTML = "";
      if (pending.size === 0) {
        if (Object.keys(data.errors || {}).length) setStatus(T.failed, "text-bg-danger");
        else setStatus(T.saved, "text-bg-success");
      }
      return;
    }
    if (status === 401 || (status === 403 && data.error !== "readonly")) return loginExpired(batch);
    if (status === 409) return conflict(data, batch);
    if (status === 403) {
      halted = true;
      setStatus(T.failed, "text-bg-danger");
      showPanel('<div class="alert alert-danger readonly-refused">' + esc(data.message) + "</div>");
      return;
    }
    // 400 / 413: refused values; the text stays in the fields and in localStorage
    Object.keys(data.errors || {}).forEach(function (k) { setFieldError(k, data.errors[k]); });
    setStatus(T.failed, "text-bg-danger");
    if (!data.errors || !Object.keys(data.errors).length) {
      showPanel('<div class="alert alert-danger">' + esc(data.message || T.failed) + "</div>");
    }
  }

  function loginExpired(batch) {
    putBack(batch);
    setStatus(T.failed, "text-bg-danger");
    var login = root.dataset.loginUrl + "?next=" + encodeURIComponent(location.pathname);
    showPanel(
      '<div class="alert alert-danger login-expired" role="alert"><p>' + esc(T.login) + "</p>" +
        '<a class="btn btn-sm btn-danger" target="_blank" rel="noopener" href="' + esc(login) + '">' + esc(T.loginLink) + "</a> " +
        '<button type="button" class="btn btn-sm btn-outline-secondary" data-retry>' + esc(T.retry) + "</button></div>"
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

  function conflict(data, batch) {
    halted = true;
    putBack(batch);
    setStatus(T.failed, "text-bg-danger");
    var html = '<div class="alert alert-danger conflict-panel" role="alert"><p class="fw-semibold">' + esc(T.conflict) + "</p>";
    var refused = data.refused || batch;
    Object.keys(refused).forEach(function (k, i) {
      html +=
        '<label class="form-label small mb-1" for="conflict-' + i + '">' + esc(labelFor(k)) + "</label>" +
        '<textarea class="form-control mb-1 refused-text" id="conflict-' + i + '" rows="3" readonly>' + esc(refused[k]) + "</textarea>" +
        '<button type="button" class="btn btn-sm btn-outline-secondary mb-2" data-copy="conflict-' + i + '">' + esc(T.copy) + "</button><br>";
    });
    html += '<button type="button" class="btn btn-danger" data-reload>' + esc(T.reload) + "</button></div>";
    showPanel(html);
  }

  panel.addEventListener("click", function (event) {
    var t = event.target;
    if (t.dataset.reload !== undefined) {
      halted = true;
      pending.clear();
      location.reload();
    } else if (t.dataset.retry !== undefined) {
      clearTimeout(retryTimer);
      retryTimer = null;
      flush();
    } else if (t.dataset.copy) {
      var area = document.getElementById(t.dataset.copy);
      area.select();
      var done = function () { t.textContent = T.copied; };
      if (navigator.clipboard) navigator.clipboard.writeText(area.value).then(done, function () { document.execCommand("copy"); done(); });
      else { document.execCommand("copy"); done(); }
    } else if (t.dataset.restore !== undefined) {
      var data = readStore();
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
      var store = readStore();
      fields().forEach(function (el) { delete store[el.name]; });
      writeStore(store);
      panel.innerHTML = "";
    }
  });

  // Offer back text kept in this browser that the server does not have.
  function offerBackup() {
    var data = readStore();
    var html = "";
    var changed = false;
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
    if (html && editable) {
      showPanel(
        '<div class="alert alert-warning backup-panel"><p>' + esc(T.restoreTitle) + "</p>" + html +
          '<button type="button" class="btn btn-sm btn-warning" data-restore>' + esc(T.restore) + "</button> " +
          '<button type="button" class="btn btn-sm btn-outline-secondary" data-discard>' + esc(T.discard) + "</button></div>"
      );
    }
  }

  // -- wiring ------------------------------------------------------------------------------
  updateCounts();
  if (!editable || !form) return;
  offerBackup();

  form.addEventListener("input", function (event) {
    if (event.target.matches("[data-autosave]")) {
      queue(event.target);
      updateCounts();
    }
  });
  form.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosave], input[type=checkbox][data-autosave], input[type=date][data-autosave]")) {
      queue(event.target);
      var restyle = /\.item_style$/.test(event.target.name);
      flush().then(function () {
        // the item markers (1. / （一） / 一是) come from the server's numbering code
        if (restyle && !halted && pending.size === 0) location.reload();
      });
    }
  });
  // Ctrl+S (a Word habit): save now instead of the browser's "Save page as" dialog.
  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "s" || event.key === "S")) {
      event.preventDefault();
      if (editable) flush(); // edits are queued as they are typed: send them now
    }
  });
  // Enter in a one-line field must not press the first button of the form.
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var next = document.getElementById("btn-next");
      if (next) {
        event.preventDefault();
        next.click();
      }
    } else if (event.key === "Enter" && event.target.matches("input[type=text]")) {
      event.preventDefault();
    }
  });

  // Submitting the step form (next/previous, add/move/delete): confirm, flush, then post.
  var releasing = false; // navigating away on purpose: no beforeunload question
  var submitting = false; // one submission per page
  form.addEventListener("submit", function (event) {
    event.stopPropagation(); // this handler also does site.js's confirm and double-submit guard
    var submitter = event.submitter;
    var question = submitter && submitter.dataset.confirm;
    event.preventDefault();
    if (submitting) return; // a double click: the first one is on its way
    if (question && !window.confirm(question)) return;
    submitting = true;
    if (halted) {
      // after a conflict the server answers with the refused texts as well
      submitVia(submitter);
      return;
    }
    flush().then(function () {
      submitVia(submitter);
    });
  });
  // Post the form natively (form.submit() fires no submit event and, unlike requestSubmit
  // after a prevented submission, always goes out in Chromium), keeping what the submitter
  // would have sent: its name/value and its formaction (e.g. the review area's buttons).
  function submitVia(submitter) {
    releasing = true;
    if (submitter && submitter.name) {
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = submitter.name;
      hidden.value = submitter.value;
      form.appendChild(hidden);
    }
    if (submitter && submitter.hasAttribute("formaction")) form.action = submitter.formAction;
    HTMLFormElement.prototype.submit.call(form);
    form.classList.add("submitting");
  }

  // Other forms on the page (a check's fix, the submission): save pending text first.
  document.addEventListener(
    "submit",
    function (event) {
      var other = event.target;
      if (other === form || other.dataset.flushed || (pending.size === 0 && !inflight)) return;
      event.preventDefault();
      event.stopPropagation();
      var submitter = event.submitter;
      var question = (submitter && submitter.dataset.confirm) || other.dataset.confirm;
      if (question && !window.confirm(question)) return;
      flush().then(function () {
        other.dataset.flushed = "1";
        if (submitter && submitter.name) {
          var hidden = document.createElement("input");
          hidden.type = "hidden";
          hidden.name = submitter.name;
          hidden.value = submitter.value;
          other.appendChild(hidden);
        }
        releasing = true;
        HTMLFormElement.prototype.submit.call(other);
      });
    },
    true
  );

  // Step links in the list: flush first.
  document.querySelectorAll("a.step-link").forEach(function (a) {
    a.addEventListener("click", function (event) {
      if (pending.size === 0 && !inflight) return;
      event.preventDefault();
      flush().then(function () { location.href = a.href; });
    });
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush({ keepalive: true });
  });
  window.addEventListener("pagehide", function () {
    flush({ keepalive: true });
  });
  window.addEventListener("beforeunload", function (event) {
    if (releasing || halted) return;
    if (pending.size || inflight) {
      flush({ keepalive: true });
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
