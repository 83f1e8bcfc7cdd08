// Where a value sits in the draft: a path of keys and indexes, written as the server writes
// it (sessions[0].co_chairs), and the id of the field that edits it.
import { state } from "/static/common.js";

export function pathText(path) {
  let text = "";
  for (const part of path) text += typeof part === "number" ? `[${part}]` : (text ? `.${part}` : part);
  return text;
}

export const fieldId = (text) => "f-" + text.replace(/[^A-Za-z0-9_-]/g, "_");

export function valueAt(path) {
  let value = state.data;
  for (const part of path) value = value == null ? undefined : value[part];
  return value;
}

// An empty text or choice leaves the field out of the file (the theme's choice, say); an item
// of a list stays, empty, where it was added.
export function setAt(path, value) {
  let target = state.data;
  for (let i = 0; i < path.length - 1; i++) {
    if (target[path[i]] == null) target[path[i]] = typeof path[i + 1] === "number" ? [] : {};
    target = target[path[i]];
  }
  const last = path[path.length - 1];
  if ((value === "" || value === null) && !Array.isArray(target)) delete target[last];
  else target[last] = value;
}

export function isEmpty(value) {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.every(isEmpty);
  if (typeof value === "object") return Object.values(value).every(isEmpty);
  return false;
}

// Every path under `value` that holds something, containers included.
export function filledPaths(value, path = []) {
  if (isEmpty(value)) return [];
  const found = path.length ? [pathText(path)] : [];
  if (typeof value !== "object") return found;
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  for (const [key, item] of entries) found.push(...filledPaths(item, [...path, key]));
  return found;
}

// A letter-case change for a label used inside a sentence ("Add co-chair").
export const lowerFirst = (text) => text.charAt(0).toLocaleLowerCase() + text.slice(1);
