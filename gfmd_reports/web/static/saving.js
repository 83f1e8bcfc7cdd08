// Saving: every change is kept in this browser at once (journal.js) and sent to the server,
// which keeps drafts as YAML files and answers with the problems and the summary. A save
// that fails is tried again, sooner then later, until the server is back; a save refused
// because another tab saved first is merged with that tab's work, field by field (merge.js).
import { $, api, element, state } from "/static/common.js";
import { renderForm } from "/static/form.js";
import { interfaceLanguage, t, tn } from "/static/i18n.js";
import { forget, keep } from "/static/journal.js";
import { merge, same } from "/static/merge.js";
import { keepPlainTexts, pathText, setAt } from "/static/paths.js";
import { showProblems } from "/static/preview.js";

const SAVE_DELAY_MS = 500;
const RETRY_SECONDS = [1, 2, 4, 8, 16, 30];
const retry = { failures: 0, timer: null, ticker: null, at: 0 };
let conflicts = [];
let restored = null;  // the server's text, while a restored local copy can still be discarded
let writing = 0;  // local copies asked for and not yet written

// What this tab has that the server has not confirmed.
export function unsaved() {
  return Boolean(state.name) && !same(state.data, state.base);
}

export function scheduleSave() {
  if (!state.name) return;
  journal();
  if (state.blocked) return;
  if (retry.timer) { showRetry(); return; }  // the retry under way takes this change too
  clearTimeout(state.timer);
  state.timer = setTimeout(saveNow, SAVE_DELAY_MS);
  saveStatus("pending", t("Changes not saved yet…"));
}

// The state beside the editor, said politely to screen readers: saved, saving, pending,
// offline (retrying), refused, conflict.
export function saveStatus(saveState, text) {
  const status = $("save-status");
  status.dataset.saveState = saveState;
  status.textContent = text;
  $("save-retry-now").hidden = !["offline", "refused"].includes(saveState);
  if (saveState !== "offline") $("save-retry").textContent = "";
}

export async function saveNow() {
  clearTimeout(state.timer);
  state.timer = null;
  stopRetry();
  if (!state.name || state.blocked) return;
  if (state.saving) { state.again = true; return; }
  state.saving = true;
  const name = state.name;
  keepPlainTexts();
  const sent = JSON.stringify({ report: state.data, version: state.version });
  if (!$("save-status").dataset.saveState?.match(/offline|refused/)) saveStatus("saving", t("Saving…"));
  try {
    const response = await api(`/api/drafts/${encodeURIComponent(name)}`, {
      method: "PUT", headers: { "Content-Type": "application/json" }, body: sent,
    }).catch(() => null);
    if (name === state.name) await answered(response, JSON.parse(sent).report);
  } finally {
    state.saving = false;
    if (state.again) { state.again = false; saveNow(); }
  }
}

async function answered(response, report) {
  if (!response || response.status >= 500) return failed(response);
  const body = await response.json().catch(() => ({}));
  if (response.status === 409) return conflict();
  if (!response.ok) return refused(body.detail || response.statusText);
  retry.failures = 0;
  state.version = body.version;
  state.base = report;
  if (unsaved()) journal(); else forget(state.name);
  if (conflicts.length) conflictStatus();
  else if (!state.timer && !state.again) {
    saveStatus("saved", t("Saved at {time}.", { time: new Date().toLocaleTimeString(interfaceLanguage()) }));
  }
  showProblems(body);
}

// The server is away or failing: try again after 1 s, 2 s, 4 s… at most 30 s, or when it says.
function failed(response) {
  retry.failures += 1;
  const asked = Number(response?.headers.get("Retry-After"));
  const seconds = asked > 0 ? asked : RETRY_SECONDS[Math.min(retry.failures, RETRY_SECONDS.length) - 1];
  retry.at = Date.now() + seconds * 1000;
  retry.timer = setTimeout(saveNow, seconds * 1000);
  retry.ticker = setInterval(showRetry, 1000);
  saveStatus("offline", response
    ? t("Not saved yet: the server could not save it (error {status}). Your changes are kept in this browser.", { status: response.status })
    : t("Not saved yet: the server cannot be reached. Your changes are kept in this browser."));
  showRetry();
}

function showRetry() {
  const seconds = Math.max(0, Math.ceil((retry.at - Date.now()) / 1000));
  $("save-retry").textContent = t("Retrying in {seconds} s.", { seconds });
}

function stopRetry() {
  clearTimeout(retry.timer);
  clearInterval(retry.ticker);
  retry.timer = retry.ticker = null;
}

// A refusal that trying again unchanged would meet again: said, and tried with the next change.
function refused(detail) {
  saveStatus("refused", t("Not saved: {reason}. Your changes are kept in this browser; they are sent again with your next change.", { reason: detail }));
}

// Another tab or window saved first: take what it changed, keep what this tab changed, and
// where both changed one field keep this tab's text and show the other beside it.
async function conflict() {
  const response = await api(`/api/drafts/${encodeURIComponent(state.name)}`).catch(() => null);
  if (response?.status === 422) return deletedElsewhere();
  if (!response?.ok) return failed(response);
  const theirs = await response.json();
  mergeIn(state.base, theirs);
  state.again = true;
}

// Merge this tab's text with `theirs` (the server's draft), both made from `base`; the form,
// which shows `shown`, is built again if the merge changed anything.
function mergeIn(base, theirs, shown = state.data) {
  const found = merge(base ?? theirs.report, state.data, theirs.report);
  Object.assign(state, { data: found.merged, version: theirs.version, base: theirs.report });
  conflicts = [...conflicts.filter((old) => !found.conflicts.some((c) => same(c.path, old.path))), ...found.conflicts];
  if (!same(shown, state.data)) renderForm(document.activeElement?.id);
  showConflicts();
  journal();
}

function deletedElsewhere() {
  state.blocked = true;
  saveStatus("refused", t("Not saved: this draft was deleted in another tab or window. Your text is kept in this browser."));
  showNote(element("button", {
    type: "button", text: t("Save it again as this draft"),
    onclick: () => { state.blocked = false; state.version = null; clearNote(); saveNow(); },
  }));
}

function journal() {
  const copy = { name: state.name, data: state.data, version: state.version, base: state.base, conflicts };
  const bar = $("save-bar");
  writing += 1;
  bar.dataset.localCopy = "writing";
  keep(copy).finally(() => { writing -= 1; if (!writing) bar.dataset.localCopy = "kept"; });
}

// A local copy the server never got, found on opening a draft: restored into the form (merged
// with what the server has if it moved on since), saved, and said, with a way to discard it.
export function restoreLocal(copy, server) {
  restored = { report: structuredClone(server.report), time: copy.kept };
  conflicts = copy.conflicts || [];
  const base = copy.version === server.version ? server.report : copy.base;
  state.data = copy.data;
  mergeIn(base, server, server.report);
  const when = new Date(copy.kept).toLocaleString(interfaceLanguage());
  showNote(t("Restored changes that had not reached the server, kept in this browser since {time}.", { time: when }),
    element("button", { type: "button", id: "discard-local", text: t("Discard the local copy"), onclick: discardLocal }));
  saveNow();
}

function discardLocal() {
  state.data = restored.report;
  restored = null;
  conflicts = [];
  clearNote();
  renderForm();
  showConflicts();
  journal();
  saveNow();
}

// Start afresh on another draft: no conflicts, notes or retries of the last one.
export function resetSaving() {
  stopRetry();
  retry.failures = 0;
  conflicts = [];
  restored = null;
  clearNote();
  showConflicts();
}

function showNote(...children) {
  $("save-note").replaceChildren(element("p", {}, ...children));
  $("save-note").hidden = false;
}

function clearNote() {
  $("save-note").replaceChildren();
  $("save-note").hidden = true;
}

// ---- Both tabs changed one field: both texts stay reachable ---------------------------------

function readable(value) {
  if (value === undefined || value === null || value === "") return t("(empty)");
  if (Array.isArray(value)) return value.map(readable).join("\n");
  if (typeof value === "object") return Object.values(value).map(readable).join(", ");
  return String(value);
}

// Beside each field both tabs changed, the other's text, to use instead or to dismiss.
function showConflicts() {
  document.querySelectorAll(".conflict").forEach((node) => node.remove());
  const list = $("save-conflicts");
  list.replaceChildren();
  conflicts.forEach((found, index) => {
    const id = `conflict-${index}`;
    const box = element("div", { class: "conflict", id, role: "group", "aria-label": t("Text from another tab or window") },
      element("p", { text: t("Another tab or window saved a different text here; yours is in the field:") }),
      element("blockquote", { class: "their-text", text: readable(found.theirs) }),
      element("button", { type: "button", class: "use-theirs", text: t("Use this text instead"), onclick: () => settle(found, true) }),
      element("button", { type: "button", class: "keep-mine", text: t("Keep mine"), onclick: () => settle(found, false) }));
    const field = fieldOf(found.path);
    if (field) field.after(box); else list.append(box);
    box.closest("details")?.setAttribute("open", "");
  });
  if (conflicts.length) conflictStatus();
}

function conflictStatus() {
  saveStatus("conflict", tn("{count} field was changed in another tab or window too: your text is in the field, the other beside it.",
      "{count} fields were changed in another tab or window too: your text is in each field, the other beside it.", conflicts.length));
}

function fieldOf(path) {
  for (let length = path.length; length > 0; length--) {
    const control = document.querySelector(`#report-form [data-path="${CSS.escape(pathText(path.slice(0, length)))}"]`);
    if (control) return control.tagName === "FIELDSET" ? control.querySelector("legend") : control;
  }
  return null;
}

function settle(found, useTheirs) {
  conflicts = conflicts.filter((other) => other !== found);
  if (useTheirs) { setAt(found.path, structuredClone(found.theirs)); renderForm(); }
  showConflicts();
  if (!conflicts.length) saveStatus("pending", t("Changes not saved yet…"));
  scheduleSave();
}

// ---- Wiring ---------------------------------------------------------------------------------

function label() {
  $("save-retry-now").textContent = t("Retry now");
  if (!state.name) $("save-status").textContent = t("Open or create a draft to begin.");
}

// Set up the save state's words and the leave-page prompt.
export function startSaving() {
  label();
  new MutationObserver(label).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  // The form is built anew after each Add, Remove or Move: put the other tab's texts back.
  new MutationObserver(showConflicts).observe($("report-form"), { childList: true });
  $("save-retry-now").addEventListener("click", saveNow);
  window.addEventListener("online", () => { if (retry.timer) saveNow(); });
  window.addEventListener("beforeunload", (event) => {
    if (!unsaved()) return;
    if (state.timer) saveNow();
    event.preventDefault();
    event.returnValue = "";  // the browser shows its own "leave the page?" question
  });
}
