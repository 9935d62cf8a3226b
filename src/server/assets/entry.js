// The entry form's one enhancement: each KPI's 現状値 is read as it is typed, through the signed-in
// endpoint /o/:org/manage/kpi-reading, and what was understood is written into the field's live region
// (aria-live="polite"). Without this script the same reading is shown after saving.
(() => {
  const form = document.querySelector("form[data-reading-url]");
  if (!form || !window.fetch) return;
  const base = form.getAttribute("data-reading-url");
  const timers = new Map();
  let sequence = 0;

  function show(output, reading) {
    output.textContent = "";
    output.classList.toggle("kpi-reading-unreadable", !reading.readable);
    if (reading.empty) return;
    const label = document.createElement("span");
    label.className = "kpi-reading-label";
    label.textContent = reading.label;
    output.append(label, reading.line);
    if (reading.why) {
      const why = document.createElement("span");
      why.className = "kpi-reading-why";
      why.textContent = reading.why;
      output.append(why);
    }
  }

  async function read(input) {
    const output = document.getElementById(input.getAttribute("data-kpi-reading"));
    if (!output) return;
    const url = new URL(base, window.location.href);
    url.searchParams.set("value", input.value);
    for (const name of ["target", "baseline"]) {
      const value = input.getAttribute(`data-${name}`);
      if (value) url.searchParams.set(name, value);
    }
    const mine = ++sequence;
    input.setAttribute("data-sequence", String(mine));
    try {
      const response = await fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const reading = await response.json();
      // An answer to an older keystroke never overwrites a newer one.
      if (input.getAttribute("data-sequence") === String(mine)) show(output, reading);
    } catch {
      // Offline or signed out: the reading after saving still tells.
    }
  }

  for (const input of form.querySelectorAll("input[data-kpi-reading]")) {
    input.addEventListener("input", () => {
      clearTimeout(timers.get(input));
      timers.set(
        input,
        setTimeout(() => read(input), 300),
      );
    });
  }
})();
