/* The search itself, loaded by search.js when someone uses a search field: it asks the
   Pagefind index (/pagefind/, loaded now too) and shows the hits in the region the form
   names. The query stays in the page: never in the address, the history or storage. */
var engine = null;
var MAX = 20;
/* Pagefind stems with Snowball's Norwegian stemmer, which keeps the vowel a plural or
   definite form drops (krisesenter → krisesent, krisesentre → krisesentr; faktum →
   faktum, fakta → fakt). Pagefind finds the longer stem from the shorter one, not back,
   so each form below is searched as the word whose stem is the shorter one. */
var SAME_WORD = [
  [/sent(?:re|rene|renes|res|eret|erets|ers)$/, "senter"], /* krisesentre → krisesenter */
  [/^faktum(?:et|ets)?$/, "fakta"]
];

export function normalise(query) {
  return query.toLowerCase().split(/\s+/).map(function (word) {
    for (var i = 0; i < SAME_WORD.length; i++) {
      if (SAME_WORD[i][0].test(word)) return word.replace(SAME_WORD[i][0], SAME_WORD[i][1]);
    }
    return word;
  }).join(" ");
}

export function load() {
  if (!engine) {
    /* Each published language has its own index (generator/site/search.py); the page
       names it when it is not the default language's. */
    var index = document.documentElement.getAttribute("data-search-index") || "/pagefind/";
    engine = import(index + "pagefind.js").then(function (pagefind) {
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

/* The texts in the page's language: a page in another language than the default gives
   them in data-text-* on the results region (from the gettext catalogues), with {n} and
   {query} where the numbers and the words go. */
function text(region, name, fallback, values) {
  var own = region.getAttribute("data-text-" + name) || fallback;
  return own.replace(/\{(\w+)\}/g, function (all, key) {
    return Object.prototype.hasOwnProperty.call(values || {}, key) ? values[key] : all;
  });
}

function show(region, query, hits, total) {
  region.textContent = "";
  var heading = el("h2", "search-results__title", total
    ? text(region, "hits", "{n} treff for «{query}»", { n: total, query: query })
    : text(region, "none", "Ingen treff for «{query}». Prøv et annet ord, eller se alle temaer.",
      { query: query }));
  heading.setAttribute("role", "status");
  region.appendChild(heading);
  if (hits.length) {
    var list = el("ol", "search-results__list");
    hits.forEach(function (hit) {
      var item = el("li", "search-hit");
      var link = el("a", "search-hit__link", (hit.meta && hit.meta.title) || hit.url);
      link.href = hit.url;
      item.appendChild(link);
      item.appendChild(excerpt(hit.excerpt || ""));
      list.appendChild(item);
    });
    region.appendChild(list);
  } else {
    var topics = el("a", "", text(region, "topics", "Alle temaer"));
    topics.href = "/tema/";
    region.appendChild(topics);
  }
  region.hidden = false;
}

function fail(region) {
  region.textContent = "";
  region.appendChild(el("p", "search-results__title", text(region, "unavailable",
    "Søket er ikke tilgjengelig akkurat nå. Finn fram med Temaer, Standpunkter og Fakta i stedet.")));
  region.hidden = false;
}

/* Search what the form's field holds; `typing`: wait until the reader pauses. */
export function search(form, typing) {
  var field = form.querySelector("input[type=search]");
  var region = document.getElementById(form.getAttribute("data-search"));
  var query = field.value.trim();
  if (query.length < 2) { region.hidden = true; region.textContent = ""; return Promise.resolve(); }
  return load().then(function (pagefind) {
    var words = normalise(query);
    return typing ? pagefind.debouncedSearch(words, {}, 250) : pagefind.search(words);
  }).then(function (found) {
    if (!found || field.value.trim() !== query) return null; /* a newer query won */
    return Promise.all(found.results.slice(0, MAX).map(function (r) { return r.data(); }))
      .then(function (hits) { show(region, query, hits, found.results.length); });
  }).catch(function () { fail(region); });
}
