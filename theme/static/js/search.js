/* Søk: every form[data-search] searches the Pagefind index and shows the results in the
   region whose id it names. The index and its code (/pagefind/) load only when someone
   searches. The query never leaves the page: the field has no name (a form sent without
   JavaScript carries no query), nothing is put in the address or the history, and the
   field and results are emptied when the page is left (so «Back» shows nothing). */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-search]");
  var engine = null;
  var MAX = 20;
  /* Pagefind stems with Snowball's Norwegian stemmer, which keeps the vowel a plural or
     definite form drops (krisesenter → krisesent, krisesentre → krisesentr; faktum →
     faktum, fakta → fakt). Pagefind finds the longer stem from the shorter one, not back,
     so each form below is searched as the word whose stem is the shorter one. */
  var SAME_WORD = [
    [/sent(?:re|rene|renes|res|eret|erets|ers)$/, "senter"],  /* krisesentre → krisesenter */
    [/^faktum(?:et|ets)?$/, "fakta"]
  ];

  function normalise(query) {
    return query.toLowerCase().split(/\s+/).map(function (word) {
      for (var i = 0; i < SAME_WORD.length; i++) {
        if (SAME_WORD[i][0].test(word)) return word.replace(SAME_WORD[i][0], SAME_WORD[i][1]);
      }
      return word;
    }).join(" ");
  }

  function load() {
    if (!engine) {
      engine = import("/pagefind/pagefind.js").then(function (pagefind) {
        return pagefind.options({ excerptLength: 22 }).then(function () { return pagefind; });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }
  function excerpt(html) {
    /* Pagefind marks the hits with <mark>; keep those and plain text, nothing else. */
    var out = el("p", "search-hit__excerpt");
    var body = new DOMParser().parseFromString(html, "text/html").body;
    body.childNodes.forEach(function (node) {
      out.appendChild(node.nodeName === "MARK" ? el("mark", "", node.textContent)
        : document.createTextNode(node.textContent));
    });
    return out;
  }
  function show(region, query, hits, total) {
    region.textContent = "";
    var heading = el("h2", "search-results__title", total ? total + " treff for «" + query + "»"
      : "Ingen treff for «" + query + "». Prøv et annet ord, eller se Temaer.");
    heading.setAttribute("role", "status");
    region.appendChild(heading);
    var list = el("ol", "search-results__list");
    hits.forEach(function (hit) {
      var item = el("li", "search-hit");
      var link = el("a", "search-hit__link", (hit.meta && hit.meta.title) || hit.url);
      link.href = hit.url;
      item.appendChild(link);
      item.appendChild(excerpt(hit.excerpt || ""));
      list.appendChild(item);
    });
    if (hits.length) region.appendChild(list);
    if (!total) {
      var more = el("a", "", "Se alle temaer");
      more.href = "/tema/";
      region.appendChild(more);
    }
    region.hidden = false;
  }
  function fail(region) {
    region.textContent = "";
    region.appendChild(el("p", "search-results__title",
      "Søket er ikke tilgjengelig akkurat nå. Se Temaer, Standpunkter og Fakta i menyen."));
    region.hidden = false;
  }
  function bind(form) {
    var field = form.querySelector("input[type=search]");
    var region = document.getElementById(form.getAttribute("data-search"));
    if (!field || !region) return;
    function run(debounced) {
      var query = field.value.trim();
      if (query.length < 2) { region.hidden = true; region.textContent = ""; return; }
      load().then(function (pagefind) {
        var words = normalise(query);
        return debounced ? pagefind.debouncedSearch(words, {}, 250) : pagefind.search(words);
      }).then(function (search) {
        if (!search || field.value.trim() !== query) return null; /* a newer query won */
        return Promise.all(search.results.slice(0, MAX).map(function (r) { return r.data(); }))
          .then(function (hits) { show(region, query, hits, search.results.length); });
      }).catch(function () { fail(region); });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault(); /* never navigate: the query would end up in the history */
      run(false);
      region.focus();
    });
    field.addEventListener("input", function () { run(true); });
    field.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });
    region.setAttribute("tabindex", "-1");
  }
  forms.forEach(bind);
  document.querySelectorAll("[data-search-nojs]").forEach(function (note) { note.hidden = true; });
  window.addEventListener("pagehide", function () {
    forms.forEach(function (form) { form.reset(); });
    document.querySelectorAll(".search-results").forEach(function (r) { r.hidden = true; r.textContent = ""; });
  });
})();
