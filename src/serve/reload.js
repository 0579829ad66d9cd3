// Sent by `chiso serve` only; never part of a built site. An external file because the pages'
// Content-Security-Policy allows scripts from the site itself only.
(function () {
  "use strict";
  var POLL_MS = 300;
  var MAX_BACKOFF_MS = 5000;
  var errorPage = document.documentElement.hasAttribute("data-chiso-error-page");
  var known = null;
  var checked = false;
  var dismissed = null;
  var panel = null;
  var returnFocus = null;
  var delay = POLL_MS;

  // The version this page was built at, from the page's own response, so that a rebuild
  // between loading the page and the first poll is not missed.
  try {
    var nav = performance.getEntriesByType("navigation")[0];
    (nav && nav.serverTiming || []).forEach(function (t) {
      if (t.name === "chiso") known = t.description;
    });
  } catch (e) { /* older browsers: the first poll sets the version */ }

  function get(url) {
    return fetch(url, { cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r;
    });
  }

  function poll() {
    get("/__chiso/version")
      .then(function (r) { return r.text(); })
      .then(function (text) {
        delay = POLL_MS;
        var version = text.trim();
        var changed = known !== null && version !== known;
        known = version;
        // The first answer also tells a page opened while the input is broken to show why.
        if (changed || !checked) return status(changed);
      })
      // The server stopped or restarts: ask less often until it answers again.
      .catch(function () { delay = Math.min(delay * 2, MAX_BACKOFF_MS); })
      .then(function () { setTimeout(poll, delay); });
  }

  function status(changed) {
    return get("/__chiso/errors.json")
      .then(function (r) { return r.json(); })
      .then(function (s) {
        checked = true;
        if (errorPage) {
          // The plain error page has no site behind it: any new build replaces it.
          if (changed || s.ok) location.reload();
        } else if (s.ok) {
          hide();
          if (changed) location.reload();
        } else {
          show(s);
        }
      });
  }

  function stylesheet() {
    if (document.getElementById("chiso-errors-css")) return;
    var link = document.createElement("link");
    link.id = "chiso-errors-css";
    link.rel = "stylesheet";
    link.href = "/__chiso/overlay.css";
    document.head.appendChild(link);
  }

  function build() {
    stylesheet();
    panel = document.createElement("div");
    panel.id = "chiso-errors";
    panel.setAttribute("role", "alertdialog");
    panel.setAttribute("aria-modal", "false");
    panel.setAttribute("aria-labelledby", "chiso-errors-title");
    panel.setAttribute("aria-describedby", "chiso-errors-note chiso-errors-text");
    var head = document.createElement("div");
    head.className = "chiso-errors-head";
    var title = document.createElement("h2");
    title.id = "chiso-errors-title";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "chiso-errors-close";
    close.addEventListener("click", dismiss);
    head.appendChild(title);
    head.appendChild(close);
    var note = document.createElement("p");
    note.id = "chiso-errors-note";
    var text = document.createElement("pre");
    text.id = "chiso-errors-text";
    text.tabIndex = 0;
    panel.appendChild(head);
    panel.appendChild(note);
    panel.appendChild(text);
    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") dismiss();
    });
    panel.hidden = true;
    document.body.appendChild(panel);
  }

  function show(s) {
    if (dismissed === known) return;
    if (!panel) build();
    var wasHidden = panel.hidden;
    document.getElementById("chiso-errors-title").textContent = s.title;
    document.getElementById("chiso-errors-note").textContent = s.note;
    document.getElementById("chiso-errors-text").textContent = s.text;
    var close = panel.querySelector(".chiso-errors-close");
    close.textContent = s.dismiss;
    close.setAttribute("aria-label", s.dismiss);
    panel.hidden = false;
    if (wasHidden) {
      returnFocus = document.activeElement;
      close.focus();
    }
  }

  function hide() {
    if (!panel || panel.hidden) return;
    panel.hidden = true;
    if (returnFocus && returnFocus.focus) returnFocus.focus();
    returnFocus = null;
  }

  function dismiss() {
    dismissed = known;
    hide();
  }

  poll();
})();
