// The States a country field offers: the UN short names in the report's language, in one
// list that every country field shares (typing filters it; any other name may be typed).
import { api, element, state } from "/static/common.js";

const LIST_ID = "country-names";
const UN_LANGUAGES = ["en", "fr", "es", "ru", "zh", "ar"];
let shown = null;

export function reportLanguage() {
  const language = String(state.data?.language || "en").split("-")[0];
  return UN_LANGUAGES.includes(language) ? language : "en";
}

// The list's id, for an input's `list`; the names follow once loaded.
export function countryList() {
  const language = reportLanguage();
  if (shown !== language) {
    shown = language;
    fill(language);
  }
  return LIST_ID;
}

async function fill(language) {
  const response = await api(`/api/countries/${language}`);
  if (!response.ok) shown = null;  // asked again at the next render
  if (!response.ok || shown !== language) return;
  const names = await response.json();
  let list = document.getElementById(LIST_ID);
  if (!list) {
    list = element("datalist", { id: LIST_ID });
    document.body.append(list);
  }
  list.replaceChildren(...names.map((country) => element("option", { value: country.name })));
  list.dataset.language = language;
}
