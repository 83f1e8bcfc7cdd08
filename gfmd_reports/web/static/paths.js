// Where a value sits in the draft: a path of keys and indexes, written as the server writes
// it (sessions[0].co_chairs), and the id of the field that edits it.
import { state } from "/static/common.js";

export function pathText(path) {
  let text = "";
  for (const part of path) text += typeof part === "number" ? `[${part}]` : (text ? `.${part}` : part);
  return text;
}

export const fieldId = (text) => "f-" + text.replace(/[^A-Za-z0-9_-]/g, "_");

// An item written as plain text (a discussion point, a finding) is the object of its text
// alone: its text is found, and its other fields set, through the same paths as an object's.
const isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const asObject = (value) => (typeof value === "string" ? { text: value } : value);

export function valueAt(path) {
  let value = state.data;
  for (const part of path) {
    if (typeof value === "string" && part === "text") continue;
    value = value == null || typeof value === "string" ? undefined : value[part];
  }
  return value;
}

// An empty text or choice leaves the field out of the file (the theme's choice, say); an item
// of a list stays, empty, where it was added.
export function setAt(path, value) {
  let target = state.data;
  for (let i = 0; i < path.length - 1; i++) {
    if (typeof target[path[i]] === "string") target[path[i]] = asObject(target[path[i]]);
    if (target[path[i]] == null) target[path[i]] = typeof path[i + 1] === "number" ? [] : {};
    target = target[path[i]];
  }
  const last = path[path.length - 1];
  if ((value === "" || value == null) && !Array.isArray(target)) delete target[last];
  else target[last] = value;
}

// A schema with its reference followed; of a choice, the object a value may be (a discussion
// point, which may also be plain text), else the choice that is not null.
export function resolve(schema) {
  if (schema.$ref) return resolve(state.schema.$defs[schema.$ref.split("/").pop()]);
  if (schema.anyOf) {
    const choices = schema.anyOf.filter((choice) => choice.type !== "null");
    const object = choices.find((choice) => choice.$ref || choice.type === "object");
    return resolve(object || choices[0]);
  }
  return schema;
}

// Whether a value of `schema` may be written as plain text or as an object.
export function textOrObject(schema) {
  if (schema.$ref) return textOrObject(state.schema.$defs[schema.$ref.split("/").pop()]);
  const kinds = (schema.anyOf || []).map((choice) => (choice.$ref ? resolve(choice).type : choice.type));
  return kinds.includes("string") && kinds.includes("object");
}

// Nothing in it to keep: no text, no choice, no list item (an empty row added is something).
const holdsNothing = (value) => value == null || value === "" || (Array.isArray(value) ? !value.length
  : isRecord(value) && Object.values(value).every(holdsNothing));

// The draft as a rapporteur writes it: each item that may be plain text and holds nothing but
// its text is written as that text, so that the file becomes an object only where a subject,
// an id, a tag or an actor is given, and goes back to the plain text when they are cleared.
export function keepPlainTexts(value = state.data, schema = state.schema) {
  const shape = resolve(schema);
  if (Array.isArray(value) && shape.items) {
    const plain = textOrObject(shape.items);
    value.forEach((item, index) => {
      const { text, ...others } = isRecord(item) ? item : {};
      if (plain && isRecord(item) && holdsNothing(others)) value[index] = text ?? "";
      else if (plain && isRecord(item)) value[index] = inSchemaOrder(keepPlainTexts(item, shape.items), shape.items);
      else keepPlainTexts(item, shape.items);
    });
  } else if (isRecord(value) && shape.properties) {
    for (const [key, item] of Object.entries(value)) if (shape.properties[key]) keepPlainTexts(item, shape.properties[key]);
  }
  return value;
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

// A record with its fields in the schema's order, as a file is written (text first, then id,
// tags, actors), whatever order they were filled in; those emptied are left out.
function inSchemaOrder(record, schema) {
  const properties = resolve(schema).properties || {};
  const ordered = {};
  for (const key of [...Object.keys(properties), ...Object.keys(record)]) {
    if (key in record && !(key in ordered) && !holdsNothing(record[key])) {
      ordered[key] = isRecord(record[key]) && properties[key] ? inSchemaOrder(record[key], properties[key]) : record[key];
    }
  }
  return ordered;
}

// `paths` with those under an item of the list `listText` moved to the item's new index,
// `newIndex(old)`, or dropped where that is null: rows moved or removed.
export function renumbered(paths, listText, newIndex) {
  const item = new RegExp(`^${listText.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\[(\\d+)\\]`);
  const renamed = new Set();
  for (const path of paths) {
    const match = path.match(item);
    if (!match) { renamed.add(path); continue; }
    const index = newIndex(Number(match[1]));
    if (index !== null) renamed.add(path.replace(item, `${listText}[${index}]`));
  }
  return renamed;
}

// A letter-case change for a label used inside a sentence ("Add co-chair").
export const lowerFirst = (text) => text.charAt(0).toLocaleLowerCase() + text.slice(1);
