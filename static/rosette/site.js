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

// Words kept on this device by the evidence form (evidence.js) may name the people a learner
// supports, and the device may be shared: they are forgotten when the person signs out, and
// in any case a week after they were typed. The server's copy is never affected.
const KEPT_PREFIX = "rosette:";
const KEPT_FOR_MS = 7 * 24 * 60 * 60 * 1000;

function forgetKeptWords(olderThan) {
  try {
    Object.keys(localStorage)
      .filter((key) => key.startsWith(KEPT_PREFIX))
      .forEach((key) => {
        let at = 0;
        try {
          at = JSON.parse(localStorage.getItem(key) || "{}").at || 0;
        } catch (e) {
          at = 0;
        }
        if (olderThan === null || Date.now() - at > olderThan) localStorage.removeItem(key);
      });
  } catch (e) {
    // Storage disabled: nothing was kept.
  }
}

forgetKeptWords(KEPT_FOR_MS);
document.addEventListener(
  "submit",
  (event) => {
    const signOut = document.body.dataset.signOutUrl;
    const form = event.target;
    if (signOut && form instanceof HTMLFormElement && new URL(form.action, window.location.href).pathname === signOut) {
      document.body.dataset.signingOut = "true"; // evidence.js keeps nothing more from now on
      forgetKeptWords(null);
    }
  },
  true,
);
