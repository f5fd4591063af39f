/* The search itself, loaded by search.js when someone uses a search field: it asks the
   Pagefind index (/pagefind/, loaded now too) and shows the hits in the region the form
   names. The query stays in the page: never in the address, the history or storage.
   Every hit the count promises can be reached: PAGE at a time, then «Vis flere treff». */
var engine = null;
var PAGE = 20;
/* A page's own topics (the «tema» meta of topic pages, positions and responses) count
   more than a mention in the text, so /tema/krisesentre/ ranks above a campaign day
   for «krisesentre». Pagefind adds this to the score of a page whose «tema» matches. */
var RANKING = { metaWeights: { tema: 20 } };
/* What an excerpt cut out of a sentence may start or end with: separators and stray
   punctuation («· mandag 30. november», «%» 1 600»: the cut fell just after a word). */
var LOOSE_START = /^[\s·•|–—:;,.!?)\]»”’%-]+/;
var LOOSE_END = /[\s·•|–—:;,(\[-]+$/;
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
      return pagefind.options({ excerptLength: 22, ranking: RANKING })
        .then(function () { return pagefind; });
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

export function excerpt(html) {
  /* Pagefind marks the hits with <mark>; keep those and plain text, nothing else, and
     no separator or stray punctuation at either end. */
  var out = el("p", "search-hit__excerpt");
  var body = new DOMParser().parseFromString(html, "text/html").body;
  var nodes = [];
  body.childNodes.forEach(function (node) {
    nodes.push(node.nodeName === "MARK" ? el("mark", "", node.textContent)
      : document.createTextNode(node.textContent));
  });
  var first = nodes[0], last = nodes[nodes.length - 1];
  if (first && first.nodeType === 3) first.textContent = first.textContent.replace(LOOSE_START, "");
  if (last && last.nodeType === 3) last.textContent = last.textContent.replace(LOOSE_END, "");
  nodes.forEach(function (node) { if (node.textContent) out.appendChild(node); });
  return out;
}

/* The texts in the page's language: a page in another language than the default gives
   them in data-text-* on the results region (from the gettext catalogues), with {n} and
   {query} where the numbers and the words go. */
function text(region, name, fallback, values) {
  var own = (region && region.getAttribute("data-text-" + name)) || fallback;
  return own.replace(/\{(\w+)\}/g, function (all, key) {
    return Object.prototype.hasOwnProperty.call(values || {}, key) ? values[key] : all;
  });
}

function hitItem(hit) {
  var item = el("li", "search-hit");
  var link = el("a", "search-hit__link", (hit.meta && hit.meta.title) || hit.url);
  link.href = hit.url;
  item.appendChild(link);
  item.appendChild(excerpt(hit.excerpt || ""));
  return item;
}

export function moreLabel(left, region) {
  if (left === 1) return text(region, "more-one", "Vis det siste treffet");
  if (left <= PAGE) return text(region, "more-last", "Vis de siste {n} treffene", { n: left });
  return text(region, "more", "Vis {page} treff til ({n} igjen)", { page: PAGE, n: left });
}

/* The next PAGE hits under the ones shown; the first new one gets the focus, so a
   keyboard or screen reader user goes on where the list grew. */
function showMore(list, button, results, query, field) {
  var from = list.children.length;
  button.disabled = true;
  return Promise.all(results.slice(from, from + PAGE).map(function (r) { return r.data(); }))
    .then(function (hits) {
      if (field.value.trim() !== query) return; /* a newer search replaced the list */
      hits.forEach(function (hit) { list.appendChild(hitItem(hit)); });
      var left = results.length - list.children.length;
      if (left > 0) { button.textContent = moreLabel(left, list.parentNode); button.disabled = false; }
      else button.parentNode.removeChild(button);
      var link = list.children[from] && list.children[from].querySelector("a");
      if (link) link.focus();
    });
}

function show(region, query, hits, results, field) {
  var total = results.length;
  region.textContent = "";
  var heading = el("h2", "search-results__title", total
    ? text(region, "hits", "{n} treff for «{query}»", { n: total, query: query })
    : text(region, "none", "Ingen treff for «{query}». Prøv et annet ord, eller se alle temaer.",
      { query: query }));
  heading.setAttribute("role", "status");
  region.appendChild(heading);
  if (hits.length) {
    var list = el("ol", "search-results__list");
    hits.forEach(function (hit) { list.appendChild(hitItem(hit)); });
    region.appendChild(list);
    if (total > hits.length) {
      var button = el("button", "search-results__more", moreLabel(total - hits.length, region));
      button.type = "button";
      button.addEventListener("click", function () {
        showMore(list, button, results, query, field).catch(function () { fail(region); });
      });
      region.appendChild(button);
    }
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

var latest = 0; /* the newest search; an older one that ends later shows nothing */

/* Search what the form's field holds; `typing`: wait until the reader pauses. */
export function search(form, typing) {
  var field = form.querySelector("input[type=search]");
  var region = document.getElementById(form.getAttribute("data-search"));
  var query = field.value.trim();
  var mine = ++latest;
  if (query.length < 2) { region.hidden = true; region.textContent = ""; return Promise.resolve(); }
  return load().then(function (pagefind) {
    var words = normalise(query);
    return typing ? pagefind.debouncedSearch(words, {}, 250) : pagefind.search(words);
  }).then(function (found) {
    if (!found || mine !== latest) return null; /* a newer search won */
    return Promise.all(found.results.slice(0, PAGE).map(function (r) { return r.data(); }))
      .then(function (hits) {
        if (mine === latest) show(region, query, hits, found.results, field);
      });
  }).catch(function () { fail(region); });
}
