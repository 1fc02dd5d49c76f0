// Progressive enhancement only: every page works without this script.
(function () {
  "use strict";

  // Collapsible main navigation on narrow screens.
  document.querySelectorAll(".main-nav__toggle").forEach(function (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var expanded = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!expanded));
    });
  });

  // The header search opens with the cursor in its field.
  document.querySelectorAll(".site-search").forEach(function (search) {
    search.addEventListener("toggle", function () {
      if (search.open) search.querySelector("input").focus();
    });
  });

  // Embeds load from their host only when the visitor asks for it.
  document.querySelectorAll("[data-embed]").forEach(function (embed) {
    var button = embed.querySelector("[data-embed-load]");
    var template = embed.querySelector("template[data-embed-html]");
    if (!button || !template) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var content = document.createElement("div");
      content.className = "embed__content";
      content.appendChild(template.content.cloneNode(true));
      embed.replaceChildren(content);
      var frame = content.querySelector("iframe");
      if (frame) frame.focus();
    });
  });
})();
