// A draft's versions, beside its save state: listed with when, why and the note; a version
// saved with a note; one restored (what the draft held is kept as a version first, so that
// Undo restores that one); and the draft compared with a version or another draft: the Word
// document of tracked changes downloaded, the page of the changes shown in the preview.
import { $, api, element, state } from "/static/common.js";
import { renderForm } from "/static/form.js";
import { interfaceLanguage, t } from "/static/i18n.js";
import { forget } from "/static/journal.js";
import { saveFile, showComparison, showProblems } from "/static/preview.js";
import { resetSaving, saveNow, saveStatus, unsaved } from "/static/saving.js";

const JSON_BODY = { "Content-Type": "application/json" };
let versions = [];

const draftUrl = (path) => `/api/drafts/${encodeURIComponent(state.name)}${path}`;
const when = (version) => new Date(version.saved).toLocaleString(interfaceLanguage());

function say(...children) {
  $("versions-status").replaceChildren(...children);
}

// What a comparison did, beside its button: a restore's Undo above stays where it is.
function sayCompared(text) {
  $("compare-status").textContent = text;
}

// A draft was opened, or none is: the panel starts closed, its button there if a draft is.
export function showVersionsOf(name) {
  $("versions-toggle").hidden = !name;
  openPanel(false);
  say();
  sayCompared("");
}

function openPanel(open) {
  $("versions-panel").hidden = !open;
  $("versions-toggle").setAttribute("aria-expanded", String(open));
}

async function togglePanel() {
  const opening = $("versions-panel").hidden;
  openPanel(opening);
  if (!opening) return;
  const author = $("compare-author");
  if (!author.value) author.value = state.data?.rapporteur?.name || "";
  await Promise.all([listVersions(), listOthers()]);
  $("version-note").focus();
}

async function listVersions() {
  const response = await api(draftUrl("/versions"));
  const body = await response.json();
  if (!response.ok) { say(body.detail); return; }
  versions = body;
  const items = [...versions].reverse().map((version) => {
    const restore = element("button", {
      type: "button", text: t("Restore"), "aria-label": t("Restore version {number}", { number: version.number }),
      onclick: () => askRestore(version, item, restore),
    });
    const item = element("li", { "data-version": version.number },
      element("span", { class: "version-head", text: t("Version {number}", { number: version.number }) }), " ",
      element("time", { datetime: version.saved, text: when(version) }), " ",
      element("span", { class: "version-reason", text: `(${version.said_reason})` }),
      version.note ? element("span", { class: "version-note", text: t("“{text}”", { text: version.note }) }) : null, " ",
      restore);
    return item;
  });
  $("version-list").replaceChildren(...items);
  $("versions-empty").hidden = items.length > 0;
  listChoices();
}

let others = [];

async function listOthers() {
  const response = await api("/api/drafts");
  if (response.ok) others = (await response.json()).filter((draft) => draft.name !== state.name && !draft.note);
  listChoices();
}

// A version as a choice ("Version 2 — …") or in a sentence ("Compared with version 2 — …",
// "avec la version 2" in French).
function described(name, version) {
  return [name, when(version), version.note].filter(Boolean).join(" — ");
}

// What the draft can be compared with: its versions, newest first, then the other drafts.
function listChoices() {
  const select = $("compare-with");
  const chosen = select.value;
  const ofVersions = [...versions].reverse().map((version) => element("option", {
    value: `version:${version.number}`,
    text: described(t("Version {number}", { number: version.number }), version),
  }));
  const ofDrafts = others.map((draft) => element("option", { value: `draft:${draft.name}`, text: draft.display_name }));
  select.replaceChildren(
    ...(ofVersions.length ? [element("optgroup", { label: t("Versions of this draft") }, ...ofVersions)] : []),
    ...(ofDrafts.length ? [element("optgroup", { label: t("Other drafts") }, ...ofDrafts)] : []));
  if ([...select.options].some((option) => option.value === chosen)) select.value = chosen;
  $("compare").disabled = !select.options.length;
}

async function saveVersion() {
  if (unsaved()) await saveNow();
  const note = $("version-note").value.trim();
  const response = await api(draftUrl("/versions"), {
    method: "POST", headers: JSON_BODY, body: JSON.stringify({ note: note || null }),
  });
  const body = await response.json();
  if (!response.ok) { say(body.detail); $("version-note").focus(); return; }
  $("version-note").value = "";
  await listVersions();
  say(t("Saved as version {number}.", { number: body.number }));
}

// Restoring asks first, where the button was, saying that nothing is lost by it.
function askRestore(version, item, button) {
  item.querySelector(".version-confirm")?.remove();
  const cancel = () => { box.remove(); button.focus(); };
  const box = element("div", { class: "version-confirm", role: "group", "aria-label": t("Restore version {number}?", { number: version.number }) },
    element("p", { text: t("Restore version {number}? The text the draft has now is kept as a version first: you can come back to it.", { number: version.number }) }),
    element("button", { type: "button", class: "confirm-restore", text: t("Restore version {number}", { number: version.number }), onclick: () => restore(version.number) }),
    element("button", { type: "button", text: t("Cancel"), onclick: cancel }));
  box.addEventListener("keydown", (event) => { if (event.key === "Escape") cancel(); });
  item.append(box);
  box.querySelector("button").focus();
}

async function restore(number) {
  if (unsaved()) await saveNow();
  const response = await api(draftUrl(`/versions/${number}/restore`), {
    method: "POST", headers: JSON_BODY, body: JSON.stringify({ version: state.version }),
  });
  const body = await response.json();
  if (response.status === 409) {
    await listVersions();
    say(t("Not restored: the draft was changed in another tab or window meanwhile. Here are its versions as they now are."));
    return;
  }
  if (!response.ok) { say(body.detail); return; }
  forget(state.name);
  resetSaving();
  Object.assign(state, { version: body.version, data: body.report, base: structuredClone(body.report) });
  renderForm();
  showProblems(body);
  await listVersions();
  saveStatus("saved", t("Version {number} restored.", { number }));
  // The focus goes to what happened, not to Undo, where an Enter would undo it at once.
  const undo = element("button", { type: "button", id: "undo-restore", text: t("Undo the restore"), onclick: () => restore(body.kept_version) });
  say(t("Version {number} restored. What the draft held before is kept as version {kept}.", { number, kept: body.kept_version }), " ", undo);
  $("versions-status").tabIndex = -1;
  $("versions-status").focus();
}

// Compare the draft as it is (NEW) with what was chosen (OLD): the Word document of tracked
// changes is downloaded, and the page showing them is put in the preview.
async function compare() {
  const [kind, value] = $("compare-with").value.split(/:(.*)/s);
  if (!kind) return;
  if (unsaved()) await saveNow();
  const old = kind === "version" ? { draft: state.name, version: Number(value) } : { draft: value };
  const version = versions.find((kept) => kept.number === Number(value));
  const chosen = kind === "version" ? described(t("version {number}", { number: version.number }), version) : $("compare-with").selectedOptions[0].textContent;
  const request = { old, new: { draft: state.name }, author: $("compare-author").value.trim() || null };
  sayCompared(t("Comparing with {other}…", { other: chosen }));
  const asked = (format) => api("/api/compare", { method: "POST", headers: JSON_BODY, body: JSON.stringify({ ...request, format }) });
  const word = await asked("docx");
  if (!word.ok) { sayCompared(await refusal(word)); return; }
  const stem = state.name.replace(/\.ya?ml$/, "");
  saveFile(await word.blob(), `${stem}-compared.docx`);
  const page = await asked("html");
  if (page.ok) showComparison(await page.text(), t("The preview shows the changes since {other}.", { other: chosen }));
  sayCompared(t("Compared with {other}: the Word document with the changes tracked is downloaded, and the preview shows them.", { other: chosen }));
}

async function refusal(response) {
  const body = await response.json().catch(() => ({}));
  const problems = (body.problems || []).slice(0, 3).map((problem) => t("{place}: {message}", { place: problem.place || problem.field, message: problem.message }));
  return [body.detail || response.statusText, ...problems].join(" — ");
}

function label() {
  $("versions-toggle").textContent = t("Versions");
  if (!$("versions-panel").hidden && state.name) listVersions();
}

// Set up the panel's buttons, and its words in the interface's language.
export function startVersions() {
  label();
  new MutationObserver(label).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  $("versions-toggle").addEventListener("click", togglePanel);
  $("save-version").addEventListener("click", saveVersion);
  $("version-note").addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); saveVersion(); } });
  $("compare").addEventListener("click", compare);
}
