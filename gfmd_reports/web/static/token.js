"use strict";
// The server's access token, if it has one. `gfmd-reports serve` prints the page's address with
// #token=… after it: the part after # never leaves the browser, so the token is not in any log.
// It is kept in this origin's storage (its own for each port, unlike a cookie) and sent in the
// Authorization header of every request.
function accessToken() {
  const params = new URLSearchParams(location.hash.slice(1));
  const given = params.get("token");
  if (given) {
    localStorage.setItem("gfmd-token", given);
    params.delete("token");
    const rest = params.toString();
    history.replaceState(null, "", rest ? `#${rest}` : location.pathname);
  }
  return localStorage.getItem("gfmd-token");
}

function authorized(headers = {}) {
  const token = accessToken();
  return token ? { ...headers, Authorization: `Bearer ${token}` } : headers;
}
