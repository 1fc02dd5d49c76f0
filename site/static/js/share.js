// Progressive enhancement: without this script the photo's address stays there to copy.
(function () {
  "use strict";

  document.querySelectorAll("[data-share]").forEach(function (share) {
    var url = share.querySelector("[data-share-url]").value;
    var status = share.querySelector("[data-share-status]");
    var copied = share.querySelector("template[data-share-copied]").content.textContent;
    var copy = share.querySelector("[data-share-copy]");
    var native = share.querySelector("[data-share-native]");

    if (navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          status.textContent = copied;
        });
      });
    }
    if (navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        // A visitor who closes the share sheet is no error.
        navigator.share({ title: document.title, url: url }).catch(function () {});
      });
    }
  });
})();
