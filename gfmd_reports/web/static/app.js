// The drafting page: the form on one side, the preview on the other. Its parts: common.js
// (shared state and the server), i18n.js (the interface's words), form.js, saving.js,
// preview.js (problems, preview, downloads) and drafts.js.
import { $, api, element, state } from "/static/common.js";
import { createDraft, listDrafts, openDraft, startDrafts } from "/static/drafts.js";
import { preferredLanguage, useLanguage } from "/static/i18n.js";
import { download, downloadYaml } from "/static/preview.js";
import { startSaving } from "/static/saving.js";

async function start() {
  await useLanguage(preferredLanguage());
  state.schema = await (await api("/api/schema")).json();
  const examples = await (await api("/api/examples")).json();
  $("new-start").append(...examples.map((example) =>
    element("option", { value: `example:${example.name}`, text: `the example ${example.name}` })));
  $("new-draft").addEventListener("click", createDraft);
  $("draft-list").addEventListener("change", (event) => event.target.value && openDraft(event.target.value));
  for (const button of document.querySelectorAll("[data-download]")) {
    button.addEventListener("click", () => download(button.dataset.download));
  }
  $("download-yaml").addEventListener("click", downloadYaml);
  startSaving();
  await Promise.all([listDrafts(), startDrafts()]);
  const wanted = new URLSearchParams(location.hash.slice(1)).get("draft");
  if (wanted) await openDraft(wanted);
  $("new-draft").disabled = false;  // only now can a new draft be shown
}

start();
