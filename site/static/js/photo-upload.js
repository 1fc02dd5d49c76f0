// "Fotos hinzufügen" (exhibitions/views.py:add_photos): photos and ZIP archives, dropped on the
// zone or chosen, are uploaded one at a time, each with its own progress bar and outcome. A file
// that fails is reported on its line and the next one still goes. The texts come from the
// template's data attributes; without this script the page's plain form uploads all at once.
(() => {
  function init() {
    const root = document.querySelector("[data-photo-upload]");
    const form = document.querySelector("[data-photo-upload-form]");
    if (!root || !form) return;

    const texts = root.dataset;
    const zone = root.querySelector("[data-photo-upload-zone]");
    const input = root.querySelector("[data-photo-upload-input]");
    const list = root.querySelector("[data-photo-upload-files]");
    const rowTemplate = root.querySelector("[data-photo-upload-row]");
    const summary = root.querySelector("[data-photo-upload-summary]");
    const announcer = root.querySelector("[data-photo-upload-announcer]");
    const overall = root.querySelector("[data-photo-upload-overall]");
    const csrfToken = form.querySelector("[name=csrfmiddlewaretoken]").value;

    const queue = [];
    let uploading = false;
    let rows = 0;
    let added = 0;
    let failed = 0;
    let sent = 0;
    // The draft this upload has saved so far: the server extends it instead of adding revisions.
    let revision = "";

    const fill = (text, values) => text.replace(/{(\w+)}/g, (_match, key) => values[key]);

    // Files sent of all chosen so far: the list below may run far out of the window.
    function showOverall() {
      overall.querySelector("span").textContent = fill(texts.overall, { done: sent, total: rows });
      const bar = overall.querySelector("progress");
      bar.max = rows;
      bar.value = sent;
      overall.hidden = false;
    }

    function announce(text) {
      announcer.textContent = text;
    }

    function setOutcome(element, text, state) {
      element.querySelector(".photo-upload__text").textContent = text;
      if (state) element.classList.add(`photo-upload__file--${state}`);
    }

    // The server's answer as a list of {name, error}: one per photo, or one for the whole file.
    function outcomesOf(request, file) {
      const answer = request.response;
      if (answer && answer.outcomes) return answer.outcomes;
      let error = texts.serverError;
      if (request.status === 0) error = texts.connectionError;
      else if (answer && answer.error) error = answer.error;
      // Refused, or sent to the login page because the session ended.
      else if (request.status === 403 || !request.responseURL.endsWith(texts.url)) {
        error = texts.sessionError;
      }
      return [{ name: file.name, error }];
    }

    function showOutcomes(row, file, outcomes) {
      const wrong = outcomes.filter((outcome) => outcome.error).length;
      added += outcomes.length - wrong;
      failed += wrong;
      // Some of a ZIP's photos added and some not is "partial": a warning, not an error.
      let state = wrong ? "partial" : "added";
      if (wrong === outcomes.length) state = "failed";
      if (outcomes.length === 1) {
        const text = outcomes[0].error || texts.added;
        setOutcome(row, text, state);
        announce(`${file.name}: ${text}`);
        return;
      }
      // A ZIP archive: its photos, each with its own outcome.
      const photos = row.querySelector(".photo-upload__photos");
      for (const outcome of outcomes) {
        const item = document.createElement("li");
        const name = document.createElement("bdi"); // a Latin name in Arabic text, or the reverse
        name.textContent = outcome.name;
        item.append(name, `: ${outcome.error || texts.added}`);
        if (outcome.error) item.className = "photo-upload__photo--failed";
        photos.append(item);
      }
      photos.hidden = false;
      const text = fill(texts.summary, { added: outcomes.length - wrong, failed: wrong });
      setOutcome(row, text, state);
      announce(`${file.name}: ${text}`);
    }

    function send(file, row) {
      const progress = row.querySelector("progress");
      return new Promise((resolve) => {
        const request = new XMLHttpRequest();
        request.open("POST", texts.url);
        request.responseType = "json";
        request.setRequestHeader("Accept", "application/json");
        request.setRequestHeader("X-CSRFToken", csrfToken);
        request.upload.addEventListener("progress", (event) => {
          if (event.lengthComputable) progress.value = (100 * event.loaded) / event.total;
        });
        // Sent: the server now checks and cleans the photos.
        request.upload.addEventListener("load", () => {
          progress.value = 100;
          setOutcome(row, texts.checking);
        });
        request.addEventListener("loadend", () => resolve(request));
        const data = new FormData();
        data.append("files", file);
        data.append("revision", revision);
        request.send(data);
      });
    }

    async function uploadAll() {
      uploading = true;
      summary.hidden = true;
      while (queue.length) {
        const { file, row } = queue.shift();
        setOutcome(row, texts.uploading);
        const request = await send(file, row);
        if (request.response && request.response.revision) {
          revision = String(request.response.revision);
        }
        showOutcomes(row, file, outcomesOf(request, file));
        sent += 1;
        showOverall();
      }
      uploading = false;
      summary.textContent = fill(texts.summary, { added, failed });
      summary.hidden = false;
      announce(summary.textContent);
    }

    function addFiles(files) {
      for (const file of files) {
        rows += 1;
        const row = rowTemplate.content.firstElementChild.cloneNode(true);
        const name = row.querySelector(".photo-upload__name");
        name.textContent = file.name;
        name.id = `photo-upload-file-${rows}`;
        row.querySelector("progress").setAttribute("aria-labelledby", name.id);
        setOutcome(row, texts.waiting);
        list.append(row);
        queue.push({ file, row });
      }
      if (files.length) showOverall();
      if (files.length && !uploading) uploadAll();
    }

    const carriesFiles = (event) =>
      event.dataTransfer && [...event.dataTransfer.types].includes("Files");

    // Files dropped beside the zone would make the browser leave the page to show them.
    for (const type of ["dragover", "drop"]) {
      document.addEventListener(type, (event) => {
        if (carriesFiles(event)) event.preventDefault();
      });
    }
    zone.addEventListener("dragover", (event) => {
      if (!carriesFiles(event)) return;
      event.dataTransfer.dropEffect = "copy";
      zone.classList.add("hovered");
    });
    zone.addEventListener("dragleave", (event) => {
      if (!zone.contains(event.relatedTarget)) zone.classList.remove("hovered");
    });
    zone.addEventListener("drop", (event) => {
      zone.classList.remove("hovered");
      if (carriesFiles(event)) addFiles([...event.dataTransfer.files]);
    });

    root.querySelector("[data-photo-upload-choose]").addEventListener("click", () => input.click());
    input.addEventListener("change", () => {
      addFiles([...input.files]);
      input.value = ""; // the same file may be chosen again, after an error
    });

    form.hidden = true;
    root.hidden = false;
  }

  // Admin pages load form media in their head, before the page's body exists.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
