// The risk assessment page: after an autosave, base the next save on the version just saved.
// Without JavaScript the page still works: its Save button posts the whole form.

document.body.addEventListener("rosette:saved", (event) => {
  const input = document.querySelector("#assessment-form input[name='version']");
  if (input && event.detail && event.detail.version) {
    input.value = String(event.detail.version);
  }
});
