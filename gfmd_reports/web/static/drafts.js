// Drafts: open one, list them, start a new one.
import { $, api, element, state } from "/static/common.js";
import { renderForm } from "/static/form.js";
import { showProblems } from "/static/preview.js";

export async function openDraft(name) {
  const response = await api(`/api/drafts/${encodeURIComponent(name)}`);
  const body = await response.json();
  if (!response.ok) { $("save-status").textContent = body.detail; return; }
  Object.assign(state, { name, version: body.version, data: body.report, blocked: false });
  $("alert").hidden = true;
  $("draft-name").textContent = name;
  $("draft-list").value = name;
  $("download-yaml").removeAttribute("aria-disabled");
  history.replaceState(null, "", `#draft=${encodeURIComponent(name)}`);
  renderForm();
  $("save-status").textContent = `Opened ${name}. Changes are saved as you type.`;
  showProblems(body);
}

export async function listDrafts() {
  const drafts = await (await api("/api/drafts")).json();
  const select = $("draft-list");
  select.replaceChildren(element("option", { value: "", text: "Choose a draft…" }),
    ...drafts.map((draft) => element("option", { value: draft.name, text: draft.name })));
  if (state.name) select.value = state.name;
}

export async function createDraft() {
  let name = $("new-name").value.trim() || `draft-${new Date().toISOString().slice(0, 10)}.yaml`;
  if (!/\.ya?ml$/.test(name)) name += ".yaml";
  const [kind, value] = $("new-start").value.split(":");
  const request = kind === "kind" ? { name, kind: value } : { name, example: value };
  const response = await api("/api/drafts", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request),
  });
  const body = await response.json();
  if (!response.ok) { $("save-status").textContent = body.detail; return; }
  await listDrafts();
  await openDraft(name);
  $("new-name").value = "";
}
