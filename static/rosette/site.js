// Rosette's own script. Loaded as an external module after the design-system bundle (which
// sets window.DS); never inline, so the CSP can forbid inline script. Everything here only
// enhances: every page works without it.

const DS = window.DS;

function initDesignSystem(scope) {
  if (DS && typeof DS.initAll === "function") {
    DS.initAll(scope);
  }
}

// Move focus to the error summary so screen reader and keyboard users hear it first.
function focusErrorSummary(scope) {
  const summary = (scope || document).querySelector(".ds_error-summary");
  if (summary) {
    summary.focus();
  }
}

// A link in the error summary focuses its field (or the DS file upload's replacement
// button) and brings the whole question, label and all, into view.
function onErrorSummaryClick(event) {
  const link = event.target.closest(".ds_error-summary a[href^='#']");
  if (!link) {
    return;
  }
  const id = decodeURIComponent(link.getAttribute("href").slice(1));
  let target = document.getElementById(id);
  if (!target) {
    return;
  }
  if (target.hidden) {
    target = document.getElementById(`${id}-dropzone`) || target;
  }
  event.preventDefault();
  const question = target.closest(".ds_question") || target;
  question.scrollIntoView();
  target.focus({ preventScroll: true });
}

initDesignSystem(document);
focusErrorSummary(document);
document.addEventListener("click", onErrorSummaryClick);

// Content swapped in by htmx gets the same treatment as a page load.
document.addEventListener("htmx:load", (event) => {
  initDesignSystem(event.target);
});
document.addEventListener("htmx:afterSwap", (event) => {
  focusErrorSummary(event.target);
});
