"""A letter's body: its HTML (from the site's Markdown) → Typst markup, through allow-lists.

Content is untrusted, so nothing of it is ever Typst *code*. The HTML is parsed with a
real tokenizer (:class:`html.parser.HTMLParser`) into a small tree, and each element is
written by a rule of its own (:data:`BLOCKS`, :data:`INLINE`): paragraphs, headings,
lists, quotes, code, tables, term lists, the letter's fact boxes, links and the photos of
``content/bilder/``. Every other element — ``<style>``, ``<link>``, ``<object>``,
``<embed>``, ``<svg>``, ``<iframe>``, ``<script>`` … — and every attribute not allowed on
its element (``style=``, ``rel="attachment"``, ``srcset=``, ``on…=`` …) is an error that
names the file, the line and the fix: the letter is not made, and nothing is dropped
without a word. HTML comments never reach the letter.

Text is written with a backslash before every ASCII punctuation character (``\\#``,
``\\$``, ``\\*``, ``\\_``, ``\\@``, ``\\<``, ``\\```, ``\\\\``, ``\\/`` …): Typst shows an
escaped character as itself, so no text can open code (``#read(…)``, ``#import``), math,
a label, a reference, a comment, a list or a heading. Values the code needs (a link's
address, an image's alt text, a code span) are Typst string literals
(:func:`typst_string`). Links go to http(s), mailto and tel addresses; a relative link
becomes the site's own address; ``file:``, ``data:``, ``javascript:`` … are refused.
Typst itself never follows a link.

An image must name a photo in ``content/bilder/`` (:mod:`generator.pdf.photos`) and
have alt text; the letter embeds the photo's checked, re-encoded bytes from its own
folder (``bilder/1.jpg`` …), never the file the HTML names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from generator.core import ContentError, ContentErrors
from generator.pdf.photos import PHOTO_FIX, LetterPhoto, PhotoProblem, letter_photo, photo_path

VOID = {"br", "wbr", "hr", "img", "input", "meta", "link", "base", "source", "track", "area"}
VOID |= {"col", "embed", "param", "keygen"}
_PUNCTUATION = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
_ESCAPES = {ord(ch): f"\\{ch}" for ch in _PUNCTUATION}
_SPACE = re.compile(r"[ \t\n\r\f\v\x85\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
SAFE_REL = {"noopener", "noreferrer", "nofollow", "external", "footnote", "me", "ugc"}
GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang", "dir", "role"}
ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "rel", "target", "hreflang", "name"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "align", "style", "scope", "headers"},
    "td": {"colspan", "rowspan", "align", "style", "headers"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
}
_CELL_STYLE = re.compile(r"^\s*text-align\s*:\s*(left|right|center)\s*;?\s*$", re.I)
# Elements refused, with why (what to do is in the error's fix).
REFUSED_WHY = {
    "style": "utseendet bestemmes av brevmalen",
    "link": "et brev henter ingenting utenfra og legger ikke ved filer",
    "meta": "slike innstillinger hører ikke hjemme i teksten",
    "base": "slike innstillinger hører ikke hjemme i teksten",
    "svg": "en SVG kan hente inn andre filer",
    "script": "et brev kjører ingen skript",
}
OTHER_WHY = "et brev viser bare tekst og bilder fra content/bilder/"
SVG_FIX = (
    "lagre figuren som et bilde (PNG eller JPEG) i content/bilder/ og sett det inn med "
    "«![Hva figuren viser](../bilder/figur.png)»."
)
ALT_FIX = (
    "skriv hva bildet viser mellom klammene, f.eks. "
    "«![To hender holder en kopp kaffe](../bilder/kaffe.jpg)»."
)


def escape(text: str) -> str:
    """Text as Typst markup that shows exactly that text (whitespace collapsed)."""
    return _SPACE.sub(" ", _CONTROL.sub("", text)).translate(_ESCAPES)


def typst_string(text: str) -> str:
    """A Typst string literal of ``text`` (for code: an address, alt text, a code span)."""
    text = _CONTROL.sub("", text)
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{text}"'


@dataclass
class Node:
    """An element of the body's HTML; ``children`` are nodes and text."""

    tag: str
    attrs: list[tuple[str, str]]
    children: list[Node | str] = field(default_factory=list)

    def get(self, name: str, default: str = "") -> str:
        return next((v for k, v in reversed(self.attrs) if k == name), default)

    @property
    def classes(self) -> set[str]:
        return set(self.get("class").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _Tree(HTMLParser):
    """HTML → a tree of :class:`Node`; comments, declarations and PIs are left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("body", [])
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, [(k, v or "") for k, v in attrs])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, [(k, v or "") for k, v in attrs]))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _elements(node: Node) -> list[Node]:
    return [child for child in node.children if isinstance(child, Node)]


def parse(html: str) -> Node:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


@dataclass(frozen=True)
class Body:
    """The body as Typst markup, the photo files it shows and their letter bytes (the
    markup names them ``bilder/1.jpg`` …, inside the letter's own folder)."""

    markup: str
    images: tuple[Path, ...] = ()
    photos: tuple[tuple[str, LetterPhoto], ...] = ()


HEADINGS = {f"h{n}": n for n in range(1, 7)}
CONTAINERS = {"div", "section", "article", "aside", "figure", "figcaption", "header", "footer"}
CONTAINERS |= {"main", "details", "summary", "center", "address", "hgroup"}
BLOCK_TAGS = {"p", "ul", "ol", "li", "blockquote", "pre", "hr", "table", "dl", "caption"}
BLOCK_TAGS |= set(HEADINGS) | CONTAINERS
WRAPS = {
    "strong": "strong",
    "b": "strong",
    "em": "emph",
    "i": "emph",
    "cite": "emph",
    "dfn": "emph",
    "var": "emph",
    "sup": "super",
    "sub": "sub",
    "del": "strike",
    "s": "strike",
    "strike": "strike",
    "u": "underline",
    "ins": "underline",
    "mark": "highlight",
}
TRANSPARENT = {"span", "abbr", "time", "bdi", "bdo", "small", "big", "nobr"}


class Converter:
    """One body → :class:`Body`; every problem is collected, then raised together."""

    def __init__(self, *, content: Path, page_url: str, file: str, source_text: str) -> None:
        self.content, self.page_url, self.file = content, page_url, file
        self.lines = source_text.splitlines()
        self.errors: list[ContentError] = []
        self.level = 1  # the last heading's level (the title is 1)
        self.images: list[Path] = []
        self.photos: list[tuple[str, LetterPhoto]] = []

    # ── errors ──────────────────────────────────────────────────────────────────────
    def line_of(self, *needles: str) -> int | None:
        """The first line of the source that holds one of ``needles`` (case-insensitive)."""
        for needle in (n.lower() for n in needles if n):
            for number, line in enumerate(self.lines, start=1):
                if needle in line.lower():
                    return number
        return None

    def refuse(self, message: str, fix: str, *needles: str) -> str:
        error = ContentError(message, file=self.file, line=self.line_of(*needles), fix=fix)
        if all(str(e) != str(error) for e in self.errors):
            self.errors.append(error)
        return ""

    # ── elements and attributes ─────────────────────────────────────────────────────
    def allowed(self, node: Node) -> bool:
        """Whether the element may be written; else it is refused (with its attributes)."""
        known = node.tag in BLOCK_TAGS or node.tag in INLINE or node.tag in _TABLE_PARTS
        if not known:
            why = REFUSED_WHY.get(
                node.tag, "et brev viser bare tekst og bilder fra content/bilder/"
            )
            fix = SVG_FIX if node.tag in ("svg", "math") else f"fjern <{node.tag}> fra teksten."
            self.refuse(f"<{node.tag}> kan ikke stå i et brev: {why}.", fix, f"<{node.tag}")
            return False
        ok = True
        for name, value in node.attrs:
            if not self.attribute_ok(node, name, value):
                ok = False
        return ok

    def attribute_ok(self, node: Node, name: str, value: str) -> bool:
        tag, at = node.tag, f"<{node.tag}"
        if name in GLOBAL_ATTRIBUTES or name.startswith("aria-"):
            return True
        if name not in ATTRIBUTES.get(tag, set()):
            why = "utseendet bestemmes av brevmalen" if name == "style" else "det er ikke tillatt"
            self.refuse(
                f"attributtet «{name}» i <{tag}> kan ikke stå i et brev: {why}.",
                f'fjern {name}="…" fra <{tag}>.',
                f"{name}=",
                at,
            )
            return False
        if name == "style" and not _CELL_STYLE.match(value):
            self.refuse(
                f"attributtet «style» i <{tag}> kan ikke stå i et brev: utseendet "
                "bestemmes av brevmalen.",
                f'fjern style="…" fra <{tag}>.',
                "style=",
            )
            return False
        if name == "rel" and not set(value.lower().split()) <= SAFE_REL:
            self.refuse(
                f"rel=«{value}» i en lenke kan ikke stå i et brev: et brev legger aldri ved filer.",
                'fjern rel="…" fra lenken.',
                "rel=",
            )
            return False
        return True

    # ── blocks ──────────────────────────────────────────────────────────────────────
    def blocks(self, nodes: list[Node | str]) -> str:
        """Block content: runs of text and inline elements become paragraphs."""
        return "\n\n".join(self.block_list(nodes))

    def block_list(self, nodes: list[Node | str]) -> list[str]:
        out: list[str] = []
        run: list[Node | str] = []

        def flush() -> None:
            if text := self.inline(run).strip():
                out.append(text)
            run.clear()

        for node in nodes:
            if isinstance(node, Node) and node.tag in BLOCK_TAGS | _TABLE_PARTS:
                flush()
                if written := self.block(node).strip():
                    out.append(written)
            else:
                run.append(node)
        flush()
        return out

    def block(self, node: Node) -> str:
        if not self.allowed(node):
            return ""
        tag = node.tag
        if tag in HEADINGS:
            body = self.inline(node.children).strip()
            if not body:
                return ""
            # PDF/UA: no level skipped after the title (level 1): «###» under «#» is a 2.
            self.level = min(HEADINGS[tag], self.level + 1)
            return f"#heading(level: {self.level})[{body}]"
        if tag == "p":
            body = self.inline(node.children).strip()
            if "fact__text" in node.classes:
                return f"#fact-text[{body}]"
            if "fact__source" in node.classes:
                return f"#fact-source[{body}]"
            return body
        if tag in ("ul", "ol"):
            return self.list(node)
        if tag == "li":
            return self.list(Node("ul", [], [node]))
        if tag == "blockquote":
            return f"#quote(block: true)[{self.blocks(node.children)}]"
        if tag == "pre":
            self.check_inside(node)
            return f"#raw(block: true, {typst_string(node.text().removesuffix(chr(10)))})"
        if tag == "hr":
            return "#line(length: 100%, stroke: 0.5pt + grey)"
        if tag == "table":
            return self.table(node)
        if tag in ("dt", "dd"):
            return self.terms(Node("dl", [], [node]))
        if tag in _TABLE_PARTS:
            return self.table(Node("table", [], [node]))
        if tag == "dl":
            return self.terms(node)
        if tag == "caption":
            return f"#emph[{self.inline(node.children).strip()}]"
        if tag == "div" and "fact" in node.classes:
            return f"#fact-box[{self.blocks(node.children)}]"
        return self.blocks(node.children)  # a container

    def list(self, node: Node) -> str:
        written = []
        for item in node.children:  # (text or another element outside <li>: an item too)
            if isinstance(item, Node) and item.tag == "li":
                if self.allowed(item):
                    written.append(f"[{self.blocks(item.children)}]")
            elif isinstance(item, Node) or item.strip():
                written.append(f"[{self.blocks([item])}]")
        if node.tag == "ol":
            start = node.get("start", "1")
            first = int(start) if start.isdigit() else 1
            return f"#enum(start: {first}, {', '.join(written)})" if written else ""
        return f"#list({', '.join(written)})" if written else ""

    def table(self, node: Node) -> str:
        header: list[list[str]] = []
        rows: list[list[str]] = []
        for part in (c for c in node.children if isinstance(c, Node)):
            if not self.allowed(part):
                continue
            if part.tag == "caption":
                continue
            if part.tag not in _TABLE_PARTS:  # e.g. a <p> straight in the table: a row
                part = Node("tr", [], [Node("td", [], [part])])
            trs = [part] if part.tag in ("tr", "td", "th") else _elements(part)
            for tr in trs:
                if tr.tag in ("td", "th"):  # a cell outside a row: a row of its own
                    tr = Node("tr", [], [tr])
                elif not self.allowed(tr):
                    continue
                cells = [self.cell(c) for c in _elements(tr)]
                cells = [c for c in cells if c is not None]
                is_head = part.tag == "thead"
                (header if is_head else rows).append(cells)
        captions = [c for c in node.children if isinstance(c, Node) and c.tag == "caption"]
        columns = max((len(r) for r in header + rows), default=0)
        if not columns:
            return ""
        parts = [f"columns: {columns}"]
        if header:
            parts.append(f"table.header({', '.join(c for r in header for c in r)})")
        parts += [c for r in rows for c in r]
        table = f"#table({', '.join(parts)})"
        caption = "\n\n".join(self.block(c) for c in captions)
        return f"{caption}\n\n{table}" if caption else table

    def cell(self, node: Node) -> str | None:
        if node.tag not in ("td", "th"):  # something else in a row: a cell of its own
            node = Node("td", [], [node])
        if not self.allowed(node):
            return None
        options = []
        for name in ("colspan", "rowspan"):
            if (value := node.get(name)).isdigit() and int(value) > 1:
                options.append(f"{name}: {int(value)}")
        align = node.get("align") or (_CELL_STYLE.match(node.get("style")) or [None, ""])[1]
        if align and align.lower() in ("left", "right", "center"):
            options.append(f"align: {align.lower()}")
        body = self.blocks(node.children)
        if node.tag == "th":
            body = f"#strong[{body}]"
        if options:
            return f"table.cell({', '.join(options)})[{body}]"
        return f"[{body}]"

    def terms(self, node: Node) -> str:
        items: list[tuple[str, list[str]]] = []
        self.term_items(node, items)
        written = [f"terms.item[{t}][{chr(10).join(d)}]" for t, d in items]
        return f"#terms({', '.join(written)})" if written else ""

    def term_items(self, node: Node, items: list[tuple[str, list[str]]]) -> None:
        """dt → a term; dd (or anything else) → its description; a <div> groups them."""
        for item in node.children:
            if isinstance(item, str) and not item.strip():
                continue
            child = Node("dd", [], [item]) if isinstance(item, str) else item
            if not self.allowed(child):
                continue
            if child.tag == "div":
                self.term_items(child, items)
            elif child.tag == "dt":
                items.append((self.inline(child.children).strip(), []))
            else:
                if not items:
                    items.append(("", []))
                body = child.children if child.tag == "dd" else [child]
                items[-1][1].append(self.blocks(body))

    # ── inline ──────────────────────────────────────────────────────────────────────
    def inline(self, nodes: list[Node | str]) -> str:
        return "".join(escape(n) if isinstance(n, str) else self.inline_node(n) for n in nodes)

    def inline_node(self, node: Node) -> str:
        if node.tag in BLOCK_TAGS or node.tag in _TABLE_PARTS:
            return " " + self.block(node) + " "  # a block inside a line (invalid HTML)
        if not self.allowed(node):
            return ""
        rule = INLINE[node.tag]
        return rule(self, node)

    def wrap(self, node: Node) -> str:
        function = WRAPS[node.tag]
        if node.tag == "strong" and "fact__figure" in node.classes:
            function = "fact-figure"
        return f"#{function}[{self.inline(node.children)}]"

    def check_inside(self, node: Node) -> None:
        """Code shows its text only; an element inside is still refused if not allowed."""
        for child in _elements(node):
            if self.allowed(child):
                self.check_inside(child)

    def code(self, node: Node) -> str:
        self.check_inside(node)
        return f"#raw({typst_string(node.text())})"

    def link(self, node: Node) -> str:
        text = self.inline(node.children)
        if "footnote-backref" in node.classes:
            return ""  # «↩» back to the text: a web page's navigation
        href = node.get("href").strip()
        if not href or href.startswith("#"):
            return text
        clean = _SPACE.sub("", _CONTROL.sub("", href))
        scheme = urlsplit(clean).scheme.lower()
        if scheme in LINK_SCHEMES:
            target = clean
        elif not scheme and self.page_url:
            target = urljoin(self.page_url, clean)
        else:
            return self.refuse(
                f"lenken «{href}» kan ikke stå i et brev: et brev lenker bare til "
                "https://-, mailto:- og tel:-adresser.",
                "lenk til en adresse som begynner med https://.",
                href,
            )
        return f"#link({typst_string(target)})[{text or escape(target)}]"

    def image(self, node: Node) -> str:
        src, alt = node.get("src"), node.get("alt").strip()
        path = photo_path(src, self.content)
        if path is None:
            return self.refuse(
                f"bildet «{src}» kan ikke stå i et brev: et brev viser bare bilder fra "
                "content/bilder/.",
                PHOTO_FIX,
                src,
            )
        if not alt:
            return self.refuse(f"bildet «{src}» mangler alt-tekst.", ALT_FIX, src)
        try:
            photo = letter_photo(path)
        except PhotoProblem as problem:
            return self.refuse(f"bildet «{src}»: {problem.message}.", problem.fix, src)
        if path not in self.images:
            self.images.append(path)
            self.photos.append((f"bilder/{len(self.photos) + 1}.{photo.extension}", photo))
        name = self.photos[self.images.index(path)][0]
        return f"#photo({typst_string(name)}, {typst_string(alt)})"

    def quote(self, node: Node) -> str:
        return f"«{self.inline(node.children)}»"

    def transparent(self, node: Node) -> str:
        return self.inline(node.children)

    def convert(self, html: str) -> Body:
        blocks = self.block_list(parse(html).children)
        if self.errors:
            raise ContentErrors(self.errors)
        if blocks:  # the last block goes to the closing's page with it: never a lone closing
            blocks[-1] = f"#block(sticky: true)[{blocks[-1]}]"
        return Body("\n\n".join(blocks), tuple(self.images), tuple(self.photos))


_TABLE_PARTS = {"thead", "tbody", "tfoot", "tr", "th", "td", "dt", "dd"}
InlineRule = Callable[[Converter, Node], str]
INLINE: dict[str, InlineRule] = {
    **dict.fromkeys(WRAPS, Converter.wrap),
    **dict.fromkeys(TRANSPARENT, Converter.transparent),
    "code": Converter.code,
    "kbd": Converter.code,
    "samp": Converter.code,
    "a": Converter.link,
    "img": Converter.image,
    "q": Converter.quote,
    "br": lambda _self, _node: "#linebreak()",
    "wbr": lambda _self, _node: "#sym.zws",
}


def convert_body(html: str, *, content: Path, page_url: str, file: str, source_text: str) -> Body:
    """The body's HTML as Typst markup (see the module docstring); ContentErrors naming
    ``file`` and the line in ``source_text`` for everything a letter refuses."""
    converter = Converter(content=content, page_url=page_url, file=file, source_text=source_text)
    return converter.convert(html)
