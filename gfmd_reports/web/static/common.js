// What every part of the drafting page shares: the draft being edited, the server, elements.
import { interfaceLanguage } from "/static/i18n.js";

export const state = {
  schema: null, name: null, version: null, data: null,
  timer: null, saving: false, again: false, blocked: false, previews: 0,
};
export const $ = (id) => document.getElementById(id);

// Every request to the server, with the access token and the interface's language (problems
// come back in it); a refusal for want of the token is shown.
export async function api(url, options = {}) {
  const headers = { "Accept-Language": interfaceLanguage(), ...options.headers };
  const response = await fetch(url, { ...options, headers: authorized(headers) });
  if (response.status === 401) {
    const alert = $("alert");
    alert.replaceChildren(element("p", { text: (await response.clone().json()).detail }));
    alert.hidden = false;
  }
  return response;
}

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

