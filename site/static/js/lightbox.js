// Photo lightbox. Progressive enhancement: without this script every gallery
// link simply opens the photo's own page. All text comes from the markup.
(function () {
  "use strict";

  var dialog = document.querySelector("[data-lightbox-dialog]");
  if (!dialog || !document.querySelector("[data-lightbox]")) return;
  if (typeof dialog.showModal !== "function") return; // very old browser: keep plain links

  var stage = dialog.querySelector("[data-lightbox-stage]");
  var counter = dialog.querySelector("[data-lightbox-counter]");
  var prevButton = dialog.querySelector("[data-lightbox-prev]");
  var nextButton = dialog.querySelector("[data-lightbox-next]");
  var closeButton = dialog.querySelector("[data-lightbox-close]");
  var counterText = dialog.getAttribute("data-counter") || "";
  if (!stage) return;

  var items = []; // links of the list that was opened, in order
  var index = 0;
  var swipeStart = null;
  var pressedBackdrop = false;

  function isRtl() {
    return document.documentElement.dir === "rtl";
  }

  function templateFor(link) {
    return link.parentElement.querySelector("template[data-lightbox-content]");
  }

  // Read the sequence at open time, so items added later (e.g. "load more") count too.
  // Links without a template are left out and keep working as plain links.
  function itemsOf(list) {
    return Array.prototype.filter.call(list.querySelectorAll("[data-lightbox-item]"), function (link) {
      return link.closest("[data-lightbox]") === list && templateFor(link);
    });
  }

  // The stage shows the grid's own <picture> again, now at the full width of the screen,
  // so the browser picks the large file from the same srcset; the template adds the caption.
  function contentFor(link) {
    var content = document.importNode(templateFor(link).content, true);
    var picture = link.querySelector("picture, img").cloneNode(true);
    picture.querySelectorAll("source, img").forEach(function (node) {
      node.setAttribute("sizes", "100vw");
    });
    var img = picture.tagName === "IMG" ? picture : picture.querySelector("img");
    if (img) {
      img.loading = "eager";
      img.removeAttribute("class");
    }
    var figure = content.querySelector("figure") || content;
    figure.insertBefore(picture, figure.firstChild);
    return content;
  }

  // Nodes made in this document start loading their images even while detached.
  function preload(i) {
    if (i >= 0 && i < items.length) contentFor(items[i]);
  }

  function show(i) {
    if (i < 0 || i >= items.length) return; // no wrapping at either end
    index = i;
    stage.replaceChildren(contentFor(items[index]));
    if (counter) {
      counter.textContent = counterText.split("{n}").join(String(index + 1))
        .split("{total}").join(String(items.length));
    }
    var focused = document.activeElement;
    if (prevButton) prevButton.disabled = index === 0;
    if (nextButton) nextButton.disabled = index === items.length - 1;
    // A button that just became disabled drops focus; hand it to a usable one.
    if (focused && focused.disabled) {
      var fallback = [focused === nextButton ? prevButton : nextButton, closeButton]
        .filter(function (button) { return button && !button.disabled; })[0];
      if (fallback) fallback.focus();
    }
    preload(index - 1);
    preload(index + 1);
  }

  function step(delta) {
    show(index + delta);
  }

  function open(list, link) {
    items = itemsOf(list);
    if (!items.length) return;
    show(Math.max(0, items.indexOf(link)));
    document.body.classList.add("lightbox-open");
    if (!dialog.open) dialog.showModal();
    if (closeButton) closeButton.focus();
  }

  // Explicit trap on top of the native modal: Tab cycles through enabled buttons only.
  function trapFocus(event) {
    var buttons = Array.prototype.filter.call(dialog.querySelectorAll("button"), function (button) {
      return !button.disabled && !button.hidden;
    });
    if (!buttons.length) return;
    event.preventDefault();
    var i = buttons.indexOf(document.activeElement) + (event.shiftKey ? -1 : 1);
    if (i < 0) i = buttons.length - 1;
    if (i >= buttons.length) i = 0;
    buttons[i].focus();
  }

  // --- Opening: one delegated handler per list, each list its own sequence ---
  document.querySelectorAll("[data-lightbox]").forEach(function (list) {
    function linkFrom(event) {
      var link = event.target.closest("[data-lightbox-item]");
      return link && link.closest("[data-lightbox]") === list && templateFor(link) ? link : null;
    }

    list.addEventListener("click", function (event) {
      // Modified or non-primary clicks keep their usual meaning (new tab, new window…).
      if (event.defaultPrevented || event.button !== 0 ||
          event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      var link = linkFrom(event);
      if (!link) return;
      event.preventDefault();
      open(list, link);
    });

    // Enter already fires a click on links; Space does not, so add it. Opening on keyup
    // keeps the key release from activating the close button that receives focus.
    list.addEventListener("keydown", function (event) {
      if (event.key === " " && linkFrom(event)) event.preventDefault(); // no page scroll
    });
    list.addEventListener("keyup", function (event) {
      var link = event.key === " " ? linkFrom(event) : null;
      if (link) open(list, link);
    });
  });

  // --- Inside the dialog ---
  if (prevButton) prevButton.addEventListener("click", function () { step(-1); });
  if (nextButton) nextButton.addEventListener("click", function () { step(1); });
  if (closeButton) closeButton.addEventListener("click", function () { dialog.close(); });

  dialog.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var forward = isRtl() ? "ArrowLeft" : "ArrowRight";
    var back = isRtl() ? "ArrowRight" : "ArrowLeft";
    if (event.key === "Tab") trapFocus(event);
    else if (event.key === forward) step(1);
    else if (event.key === back) step(-1);
    else if (event.key === "Home") show(0);
    else if (event.key === "End") show(items.length - 1);
    else return; // Escape is left to the native "cancel", which ends in "close"
    event.preventDefault();
  });

  // Backdrop: the dialog itself or the empty stage around the figure. The press must
  // start there too, so a swipe or text selection that ends outside does not close.
  dialog.addEventListener("pointerdown", function (event) {
    pressedBackdrop = event.target === dialog || event.target === stage;
    swipeStart = event.pointerType === "touch" || event.pointerType === "pen" ?
      { x: event.clientX, y: event.clientY } : null;
  });
  dialog.addEventListener("pointercancel", function () { swipeStart = null; });
  dialog.addEventListener("pointerup", function (event) {
    if (!swipeStart) return;
    var dx = event.clientX - swipeStart.x;
    var dy = event.clientY - swipeStart.y;
    swipeStart = null;
    if (Math.abs(dx) <= 50 || Math.abs(dx) < Math.abs(dy) * 1.5) return; // mostly horizontal only
    pressedBackdrop = false;
    // Swiping towards inline-start brings the next photo: leftwards in ltr, rightwards in rtl.
    step((dx < 0) !== isRtl() ? 1 : -1);
  });
  dialog.addEventListener("click", function (event) {
    if (pressedBackdrop && (event.target === dialog || event.target === stage)) dialog.close();
    pressedBackdrop = false;
  });

  // Every way of closing (button, Escape, backdrop, dialog.close()) ends up here.
  dialog.addEventListener("close", function () {
    var link = items[index];
    document.body.classList.remove("lightbox-open");
    stage.replaceChildren();
    if (counter) counter.textContent = "";
    items = [];
    index = 0;
    if (link && link.isConnected) {
      // After the browser's own focus restoration, which returns to the opening link.
      setTimeout(function () {
        link.focus({ preventScroll: true });
        link.scrollIntoView({ block: "nearest" });
      }, 0);
    }
  });
})();
