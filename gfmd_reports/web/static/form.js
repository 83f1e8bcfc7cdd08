// The form, shaped like the report of the chosen kind: its parts in the order the report
// reads, only those the kind prints, labelled and explained in the user's language. Built
// from the report's JSON Schema (x-label, x-help, x-item, x-kinds), so it always matches
// the model. Each change is handed to saving.js; problems are shown patiently (messages.js).
import { $, element, state } from "/static/common.js";
import { controlFor } from "/static/fields.js";
import { findingFields, findingNoun, isFinding, openedFindings, renumberOpened } from "/static/finding.js";
import { footnotesSection } from "/static/footnotes.js";
import { t } from "/static/i18n.js";
import {
  checkEverything, forgetProblems, forgetTouched, renumberTouched, showStoredMessages, startPatience, watchLeaving,
} from "/static/messages.js";
import { fieldId, isEmpty, lowerFirst, pathText, resolve, setAt, textOrObject, valueAt } from "/static/paths.js";
import { saveNow, scheduleSave } from "/static/saving.js";

export { fieldId };

const view = { draft: null, undo: null, undoPlaced: false, watching: false };

const KIND_NAMES = {
  oral: () => t("Oral report, read to the plenary"),
  session: () => t("Session report, on one session"),
  general: () => t("General rapporteur's report, on the roundtable's sessions"),
};
const KIND_OMITS = {
  oral: (fields) => t("An oral report does not print: {fields}.", { fields }),
  session: (fields) => t("A session report does not print: {fields}.", { fields }),
  general: (fields) => t("A general rapporteur's report does not print: {fields}.", { fields }),
};
// The report's languages: those the themes are written in, each named in its own language.
const REPORT_LANGUAGES = [["en", "English"], ["fr", "Français"], ["es", "Español"]];

// The schema's words, translated in schema.po.
const said = (text) => (text ? t(text) : "");
export const labelOf = (key, property, schema = {}) => said(property["x-label"] || property.title || schema.title || key);
export const helpOf = (property) => said(property["x-help"]);

// ---- Building the form -------------------------------------------------------------------

export function renderForm(focusId) {
  const form = $("report-form");
  if (!view.watching) { watchLeaving(form); form.addEventListener("input", dropUndo); view.watching = true; }
  if (view.draft !== state.data) {
    view.draft = state.data;
    view.undo = null;
    startPatience(state.data);
  }
  view.undoPlaced = false;
  form.replaceChildren(...reportFields(), checkButton());
  if (view.undo && !view.undoPlaced) $("f-kind").closest(".field").after(undoNotice());
  showStoredMessages();
  focusOn(focusId);
}

// Keep the keyboard's place: a row's or section's first field, or a usable neighbour of a
// disabled button.
function focusOn(focusId) {
  let target = focusId && (document.getElementById(focusId) || document.getElementById(focusId + "-set"));
  if (!target) return;
  if (target.matches("fieldset, .row")) target = target.querySelector("input, textarea, select, button") || target;
  if (target.disabled) target = target.parentElement.querySelector("button:not([disabled])") || target;
  target.focus();
}

function printedIn(kind, key, property) {
  if (property["x-kinds"] && !property["x-kinds"].includes(kind)) return false;
  const needed = (property["x-shown-with"] || {})[kind];
  return !needed || !isEmpty(state.data[needed]);
}

function reportFields() {
  const schema = state.schema;
  const kind = state.data.kind;
  const required = new Set(schema.required || []);
  const unprinted = [];
  const fields = [];
  for (const [key, property] of Object.entries(schema.properties)) {
    if (key === "$schema" || key === "kind") continue;
    const resolved = resolve(property);
    const label = labelOf(key, property, resolved);
    if (key === "language") { fields.push(languageField(label, helpOf(property))); continue; }
    if (key === "footnotes") { fields.push(footnotesSection(label, helpOf(property))); continue; }
    const printed = printedIn(kind, key, property);
    if (!printed && isEmpty(state.data[key])) continue;
    const needed = required.has(key) || (property["x-required-for"] || []).includes(kind);
    const built = field(key, property, [key], needed);
    if (printed) { fields.push(built); continue; }
    unprinted.push(label);
    fields.push(element("div", { class: "unprinted" },
      element("p", { class: "note", text: t("Not printed in this kind of report: remove it, or choose another kind.") }),
      element("button", {
        type: "button", text: t("Remove"), "aria-label": t("Remove: {item}", { item: label }),
        onclick: () => removeWithUndo(() => setAt([key], null), { container: key, index: null, label, restored: fieldId(key) }, "f-kind"),
      }),
      built));
  }
  return [kindField(labelOf("kind", schema.properties.kind, {}), unprinted), ...fields];
}

function kindField(label, unprinted) {
  const kind = state.data.kind;
  return element("div", { class: "field" },
    element("label", { for: "f-kind", text: label }),
    element("p", { class: "hint", id: "f-kind-hint", text: t("Chosen when the draft was created; each kind prints its own parts of the report.") }),
    element("select", {
      id: "f-kind", name: "kind", "data-path": "kind", "aria-describedby": "f-kind-hint",
      onchange: (event) => { setAt(["kind"], event.target.value); changed("f-kind"); },
    }, ...Object.entries(KIND_NAMES).map(([value, name]) => element("option", { value, text: name(), selected: value === kind }))),
    unprinted.length && KIND_OMITS[kind]
      ? element("p", { class: "note", id: "kind-note", role: "status" },
        KIND_OMITS[kind](unprinted.join(", ")), " ", t("What it does not print stays in the draft, marked below, until you remove it."))
      : null);
}

function languageField(label, hint) {
  const value = state.data.language || "";
  const named = new Map(REPORT_LANGUAGES);
  const options = [["", t("The theme's language")], ...REPORT_LANGUAGES, ...(value && !named.has(value) ? [[value, value]] : [])];
  return element("div", { class: "field" },
    element("label", { for: "f-language", text: label }),
    hint ? element("p", { class: "hint", id: "f-language-hint", text: hint }) : null,
    element("select", {
      id: "f-language", name: "language", "data-path": "language", "aria-describedby": hint ? "f-language-hint" : undefined,
      onchange: (event) => { setAt(["language"], event.target.value); changed("f-language"); },
    }, ...options.map(([code, name]) => element("option", { value: code, text: name, selected: code === value, lang: named.has(code) ? code : undefined }))));
}

function checkButton() {
  return element("div", { class: "check" },
    element("button", { type: "button", id: "check-report", text: t("Check the report"), onclick: checkReport }),
    element("p", { class: "hint", text: t("Shows every problem, also in the fields not filled in yet.") }));
}

async function checkReport() {
  if (state.timer) await saveNow();
  checkEverything($("report-form"));
  const first = document.querySelector("#report-form .message");
  if (first) fieldOf(first)?.focus();
}

// The field a message is about: the control it follows, or the first of its fieldset's.
function fieldOf(message) {
  const before = message.previousElementSibling;
  if (before?.matches("input, textarea, select")) return before;
  if (before?.matches(".date")) return before.querySelector("input");
  return message.closest("fieldset")?.querySelector("input, textarea, select, button");
}

function field(key, property, path, required) {
  const schema = resolve(property);
  const label = labelOf(key, property, schema);
  const hint = helpOf(property);
  if (schema.type === "object" && schema.properties) {
    if (!required && valueAt(path) == null) return addSection(path, label, hint);
    return section(label, hint, schema, path, !required);
  }
  if (schema.type === "array") return list(property, label, hint, schema, path);
  return controlFor({ label, hint, schema, choices: property["x-choices"], path, required });
}

function rowFields(schema, path) {
  return isFinding(schema) ? findingFields(schema, path, field) : objectFields(schema, path);
}

function objectFields(schema, path) {
  const required = new Set(schema.required || []);
  return Object.entries(schema.properties).map(([key, property]) => field(key, property, [...path, key], required.has(key)));
}

function addSection(path, label, hint) {
  const id = fieldId(pathText(path));
  return element("div", { class: "field add-section" },
    element("button", {
      type: "button", id: id + "-add", text: t("Add {item}", { item: lowerFirst(label) }),
      "aria-describedby": hint ? id + "-hint" : undefined,
      onclick: () => { setAt(path, {}); forgetTouched(pathText(path)); changed(id + "-set"); },
    }),
    hint ? element("p", { class: "hint", id: id + "-hint", text: hint }) : null,
    undoNoticeFor(pathText(path), null));
}

function section(label, hint, schema, path, removable) {
  const id = fieldId(pathText(path));
  const set = element("fieldset", { id: id + "-set", "data-path": pathText(path) },
    element("legend", { text: label }),
    hint ? element("p", { class: "hint", text: hint }) : null,
    ...objectFields(schema, path));
  if (removable) {
    set.append(element("div", { class: "row-tools" }, element("button", {
      type: "button", id: id + "-remove", text: t("Remove"), "aria-label": t("Remove: {item}", { item: label }),
      onclick: () => removeWithUndo(() => setAt(path, null), { container: pathText(path), index: null, label, restored: id }, id + "-add"),
    })));
  }
  return set;
}

function list(property, label, hint, schema, path) {
  const id = fieldId(pathText(path));
  const listText = pathText(path);
  const noun = findingNoun(path) || said(property["x-item"]) || t("Item");
  const items = valueAt(path) || [];
  const itemSchema = resolve(schema.items);
  const object = itemSchema.type === "object";
  // A discussion point or a finding may be plain text in the file, and stays so while it holds
  // nothing else: the form shows it as an object whose other fields are empty.
  const plain = textOrObject(schema.items);
  const set = element("fieldset", { id: id + "-set", "data-path": listText },
    element("legend", { text: label }),
    hint ? element("p", { class: "hint", text: hint }) : null);
  items.forEach((item, index) => {
    set.append(undoNoticeFor(listText, index) || "");
    const itemPath = [...path, index];
    const itemId = fieldId(pathText(itemPath));
    const itemLabel = `${noun} ${index + 1}`;
    const tools = rowTools(path, index, items.length, itemLabel, itemId, object);
    if (object) {
      const text = plain ? fieldId(pathText([...itemPath, "text"])) : undefined;
      set.append(element("fieldset", { class: "row", id: itemId + "-set", "data-path": pathText(itemPath), "data-text": text },
        element("legend", { text: itemLabel }), ...rowFields(itemSchema, itemPath), tools));
    } else {
      set.append(element("div", { class: "row" },
        controlFor({ label: itemLabel, hint: "", schema: itemSchema, choices: property["x-choices"], path: itemPath, required: false }),
        tools));
    }
  });
  set.append(undoNoticeFor(listText, items.length) || "");
  set.append(element("div", { class: "list-tools" }, element("button", {
    type: "button", id: id + "-add", text: t("Add {item}", { item: lowerFirst(noun) }),
    onclick: () => {
      const added = [...path, items.length];
      items.push(object && !plain ? {} : "");
      setAt(path, items);
      forgetTouched(pathText(added));
      changed(fieldId(pathText(added)) + (object ? "-set" : ""));
    },
  })));
  return set;
}

function rowTools(path, index, count, label, itemId, object) {
  const items = valueAt(path);
  const listText = pathText(path);
  const after = index < count - 1 ? itemId + (object ? "-set" : "") : fieldId(listText) + "-add";
  return element("div", { class: "row-tools" },
    element("button", {
      type: "button", id: itemId + "-up", text: t("Move up"), "aria-label": t("Move up: {item}", { item: label }),
      disabled: index === 0, onclick: () => move(path, index, -1),
    }),
    element("button", {
      type: "button", id: itemId + "-down", text: t("Move down"), "aria-label": t("Move down: {item}", { item: label }),
      disabled: index === count - 1, onclick: () => move(path, index, 1),
    }),
    element("button", {
      type: "button", id: itemId + "-remove", text: t("Remove"), "aria-label": t("Remove: {item}", { item: label }),
      // The next row takes this one's place (and id), or the Add button when none is left.
      onclick: () => removeWithUndo(() => {
        items.splice(index, 1);
        renumberRows(listText, (old) => (old === index ? null : old > index ? old - 1 : old));
      }, { container: listText, index, label, restored: itemId }, after),
    }));
}

// What was left of each row, and which row's disclosure was open, moves with the row.
function renumberRows(listText, newIndex) {
  renumberTouched(listText, newIndex);
  renumberOpened(listText, newIndex);
}

function move(path, index, step) {
  const items = valueAt(path);
  const [item] = items.splice(index, 1);
  items.splice(index + step, 0, item);
  renumberRows(pathText(path), (old) => (old === index ? index + step : old === index + step ? index : old));
  changed(fieldId(pathText([...path, index + step])) + (step < 0 ? "-up" : "-down"));
}

// ---- Removal, and its Undo --------------------------------------------------------------

// Remove something (in `remove`), offering Undo where it was: `where` names the list or
// section and the position the notice takes. Undo puts the whole draft back as it was, and
// is withdrawn by the next change, so that it never takes back later typing.
export function removeWithUndo(remove, where, focusId) {
  const before = structuredClone(state.data);
  const opened = openedFindings();
  remove();
  view.undo = { ...where, before, opened };
  rebuilt(focusId);
}

export function undoNoticeFor(container, index) {
  const undo = view.undo;
  if (!undo || undo.container !== container || undo.index !== index) return null;
  return undoNotice();
}

function undoNotice() {
  view.undoPlaced = true;
  return element("div", { class: "undo", id: "undo-notice", role: "status" },
    element("span", { text: t("Removed: {item}.", { item: view.undo.label }) }), " ",
    element("button", {
      type: "button", id: "undo-remove", text: t("Undo"), "aria-label": t("Undo: put back {item}", { item: view.undo.label }),
      onclick: undoRemoval,
    }));
}

function undoRemoval() {
  const { before, opened, restored } = view.undo;
  for (const key of Object.keys(state.data)) delete state.data[key];
  Object.assign(state.data, before);
  openedFindings(opened);
  view.undo = null;
  rebuilt(restored);
}

function dropUndo() {
  if (!view.undo) return;
  view.undo = null;
  $("undo-notice")?.remove();
}

// A change of the form's shape (a row added, moved or removed, a kind chosen).
export function changed(focusId) {
  view.undo = null;
  rebuilt(focusId);
}

function rebuilt(focusId) {
  forgetProblems();
  renderForm(focusId);
  scheduleSave();
}
