// Progressive enhancement only: every page works without this file.
import { initAll } from "../vendor/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("govuk-frontend-supported");
}
initAll();

// Forms that confirm before submitting: <form data-confirm="Säker?">.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// Auto-submitting filter controls: <select data-autosubmit>.
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el instanceof HTMLElement && el.dataset.autosubmit !== undefined && el.form) {
    el.form.requestSubmit();
  }
});
