// The interface's words in the user's language: English, French or Spanish. The server's
// catalogue (/api/messages/…) gives each message by its English text; plural ones give a form
// per plural category, which the browser's Intl.PluralRules chooses, as the server does.
export const LANGUAGES = ["en", "fr", "es"];
const STORAGE_KEY = "gfmd-interface-language";
const words = { language: "en", messages: {}, plurals: {} };

// The user's choice on this page, else the first of the browser's languages the tool speaks.
export function preferredLanguage() {
  const chosen = localStorage.getItem(STORAGE_KEY);
  if (LANGUAGES.includes(chosen)) return chosen;
  for (const tag of navigator.languages || [navigator.language]) {
    const language = tag.split("-")[0].toLowerCase();
    if (LANGUAGES.includes(language)) return language;
  }
  return "en";
}

export function interfaceLanguage() {
  return words.language;
}

// Load a language's words (remembered as the user's choice when `remember` is set).
export async function useLanguage(language, { remember = false } = {}) {
  const response = await fetch(`/api/messages/${language}`, { headers: { "Accept-Language": language } });
  if (!response.ok) return;
  Object.assign(words, await response.json());
  document.documentElement.lang = language;
  if (remember) localStorage.setItem(STORAGE_KEY, language);
}

function fill(text, values) {
  return text.replace(/\{([a-z_][a-z0-9_]*)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// The page's own words, written in index.html in English: an element's text from its
// data-i18n attribute, and its attributes from data-i18n-label (aria-label), data-i18n-title
// and data-i18n-placeholder; the page's title too.
const TRANSLATED_ATTRIBUTES = { i18nLabel: "aria-label", i18nTitle: "title", i18nPlaceholder: "placeholder" };

export function translatePage(root = document) {
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const [key, attribute] of Object.entries(TRANSLATED_ATTRIBUTES)) {
    const selector = `[data-${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}]`;
    for (const node of root.querySelectorAll(selector)) node.setAttribute(attribute, t(node.dataset[key]));
  }
}

// A message in the interface's language, with its {named} values filled in.
export function t(text, values = {}) {
  return fill(words.messages[text] || text, values);
}

// The singular or plural form of a message for `count` (among the values as {count}).
export function tn(singular, plural, count, values = {}) {
  const forms = words.plurals[singular];
  const category = new Intl.PluralRules(words.language).select(count);
  const text = forms ? forms[category] || forms.other : count === 1 ? singular : plural;
  return fill(text, { count, ...values });
}
