// Saving: every change goes to the server, which keeps drafts as YAML files and answers with
// the problems and the summary.
import { $, api, element, state } from "/static/common.js";
import { openDraft } from "/static/drafts.js";
import { showProblems } from "/static/preview.js";

const SAVE_DELAY_MS = 500;

export function scheduleSave() {
  if (state.blocked || !state.name) return;
  clearTimeout(state.timer);
  state.timer = setTimeout(saveNow, SAVE_DELAY_MS);
  saveStatus("pending", "Changes not saved yet…");
}

// The status says "saved" only when no change waits and no save is under way.
export function saveStatus(saveState, text) {
  const status = $("save-status");
  status.dataset.saveState = saveState;
  status.textContent = text;
}

export async function saveNow() {
  clearTimeout(state.timer);
  state.timer = null;
  if (state.saving) { state.again = true; return; }
  state.saving = true;
  try {
    const response = await api(`/api/drafts/${encodeURIComponent(state.name)}`, {
      method: "PUT", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ report: state.data, version: state.version }),
    });
    const body = await response.json();
    if (response.status === 409) return conflict(body.detail);
    if (!response.ok) throw new Error(body.detail || response.statusText);
    state.version = body.version;
    if (!state.timer && !state.again) saveStatus("saved", `Saved at ${new Date().toLocaleTimeString()}.`);
    showProblems(body);
  } catch (error) {
    saveStatus("failed", `Not saved: ${error.message}. Your text is still here; it will be saved with the next change.`);
  } finally {
    state.saving = false;
    if (state.again) { state.again = false; saveNow(); }
  }
}

function conflict(message) {
  state.blocked = true;
  const alert = $("alert");
  alert.replaceChildren(
    element("p", { text: `Not saved: ${message}` }),
    element("button", { type: "button", text: "Reload the draft", onclick: () => openDraft(state.name) }));
  alert.hidden = false;
  saveStatus("conflict", "Saving is paused until you reload the draft.");
}
