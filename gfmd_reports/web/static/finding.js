// A finding (a conclusion, a recommendation, an overall conclusion): its text in view, and in a
// disclosure, collapsed until opened, what the forum's follow-up reads and the report never
// prints: the identifier the server gives it, one of the rapporteur's own, its tags (thematic
// area, GCM objectives, SDG targets) and the actors it names.
import { element, state } from "/static/common.js";
import { helpOf, labelOf } from "/static/form.js";
import { t } from "/static/i18n.js";
import { fieldId, pathText, renumbered, resolve, setAt, valueAt } from "/static/paths.js";
import { saveNow, scheduleSave } from "/static/saving.js";

const NOUNS = {
  conclusions: () => t("Conclusion"),
  recommendations: () => t("Recommendation"),
  overall_conclusions: () => t("Overall conclusion"),
};
const GCM_OBJECTIVES = 23;
const THEMES_LIST = "item-themes";
const facts = { ids: new Map(), themes: [] };  // from the server's latest answer
let opened = new Set();  // the findings whose disclosure is open, by path: kept across rebuilds

// "Recommendation" for an item of a session's recommendations, and so on; undefined elsewhere.
export const findingNoun = (listPath) => NOUNS[listPath[listPath.length - 2]]?.();

// Whether a list's items are findings: objects with tags.
export const isFinding = (itemSchema) => Boolean(itemSchema.properties?.tags);

// A finding's fields: its text (built by `field`, as any), then the disclosure.
export function findingFields(schema, path, field) {
  const tags = resolve(schema.properties.tags);
  const at = (...keys) => [...path, ...keys];
  const text = pathText(path);
  const id = fieldId(text) + "-tags";
  const summary = element("span", { class: "item-summary", id: id + "-summary" });
  const details = element("details", { class: "item-tags", id, open: opened.has(text), "data-finding-path": JSON.stringify(path) },
    element("summary", {}, element("span", { text: t("Identifier and tags") }), " ", summary),
    givenId(path),
    field("id", schema.properties.id, at("id"), false),
    field("theme", { ...tags.properties.theme, "x-choices": THEMES_LIST }, at("tags", "theme"), false),
    gcmField(tags.properties.gcm_objectives, at("tags", "gcm_objectives")),
    sdgField(tags.properties.sdg_targets, at("tags", "sdg_targets")),
    field("actors", schema.properties.actors, at("actors"), false));
  details.addEventListener("toggle", () => (details.open ? opened.add(text) : opened.delete(text)));
  const summarize = () => { summary.textContent = summaryOf(path); };
  details.addEventListener("input", summarize);
  details.addEventListener("change", summarize);
  summarize();
  return [field("text", schema.properties.text, at("text"), true), details];
}

// What the disclosure holds, said on it while it is closed: “GFMD2014-RT3.2-R03 · GCM 6, 22”.
function summaryOf(path) {
  const item = valueAt(path);
  const tags = (typeof item === "object" && item?.tags) || {};
  const parts = [facts.ids.get(pathText(path)), tags.theme];
  if (tags.gcm_objectives?.length) parts.push(t("GCM {numbers}", { numbers: tags.gcm_objectives.join(", ") }));
  if (tags.sdg_targets?.length) parts.push(t("SDG {targets}", { targets: tags.sdg_targets.join(", ") }));
  const actors = (typeof item === "object" && item?.actors) || [];
  if (actors.some(Boolean)) parts.push(actors.filter(Boolean).join(", "));
  return parts.filter(Boolean).join(" · ");
}

// The identifier the item has, as the server gives it: its own, or the one made from the forum,
// year, session (or roundtable) and its place, known once those are.
function givenId(path) {
  const text = pathText(path);
  const id = fieldId(text) + "-given";
  return element("p", { class: "given-id" },
    element("span", { text: t("Current identifier:") }), " ",
    element("output", { id, "data-given": text, text: givenText(path) }));
}

function givenText(path) {
  const known = facts.ids.get(pathText(path));
  if (known) return known;
  return path[0] === "overall_conclusions"
    ? t("given once the forum's name and year and the roundtable's number are filled in")
    : t("given once the forum's name and year and the session's number are filled in");
}

// The GCM's 23 objectives as numbered boxes to tick; a number the file holds beyond them is
// shown ticked too, so that it is seen, and kept until unticked.
function gcmField(property, path) {
  const text = pathText(path);
  const id = fieldId(text);
  const chosen = valueAt(path) || [];
  const numbers = [...new Set([...Array.from({ length: GCM_OBJECTIVES }, (_, index) => index + 1), ...chosen])];
  const boxes = element("div", { class: "gcm-numbers" }, ...numbers.map((number) => element("label", { class: "gcm-number" },
    element("input", {
      type: "checkbox", id: `${id}-${number}`, value: String(number), checked: chosen.includes(number),
      onchange: (event) => {
        const ticked = [...event.target.closest(".gcm-numbers").querySelectorAll("input:checked")];
        setAt(path, ticked.length ? ticked.map((box) => numberOrText(box.value)) : null);
        scheduleSave();
      },
    }), String(number))));
  const hint = helpOf(property);
  return element("fieldset", { class: "field gcm", id: id + "-set", "data-path": text, "aria-describedby": hint ? id + "-hint" : undefined },
    element("legend", { text: labelOf(path.at(-1), property) }),
    hint ? element("p", { class: "hint", id: id + "-hint", text: hint }) : null,
    boxes);
}

const numberOrText = (value) => (/^\d+$/.test(value) ? Number(value) : value);

// SDG targets typed in one box, “8.8, 10.7”, kept as a list; the server says which is none.
function sdgField(property, path) {
  const text = pathText(path);
  const id = fieldId(text);
  const hint = helpOf(property);
  const shown = (valueAt(path) || []).join(", ");
  const input = element("input", {
    id, name: text, "data-path": text, value: shown, autocomplete: "off", spellcheck: "false",
    "aria-describedby": `${id}-hint`,
    oninput: (event) => {
      const targets = event.target.value.split(/[,;\s]+/).filter(Boolean);
      setAt(path, targets.length ? targets : null);
      scheduleSave();
    },
  });
  input.addEventListener("blur", () => { if (state.timer) saveNow(); });
  return element("div", { class: "field" },
    element("label", { for: id, text: labelOf(path.at(-1), property) }),
    element("p", { class: "hint", id: `${id}-hint`, text: [hint, t("Separate them with commas.")].filter(Boolean).join(" ") }),
    input);
}

// The server's answer about the draft: each finding's identifier, and the thematic areas the
// report's theme lists (offered as the thematic area is typed).
export function showFindingFacts(body) {
  facts.ids = new Map((body.items || []).map((item) => [item.field, item.id]));
  facts.themes = body.item_themes || [];
  for (const details of document.querySelectorAll("#report-form details.item-tags")) {
    const path = JSON.parse(details.dataset.findingPath);
    details.querySelector("output[data-given]").textContent = givenText(path);
    details.querySelector(".item-summary").textContent = summaryOf(path);
  }
  themeList();
}

// The thematic areas' list, for an input's `list`.
export function themeList() {
  let list = document.getElementById(THEMES_LIST);
  if (!list) {
    list = element("datalist", { id: THEMES_LIST });
    document.body.append(list);
  }
  list.replaceChildren(...facts.themes.map((name) => element("option", { value: name })));
  return THEMES_LIST;
}

// Rows moved or removed: each open disclosure stays with its finding.
export function renumberOpened(listText, newIndex) {
  opened = renumbered(opened, listText, newIndex);
}

// The disclosures open (a copy), or, given such a copy, open those again: Undo puts them back.
export function openedFindings(again) {
  if (again) opened = new Set(again);
  return new Set(opened);
}
