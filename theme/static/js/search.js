/* Søk: the search fields (form[data-search]) on every page. This file only listens; the
   search itself (search-ui.js and Pagefind's index) loads when someone uses a field.
   The query never leaves the page: the field has no name (a form sent without JavaScript
   carries no query), submitting never navigates (nothing in the address or the history),
   and fields and results are emptied when the page is left (so «Back» shows nothing). */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-search]");
  var ui = null;
  function start() {
    if (!ui) { ui = import("/theme/js/search-ui.js"); ui.catch(function () { ui = null; }); }
    return ui;
  }
  function quiet() { /* search-ui.js shows its own message when the search is missing */ }
  forms.forEach(function (form) {
    var field = form.querySelector("input[type=search]");
    var region = document.getElementById(form.getAttribute("data-search"));
    if (!field || !region) return;
    region.setAttribute("tabindex", "-1");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      start().then(function (ui) { return ui.search(form, false); })
        .then(function () { region.focus(); }, quiet);
    });
    field.addEventListener("input", function () {
      start().then(function (ui) { return ui.search(form, true); }).catch(quiet);
    });
    field.addEventListener("focus", function () {
      start().then(function (ui) { return ui.load(); }).catch(quiet);
    }, { once: true });
  });
  document.querySelectorAll("[data-search-nojs]").forEach(function (note) { note.hidden = true; });
  window.addEventListener("pagehide", function () {
    forms.forEach(function (form) { form.reset(); });
    document.querySelectorAll(".search-results").forEach(function (r) { r.hidden = true; r.textContent = ""; });
  });
})();
