/* «Del bildet» (the Web Share API with the card as a file), «Kopier teksten» and
   «Kopier lenken». Each button stays hidden where the browser cannot do it; the download
   links and the plain share links work everywhere, also without JavaScript.
   [data-share-image]: the file to share (+ data-share-name, data-share-text);
   [data-copy]: text to copy; [data-copy-from]: the id of the element whose text to copy.
   Messages go to the nearest .del__status (a live region) around the button. */
(function () {
  "use strict";
  var probe = typeof File === "function" && new File([""], "kort.png", { type: "image/png" });
  var canShareFiles = !!(probe && navigator.canShare && navigator.canShare({ files: [probe] }));
  var canCopy = !!(navigator.clipboard && window.isSecureContext);
  function say(button, text) {
    for (var el = button.parentElement; el; el = el.parentElement) {
      var status = el.querySelector(".del__status");
      if (status) { status.textContent = text; return; }
    }
  }
  function offer(button, possible, action) {
    if (!possible) return;
    button.hidden = false;
    button.addEventListener("click", function () { action(button); });
  }
  function shareImage(button) {
    var url = button.getAttribute("data-share-image");
    var name = button.getAttribute("data-share-name") || url.split("/").pop();
    var text = button.getAttribute("data-share-text");
    fetch(url).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.blob();
    }).then(function (blob) {
      var data = { files: [new File([blob], name, { type: "image/png" })] };
      if (text) data.text = text;
      return navigator.share(data);
    }).catch(function (e) {
      if (!e || e.name !== "AbortError") say(button, "Kunne ikke dele bildet. Last det ned i stedet.");
    });
  }
  function copyText(button) {
    var from = button.getAttribute("data-copy-from");
    var source = from && document.getElementById(from);
    var text = source ? source.textContent.trim() : button.getAttribute("data-copy");
    navigator.clipboard.writeText(text).then(function () {
      say(button, button.getAttribute("data-copied") || "Kopiert.");
    }, function () { say(button, "Kunne ikke kopiere. Merk teksten og kopier den selv."); });
  }
  document.querySelectorAll("[data-share-image]").forEach(function (b) { offer(b, canShareFiles, shareImage); });
  document.querySelectorAll("[data-copy], [data-copy-from]").forEach(function (b) { offer(b, canCopy, copyText); });
})();
