"use strict";
// The drafting page. The form is built from the report's JSON Schema, so it always matches the
// model; every change is saved (the server keeps drafts as YAML files) and answered with the
// problems, which appear beside their fields, and with a preview of the rendered report.

const state = {
  schema: null, name: null, version: null, data: null,
  timer: null, saving: false, again: false, blocked: false, previews: 0,
};
const SAVE_DELAY_MS = 500;
const ITEM_NAMES = {
  sessions: "session", co_chairs: "co-chair", panel: "panellist", topics: "topic",
  points: "discussion point", items: "item", narrative: "paragraph", introduction: "paragraph",
  closing: "paragraph",
};
const $ = (id) => document.getElementById(id);

// Every request to the server, with the access token; a refusal for want of it is shown.
async function api(url, options = {}) {
  const response = await fetch(url, { ...options, headers: authorized(options.headers) });
  if (response.status === 401) {
    const alert = $("alert");
    alert.replaceChildren(element("p", { text: (await response.clone().json()).detail }));
    alert.hidden = false;
  }
  return response;
}

function element(tag, attributes = {}, ...children) {
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

// A field path written as the server writes it: sessions[0].co_chairs
function pathText(path) {
  let text = "";
  for (const part of path) text += typeof part === "number" ? `[${part}]` : (text ? `.${part}` : part);
  return text;
}
const fieldId = (text) => "f-" + text.replace(/[^A-Za-z0-9_-]/g, "_");

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

function renderForm(focusId) {
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

// ---- Saving, problems and preview --------------------------------------------------------

function changed(focusId) {
  renderForm(focusId);
  scheduleSave();
}

function scheduleSave() {
  if (state.blocked || !state.name) return;
  clearTimeout(state.timer);
  state.timer = setTimeout(saveNow, SAVE_DELAY_MS);
  saveStatus("pending", "Changes not saved yet…");
}

// The status says "saved" only when no change waits and no save is under way.
function saveStatus(saveState, text) {
  const status = $("save-status");
  status.dataset.saveState = saveState;
  status.textContent = text;
}

async function saveNow() {
  clearTimeout(state.timer);
  state.timer = null;
  if (state.saving) { state.again = true; return; }
  state.saving = true;
  try {
    const response = await api(`/api/drafts/${encodeURIComponent(state.name)}`, {
      method: "PUT", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ report: state.data, version: state.version }),
    });
    const body = await response.json();
    if (response.status === 409) return conflict(body.detail);
    if (!response.ok) throw new Error(body.detail || response.statusText);
    state.version = body.version;
    if (!state.timer && !state.again) saveStatus("saved", `Saved at ${new Date().toLocaleTimeString()}.`);
    showProblems(body);
  } catch (error) {
    saveStatus("failed", `Not saved: ${error.message}. Your text is still here; it will be saved with the next change.`);
  } finally {
    state.saving = false;
    if (state.again) { state.again = false; saveNow(); }
  }
}

function conflict(message) {
  state.blocked = true;
  const alert = $("alert");
  alert.replaceChildren(
    element("p", { text: `Not saved: ${message}` }),
    element("button", { type: "button", text: "Reload the draft", onclick: () => openDraft(state.name) }));
  alert.hidden = false;
  saveStatus("conflict", "Saving is paused until you reload the draft.");
}

function attachMessage(problem, index) {
  // A problem of a field the form does not show (a missing one) goes to its nearest container.
  const parent = (text) => {
    const shorter = text.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
    return shorter === text ? "" : shorter;
  };
  let text = problem.field;
  let target = null;
  while (text && !target) {
    target = document.getElementById(fieldId(text)) || document.getElementById(fieldId(text) + "-set");
    if (!target) text = parent(text);
  }
  const id = `message-${index}`;
  const message = element("p", { class: `message ${problem.severity}`, id,
    text: `${problem.severity === "error" ? "Error" : "Warning"}: ${problem.field ? problem.field + " " : ""}${problem.message}` });
  if (!target) { $("report-form").prepend(message); return id; }
  if (target.tagName === "FIELDSET") {
    target.querySelector("legend").after(message);
  } else {
    target.after(message);
    const described = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    target.setAttribute("aria-describedby", [...described, id].join(" "));
    if (problem.severity === "error") target.setAttribute("aria-invalid", "true");
  }
  return target.id;
}

function showProblems(body) {
  document.querySelectorAll(".message").forEach((node) => node.remove());
  document.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  document.querySelectorAll("[aria-describedby]").forEach((node) => {
    const kept = node.getAttribute("aria-describedby").split(" ").filter((id) => !id.startsWith("message-"));
    if (kept.length) node.setAttribute("aria-describedby", kept.join(" "));
    else node.removeAttribute("aria-describedby");
  });
  const errors = body.problems.filter((problem) => problem.severity === "error");
  const warnings = body.problems.length - errors.length;
  const links = body.problems.map((problem, index) => {
    const target = attachMessage(problem, index);
    return element("li", {}, element("a", { href: `#${target}`, text: `${problem.field || "report"}: ${problem.message}` }));
  });
  const plural = (count, noun) => `${count} ${noun}${count === 1 ? "" : "s"}`;
  const count = body.problems.length
    ? `${plural(errors.length, "error")}, ${plural(warnings, "warning")}.`
    : "No problems found.";
  $("problems").replaceChildren(element("p", { text: count }), ...(links.length ? [element("ul", {}, ...links)] : []));
  $("stats").textContent = body.summary
    ? `${body.summary[0].toUpperCase()}${body.summary.slice(1)}.`
    : "Fix the errors to see the word count and the preview.";
  for (const button of document.querySelectorAll("[data-download]")) button.disabled = !body.valid;
  if (body.valid) preview();
}

async function preview() {
  // Renders can finish out of order (a first one starts a worker): only the latest is shown.
  const request = ++state.previews;
  const response = await api(`/api/render?format=html&name=${encodeURIComponent(state.name)}`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ report: state.data }),
  });
  const page = response.ok ? await response.text() : null;
  if (page !== null && request === state.previews) $("preview-frame").srcdoc = page;
}

async function download(format) {
  const response = await api(`/api/render?format=${format}&name=${encodeURIComponent(state.name)}`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ report: state.data }),
  });
  if (!response.ok) { $("save-status").textContent = "The report has errors: fix them to download it."; return; }
  save(await response.blob(), state.name.replace(/\.ya?ml$/, `.${format}`));
}

async function downloadYaml(event) {
  event.preventDefault();
  if (!state.name) return;
  const response = await api(`/api/drafts/${encodeURIComponent(state.name)}/yaml`);
  if (response.ok) save(await response.blob(), state.name);
}

function save(blob, name) {
  const link = element("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}

// ---- Drafts ------------------------------------------------------------------------------

async function openDraft(name) {
  const response = await api(`/api/drafts/${encodeURIComponent(name)}`);
  const body = await response.json();
  if (!response.ok) { $("save-status").textContent = body.detail; return; }
  Object.assign(state, { name, version: body.version, data: body.report, blocked: false });
  $("alert").hidden = true;
  $("draft-name").textContent = name;
  $("draft-list").value = name;
  $("download-yaml").removeAttribute("aria-disabled");
  history.replaceState(null, "", `#draft=${encodeURIComponent(name)}`);
  renderForm();
  $("save-status").textContent = `Opened ${name}. Changes are saved as you type.`;
  showProblems(body);
}

async function listDrafts() {
  const drafts = await (await api("/api/drafts")).json();
  const select = $("draft-list");
  select.replaceChildren(element("option", { value: "", text: "Choose a draft…" }),
    ...drafts.map((draft) => element("option", { value: draft.name, text: draft.name })));
  if (state.name) select.value = state.name;
}

async function createDraft() {
  let name = $("new-name").value.trim() || `draft-${new Date().toISOString().slice(0, 10)}.yaml`;
  if (!/\.ya?ml$/.test(name)) name += ".yaml";
  const [kind, value] = $("new-start").value.split(":");
  const request = kind === "kind" ? { name, kind: value } : { name, example: value };
  const response = await api("/api/drafts", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request),
  });
  const body = await response.json();
  if (!response.ok) { $("save-status").textContent = body.detail; return; }
  await listDrafts();
  await openDraft(name);
  $("new-name").value = "";
}

async function start() {
  state.schema = await (await api("/api/schema")).json();
  const examples = await (await api("/api/examples")).json();
  $("new-start").append(...examples.map((example) =>
    element("option", { value: `example:${example.name}`, text: `the example ${example.name}` })));
  $("new-draft").addEventListener("click", createDraft);
  $("draft-list").addEventListener("change", (event) => event.target.value && openDraft(event.target.value));
  for (const button of document.querySelectorAll("[data-download]")) {
    button.addEventListener("click", () => download(button.dataset.download));
  }
  $("download-yaml").addEventListener("click", downloadYaml);
  window.addEventListener("beforeunload", () => { if (state.timer) saveNow(); });
  await listDrafts();
  const wanted = new URLSearchParams(location.hash.slice(1)).get("draft");
  if (wanted) await openDraft(wanted);
  $("new-draft").disabled = false;  // only now can a new draft be shown
}

start();
