// The problems beside their fields and in a list, the preview, and the downloads.
import { $, api, element, state } from "/static/common.js";
import { showFindingFacts } from "/static/finding.js";
import { showFieldMessages } from "/static/messages.js";
import { interfaceLanguage, t, tn } from "/static/i18n.js";

// The problems listed, each a link to its field; a summary of what is still missing, or the
// report's length and speaking time once nothing is.
export function showProblems(body) {
  showFindingFacts(body);
  const targets = showFieldMessages(body.problems);
  const links = body.problems.map((problem, index) => {
    const target = targets[index];
    return element("li", { class: problem.severity }, element("a", {
      href: `#${target}`, text: t("{place}: {message}", { place: placeOf(problem), message: problem.message }),
      onclick: (event) => { event.preventDefault(); focusField(target); },
    }));
  });
  // The summary, and the list one click away: the preview keeps the room.
  const open = Boolean($("problems").querySelector("details[open]"));
  const summary = problemSummary(body.problems);
  $("problems").replaceChildren(links.length
    ? element("details", { open }, element("summary", { text: summary }), element("ul", {}, ...links))
    : element("p", { text: summary }));
  $("stats").textContent = body.valid ? reportStatistics(body) : t("The word count is given once nothing is missing.");
  for (const button of document.querySelectorAll("[data-download]")) button.disabled = !body.valid;
  // A draft opened, reloaded or changed other than by typing in the form is previewed too.
  if (JSON.stringify(state.data) !== preview.requested) previewSoon();
}

// A problem's place as a person names it; the field path until the server names places.
const placeOf = (problem) => problem.place || problem.field || t("The report");

function focusField(id) {
  showView("form");
  const target = document.getElementById(id);
  if (!target) return;
  const field = target.matches("input, select, textarea, button") ? target : target.querySelector("input, select, textarea, button");
  (field || target).focus();
}

function problemSummary(problems) {
  const errors = problems.filter((problem) => problem.severity === "error");
  const warnings = problems.length - errors.length;
  if (!problems.length) return t("No problems found.");
  const said = [];
  if (errors.length) {
    const shown = errors.slice(0, 3).map(placeOf);
    if (errors.length > shown.length) shown.push(tn("{count} more", "{count} more", errors.length - shown.length));
    said.push(tn("{count} thing is still missing or to correct: {places}.", "{count} things are still missing or to correct: {places}.",
      errors.length, { places: new Intl.ListFormat(interfaceLanguage(), { type: "conjunction" }).format(shown) }));
  }
  if (warnings) said.push(tn("{count} warning.", "{count} warnings.", warnings));
  return said.join(" ");
}

const KIND_NAMES = {
  oral: () => t("Oral report"), session: () => t("Session report"), general: () => t("General rapporteur’s report"),
};

function reportStatistics(body) {
  const number = (value) => new Intl.NumberFormat(interfaceLanguage()).format(value);
  const sessions = (state.data.sessions || []).length;
  const parts = [
    (KIND_NAMES[state.data.kind] || (() => t("Report")))(),
    tn("{count} session", "{count} sessions", sessions, { count: number(sessions) }),
  ];
  if (body.words !== null && body.words !== undefined) {
    parts.push(tn("{count} word", "{count} words", body.words, { count: number(body.words) }));
  }
  if (body.speaking_seconds) parts.push(t("about {duration} to deliver", { duration: duration(body.speaking_seconds) }));
  return `${parts.join(", ")}.`;
}

function duration(seconds) {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (!minutes) return t("{seconds} s", { seconds: rest });
  return rest ? t("{minutes} min {seconds} s", { minutes, seconds: rest }) : t("{minutes} min", { minutes });
}

// ---- The preview ------------------------------------------------------------------------

const PREVIEW_DELAY_MS = 80;
const preview = { timer: null, running: false, again: false, requested: null };

// A change not yet shown: say so at once, and render the draft as it now is soon after.
export function previewSoon() {
  if (!state.name) return;
  $("comparison-state").hidden = true;
  stale(t("Preview out of date: showing the report as it was before your latest change."));
  clearTimeout(preview.timer);
  preview.timer = setTimeout(renderPreview, PREVIEW_DELAY_MS);
}

function stale(text) {
  const note = $("preview-state");
  note.textContent = text;
  note.hidden = !text;
  $("preview").classList.toggle("is-stale", Boolean(text));
}

// One render at a time; a change made meanwhile is rendered next. Only the latest is shown.
export async function renderPreview() {
  preview.timer = null;
  if (preview.running) { preview.again = true; return; }
  preview.running = true;
  const request = ++state.previews;
  preview.requested = JSON.stringify(state.data);
  try {
    const response = await api("/api/preview", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ report: state.data }),
    });
    if (request !== state.previews || preview.again) return;
    if (!response.ok) {
      const reason = (await response.json().catch(() => ({}))).detail || response.statusText;
      stale(t("Preview out of date: {reason}.", { reason }));
      return;
    }
    await showPage(await response.text());
    if (request === state.previews && !preview.again && !preview.timer) stale("");
  } catch {
    stale(t("Preview out of date: the server cannot be reached. It is shown again once it answers."));
  } finally {
    preview.running = false;
    if (preview.again) { preview.again = false; renderPreview(); }
  }
}

// Show a comparison's page instead of the preview, saying so, until the next change or "Back
// to the preview"; no preview under way replaces it.
export function showComparison(page, text) {
  clearTimeout(preview.timer);
  preview.timer = null;
  state.previews += 1;
  stale("");
  const back = element("button", {
    type: "button", text: t("Back to the preview"),
    onclick: () => { $("comparison-state").hidden = true; renderPreview(); },
  });
  $("comparison-state").replaceChildren(element("span", { text }), " ", back);
  $("comparison-state").hidden = false;
  showView("preview");
  return showPage(page);
}

// Show a page in the frame where the reader was in the last one.
function showPage(page) {
  const frame = $("preview-frame");
  const scrolled = frame.contentWindow?.scrollY || 0;
  return new Promise((resolve) => {
    frame.addEventListener("load", () => { frame.contentWindow.scrollTo(0, scrolled); resolve(); }, { once: true });
    frame.srcdoc = page;
  });
}

export async function download(format) {
  const response = await api(`/api/render?format=${format}&name=${encodeURIComponent(state.name)}`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ report: state.data }),
  });
  if (!response.ok) { $("save-status").textContent = t("The report has errors: fix them to download it."); return; }
  saveFile(await response.blob(), state.name.replace(/\.ya?ml$/, `.${format}`));
}

export async function downloadYaml(event) {
  event.preventDefault();
  if (!state.name) return;
  const response = await api(`/api/drafts/${encodeURIComponent(state.name)}/yaml`);
  if (response.ok) saveFile(await response.blob(), state.name);
}

export function saveFile(blob, name) {
  const link = element("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}

// Below 800 px the page shows the form or the preview; the switch, a skip link or Alt+P changes.
export function showView(view) {
  document.querySelector(".workspace").dataset.view = view;
  for (const button of document.querySelectorAll("[data-view]")) {
    if (button.tagName === "BUTTON") button.setAttribute("aria-pressed", String(button.dataset.view === view));
  }
}
