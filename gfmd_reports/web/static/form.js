// The form, built from the report's JSON Schema, so it always matches the model; each change
// is handed to saving.js.
import { $, element, state } from "/static/common.js";
import { saveNow, scheduleSave } from "/static/saving.js";

const ITEM_NAMES = {
  sessions: "session", co_chairs: "co-chair", panel: "panellist", topics: "topic",
  points: "discussion point", items: "item", narrative: "paragraph", introduction: "paragraph",
  closing: "paragraph",
};

// A field path written as the server writes it: sessions[0].co_chairs
function pathText(path) {
  let text = "";
  for (const part of path) text += typeof part === "number" ? `[${part}]` : (text ? `.${part}` : part);
  return text;
}
export const fieldId = (text) => "f-" + text.replace(/[^A-Za-z0-9_-]/g, "_");

function valueAt(path) {
  let value = state.data;
  for (const part of path) value = value == null ? undefined : value[part];
  return value;
}

function setAt(path, value) {
  let target = state.data;
  for (let i = 0; i < path.length - 1; i++) {
    if (target[path[i]] == null) target[path[i]] = typeof path[i + 1] === "number" ? [] : {};
    target = target[path[i]];
  }
  const last = path[path.length - 1];
  if ((value === "" || value === null) && !Array.isArray(target)) delete target[last];
  else target[last] = value;
}

function resolve(schema) {
  if (schema.$ref) return resolve(state.schema.$defs[schema.$ref.split("/").pop()]);
  if (schema.anyOf) {
    const choices = schema.anyOf.filter((choice) => choice.type !== "null");
    const object = choices.find((choice) => choice.$ref || choice.type === "object");
    return resolve(object || choices[0]);
  }
  return schema;
}

function describe(key, property) {
  const schema = resolve(property);
  const title = property.title || schema.title || key;
  const examples = (property.examples || []).filter((e) => typeof e !== "object");
  let hint = property.description || "";
  if (examples.length) hint += ` Example: ${examples[0]}`;
  return { schema, title, hint };
}

// ---- Building the form -------------------------------------------------------------------

export function renderForm(focusId) {
  const form = $("report-form");
  form.replaceChildren(...objectFields(state.schema, []));
  let target = focusId && document.getElementById(focusId);
  if (!target) return;
  // Keep the keyboard's place: a new row's first field, or a usable neighbour of a disabled button.
  if (target.tagName === "FIELDSET") target = target.querySelector("input, textarea, select") || target;
  if (target.disabled) target = target.parentElement.querySelector("button:not([disabled])") || target;
  target.focus();
}

function objectFields(schema, path) {
  const required = new Set(schema.required || []);
  const fields = [];
  for (const [key, property] of Object.entries(schema.properties)) {
    if (key === "$schema") continue;
    fields.push(field(key, property, [...path, key], required.has(key)));
  }
  return fields;
}

function field(key, property, path, required) {
  const { schema, title, hint } = describe(key, property);
  const optionalObject = !required && schema.type === "object" && schema.properties;
  if (optionalObject && valueAt(path) == null) {
    return element("div", { class: "field", id: fieldId(pathText(path)) + "-add" },
      element("button", {
        type: "button", text: `Add ${title.toLowerCase()}`,
        onclick: () => { setAt(path, {}); changed(fieldId(pathText(path)) + "-remove"); },
      }));
  }
  if (schema.type === "object" && schema.properties) return objectSet(title, hint, schema, path, optionalObject);
  if (schema.type === "object") return dictionary(title, hint, path);
  if (schema.type === "array") return list(key, title, hint, schema, path);
  return scalar(title, hint, schema, path, required);
}

function objectSet(title, hint, schema, path, removable) {
  const id = fieldId(pathText(path));
  const set = element("fieldset", { id: id + "-set", "data-path": pathText(path) },
    element("legend", { text: title }),
    hint ? element("p", { class: "hint", text: hint }) : null);
  if (removable) {
    set.append(element("div", { class: "row-tools" }, element("button", {
      type: "button", id: id + "-remove", text: `Remove ${title.toLowerCase()}`,
      onclick: () => { setAt(path, null); changed(id + "-add"); },
    })));
  }
  set.append(...objectFields(schema, path));
  return set;
}

function list(key, title, hint, schema, path) {
  const id = fieldId(pathText(path));
  const noun = ITEM_NAMES[key] || "item";
  const items = valueAt(path) || [];
  const set = element("fieldset", { id: id + "-set", "data-path": pathText(path) },
    element("legend", { text: title }),
    hint ? element("p", { class: "hint", text: hint }) : null);
  const itemSchema = resolve(schema.items);
  items.forEach((item, index) => {
    const itemPath = [...path, index];
    const label = `${noun[0].toUpperCase()}${noun.slice(1)} ${index + 1}`;
    const itemId = fieldId(pathText(itemPath));
    const tools = element("div", { class: "row-tools" },
      element("button", {
        type: "button", id: itemId + "-up", text: "Move up", "aria-label": `Move up: ${label.toLowerCase()}`,
        disabled: index === 0, onclick: () => move(path, index, -1, itemId),
      }),
      element("button", {
        type: "button", id: itemId + "-down", text: "Move down", "aria-label": `Move down: ${label.toLowerCase()}`,
        disabled: index === items.length - 1, onclick: () => move(path, index, 1, itemId),
      }),
      element("button", {
        type: "button", id: itemId + "-remove", text: "Remove", "aria-label": `Remove: ${label.toLowerCase()}`,
        onclick: () => { items.splice(index, 1); changed(id + "-add"); },
      }));
    let row;
    if (itemSchema.type === "object") {
      row = element("fieldset", { class: "row", id: itemId + "-set", "data-path": pathText(itemPath) },
        element("legend", { text: label }), tools, ...objectFields(itemSchema, itemPath));
    } else {
      row = element("div", { class: "row" }, scalar(label, "", itemSchema, itemPath, true), tools);
    }
    set.append(row);
  });
  set.append(element("div", { class: "list-tools" }, element("button", {
    type: "button", id: id + "-add", text: `Add ${noun}`,
    onclick: () => {
      items.push(itemSchema.type === "object" ? {} : "");
      setAt(path, items);
      const added = fieldId(pathText([...path, items.length - 1]));
      changed(itemSchema.type === "object" ? added + "-set" : added);
    },
  })));
  return set;
}

function move(path, index, step, itemId) {
  const items = valueAt(path);
  const [item] = items.splice(index, 1);
  items.splice(index + step, 0, item);
  const moved = fieldId(pathText([...path, index + step]));
  changed(moved + (step < 0 ? "-up" : "-down"));
}

function dictionary(title, hint, path) {
  const id = fieldId(pathText(path));
  const entries = Object.entries(valueAt(path) || {});
  const set = element("fieldset", { id: id + "-set", "data-path": pathText(path) },
    element("legend", { text: title }),
    hint ? element("p", { class: "hint", text: hint }) : null);
  const rebuild = (pairs) => { setAt(path, pairs.length ? Object.fromEntries(pairs) : null); };
  entries.forEach(([key, text], index) => {
    const keyId = `${id}-key-${index}`;
    const textId = fieldId(pathText([...path, key]));
    set.append(element("div", { class: "row" },
      element("div", { class: "field" },
        element("label", { for: keyId, text: `Footnote ${index + 1}: id (used as [^id])` }),
        element("input", {
          id: keyId, value: key, autocomplete: "off",
          onchange: (event) => { entries[index][0] = event.target.value; rebuild(entries); changed(keyId); },
        })),
      element("div", { class: "field" },
        element("label", { for: textId, text: `Footnote ${index + 1}: text` }),
        element("textarea", {
          id: textId, "data-path": pathText([...path, key]),
          oninput: (event) => { entries[index][1] = event.target.value; rebuild(entries); scheduleSave(); },
        }, document.createTextNode(text))),
      element("div", { class: "row-tools" }, element("button", {
        type: "button", text: "Remove", "aria-label": `Remove: footnote ${index + 1}`,
        onclick: () => { entries.splice(index, 1); rebuild(entries); changed(id + "-add"); },
      }))));
  });
  set.append(element("div", { class: "list-tools" }, element("button", {
    type: "button", id: id + "-add", text: "Add footnote",
    onclick: () => {
      entries.push([String(entries.length + 1), ""]);
      rebuild(entries);
      changed(fieldId(pathText([...path, String(entries.length)])));
    },
  })));
  return set;
}

function scalar(title, hint, schema, path, required) {
  const text = pathText(path);
  const id = fieldId(text);
  const value = valueAt(path);
  const hintId = hint ? id + "-hint" : null;
  const common = {
    id, name: text, "data-path": text, "aria-describedby": hintId || undefined,
    "aria-required": required ? "true" : undefined,
  };
  let control;
  if (schema.enum) {
    control = element("select", { ...common, onchange: (event) => { setAt(path, event.target.value); changed(id); } },
      ...schema.enum.map((option) => element("option", { value: option, text: option, selected: option === value })));
  } else if (schema.type === "boolean") {
    // Left unset, the theme decides (numbered lists, say): a choice of its own, not "no".
    const choices = [["", "as the theme has it"], ["true", "yes"], ["false", "no"]];
    control = element("select", { ...common, onchange: (event) => {
      const choice = event.target.value;
      setAt(path, choice === "" ? null : choice === "true");
      scheduleSave();
    } }, ...choices.map(([option, text]) => element("option", { value: option, text, selected: String(value ?? "") === option })));
  } else if (schema.type === "integer") {
    control = element("input", {
      ...common, type: "number", inputmode: "numeric", value: value ?? "",
      oninput: (event) => {
        const number = event.target.value === "" ? null : Number(event.target.value);
        setAt(path, Number.isInteger(number) ? number : event.target.value || null);
        scheduleSave();
      },
    });
  } else if (schema.format === "date") {
    control = element("input", {
      ...common, type: "date", value: value ?? "",
      oninput: (event) => { setAt(path, event.target.value); scheduleSave(); },
    });
  } else if (schema["x-multiline"]) {
    control = element("textarea", {
      ...common, rows: 3, oninput: (event) => { setAt(path, event.target.value); scheduleSave(); },
    }, document.createTextNode(value ?? ""));
  } else {
    control = element("input", {
      ...common, value: value ?? "", autocomplete: "off",
      oninput: (event) => { setAt(path, event.target.value); scheduleSave(); },
    });
  }
  control.addEventListener("blur", () => { if (state.timer) saveNow(); });
  return element("div", { class: "field" },
    element("label", { for: id, text: title + (required ? " (required)" : "") }),
    hint ? element("p", { class: "hint", id: hintId, text: hint }) : null,
    control);
}

export function changed(focusId) {
  renderForm(focusId);
  scheduleSave();
}
