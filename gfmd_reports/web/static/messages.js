// Each problem beside its field, patiently: a field says nothing until the user has left it
// (or it held text when the draft was opened), or has asked to check the whole report.
import { element } from "/static/common.js";
import { t } from "/static/i18n.js";
import { fieldId, filledPaths, renumbered } from "/static/paths.js";
import { whenPointerIsUp } from "/static/pointer.js";

const patience = { touched: new Set(), checked: false, problems: [] };

// A draft just opened: what it holds was written before, so its problems may be shown.
export function startPatience(data) {
  patience.touched = new Set(filledPaths(data));
  patience.checked = false;
  patience.problems = [];
}

// Watch the form for fields the user leaves; a list or row counts as left when the focus
// leaves all of it.
export function watchLeaving(form) {
  form.addEventListener("focusout", (event) => {
    for (let node = event.target; node && node !== form; node = node.parentElement) {
      if (node.dataset.path !== undefined && !node.contains(event.relatedTarget)) patience.touched.add(node.dataset.path);
    }
    whenPointerIsUp(attachAll);
  });
}

// Every field now on the form counts as left: "Check the report".
export function checkEverything(form) {
  patience.checked = true;
  for (const node of form.querySelectorAll("[data-path]")) patience.touched.add(node.dataset.path);
  attachAll();
}

// New rows start untouched; rows that moved keep what was left of them.
export function forgetTouched(prefix) {
  for (const path of [...patience.touched]) {
    if (path === prefix || path.startsWith(prefix + ".") || path.startsWith(prefix + "[")) patience.touched.delete(path);
  }
}

export function renumberTouched(listText, newIndex) {
  patience.touched = renumbered(patience.touched, listText, newIndex);
}

// The problems of a form whose rows moved no longer match it: wait for the next answer.
export function forgetProblems() {
  patience.problems = [];
}

// Show the server's problems beside their fields; return the id of each problem's field.
export function showFieldMessages(problems) {
  patience.problems = problems;
  return attachAll();
}

// After the form is rebuilt with the same rows: the same messages.
export function showStoredMessages() {
  attachAll();
}

function attachAll() {
  document.querySelectorAll("#report-form .message").forEach((node) => node.remove());
  document.querySelectorAll("#report-form [aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  document.querySelectorAll("#report-form [aria-describedby]").forEach((node) => {
    const kept = node.getAttribute("aria-describedby").split(" ").filter((id) => !id.startsWith("message-"));
    if (kept.length) node.setAttribute("aria-describedby", kept.join(" "));
    else node.removeAttribute("aria-describedby");
  });
  return patience.problems.map(attach);
}

// A problem of a field the form does not show (a missing one) goes to its nearest container.
function targetOf(field) {
  const parent = (text) => {
    const shorter = text.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
    return shorter === text ? "" : shorter;
  };
  for (let text = field || ""; text; text = parent(text)) {
    const found = document.getElementById(fieldId(text)) || document.getElementById(fieldId(text) + "-set");
    if (found) return found;
  }
  return null;
}

// An item written as plain text has its problems at the item itself: they are its text's.
function textOf(target, field) {
  const text = target?.dataset.path === field && target.dataset.text;
  return text ? document.getElementById(text) : target;
}

function attach(problem, index) {
  const row = targetOf(problem.field);
  const left = row ? patience.touched.has(row.closest("[data-path]")?.dataset.path) : patience.checked;
  const target = textOf(row, problem.field);
  if (!left) return target ? target.id : "report-form";
  const id = `message-${index}`;
  const where = problem.place || problem.field;
  const said = where ? `${where} ${problem.message}` : problem.message;
  const text = problem.severity === "error" ? t("Error: {message}", { message: said }) : t("Warning: {message}", { message: said });
  const message = element("p", { class: `message ${problem.severity}`, id, text });
  if (!target) { document.getElementById("report-form").prepend(message); return "report-form"; }
  target.closest("details")?.setAttribute("open", "");  // a finding's tags: seen beside its field
  if (target.tagName === "FIELDSET") {
    target.querySelector("legend").after(message);
  } else {
    (target.closest(".date") || target).after(message);
    const described = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    target.setAttribute("aria-describedby", [...described, id].join(" "));
    if (problem.severity === "error") target.setAttribute("aria-invalid", "true");
  }
  return target.id;
}
