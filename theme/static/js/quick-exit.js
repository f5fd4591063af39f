/* Quick exit ("Forlat siden raskt"), after GOV.UK's "Exit this page".
   Click the button, or press Shift three times within five seconds: the page is hidden at
   once, then replaced (no new history entry) by a neutral site. Reset on pageshow, so a
   page restored from the back/forward cache is usable again. Needs no other script;
   without JavaScript the button is still a plain link to the neutral site. */
(function () {
  "use strict";
  var button = document.getElementById("forlat-siden");
  if (!button) { return; }
  var url = button.getAttribute("data-neutral-url") || button.getAttribute("href");
  var presses = 0;
  var timer = null;

  function hide() {
    document.documentElement.classList.add("er-forlatt");
    var page = document.getElementById("side");
    if (page) { page.hidden = true; }
    document.title = "…";
  }

  function exit(event) {
    if (event) { event.preventDefault(); }
    hide();
    window.location.replace(url);
  }

  function reset() {
    presses = 0;
    if (timer) { clearTimeout(timer); timer = null; }
  }

  button.addEventListener("click", exit);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { reset(); return; }
    presses += 1;
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(reset, 5000);
    if (presses >= 3) { reset(); exit(); }
  });
  window.addEventListener("pageshow", function () {
    reset();
    document.documentElement.classList.remove("er-forlatt");
    var page = document.getElementById("side");
    if (page) { page.hidden = false; }
  });
})();
