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
