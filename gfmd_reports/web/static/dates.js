// Dates typed as day, month and year in figures, each in a box of its own (the GOV.UK
// pattern): the day typed is the day stored, whatever the browser's language, and a whole
// date typed or pasted into one box ("2020-01-20", "20/01/2020") is spread over the three.
import { element } from "/static/common.js";
import { t } from "/static/i18n.js";
import { fieldId, pathText, setAt, valueAt } from "/static/paths.js";
import { scheduleSave } from "/static/saving.js";

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

// The three boxes' contents for a stored value; a stored text that is no date is set apart.
export function dateParts(value) {
  const match = ISO.exec(value ?? "");
  if (match) return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] };
  return { day: "", month: "", year: "", unreadable: value ? String(value) : null };
}

// What to store for three boxes: the date as YYYY-MM-DD when they make one, else what was
// typed, for validation to point out; never a date the user did not type.
export function dateValue({ day, month, year }) {
  [day, month, year] = [day, month, year].map((part) => part.trim());
  if (!day && !month && !year) return null;
  if (/^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)) {
    return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  }
  return `${year}-${month}-${day}`;
}

// A whole date typed into one box: year first when it has four figures, else in the order
// the browser's language writes dates (day first in French and Spanish).
export function wholeDate(text, order = localeOrder()) {
  const parts = text.trim().split(/[-./\s]+/);
  if (parts.length !== 3 || !parts.every((part) => /^\d+$/.test(part))) return null;
  if (parts[0].length === 4) return { year: parts[0], month: parts[1], day: parts[2] };
  if (parts[2].length !== 4) return null;
  const named = {};
  order.forEach((name, index) => { named[name] = parts[index]; });
  return { day: named.day, month: named.month, year: named.year };
}

function localeOrder() {
  const parts = new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2020, 0, 20));
  const order = parts.map((part) => part.type).filter((type) => ["day", "month", "year"].includes(type));
  return order.length === 3 ? order : ["day", "month", "year"];
}

export function dateField({ label, hint, path, required }) {
  const text = pathText(path);
  const id = fieldId(text);
  const stored = dateParts(valueAt(path));
  const hintId = id + "-hint";
  const boxes = {};
  const box = (part, boxLabel, boxId, size) => {
    boxes[part] = element("input", {
      id: boxId, value: stored[part], inputmode: "numeric", autocomplete: "off", size,
      class: `date-${part}`, "aria-describedby": hintId, "aria-required": required ? "true" : undefined,
      oninput: (event) => typed(event.target),
    });
    return element("div", { class: "date-part" }, element("label", { for: boxId, text: boxLabel }), boxes[part]);
  };
  const typed = (input) => {
    const whole = wholeDate(input.value);
    if (whole) for (const part of ["day", "month", "year"]) boxes[part].value = whole[part];
    setAt(path, dateValue({ day: boxes.day.value, month: boxes.month.value, year: boxes.year.value }));
    scheduleSave();
  };
  const help = [hint, t("Day, month and year in figures, for example 14 5 2014.")].filter(Boolean).join(" ");
  return element("fieldset", { class: "date", id: id + "-set", "data-path": text },
    element("legend", { text: required ? t("{label} (required)", { label }) : label }),
    element("p", { class: "hint", id: hintId, text: help }),
    stored.unreadable
      ? element("p", { class: "note", text: t("Saved as “{text}”, which is not a date: type the day, month and year.", { text: stored.unreadable }) })
      : null,
    element("div", { class: "date-parts" },
      box("day", t("Day"), id, 2), box("month", t("Month"), id + "-month", 2), box("year", t("Year"), id + "-year", 4)));
}
