// Award pages: a "Copy link" button. Without JavaScript the link is in a read-only box to copy
// by hand; with it, the button appears and copies the link. Its words come from the template
// (data-copied, data-copy-by-hand), translated there.

for (const button of document.querySelectorAll("button[data-copy]")) {
  const input = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector(".rosette-copy__status");
  if (!input) {
    continue;
  }
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(input.value);
      status.textContent = button.dataset.copied;
    } catch {
      input.select();
      status.textContent = button.dataset.copyByHand;
    }
  });
}
