/* Del bildet (Web Share API with the card file) and Kopier lenken. Buttons stay hidden
   where the browser cannot do it; the plain share links work everywhere. */
(function () {
  "use strict";
  var probe = typeof File === "function" && new File([""], "kort.png", { type: "image/png" });
  var canShareFiles = !!(probe && navigator.canShare && navigator.canShare({ files: [probe] }));
  function say(box, text) { var s = box.querySelector(".del__status"); if (s) s.textContent = text; }
  document.querySelectorAll("[data-share]").forEach(function (box) {
    var share = box.querySelector("[data-share-image]");
    var copy = box.querySelector("[data-copy]");
    if (share && canShareFiles) {
      share.hidden = false;
      share.addEventListener("click", function () {
        fetch(share.dataset.shareImage).then(function (r) { return r.blob(); }).then(function (blob) {
          var name = share.dataset.shareImage.split("/").pop();
          return navigator.share({ files: [new File([blob], name, { type: "image/png" })],
            text: share.dataset.shareText });
        }).catch(function (e) { if (e && e.name !== "AbortError") say(box, "Kunne ikke dele bildet."); });
      });
    }
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(copy.dataset.copy).then(function () {
          say(box, "Lenken er kopiert.");
        }, function () { say(box, "Kunne ikke kopiere lenken."); });
      });
    }
  });
})();
