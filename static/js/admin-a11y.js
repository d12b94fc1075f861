/*
 * Names for the admin's unlabelled controls, so screen readers say what each one is:
 * - list_editable inputs in a changelist (the "position" column) are named by their column and
 *   row ("Rækkefølge: Tema 1");
 * - fields in tabular inlines are named by their column heading;
 * - select2 (autocomplete) boxes and their search fields are named by the field's label.
 * Without this file the admin works as before; the admin needs JavaScript for select2 anyway.
 */
(function () {
  "use strict";

  function text(el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; }

  function columnHeading(cell) {
    var table = cell.closest("table");
    var index = Array.prototype.indexOf.call(cell.parentNode.children, cell);
    var row = table && table.tHead && table.tHead.rows[0];
    return row && row.cells[index] ? text(row.cells[index]) : "";
  }

  function nameChangelistInputs() {
    document.querySelectorAll("#result_list tbody td").forEach(function (cell) {
      var row = cell.parentNode;
      var rowName = text(row.querySelector("th")) || text(row.querySelector("td a"));
      cell.querySelectorAll("input:not([type=hidden]):not([type=checkbox]), select").forEach(function (input) {
        if (!input.labels || !input.labels.length) {
          input.setAttribute("aria-label", columnHeading(cell) + (rowName ? ": " + rowName : ""));
        }
      });
    });
  }

  function nameTabularInlines(scope) {
    (scope || document).querySelectorAll(".tabular td").forEach(function (cell) {
      cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (input) {
        if ((!input.labels || !input.labels.length) && !input.hasAttribute("aria-label")) {
          var heading = columnHeading(cell);
          if (heading) { input.setAttribute("aria-label", heading); }
        }
      });
    });
  }

  function labelFor(select) {
    var label = select.id && document.querySelector("label[for='" + select.id + "']");
    return text(label).replace(/:$/, "") || select.getAttribute("aria-label") || columnHeading(select.closest("td") || select);
  }

  function nameSelect2(root) {
    (root || document).querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) { return; }
      var name = labelFor(select);
      container.querySelectorAll("[role=combobox], [role=textbox]").forEach(function (box) {
        box.setAttribute("aria-label", name);
        box.removeAttribute("aria-labelledby");
      });
      container.querySelectorAll(".select2-search__field").forEach(function (field) {
        field.setAttribute("aria-label", name);
      });
      // The chosen values are a list of buttons-with-text, not a document list.
      container.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
        list.setAttribute("role", "presentation");
        Array.prototype.forEach.call(list.children, function (item) { item.setAttribute("role", "presentation"); });
      });
    });
  }

  function all() { nameChangelistInputs(); nameTabularInlines(); nameSelect2(); }

  document.addEventListener("DOMContentLoaded", function () {
    all();
    // select2 builds and rebuilds its markup (on init, on choosing a value, on a new inline row).
    new MutationObserver(function () { nameSelect2(); nameTabularInlines(); }).observe(document.body, { childList: true, subtree: true });
    if (window.django && window.django.jQuery) {
      window.django.jQuery(document).on("formset:added", function () { all(); });
    }
  });
})();
