// The assessor's score form: says, as each question is scored, whether the pass mark is
// reached. Only an enhancement: "Check the score" asks the server the same question.

function fill(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key]));
}

function watch(form) {
  const status = document.getElementById("pass-status");
  const groups = Array.from(form.querySelectorAll(".rosette-score"));
  if (!status || groups.length === 0) {
    return;
  }
  const passMark = Number(form.dataset.passMark);
  const everyMet = form.dataset.everyMet === "true";

  function update() {
    let total = 0;
    let scored = 0;
    let allMet = true;
    for (const group of groups) {
      const checked = group.querySelector("input[type=radio]:checked");
      if (!checked) {
        continue;
      }
      const value = Number(checked.value);
      scored += 1;
      total += value;
      if (value < Number(group.dataset.metScore)) {
        allMet = false;
      }
    }
    const values = { scored, count: groups.length, total };
    if (scored < groups.length) {
      status.textContent = fill(status.dataset.incomplete, values);
    } else if (total >= passMark && (allMet || !everyMet)) {
      status.textContent = fill(status.dataset.passed, values);
    } else {
      status.textContent = fill(status.dataset.failed, values);
    }
  }

  form.addEventListener("change", (event) => {
    if (event.target.closest(".rosette-score")) {
      update();
    }
  });
}

const form = document.getElementById("decision-form");
if (form) {
  watch(form);
}
