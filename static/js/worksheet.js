/*
 * Worksheet enhancements. Every page works without this file: the section form has a Save button,
 * the print and copy buttons are hidden until this script shows them.
 *
 * Autosave: each <fieldset data-autosave="url" data-scope="own|agreed"> is saved as JSON a moment
 * after the last change. A failed save (network, server) is retried with growing pauses and the
 * text stays in the page; a conflict on the board's agreed answer shows both texts and lets the
 * writer merge – for the member's own answer as for the board's agreed one. One change sends one
 * save: a save of what is already saved is skipped. Unsaved words (a merge not yet saved, say) are
 * kept in the tab's sessionStorage until saved, so a reload puts them back. The page warns before
 * leaving while anything is unsaved.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 1200;
  var RETRY_MS = [2000, 4000, 8000, 15000, 30000];

  function text(key, fallback) {
    var el = document.getElementById("worksheet-i18n");
    return (el && el.dataset[key]) || fallback;
  }

  function timeNow() {
    var d = new Date();
    return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
  }

  // --- Print and copy buttons ------------------------------------------------------------------
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var copyStatus = document.querySelector("[data-copy-status]");
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var input = document.getElementById(button.dataset.copy);
    if (!input) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () { if (copyStatus) { copyStatus.textContent = text("copied", "Linket er kopieret."); } };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
      } else {
        input.select();
        try { document.execCommand("copy"); done(); } catch (e) { /* the field stays selected */ }
      }
    });
  });

  // --- Autosave ----------------------------------------------------------------------------------
  var form = document.querySelector("[data-autosave-form]");
  if (!form || !window.fetch || !window.JSON) { return; }

  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
  var liveRegion = document.querySelector("[data-save-status]");
  var note = document.querySelector("[data-autosave-note]");
  if (note) { note.hidden = false; }
  var submitting = false;
  var blocks = [];

  function announce(message) {
    if (!liveRegion) { return; }
    liveRegion.textContent = "";
    // A fresh text node makes screen readers announce a repeated message too.
    window.setTimeout(function () { liveRegion.textContent = message; }, 50);
  }

  function Block(fieldset) {
    this.el = fieldset;
    this.url = fieldset.dataset.autosave;
    this.scope = fieldset.dataset.scope;
    this.status = fieldset.querySelector("[data-field-status]");
    this.textEl = fieldset.querySelector("textarea[name$='-text']");
    this.evidenceEl = fieldset.querySelector("textarea[name$='-evidence']");
    this.versionEl = fieldset.querySelector("input[name$='-version']");
    this.digestEl = fieldset.querySelector("input[name$='-digest']");
    this.dirty = false;
    this.inFlight = false;
    this.paused = false;
    this.timer = null;
    this.attempt = 0;
    // What was sent since the last save the server confirmed, whose answers never came back:
    // the server may have stored any of them (a retry after a lost answer often sends more).
    this.unconfirmed = [];
    this.draftKey = "worksheet-draft:" + this.url + ":" + this.scope;
    var question = fieldset.closest("section.question");
    this.questionId = question ? question.id.replace(/^q/, "") : "";
    this.savedContent = contentOf(this.values());
    var self = this;
    // Typing fires "input", leaving a field or picking a rating "change": both lead here, and
    // changed() ignores an event that leaves the content as it was saved or is being saved.
    fieldset.addEventListener("input", function () { self.changed(); });
    fieldset.addEventListener("change", function () { self.changed(); });
    this.restoreDraft();
  }

  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }

  Block.prototype.storeDraft = function () {
    var store = storage();
    if (!store) { return; }
    var values = this.values();
    try { store.setItem(this.draftKey, JSON.stringify(values)); } catch (e) { /* full: the beforeunload warning remains */ }
  };

  Block.prototype.clearDraft = function () {
    var store = storage();
    if (store) { store.removeItem(this.draftKey); }
  };

  Block.prototype.restoreDraft = function () {
    var store = storage();
    var raw = store && store.getItem(this.draftKey);
    if (!raw) { return; }
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { this.clearDraft(); return; }
    if (contentOf(draft) === this.savedContent) { this.clearDraft(); return; }
    if (this.textEl) { this.textEl.value = draft.text || ""; }
    if (this.evidenceEl) { this.evidenceEl.value = draft.evidence || ""; }
    var radio = draft.rating && this.el.querySelector("input[type=radio][value='" + draft.rating + "']");
    if (radio) { radio.checked = true; }
    // Saved on top of the version the words were written against: if someone saved since, the
    // writer gets the usual choice instead of overwriting them.
    if (this.versionEl) { this.versionEl.value = draft.version || 0; }
    this.dirty = true;
    this.setStatus(text("restored", "Din tekst, der ikke var gemt, er sat ind igen. Gemmer …"));
    this.schedule(DEBOUNCE_MS);
  };

  Block.prototype.values = function () {
    var checked = this.el.querySelector("input[type=radio]:checked");
    return {
      scope: this.scope,
      text: this.textEl ? this.textEl.value : "",
      rating: checked ? checked.value : "",
      evidence: this.evidenceEl ? this.evidenceEl.value : "",
      version: this.versionEl && this.versionEl.value ? parseInt(this.versionEl.value, 10) : 0
    };
  };

  Block.prototype.setStatus = function (message, isError) {
    if (!this.status) { return; }
    this.status.textContent = message;
    this.status.classList.toggle("is-error", !!isError);
  };

  Block.prototype.changed = function () {
    var content = contentOf(this.values());
    if (content === this.savedContent && !this.inFlight && !this.paused) {
      // Back to what is saved (or a "change" after the "input" already saved): nothing to send.
      window.clearTimeout(this.timer);
      this.dirty = false;
      this.clearDraft();
      return;
    }
    if (this.inFlight && content === this.sendingContent) { return; }
    this.dirty = true;
    this.storeDraft();
    if (this.paused) { return; }
    this.setStatus(text("unsaved", "Ikke gemt endnu …"));
    this.schedule(DEBOUNCE_MS);
  };

  Block.prototype.schedule = function (delay) {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.save(); }, delay);
  };

  Block.prototype.retry = function (message) {
    var delay = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)];
    this.attempt += 1;
    this.setStatus(message + " " + text("retrying", "Prøver igen om %s sekunder. Din tekst er ikke væk.").replace("%s", Math.round(delay / 1000)), true);
    announce(message);
    this.schedule(delay);
  };

  Block.prototype.save = function () {
    if (this.inFlight || this.paused || !this.dirty) { return; }
    var self = this;
    var sent = this.values();
    var sentJson = JSON.stringify(sent);
    if (contentOf(sent) === this.savedContent) { this.dirty = false; this.clearDraft(); return; }
    this.sendingContent = contentOf(sent);
    this.inFlight = true;
    this.dirty = false;
    this.setStatus(text("saving", "Gemmer …"));
    fetch(this.url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": csrf ? csrf.value : ""
      },
      body: sentJson
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    }).then(function (result) {
      self.inFlight = false;
      self.handle(result.status, result.data, sent);
    }, function () {
      self.inFlight = false;
      self.dirty = true;
      self.rememberUnconfirmed(sent);
      self.retry(text("offline", "Ikke gemt – forbindelsen svigtede."));
    });
  };

  Block.prototype.handle = function (status, data, sent) {
    if (status === 200 && data.status === "saved") {
      this.attempt = 0;
      this.unconfirmed = [];
      if (this.versionEl && data.version !== undefined) { this.versionEl.value = data.version; }
      if (this.digestEl && data.digest) { this.digestEl.value = data.digest; }
      this.savedContent = contentOf(sent);
      if (contentOf(this.values()) !== contentOf(sent)) {
        this.dirty = true;  // typed on while saving: save again
        this.schedule(DEBOUNCE_MS);
        return;
      }
      this.dirty = false;
      this.clearDraft();
      this.setStatus(text("saved", "Gemt kl. %s").replace("%s", timeNow()));
      if (!anyUnsaved()) { announce(text("allSaved", "Alle ændringer er gemt.")); }
      return;
    }
    if (status === 409 && data.status === "conflict" && this.isOwnLostSave(data)) {
      // The server stored an earlier save whose answer never reached us: not someone else's
      // text, so no conflict to show. Build on that version and send what is in the field.
      if (this.versionEl) { this.versionEl.value = data.version; }
      this.savedContent = contentOf(data);
      this.unconfirmed = [];
      this.dirty = true;
      this.schedule(0);
      return;
    }
    if (status === 409 && data.status === "conflict") {
      this.dirty = true;
      this.showConflict(data, sent);
      return;
    }
    if (status === 400 && data.status === "invalid") {
      // Not retried: the writer must change the text. It stays in the field.
      this.dirty = true;
      this.setStatus(data.message, true);
      announce(data.message);
      return;
    }
    if (status === 409 || status === 403 || status === 404) {
      this.dirty = true;
      this.paused = true;
      var message = data.message || text("noAccess", "Svaret kunne ikke gemmes. Kopiér din tekst, før du forlader siden.");
      if (data.status === "closed") { message += " " + text("keepText", "Din tekst står stadig i feltet – kopiér den, hvis du vil gemme den."); }
      this.setStatus(message, true);
      announce(message);
      return;
    }
    this.dirty = true;
    if (status >= 500) { this.rememberUnconfirmed(sent); }
    this.retry(text("serverError", "Ikke gemt – der skete en fejl på serveren."));
  };

  Block.prototype.rememberUnconfirmed = function (sent) {
    var content = contentOf(sent);
    if (this.unconfirmed.indexOf(content) === -1) { this.unconfirmed.push(content); }
    if (this.unconfirmed.length > 20) { this.unconfirmed.shift(); }
  };

  Block.prototype.isOwnLostSave = function (theirs) {
    return this.unconfirmed.indexOf(contentOf(theirs)) !== -1;
  };

  Block.prototype.showConflict = function (theirs, mine) {
    var self = this;
    this.paused = true;
    window.clearTimeout(this.timer);
    this.storeDraft();
    var old = this.el.querySelector(".conflict");
    if (old) { old.remove(); }
    var box = document.createElement("div");
    box.className = "conflict";
    box.setAttribute("role", "alert");
    var heading = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = theirs.message;
    heading.appendChild(strong);
    heading.appendChild(document.createTextNode(" " + text("conflictHelp", "Vælg, hvad der skal gemmes. Intet er overskrevet.")));
    box.appendChild(heading);
    var texts = document.createElement("div");
    texts.className = "conflict-texts";
    [[text("theirs", "Den gemte tekst"), theirs.rating_label, theirs.text],
     [text("mine", "Din tekst"), "", mine.text]].forEach(function (part) {
      var column = document.createElement("div");
      var h = document.createElement("h3");
      h.textContent = part[0];
      column.appendChild(h);
      if (part[1]) { var r = document.createElement("p"); r.textContent = part[1]; column.appendChild(r); }
      var p = document.createElement("p");
      p.className = "conflict-text";
      p.textContent = part[2] || "–";
      if (part[2]) { p.lang = "da"; }
      column.appendChild(p);
      texts.appendChild(column);
    });
    box.appendChild(texts);
    var actions = document.createElement("div");
    actions.className = "conflict-actions";
    function action(label, apply) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = label;
      button.addEventListener("click", function () {
        apply();
        if (self.versionEl) { self.versionEl.value = theirs.version; }
        if (self.digestEl) { self.digestEl.value = theirs.digest; }
        self.storeDraft();
        box.remove();
        self.paused = false;
        self.dirty = true;
        self.save();
        if (self.textEl) { self.textEl.focus(); }
      });
      actions.appendChild(button);
    }
    function merge(a, b) {
      if (!a || a === b) { return b; }
      if (!b || a.indexOf(b) !== -1) { return a; }
      return a + "\n\n" + b;
    }
    action(text("merge", "Sæt teksterne sammen"), function () {
      if (self.textEl) { self.textEl.value = merge(theirs.text, self.textEl.value); }
      if (self.evidenceEl) { self.evidenceEl.value = merge(theirs.evidence, self.evidenceEl.value); }
    });
    action(text("useTheirs", "Brug den gemte tekst"), function () {
      if (self.textEl) { self.textEl.value = theirs.text; }
      if (self.evidenceEl) { self.evidenceEl.value = theirs.evidence; }
      var radio = self.el.querySelector("input[type=radio][value='" + (theirs.rating || "") + "']");
      if (radio) { radio.checked = true; }
    });
    action(text("keepMine", "Behold min tekst"), function () {});
    box.appendChild(actions);
    this.el.insertBefore(box, this.el.querySelector("legend").nextSibling);
    this.setStatus(text("conflictStatus", "Ikke gemt – se de to tekster ovenfor."), true);
  };

  // Someone saved this answer elsewhere (another member, or the visitor on another device).
  // Taken over only while the visitor is not writing here; returns false if it has to wait.
  Block.prototype.refresh = function (theirs) {
    if (!theirs) { return true; }
    var local = this.versionEl && this.versionEl.value ? parseInt(this.versionEl.value, 10) : 0;
    if (theirs.version <= local) { return true; }
    if (this.dirty || this.inFlight || this.paused || this.el.contains(document.activeElement)) { return false; }
    if (this.textEl) { this.textEl.value = theirs.text; }
    if (this.evidenceEl) { this.evidenceEl.value = theirs.evidence; }
    this.el.querySelectorAll("input[type=radio]").forEach(function (radio) { radio.checked = radio.value === theirs.rating; });
    if (this.versionEl) { this.versionEl.value = theirs.version; }
    if (this.digestEl) { this.digestEl.value = theirs.digest; }
    this.savedContent = contentOf(this.values());
    var who = this.scope === "own" ? text("updatedElsewhere", "Opdateret fra en anden enhed kl. %s").replace("%s", timeNow())
      : text("updatedBy", "Opdateret af %s kl. %t").replace("%s", theirs.updated_by || "").replace("%t", timeNow());
    this.setStatus(who);
    return true;
  };

  function contentOf(values) {
    return JSON.stringify([values.text, values.rating, values.evidence]);
  }

  function anyUnsaved() {
    return blocks.some(function (b) { return b.dirty || b.inFlight; });
  }

  form.querySelectorAll("fieldset[data-autosave]").forEach(function (fieldset) {
    blocks.push(new Block(fieldset));
  });

  form.addEventListener("submit", function () {
    submitting = true;
    blocks.forEach(function (b) { window.clearTimeout(b.timer); });
  });

  // --- Live refresh: the others' answers and the agreed answer, without a reload ------------------
  var LIVE_MS = 4000;
  var liveUrl = form.dataset.live;
  var liveTag = null;
  var liveShown = {};
  function applyLive(data) {
    var complete = true;
    Object.keys(data.questions || {}).forEach(function (id) {
      var q = data.questions[id];
      [["others", q.others_html], ["agreed", q.agreed_html]].forEach(function (part) {
        var target = part[1] !== undefined && form.querySelector("[data-live-" + part[0] + "='" + id + "']");
        var key = part[0] + id;
        if (!target) { return; }
        if (liveShown[key] === undefined) { liveShown[key] = target.innerHTML; }
        if (liveShown[key] !== part[1]) { target.innerHTML = part[1]; liveShown[key] = part[1]; }  // rendered and escaped by Django
      });
      blocks.forEach(function (b) {
        if (b.questionId !== id) { return; }
        if (!b.refresh(b.scope === "own" ? q.own : q.agreed)) { complete = false; }
      });
    });
    // What had to wait (the visitor was writing) is fetched in full next time.
    if (!complete) { liveTag = null; }
  }
  function pollLive() {
    if (document.visibilityState !== "visible") { window.setTimeout(pollLive, LIVE_MS); return; }
    var headers = { "Accept": "application/json" };
    if (liveTag) { headers["If-None-Match"] = liveTag; }
    fetch(liveUrl, { credentials: "same-origin", cache: "no-store", headers: headers }).then(function (response) {
      if (response.status === 403 || response.status === 404) { return "stop"; }
      if (response.status !== 200) { return null; }
      var tag = response.headers.get("ETag");
      return response.json().then(function (data) { liveTag = tag; applyLive(data); });
    }).catch(function () { return null; }).then(function (outcome) {
      if (outcome !== "stop") { window.setTimeout(pollLive, LIVE_MS); }
    });
  }
  if (liveUrl) { window.setTimeout(pollLive, LIVE_MS); }

  window.addEventListener("online", function () {
    blocks.forEach(function (b) { if (b.dirty && !b.paused) { b.attempt = 0; b.schedule(0); } });
  });

  window.addEventListener("beforeunload", function (event) {
    if (submitting || !anyUnsaved()) { return; }
    blocks.forEach(function (b) { b.save(); });
    event.preventDefault();
    event.returnValue = "";
  });
})();
