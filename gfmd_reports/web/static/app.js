// The drafting page: the form on one side, the preview on the other. Its parts: common.js
// (shared state and the server), i18n.js (the interface's words), form.js, saving.js,
// preview.js (problems, preview, downloads), drafts.js and versions.js.
import { $, api, element, state } from "/static/common.js";
import { createDraft, listDrafts, openDraft, startDrafts } from "/static/drafts.js";
import { renderForm } from "/static/form.js";
import { interfaceLanguage, preferredLanguage, t, translatePage, useLanguage } from "/static/i18n.js";
import { download, downloadYaml, previewSoon, showProblems, showView } from "/static/preview.js";
import { startSaving } from "/static/saving.js";
import { startVersions } from "/static/versions.js";

async function start() {
  wireLanguages();  // first: a choice made while the page loads is not lost
  await useLanguage(preferredLanguage());
  showLanguage();
  state.schema = await (await api("/api/schema")).json();
  state.examples = await (await api("/api/examples")).json();
  listExamples();
  $("new-draft").addEventListener("click", createDraft);
  $("draft-list").addEventListener("change", (event) => event.target.value && openDraft(event.target.value));
  for (const button of document.querySelectorAll("[data-download]")) {
    button.addEventListener("click", () => download(button.dataset.download));
  }
  $("download-yaml").addEventListener("click", downloadYaml);
  wirePreview();
  startSaving();
  startVersions();
  await Promise.all([listDrafts(), startDrafts()]);
  const wanted = new URLSearchParams(location.hash.slice(1)).get("draft");
  if (wanted) await openDraft(wanted);
  $("new-draft").disabled = false;  // only now can a new draft be shown
}

function listExamples() {
  for (const option of document.querySelectorAll("#new-start option[value^='example:']")) option.remove();
  $("new-start").append(...(state.examples || []).map((example) =>
    element("option", { value: `example:${example.name}`, text: t("the example {name}", { name: example.name }) })));
}

// ---- The interface's language --------------------------------------------------------------

function showLanguage() {
  translatePage();
  for (const button of document.querySelectorAll("[data-language]")) {
    button.setAttribute("aria-pressed", String(button.dataset.language === interfaceLanguage()));
  }
}

function wireLanguages() {
  for (const button of document.querySelectorAll("[data-language]")) {
    button.addEventListener("click", () => switchLanguage(button.dataset.language));
  }
}

// Say everything again in the language chosen: the page, the form, the problems (asked of the
// server again, in that language) and the preview's marks of what is missing.
async function switchLanguage(language) {
  await useLanguage(language, { remember: true });
  showLanguage();
  const chosen = $("new-start").value;
  listExamples();
  $("new-start").value = chosen;
  await listDrafts();
  if (!state.data) return;
  renderForm();
  const response = await api("/api/validate", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ report: state.data }),
  });
  if (response.ok) showProblems(await response.json());
  previewSoon();
}

// ---- The preview ---------------------------------------------------------------------------

function wirePreview() {
  // Every change in the form, typed or made with a button, is previewed as soon as it is made.
  const form = $("report-form");
  form.addEventListener("input", previewSoon);
  form.addEventListener("change", previewSoon);
  form.addEventListener("click", (event) => { if (event.target.closest("button")) previewSoon(); });
  for (const button of document.querySelectorAll("button[data-view]")) {
    button.addEventListener("click", () => showView(button.dataset.view));
  }
  // Alt+P goes between the form and the preview where only one is shown.
  document.addEventListener("keydown", (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.key.toLowerCase() !== "p") return;
    event.preventDefault();
    const view = document.querySelector(".workspace").dataset.view === "form" ? "preview" : "form";
    showView(view);
    $(view === "preview" ? "preview" : "show-form").focus();
  });
  for (const link of document.querySelectorAll(".skip-links a")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const target = $(link.getAttribute("href").slice(1));
      if (target.id === "preview") showView("preview");
      target.focus();
    });
  }
}

start();
