// The gallery panel of an exhibition (exhibitions.panels.GalleryPanel): rows fold open on demand,
// show their place, and move to a typed place or with the arrow keys on their drag handle.
// Wagtail's InlinePanel script still adds, deletes, drags and moves rows up and down; this one
// keeps the places, the hidden ORDER fields and the move buttons in step with the rows' order.
(() => {
  const liveRows = (container) =>
    [...container.children].filter((row) => row.matches("[data-inline-panel-child]:not(.deleted)"));

  const prefixOf = (row) => row.id.replace("inline_child_", "");

  function renumber(container) {
    const rows = liveRows(container);
    rows.forEach((row, index) => {
      const position = row.querySelector("[data-gallery-position]");
      position.value = index + 1;
      const order = row.querySelector(`input[name="${prefixOf(row)}-ORDER"]`);
      if (order) order.value = index + 1;
      row.querySelector("[data-inline-panel-child-move-up]").disabled = index === 0;
      row.querySelector("[data-inline-panel-child-move-down]").disabled = index === rows.length - 1;
    });
  }

  function announce(container, row) {
    const rows = liveRows(container);
    const region = container.parentElement.querySelector("[data-gallery-announcement]");
    const name = row.querySelector(".gallery-row__number").textContent;
    region.textContent = `${name}: ${rows.indexOf(row) + 1} / ${rows.length}`;
  }

  function moveTo(container, row, place) {
    const rows = liveRows(container);
    const to = Math.min(Math.max(place, 1), rows.length) - 1;
    const from = rows.indexOf(row);
    if (to < from) rows[to].before(row);
    if (to > from) rows[to].after(row);
    renumber(container);
    row.dispatchEvent(new Event("change", { bubbles: true })); // the form has changed
    announce(container, row);
  }

  function showAltStatus(container, row) {
    const status = row.querySelector("[data-gallery-alt-status]");
    const texts = container.dataset;
    const decorative = row.querySelector('input[name$="-decorative"]');
    const altText = row.querySelector('input[name$="-alt_text"]');
    if (decorative && decorative.checked) status.textContent = texts.decorative;
    else if (altText && altText.value.trim()) status.textContent = texts.described;
    else status.textContent = texts.missing;
    status.classList.toggle(
      "gallery-row__alt--missing",
      status.textContent === texts.missing,
    );
  }

  function setOpen(toggle, open) {
    toggle.setAttribute("aria-expanded", String(open));
    document.getElementById(toggle.getAttribute("aria-controls")).hidden = !open;
  }

  // A link to a photo's field ("the first photo without alternative text") opens its row and
  // brings the field to the middle of the screen, clear of the editor's sticky bars.
  document.addEventListener("click", (event) => {
    const link = event.target.closest('a[href^="#"]');
    const field = link && link.hash.length > 1 && document.getElementById(link.hash.slice(1));
    const fields = field && field.closest(".gallery-row__fields");
    if (!fields) return;
    event.preventDefault();
    setOpen(document.querySelector(`[aria-controls="${fields.id}"]`), true);
    history.pushState(null, "", link.hash);
    field.focus({ preventScroll: true });
    field.scrollIntoView({ block: "center" });
  });

  function init(container) {
    new MutationObserver(() => renumber(container)).observe(container, { childList: true });
    container.addEventListener("w-formset:removed", () => renumber(container));

    container.addEventListener("click", (event) => {
      const toggle = event.target.closest("[data-gallery-toggle]");
      if (!toggle) return;
      setOpen(toggle, toggle.getAttribute("aria-expanded") !== "true");
    });

    container.addEventListener("change", (event) => {
      const position = event.target.closest("[data-gallery-position]");
      if (!position) return;
      const row = position.closest("[data-inline-panel-child]");
      const place = Number.parseInt(position.value, 10);
      if (Number.isNaN(place)) {
        renumber(container); // back to its place
        return;
      }
      moveTo(container, row, place);
      position.focus();
    });

    container.addEventListener("keydown", (event) => {
      const position = event.target.closest("[data-gallery-position]");
      if (position && event.key === "Enter") {
        event.preventDefault(); // Enter moves the row, it does not submit the page
        position.dispatchEvent(new Event("change", { bubbles: true }));
        return;
      }
      const handle = event.target.closest("[data-inline-panel-child-drag]");
      if (!handle || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
      event.preventDefault();
      const row = handle.closest("[data-inline-panel-child]");
      const place = liveRows(container).indexOf(row) + 1;
      moveTo(container, row, event.key === "ArrowUp" ? place - 1 : place + 1);
      handle.focus();
    });

    container.addEventListener("input", (event) => {
      const row = event.target.closest("[data-inline-panel-child]");
      if (!row) return;
      if (event.target.name && event.target.name.endsWith("-caption")) {
        row.querySelector("[data-gallery-caption]").textContent = event.target.value;
      }
      showAltStatus(container, row);
    });

    renumber(container);
  }

  // The editor loads panel scripts in its head, before the rows exist.
  const initAll = () => document.querySelectorAll("[data-gallery-rows]").forEach(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initAll);
  else initAll();
})();
