// One field of the form: a label and help in the user's language, and the control its value
// needs (a text, a paragraph with its text tools, a number, a choice, a date, a country).
import { element, state } from "/static/common.js";
import { countryList } from "/static/countries.js";
import { dateField } from "/static/dates.js";
import { themeList } from "/static/finding.js";
import { calledNotes, markupTools, showToolsWhileEditing } from "/static/footnotes.js";
import { t } from "/static/i18n.js";
import { fieldId, pathText, setAt, valueAt } from "/static/paths.js";
import { saveNow, scheduleSave } from "/static/saving.js";

// The lists of names a text field suggests as it is typed (any other may be typed).
const SUGGESTIONS = { countries: countryList, "item-themes": themeList };
// Texts in which a footnote cannot be called: the notes themselves.
const NOTE_FIELDS = new Set(["footnotes", "subtitle_footnote"]);

export function controlFor({ label, hint, schema, choices, path, required }) {
  if (schema.format === "date") return dateField({ label, hint, path, required });
  const text = pathText(path);
  const id = fieldId(text);
  const value = valueAt(path);
  const hintId = hint ? id + "-hint" : undefined;
  const common = {
    id, name: text, "data-path": text, "aria-describedby": hintId, "aria-required": required ? "true" : undefined,
  };
  const store = (stored) => { setAt(path, stored); scheduleSave(); };
  let control;
  let extra = null;
  if (schema.enum) {
    control = element("select", { ...common, onchange: (event) => store(event.target.value) },
      ...schema.enum.map((option) => element("option", { value: option, text: option, selected: option === value })));
  } else if (schema.type === "boolean") {
    control = numbering(common, value, store);
  } else if (schema.type === "integer") {
    control = element("input", {
      ...common, value: value ?? "", inputmode: "numeric", autocomplete: "off",
      oninput: (event) => {
        const typed = event.target.value.trim();
        store(/^\d+$/.test(typed) ? Number(typed) : typed || null);
      },
    });
  } else if (schema["x-multiline"]) {
    const called = element("p", { class: "notes-called" }, ...calledNotes(value));
    control = element("textarea", {
      ...common, rows: 3,
      oninput: (event) => { store(event.target.value); called.replaceChildren(...calledNotes(event.target.value)); },
    }, document.createTextNode(value ?? ""));
    extra = [markupTools(control, path, { notes: !NOTE_FIELDS.has(path[0]) }), called];
  } else {
    control = element("input", {
      ...common, value: value ?? "", autocomplete: "off",
      list: SUGGESTIONS[choices]?.(),
      oninput: (event) => store(event.target.value),
    });
  }
  control.addEventListener("blur", () => { if (state.timer) saveNow(); });
  const wrapper = element("div", { class: "field" },
    element("label", { for: id, text: required ? t("{label} (required)", { label }) : label }),
    hint ? element("p", { class: "hint", id: hintId, text: hint }) : null,
    control, ...(extra || []));
  if (extra) showToolsWhileEditing(wrapper, extra[0]);
  return wrapper;
}

// Left unset, the theme decides (numbered lists, say): a choice of its own, not "no".
function numbering(common, value, store) {
  const choices = [["", t("As the theme has it")], ["true", t("Numbered: 1, 2, 3")], ["false", t("With bullets")]];
  return element("select", {
    ...common, onchange: (event) => store(event.target.value === "" ? null : event.target.value === "true"),
  }, ...choices.map(([option, text]) => element("option", { value: option, text, selected: String(value ?? "") === option })));
}
