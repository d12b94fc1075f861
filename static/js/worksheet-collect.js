/*
 * "Tilføj til arbejdsark" without leaving the page. Without this file the button is a plain POST
 * form that adds the question and returns to the same place.
 */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-worksheet-add]");
  if (!forms.length || !window.fetch) { return; }

  var status = document.createElement("div");
  status.className = "sr-only";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  var bar = document.querySelector("[data-selection-bar]");
  var count = bar && bar.querySelector("[data-selection-count]");

  function showAdded(button) {
    var label = button.querySelector("span");
    if (label) { label.textContent = button.dataset.addedText || label.textContent; }
    if (button.dataset.addedLabel) { button.setAttribute("aria-label", button.dataset.addedLabel); }
    var use = button.querySelector("use");
    if (use) { use.setAttribute("href", use.getAttribute("href").replace(/#plus$/, "#check")); }
  }

  forms.forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      // The attribute, not form.action: the form has an <input name="action">, which shadows
      // the form's action property.
      fetch(form.getAttribute("action"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json" },
        body: new FormData(form)
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (data) {
        if (button) { showAdded(button); }
        if (bar && count) {
          count.textContent = String(data.count);
          bar.hidden = !data.count;
        }
        status.textContent = data.message;
      }).catch(function () {
        form.submit();  // fall back to the plain form post
      });
    });
  });
})();
