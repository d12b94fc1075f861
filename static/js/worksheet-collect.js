/*
 * "Tilføj til arbejdsark" without leaving the page. Without this file the button is a plain POST
 * form that adds the question and returns to the same place.
 */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-worksheet-add]");
  if (!forms.length || !window.fetch) { return; }

  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  forms.forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json" },
        body: new FormData(form)
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (data) {
        if (button) {
          button.textContent = "✓ " + button.textContent.replace(/^✓ /, "");
        }
        status.textContent = data.message;
      }).catch(function () {
        form.submit();  // fall back to the plain form post
      });
    });
  });
})();
