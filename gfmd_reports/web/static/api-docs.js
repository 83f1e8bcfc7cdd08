"use strict";
// Swagger UI for the API, started from this file: the content security policy allows no inline
// script. It sends the access token, if the server has one, with every request it makes.
window.ui = SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  validatorUrl: null,  // the badge would be an image from another site
  requestInterceptor: (request) => {
    request.headers = authorized(request.headers);
    return request;
  },
});
