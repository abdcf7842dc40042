/* Starts Swagger UI on the API docs page (api/templates/api/docs.html). A static file, not
   an inline script: the page runs under the site's CSP, script-src 'self'. */
(function () {
  "use strict";
  var container = document.getElementById("swagger-ui");
  if (!container || typeof SwaggerUIBundle === "undefined") {
    return;
  }
  var config = JSON.parse(container.dataset.settings);
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis];
  config.layout = "BaseLayout";
  SwaggerUIBundle(config);
})();
