// Drafts: open one (restoring what this browser kept of it), list them, start, rename, delete
// and restore them. A draft is named as the rapporteur likes, in any language; the server
// derives its file's name, by which the page knows it.
import { $, api, element, state } from "/static/common.js";
import { renderForm } from "/static/form.js";
import { interfaceLanguage, t } from "/static/i18n.js";
import { forget, recall } from "/static/journal.js";
import { same } from "/static/merge.js";
import { showProblems } from "/static/preview.js";
import { resetSaving, restoreLocal, saveNow, saveStatus, unsaved } from "/static/saving.js";
import { showVersionsOf } from "/static/versions.js";

export async function openDraft(name) {
  if (unsaved()) await saveNow();
  const response = await api(`/api/drafts/${encodeURIComponent(name)}`);
  const body = await response.json();
  if (!response.ok) { saveStatus("refused", body.detail); return; }
  resetSaving();
  Object.assign(state, {
    name, displayName: body.display_name, version: body.version, data: body.report,
    base: structuredClone(body.report), blocked: false,
  });
  $("alert").hidden = true;
  $("draft-name").textContent = body.display_name;
  $("draft-list").value = name;
  $("download-yaml").removeAttribute("aria-disabled");
  $("draft-tools").hidden = false;
  showVersionsOf(name);
  $("rename-input").value = body.display_name;
  history.replaceState(null, "", `#draft=${encodeURIComponent(name)}`);
  renderForm();
  showProblems(body);
  const kept = await recall(name).catch(() => null);
  if (kept && !same(kept.data, body.report)) restoreLocal(kept, body);
  else {
    if (kept) forget(name);
    saveStatus("saved", t("Opened {name}. Changes are saved as you type.", { name: body.display_name }));
  }
}

export async function listDrafts() {
  const drafts = await (await api("/api/drafts")).json();
  const select = $("draft-list");
  select.replaceChildren(element("option", { value: "", text: t("Choose a draft…") }),
    ...drafts.map((draft) => element("option", { value: draft.name, text: draft.display_name })));
  if (state.name) select.value = state.name;
}

export async function createDraft() {
  const name = $("new-name").value.trim() || t("Draft of {date}", { date: new Date().toLocaleDateString(interfaceLanguage()) });
  const [kind, value] = $("new-start").value.split(":");
  const request = kind === "kind" ? { name, kind: value } : { name, example: value };
  const response = await api("/api/drafts", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request),
  });
  const body = await response.json();
  if (!response.ok) { saveStatus("refused", body.detail); return; }
  await listDrafts();
  await openDraft(body.name);
  $("new-name").value = "";
}

async function renameDraft() {
  const response = await api(`/api/drafts/${encodeURIComponent(state.name)}`, {
    method: "PATCH", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ display_name: $("rename-input").value }),
  });
  const body = await response.json();
  if (!response.ok) { say(body.detail); return; }
  // The file's bytes changed, not the report: the next save names the new version.
  if (!unsaved()) Object.assign(state, { version: body.version });
  state.displayName = body.display_name;
  $("draft-name").textContent = body.display_name;
  say(t("Renamed: {name}.", { name: body.display_name }));
  await listDrafts();
}

async function deleteDraft() {
  if (unsaved()) await saveNow();
  const shown = state.displayName;
  const response = await api(`/api/drafts/${encodeURIComponent(state.name)}`, { method: "DELETE" });
  const body = await response.json();
  if (!response.ok) { say(body.detail); return; }
  forget(state.name);
  resetSaving();
  Object.assign(state, { name: null, version: null, data: null, base: null });
  $("report-form").replaceChildren();
  $("draft-name").textContent = "";
  $("draft-tools").hidden = true;
  showVersionsOf(null);
  history.replaceState(null, "", location.pathname);
  saveStatus("saved", t("Deleted {name}: it can be restored from the deleted drafts for 30 days.", { name: shown }));
  await Promise.all([listDrafts(), listDeleted()]);
  $("trash").open = true;
}

export async function listDeleted() {
  const deleted = await (await api("/api/trash")).json();
  const items = deleted.map((draft) => {
    const when = new Date(draft.deleted).toLocaleString(interfaceLanguage());
    return element("li", {},
      element("span", { text: t("{name}, deleted {time}", { name: draft.display_name, time: when }) }), " ",
      element("button", {
        type: "button", text: t("Restore"), "aria-label": t("Restore {name}", { name: draft.display_name }),
        onclick: () => restoreDraft(draft.key),
      }));
  });
  $("trash-list").replaceChildren(...items);
  $("trash-empty").hidden = items.length > 0;
}

async function restoreDraft(key) {
  const response = await api(`/api/trash/${encodeURIComponent(key)}/restore`, { method: "POST" });
  const body = await response.json();
  if (!response.ok) { say(body.detail); await listDeleted(); return; }
  await Promise.all([listDrafts(), listDeleted()]);
  await openDraft(body.name);
}

function say(text) {
  $("draft-tools-status").textContent = text;
}

function label() {
  $("rename-label").textContent = t("Name of this draft");
  $("rename-draft").textContent = t("Rename");
  $("delete-draft").textContent = t("Delete this draft");
  $("trash-title").textContent = t("Deleted drafts (kept 30 days)");
  $("trash-empty").textContent = t("No deleted drafts.");
}

// Set up the draft controls' words and buttons.
export function startDrafts() {
  label();
  new MutationObserver(label).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  $("rename-draft").addEventListener("click", renameDraft);
  $("delete-draft").addEventListener("click", deleteDraft);
  return listDeleted();
}
