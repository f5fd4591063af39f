"""Small JavaScript probes the browser audit evaluates in the page (no page changes)."""

from __future__ import annotations

_DESCRIBE = """
const describe = (el) => {
  if (!el || el === document.body) return '<body> (ingen fokus)';
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  if (el.classList.length) s += '.' + [...el.classList].join('.');
  const text = (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40);
  return text ? `${s} «${text}»` : s;
};
"""

OVERFLOW_JS = (
    "() => {"
    + _DESCRIBE
    + """
  const width = document.documentElement.clientWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth <= width) return null;
  const wide = [...document.body.querySelectorAll('*')].filter((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1;
  });
  const leaves = wide.filter((el) => !wide.some((o) => o !== el && el.contains(o)));
  return {width, scrollWidth, elements: leaves.slice(0, 5).map(describe)};
}"""
)

_STYLE_KEYS = (
    "['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'backgroundColor', "
    "'color', 'textDecorationLine', 'borderBottomColor', 'borderBottomWidth']"
)

FOCUS_STOPS_JS = {
    # Called once per Tab press: remember the focused element and its focused style.
    "focused": "(i) => {"
    + _DESCRIBE
    + f"""
  const keys = {_STYLE_KEYS};
  const el = document.activeElement;
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  window.__auditStops = window.__auditStops || [];
  window.__auditStops[i] = {{
    el, desc: describe(el), id: el.id, href: el.getAttribute('href') || '',
    style: Object.fromEntries(keys.map((k) => [k, cs[k]])),
    inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
      && r.top < innerHeight && r.left < innerWidth,
  }};
}}""",
    # After the last Tab: blur, read each stop's unfocused style, say whether focus showed.
    "compare": f"""() => {{
  const keys = {_STYLE_KEYS};
  document.activeElement?.blur();
  return (window.__auditStops || []).map((stop) => {{
    const cs = getComputedStyle(stop.el);
    const changed = keys.filter((k) => !k.startsWith('outline') && cs[k] !== stop.style[k]);
    const outline = stop.style.outlineStyle !== 'none' && parseFloat(stop.style.outlineWidth) > 0;
    return {{
      desc: stop.desc, id: stop.id, href: stop.href, inView: stop.inView,
      visible: stop.inView && (outline || changed.length > 0),
      how: outline ? 'outline' : changed.join(', '),
    }};
  }});
}}""",
}

SKIP_RESULT_JS = """(targetId) => {
  const target = document.getElementById(targetId);
  const active = document.activeElement;
  const inside = !!target && !!active && (target === active || target.contains(active));
  const after = !!target && !!active && active !== document.body &&
    !!(target.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
  return {exists: !!target, inside, after, hash: location.hash};
}"""

# Is the page's own content hidden (gone, invisible, or covered on every probe point)?
HIDDEN_JS = """() => {
  const content = [...document.querySelectorAll('main, header, footer, [role=main]')];
  if (!content.length) return {hidden: false, why: 'fant ikke <main>, <header> eller <footer>'};
  const opts = {opacityProperty: true, visibilityProperty: true};
  const shown = content.filter((el) => el.checkVisibility(opts));
  if (!shown.length) return {hidden: true, why: ''};
  for (let i = 1; i < 6; i++) {
    for (let j = 1; j < 6; j++) {
      const hit = document.elementFromPoint(innerWidth * i / 6, innerHeight * j / 6);
      if (hit && shown.some((el) => el.contains(hit))) {
        return {hidden: false, why: `innholdet (${hit.tagName.toLowerCase()}) synes fortsatt`};
      }
    }
  }
  return {hidden: true, why: ''};
}"""

# Installed before using the quick exit: as the page is left (beforeunload comes before the
# neutral page is even requested), it logs PREFIX + JSON of HIDDEN_JS's answer.
UNLOAD_PROBE_JS = """(prefix) => {
  const probe = HIDDEN_JS;
  const report = (e) => console.log(prefix + JSON.stringify({event: e.type, ...probe()}));
  addEventListener('beforeunload', report);
  addEventListener('pagehide', report);
}"""

# Every Content-Security-Policy violation, reported through the console (added before any
# page script runs, so an inline style in the first line of a page is caught too).
CSP_PREFIX = "stemme-csp:"
CSP_PROBE_JS = """document.addEventListener('securitypolicyviolation', (e) => {
  const sample = e.sample ? ' «' + e.sample.slice(0, 60) + '»' : '';
  console.log('stemme-csp:' + e.effectiveDirective + ' ' + (e.blockedURI || 'inline') + sample);
});"""
