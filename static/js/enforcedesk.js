// Small behaviours declared in the markup (no inline script: the Content-Security-Policy
// allows scripts from this site only).
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-submit-on-change]");
  if (field && field.form) field.form.submit();
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-reveal-next]");
  if (button && button.nextElementSibling) button.nextElementSibling.classList.remove("d-none");
});

// Every refusal reaches the screen. A form answered with 400/409/422 carries its own
// messages (the form with its errors), so htmx swaps it like a success; any other error,
// or no answer at all, is announced in the page's alert region instead of failing silently.
const SWAP_ERRORS = new Set([400, 409, 422]);
document.addEventListener("htmx:beforeSwap", (event) => {
  if (SWAP_ERRORS.has(event.detail.xhr.status)) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
function announce(text) {
  const region = document.getElementById("htmx-errors");
  if (!region) return;
  const alert = document.createElement("div");
  alert.className = "alert alert-danger alert-dismissible";
  alert.setAttribute("role", "alert");
  alert.textContent = text;
  const close = document.createElement("button");
  close.type = "button";
  close.className = "btn-close";
  close.setAttribute("data-bs-dismiss", "alert");
  close.setAttribute("aria-label", region.dataset.close || "Close");
  alert.appendChild(close);
  region.replaceChildren(alert);
}
document.addEventListener("htmx:responseError", (event) => {
  const region = document.getElementById("htmx-errors");
  const status = event.detail.xhr.status;
  const key = status === 403 ? "forbidden" : status === 404 ? "missing" : "failed";
  announce(`${region ? region.dataset[key] : ""} (${status})`);
});
document.addEventListener("htmx:sendError", () => {
  const region = document.getElementById("htmx-errors");
  announce(region ? region.dataset.offline : "");
});

// A reason template fills the reasons box for review (after any draft already there); the
// form remembers which template is in the box so the server does not add it a second time.
document.addEventListener("change", (event) => {
  const select = event.target.closest("[data-fill-from-template]");
  if (!select || !select.value) return;
  const box = document.getElementById(select.dataset.fillFromTemplate);
  const source = [...document.querySelectorAll("template[data-reason-template]")].find(
    (t) => t.dataset.reasonTemplate === select.value,
  );
  if (!box || !source) return;
  const text = source.content.textContent.trim();
  box.value = box.value.trim() ? `${box.value.trimEnd()}\n\n${text}` : text;
  const applied = select.form && select.form.querySelector("[name=applied_template]");
  if (applied) applied.value = select.value;
  box.focus();
});
// Buttons that only serve pages without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-hidden-with-js]").forEach((el) => el.classList.add("d-none"));
});
