/*
 * The DKFDS components the pages use, started once the design system's script has loaded.
 * Every page works without this file: accordions are rendered open, and the error summary is
 * focused by its autofocus attribute.
 */
(function () {
  "use strict";
  var DKFDS = window.DKFDS;
  if (!DKFDS) { return; }

  // Accordions arrive open (readable without JavaScript); with it they start closed.
  document.querySelectorAll("ul.accordion").forEach(function (accordion) {
    if (accordion.hasAttribute("data-start-closed")) {
      accordion.querySelectorAll(".accordion-button[aria-controls]").forEach(function (button) {
        button.setAttribute("aria-expanded", "false");
      });
    }
    new DKFDS.Accordion(accordion).init();
  });

  // Focus moves to the error summary; its links focus the field with its label in view.
  var summary = document.querySelector("[data-module='error-summary']");
  if (summary) { new DKFDS.ErrorSummary(summary).init(); }
})();
