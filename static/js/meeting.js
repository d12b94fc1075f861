/*
 * Meeting mode: the arrow keys (and a presenter's Page Up/Down) follow the page's own
 * "Forrige"/"Næste" links, and V follows "Vis medlemmernes svar". Without this file the links work.
 */
(function () {
  "use strict";

  var keys = document.querySelector("[data-meeting-keys]");
  if (keys) { keys.hidden = false; }

  function follow(selector) {
    var link = document.querySelector(selector);
    if (link) { window.location.assign(link.href); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    if (event.key === "ArrowRight" || event.key === "PageDown") {
      follow("[data-meeting-next]");
    } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
      follow("[data-meeting-prev]");
    } else if (event.key === "v" || event.key === "V") {
      follow("[data-meeting-reveal]");
    } else {
      return;
    }
    event.preventDefault();
  });
}());
