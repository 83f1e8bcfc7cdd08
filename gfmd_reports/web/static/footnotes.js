// Footnotes and emphasis in text fields. A note is added where the cursor is, with "Add a
// footnote here": the text gets the marker [^3] the report's file format uses, the note a
// row of its own, and the field says which notes it calls. A new note takes a number above
// every note's and marker's of the draft, never one by position, so that removing a note never
// makes another's text change hands.
import { element, state } from "/static/common.js";
import { t } from "/static/i18n.js";
import { changed, removeWithUndo, undoNoticeFor } from "/static/form.js";
import { fieldId, pathText, setAt } from "/static/paths.js";
import { whenPointerIsUp } from "/static/pointer.js";
import { scheduleSave } from "/static/saving.js";

const MARKER = /\[\^([A-Za-z0-9_-]+)\]/g;

export function nextFootnoteId(data) {
  let highest = 0;
  const used = [...Object.keys(data.footnotes || {}), ...[...JSON.stringify(data).matchAll(MARKER)].map((m) => m[1])];
  for (const id of used) if (/^\d+$/.test(id)) highest = Math.max(highest, Number(id));
  return String(highest + 1);
}

// The text with `marker` around the selection; spaces selected at its ends stay outside, where
// the report's markup needs them (*word* emphasises, * word * does not).
export function wrapped(value, start, end, marker) {
  while (start < end && /\s/.test(value[start])) start++;
  while (end > start && /\s/.test(value[end - 1])) end--;
  const text = value.slice(0, start) + marker + value.slice(start, end) + marker + value.slice(end);
  return { text, start: start + marker.length, end: end + marker.length };
}

function wrapSelection(textarea, marker) {
  const { text, start, end } = wrapped(textarea.value, textarea.selectionStart, textarea.selectionEnd, marker);
  textarea.value = text;
  textarea.setSelectionRange(start, end);
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
  textarea.focus();
}

function insertFootnote(textarea, path) {
  const id = nextFootnoteId(state.data);
  const at = textarea.selectionEnd;
  setAt(path, textarea.value.slice(0, at) + `[^${id}]` + textarea.value.slice(at));
  state.data.footnotes = { ...(state.data.footnotes || {}), [id]: "" };
  changed(fieldId(pathText(["footnotes", id])));
}

// A click on a tool leaves the focus, and the selection, in the text.
const keepFocus = (event) => event.preventDefault();

// The tools of a text field: shown while it is being edited, so that they cost no Tab stops
// elsewhere; Ctrl+I and Ctrl+B work in the field itself.
export function markupTools(textarea, path, { notes }) {
  textarea.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === "i" || key === "b") {
      event.preventDefault();
      wrapSelection(textarea, key === "i" ? "*" : "**");
    }
  });
  const tools = element("div", { class: "text-tools", role: "group", "aria-label": t("Text tools"), hidden: true },
    element("button", { type: "button", onmousedown: keepFocus, "aria-keyshortcuts": "Control+I", text: t("Italic"), onclick: () => wrapSelection(textarea, "*") }),
    element("button", { type: "button", onmousedown: keepFocus, "aria-keyshortcuts": "Control+B", text: t("Bold"), onclick: () => wrapSelection(textarea, "**") }),
    notes ? element("button", { type: "button", onmousedown: keepFocus, class: "add-note", text: t("Add a footnote here"), onclick: () => insertFootnote(textarea, path) }) : null);
  return tools;
}

// "Footnotes called here: Footnote 1, Footnote 3", each a link to the note's text.
export function calledNotes(value) {
  const ids = [...new Set([...String(value ?? "").matchAll(MARKER)].map((match) => match[1]))];
  if (!ids.length) return [];
  const links = ids.flatMap((id, index) => [index ? ", " : "", element("a", {
    href: `#${fieldId(pathText(["footnotes", id]))}`, text: t("Footnote {id}", { id }),
    onclick: (event) => { event.preventDefault(); document.getElementById(fieldId(pathText(["footnotes", id])))?.focus(); },
  })]);
  return [t("Footnotes called in this text:"), " ", ...links];
}

// Removing a note takes its markers out of the texts too; Undo puts both back.
function removeNote(id, label) {
  const focus = Object.keys(state.data.footnotes).find((key, index, keys) => keys[index - 1] === id);
  removeWithUndo(() => {
    delete state.data.footnotes[id];
    if (!Object.keys(state.data.footnotes).length) delete state.data.footnotes;
    withoutMarker(state.data, id);
  }, { container: "footnotes", index: focus ?? null, label, restored: fieldId(pathText(["footnotes", id])) },
  focus ? fieldId(pathText(["footnotes", focus])) : "f-footnotes-set");
}

function withoutMarker(value, id) {
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof item === "string") value[key] = item.split(`[^${id}]`).join("");
    else if (item && typeof item === "object") withoutMarker(item, id);
  }
}

// A note: its text (kept in the file even while empty, and which may be emphasised), and Remove.
function noteRow(id, text) {
  const textId = fieldId(pathText(["footnotes", id]));
  const noteLabel = t("Footnote {id}", { id });
  const textarea = element("textarea", {
    id: textId, rows: 2, "data-path": pathText(["footnotes", id]), "aria-describedby": textId + "-hint",
    oninput: (event) => { state.data.footnotes[id] = event.target.value; scheduleSave(); },
  }, document.createTextNode(text));
  const tools = markupTools(textarea, ["footnotes", id], { notes: false });
  const field = element("div", { class: "field" },
    element("label", { for: textId, text: noteLabel }),
    element("p", { class: "hint", id: textId + "-hint", text: t("Called in the text by the marker {marker}.", { marker: `[^${id}]` }) }),
    textarea, tools);
  showToolsWhileEditing(field, tools);
  return element("div", { class: "row" }, field,
    element("div", { class: "row-tools" }, element("button", {
      type: "button", id: textId + "-remove", text: t("Remove"), "aria-label": t("Remove: {item}", { item: noteLabel }),
      onclick: () => removeNote(id, noteLabel),
    })));
}

export function showToolsWhileEditing(wrapper, tools) {
  wrapper.addEventListener("focusin", () => { tools.hidden = false; });
  wrapper.addEventListener("focusout", (event) => {
    if (wrapper.contains(event.relatedTarget)) return;
    whenPointerIsUp(() => { tools.hidden = !wrapper.contains(document.activeElement); });
  });
}

export function footnotesSection(label, hint) {
  const notes = Object.entries(state.data.footnotes || {});
  const set = element("fieldset", { id: "f-footnotes-set", "data-path": "footnotes" },
    element("legend", { text: label }), element("p", { class: "hint", text: hint }));
  for (const [id, text] of notes) set.append(undoNoticeFor("footnotes", id) || "", noteRow(id, text));
  set.append(undoNoticeFor("footnotes", null) || "");
  return set;
}
