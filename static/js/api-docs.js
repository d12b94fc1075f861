// The API documentation page: Swagger UI (vendored) reads the schema named on #swagger-ui.
// A file of its own, not an inline script, so the Content-Security-Policy stays strict.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.getAttribute("data-schema-url"),
    domNode: root,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: false,
    // Nothing leaves the page for a validator on another site.
    validatorUrl: null,
    tryItOutEnabled: true,
    supportedSubmitMethods: ["get"],
  });
})();
