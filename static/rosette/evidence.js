// The evidence form: live word counts, autosave status, and a copy on this device so that a
// lost connection or an expired session never loses a word. Everything here only enhances:
// the form saves and submits without JavaScript.
import { countWords } from "./wordcount.js";

const form = document.getElementById("evidence-form");
const autosave = document.getElementById("autosave");
const status = document.getElementById("save-status");
let unsent = false; // typed since the last autosave request was sent

function storageKey() {
  return autosave ? `rosette:draft:${autosave.dataset.application}` : null;
}

function fieldValues() {
  const values = {};
  form.querySelectorAll("textarea, input[type=url]").forEach((field) => {
    values[field.name] = field.value;
  });
  return values;
}

function revision() {
  const input = form.querySelector("input[name=revision]");
  return input ? input.value : "";
}

function keepOnDevice() {
  const key = storageKey();
  // Nothing is kept once the person is signing out (site.js forgets what was kept).
  if (!key || document.body.dataset.signingOut === "true") return;
  try {
    localStorage.setItem(key, JSON.stringify({ revision: revision(), values: fieldValues(), at: Date.now() }));
  } catch (e) {
    // Storage full or disabled: the server copy still stands.
  }
}

function forgetOnDevice() {
  const key = storageKey();
  if (key) localStorage.removeItem(key);
}

// Word counts, announced politely (the count element is aria-live="polite") and only once the
// writer pauses, so a screen reader is not interrupted at every key.
const timers = new Map();
function updateCount(textarea) {
  const counter = document.querySelector(`[data-count-for="${textarea.id}"]`);
  if (!counter) return;
  const min = parseInt(counter.dataset.minWords || "0", 10);
  const words = countWords(textarea.value);
  clearTimeout(timers.get(textarea));
  timers.set(textarea, setTimeout(() => {
    let text = words === 1 ? counter.dataset.one : counter.dataset.many.replace("WORDS", String(words));
    if (min > 0 && words >= min && counter.dataset.met) text = counter.dataset.met.replace("WORDS", String(words));
    counter.textContent = text;
    counter.classList.toggle("rosette-word-count--met", words >= min);
    counter.classList.toggle("rosette-word-count--under", words < min);
  }, 600));
}

function offerRestore() {
  const key = storageKey();
  if (!key) return;
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(key) || "null");
  } catch (e) {
    saved = null;
  }
  if (!saved) return;
  const current = fieldValues();
  const differs = Object.keys(saved.values).some((name) => (saved.values[name] || "") !== (current[name] || ""));
  if (!differs) {
    forgetOnDevice();
    return;
  }
  const banner = document.createElement("div");
  banner.className = "ds_inset-text rosette-restore";
  const text = document.createElement("div");
  text.className = "ds_inset-text__text";
  const message = document.createElement("p");
  message.textContent = autosave.dataset.restoreText;
  text.appendChild(message);
  banner.appendChild(text);
  const button = document.createElement("button");
  button.type = "button";
  button.className = "ds_button ds_button--secondary ds_button--small";
  button.textContent = autosave.dataset.restoreButton;
  button.addEventListener("click", () => {
    Object.entries(saved.values).forEach(([name, value]) => {
      const field = form.querySelector(`[name="${CSS.escape(name)}"]`);
      if (field) {
        field.value = value;
        if (field.tagName === "TEXTAREA") updateCount(field);
      }
    });
    banner.remove();
    autosave.dispatchEvent(new Event("change", { bubbles: true }));
  });
  banner.querySelector(".ds_inset-text__text").appendChild(button);
  form.prepend(banner);
}

if (form && autosave) {
  form.querySelectorAll("textarea[data-min-words]").forEach((textarea) => {
    textarea.addEventListener("input", () => updateCount(textarea));
  });
  form.addEventListener("input", keepOnDevice);
  document.body.addEventListener("htmx:afterRequest", (event) => {
    if (event.detail.elt !== autosave) return;
    if (event.detail.successful && !status.querySelector("strong")) forgetOnDevice();
  });
  document.body.addEventListener("htmx:sendError", (event) => {
    if (event.detail.elt !== autosave) return;
    keepOnDevice();
    status.textContent = status.dataset.offline;
  });
  document.body.addEventListener("htmx:responseError", (event) => {
    if (event.detail.elt !== autosave) return;
    keepOnDevice();
    status.textContent = status.dataset.error;
  });
  window.addEventListener("online", () => autosave.dispatchEvent(new Event("change", { bubbles: true })));
  form.addEventListener("submit", () => {
    unsent = false; // the form carries every word
    keepOnDevice();
  });
  // The last words: leaving the page (closing the tab, going elsewhere, the laptop sleeping)
  // within the autosave's pause sends what changed at once, with keepalive so that the
  // request outlives the page. The copy on this device stays until a save is confirmed.
  form.addEventListener("input", () => {
    unsent = true;
  });
  document.body.addEventListener("htmx:beforeRequest", (event) => {
    if (event.detail.elt === autosave) unsent = false;
  });
  ["htmx:sendError", "htmx:responseError"].forEach((name) => {
    document.body.addEventListener(name, (event) => {
      if (event.detail.elt === autosave) unsent = true;
    });
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") sendNow();
  });
  window.addEventListener("pagehide", sendNow);
  offerRestore();
}

function sendNow() {
  if (!unsent) return;
  unsent = false;
  const data = new FormData();
  autosave.getAttribute("hx-include").split(",").forEach((selector) => {
    document.querySelectorAll(selector.trim()).forEach((field) => {
      if (field.name) data.append(field.name, field.value);
    });
  });
  try {
    fetch(autosave.getAttribute("hx-post"), {
      method: "POST",
      body: data,
      keepalive: true, // browsers cap these at 64 KB: longer drafts rely on the device copy
      credentials: "same-origin",
      headers: { "HX-Request": "true" },
    }).catch(() => {
      unsent = true;
    });
  } catch (e) {
    unsent = true;
  }
}

// A double click submits once.
document.querySelectorAll("form.rosette-submit-form").forEach((submitForm) => {
  submitForm.addEventListener("submit", (event) => {
    if (submitForm.dataset.submitted === "true") {
      event.preventDefault();
      return;
    }
    submitForm.dataset.submitted = "true";
  });
});
