// The problems beside their fields and in a list, the preview, and the downloads.
import { $, api, element, state } from "/static/common.js";
import { showFieldMessages } from "/static/messages.js";

export function showProblems(body) {
  const targets = showFieldMessages(body.problems);
  const errors = body.problems.filter((problem) => problem.severity === "error");
  const warnings = body.problems.length - errors.length;
  const links = body.problems.map((problem, index) => {
    return element("li", {}, element("a", { href: `#${targets[index]}`, text: `${problem.field || "report"}: ${problem.message}` }));
  });
  const plural = (count, noun) => `${count} ${noun}${count === 1 ? "" : "s"}`;
  const count = body.problems.length
    ? `${plural(errors.length, "error")}, ${plural(warnings, "warning")}.`
    : "No problems found.";
  $("problems").replaceChildren(element("p", { text: count }), ...(links.length ? [element("ul", {}, ...links)] : []));
  $("stats").textContent = body.summary
    ? `${body.summary[0].toUpperCase()}${body.summary.slice(1)}.`
    : "Fix the errors to see the word count and the preview.";
  for (const button of document.querySelectorAll("[data-download]")) button.disabled = !body.valid;
  if (body.valid) preview();
}

async function preview() {
  // Renders can finish out of order (a first one starts a worker): only the latest is shown.
  const request = ++state.previews;
  const response = await api(`/api/render?format=html&name=${encodeURIComponent(state.name)}`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ report: state.data }),
  });
  const page = response.ok ? await response.text() : null;
  if (page !== null && request === state.previews) $("preview-frame").srcdoc = page;
}

export async function download(format) {
  const response = await api(`/api/render?format=${format}&name=${encodeURIComponent(state.name)}`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ report: state.data }),
  });
  if (!response.ok) { $("save-status").textContent = "The report has errors: fix them to download it."; return; }
  save(await response.blob(), state.name.replace(/\.ya?ml$/, `.${format}`));
}

export async function downloadYaml(event) {
  event.preventDefault();
  if (!state.name) return;
  const response = await api(`/api/drafts/${encodeURIComponent(state.name)}/yaml`);
  if (response.ok) save(await response.blob(), state.name);
}

function save(blob, name) {
  const link = element("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}
