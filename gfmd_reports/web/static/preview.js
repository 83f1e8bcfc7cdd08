// The problems beside their fields and in a list, the preview, and the downloads.
import { $, api, element, state } from "/static/common.js";
import { fieldId } from "/static/form.js";

function attachMessage(problem, index) {
  // A problem of a field the form does not show (a missing one) goes to its nearest container.
  const parent = (text) => {
    const shorter = text.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
    return shorter === text ? "" : shorter;
  };
  let text = problem.field;
  let target = null;
  while (text && !target) {
    target = document.getElementById(fieldId(text)) || document.getElementById(fieldId(text) + "-set");
    if (!target) text = parent(text);
  }
  const id = `message-${index}`;
  const message = element("p", { class: `message ${problem.severity}`, id,
    text: `${problem.severity === "error" ? "Error" : "Warning"}: ${problem.field ? problem.field + " " : ""}${problem.message}` });
  if (!target) { $("report-form").prepend(message); return id; }
  if (target.tagName === "FIELDSET") {
    target.querySelector("legend").after(message);
  } else {
    target.after(message);
    const described = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    target.setAttribute("aria-describedby", [...described, id].join(" "));
    if (problem.severity === "error") target.setAttribute("aria-invalid", "true");
  }
  return target.id;
}

export function showProblems(body) {
  document.querySelectorAll(".message").forEach((node) => node.remove());
  document.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  document.querySelectorAll("[aria-describedby]").forEach((node) => {
    const kept = node.getAttribute("aria-describedby").split(" ").filter((id) => !id.startsWith("message-"));
    if (kept.length) node.setAttribute("aria-describedby", kept.join(" "));
    else node.removeAttribute("aria-describedby");
  });
  const errors = body.problems.filter((problem) => problem.severity === "error");
  const warnings = body.problems.length - errors.length;
  const links = body.problems.map((problem, index) => {
    const target = attachMessage(problem, index);
    return element("li", {}, element("a", { href: `#${target}`, text: `${problem.field || "report"}: ${problem.message}` }));
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
