"""Pelican plugin: the site in every language of ``[languages]`` in stemme.toml.

Pelican's own translation support does the pages: ``om-oss.en.md`` is read with
``lang = "en"`` and the original's slug (:mod:`generator.site.reader`), is linked to the
original through ``translations``, and is written at ``/en/om-oss/``
(``PAGE_LANG_SAVE_AS``). This plugin adds the rest:

- the default language's lists (front page, sections, feeds, menu) hold only the default
  language: a text that exists only in English is moved out of them
  (``article_generator_pretaxonomy``, ``page_generator_finalized``);
- every *published* language gets its own front page, section lists, Atom feeds and
  search page (``/en/``, ``/en/standpunkter/``, ``/en/feeds/standpunkter.atom.xml``,
  ``/en/sok/``), and a short page in that language for each text not translated into it
  (``/en/personvern/``: «not available in English yet», with a link to the bokmål text,
  ``noindex``), so a visitor who reads English is told so in English;
- the templates' gettext (Jinja's i18n extension) answers in the language of the page
  being rendered; dates are formatted by Babel for that language; template globals give
  the language switcher, ``hreflang`` alternates and links within the visitor's language.

The language of a render: ``page_lang`` when this plugin renders a list, else the
``article``'s or ``page``'s ``lang``, else the default language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from babel.dates import format_date
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape
from pelican import signals
from pelican.utils import order_content

from generator.core import Languages, dates
from generator.site import i18n
from generator.site.context import build_context
from generator.site.translations import TRANSLATED_KINDS

# The sections' names (msgids of the catalogues): feeds and lists are named by them.
SECTION_NAMES = {"standpunkter": "Standpunkter", "hoeringssvar": "Høringssvar"}
UNTRANSLATED_TEMPLATE = "untranslated"


def _languages(settings: dict[str, Any]) -> Languages:
    return build_context(settings).config.languages


def context_lang(ctx: Context | dict[str, Any]) -> str:
    """The language of what is being rendered."""
    explicit = ctx.get("page_lang")
    if isinstance(explicit, str):
        return explicit
    for name in ("article", "page"):
        lang = getattr(ctx.get(name), "lang", None)
        if isinstance(lang, str):
            return lang
    return str(ctx.get("DEFAULT_LANG") or "nb")


def _prefix(settings: dict[str, Any], lang: str) -> str:
    """«en/» for a published language; «» for the default and help-only languages (they
    have no lists of their own: their links lead to the default language's pages)."""
    return f"{lang}/" if lang in _languages(settings).published else ""


def _versions(item: Any) -> dict[str, Any]:
    """Every language version of a text: {lang: article or page}."""
    found = {item.lang: item}
    for other in getattr(item, "translations", []) or []:
        found.setdefault(other.lang, other)
    return found


def _original(item: Any, default: str) -> Any | None:
    return _versions(item).get(default)


def _url_in(item: Any, lang: str, settings: dict[str, Any]) -> str | None:
    """Where ``item`` is read in ``lang``: its translation, or the page saying it is not
    translated yet (published languages); None where neither exists."""
    versions = _versions(item)
    if lang in versions:
        return versions[lang].url
    original = versions.get(_languages(settings).default)
    if original is not None and lang in _languages(settings).published:
        if not _translatable(original):  # a høringssvar: the language's own list says why
            return f"{lang}/{original.category.url}"
        return f"{lang}/{original.url}"
    return None


def _translatable(item: Any) -> bool:
    """Pages and positions are translated; høringssvar never are (the letter was sent in
    Norwegian), so they get no «not translated» page of their own."""
    category = getattr(getattr(item, "category", None), "slug", None)
    return category is None or category in TRANSLATED_KINDS


class _Globals:
    """The template functions, bound to the build's settings and catalogues."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.languages = _languages(settings)
        theme = Path(settings["THEME"])
        self.catalogues = {lang: i18n.translations(theme, lang) for lang in self.languages.others}
        self.base = settings["CANONICAL_BASE"]
        self.originals: dict[str, Callable[..., str]] = {}

    # gettext for Jinja's i18n extension (newstyle: Jinja escapes the variables)
    def gettext(self, ctx: Context, message: str) -> str:
        catalogue = self.catalogues.get(context_lang(ctx))
        return catalogue.gettext(message) if catalogue else message

    def ngettext(self, ctx: Context, singular: str, plural: str, n: int) -> str:
        catalogue = self.catalogues.get(context_lang(ctx))
        if catalogue is None:
            return singular if n == 1 else plural
        return catalogue.ngettext(singular, plural, n)

    def pgettext(self, ctx: Context, context: str, message: str) -> str:
        catalogue = self.catalogues.get(context_lang(ctx))
        return catalogue.pgettext(context, message) if catalogue else message

    def current_lang(self, ctx: Context) -> str:
        return context_lang(ctx)

    def language(self, ctx: Context, code: str | None = None) -> i18n.LanguageInfo:
        return i18n.language_info(code or context_lang(ctx))

    def lang_url(self, ctx: Context, path: str = "") -> str:
        """A site path in the visitor's language: «/en/standpunkter/» on English pages."""
        return "/" + _prefix(self.settings, context_lang(ctx)) + path

    def page_link(self, ctx: Context, slug: str) -> str:
        """The page ``slug`` (a default-language page) as the visitor's language has it."""
        lang = context_lang(ctx)
        for page in ctx.get("pages") or []:
            if getattr(page, "slug", None) == slug:
                return "/" + (_url_in(page, lang, self.settings) or page.url)
        return "/" + _prefix(self.settings, lang) + f"{slug}/"

    def in_lang(self, ctx: Context, item: Any) -> Any:
        """``item`` (an article or page) in the visitor's language, where translated."""
        return _versions(item).get(context_lang(ctx), item)

    def url_in(self, ctx: Context, item: Any) -> str:
        """Where the visitor reads ``item`` in their language (translation or «not
        translated» page), else the item's own address."""
        return _url_in(item, context_lang(ctx), self.settings) or item.url

    def _current_item(self, ctx: Context) -> Any | None:
        if ctx.get("untranslated") is not None:
            return ctx.get("untranslated")
        for name in ("article", "page"):
            item = ctx.get(name)
            if getattr(item, "lang", None) is not None and hasattr(item, "url"):
                return item
        return None

    def versions(self, ctx: Context) -> list[tuple[str, str]]:
        """(language, site path) of every version of this page that exists, the page's
        own included, default language first; [] for a page in one language only."""
        item = self._current_item(ctx)
        default = self.languages.default
        if item is not None:
            found = _versions(item)
            out = [(lang, found[lang].url) for lang in self.languages.all if lang in found]
            if ctx.get("untranslated") is not None:
                return []  # a «not translated» page is no version of the text
            return out if len(out) > 1 else []
        path = ctx.get("lang_path")
        if not isinstance(path, str):
            return []
        return [(default, path)] + [(lang, f"{lang}/{path}") for lang in self.languages.published]

    def alternates(self, ctx: Context) -> list[tuple[str, str]]:
        """hreflang alternates: (hreflang, absolute URL) for each version, then x-default."""
        found = self.versions(ctx)
        if not found:
            return []
        out = [(lang, f"{self.base}/{path}") for lang, path in found]
        default = dict(found).get(self.languages.default, found[0][1])
        return [*out, ("x-default", f"{self.base}/{default}")]

    def switcher(self, ctx: Context) -> list[dict[str, Any]]:
        """The language switcher: each language named in itself, with where it leads."""
        here = context_lang(ctx)
        item = self._current_item(ctx)
        path = ctx.get("lang_path")
        entries = []
        for lang in self.languages.all:
            url: str | None
            if item is not None:
                url = _url_in(item, lang, self.settings)
                if url is None and lang in self.languages.published:
                    url = f"{lang}/"
                if url is None and lang == self.languages.default:
                    url = ""
            elif lang in (self.languages.default, *self.languages.published):
                url = _prefix(self.settings, lang) + (path if isinstance(path, str) else "")
            else:
                url = None
            if url is None:
                url = self._help_url(ctx, lang)
            if url is None:
                continue
            info = i18n.language_info(lang)
            entries.append(
                {
                    "lang": lang,
                    "name": info.name,
                    "dir": info.direction,
                    "url": "/" + url,
                    "current": lang == here,
                }
            )
        return entries if len(entries) > 1 else []

    def _help_url(self, ctx: Context, lang: str) -> str | None:
        """A help-only language leads to the help page in that language, if it has one."""
        for page in ctx.get("pages") or []:
            if getattr(page, "slug", None) == self.languages.help_page:
                version = _versions(page).get(lang)
                return version.url if version is not None else None
        return None

    def search_index(self, ctx: Context) -> str | None:
        """The page's own Pagefind index when it is not the default one (/pagefind/)."""
        lang = context_lang(ctx)
        if lang in self.languages.published:
            return f"/pagefind-{lang}/"
        return None

    def search_texts(self, ctx: Context) -> Markup:
        """search-ui.js's texts in the page's language, as data-text-* attributes (none in
        the default language: the script has those)."""
        if context_lang(ctx) == self.languages.default:
            return Markup("")
        texts = {name: self.gettext(ctx, text) for name, text in i18n.SCRIPT_TEXTS.items()}
        return Markup("".join(f' data-text-{k}="{escape(v)}"' for k, v in texts.items()))

    def site_text(self, ctx: Context) -> Any:
        return build_context(self.settings).config.site.text(context_lang(ctx))

    def link(self, href: str, text: str, **attrs: str) -> Markup:
        extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
        return Markup(f'<a href="{escape(href)}"{extra}>{escape(text)}</a>')

    def date_filter(self, name: str, original: Callable[..., str], pattern: str) -> Any:
        languages = self.languages

        @pass_context
        def localised(ctx: Context, value: date | datetime, *args: Any, **kwargs: Any) -> str:
            lang = context_lang(ctx)
            if lang == languages.default:
                return original(value, *args, **kwargs)
            return format_date(
                dates._as_date(value), pattern, locale=i18n.language_info(lang).date_locale
            )

        localised.__name__ = name
        return localised


def _with_context(method: Callable[..., Any]) -> Callable[..., Any]:
    """A bound method as a Jinja function that gets the render's context first."""

    def call(ctx: Context, *args: Any, **kwargs: Any) -> Any:
        return method(ctx, *args, **kwargs)

    call.__name__ = method.__name__
    return pass_context(call)


def install(generator: Any) -> None:
    """Give this generator's Jinja environment gettext and the language globals."""
    env = getattr(generator, "env", None)
    if env is None or not hasattr(env, "install_gettext_callables"):
        return
    helpers = _Globals(generator.settings)
    env.install_gettext_callables(
        _with_context(helpers.gettext),
        _with_context(helpers.ngettext),
        newstyle=True,
        pgettext=_with_context(helpers.pgettext),
    )
    for name in (
        "current_lang",
        "language",
        "lang_url",
        "page_link",
        "versions",
        "alternates",
        "switcher",
        "site_text",
        "search_index",
        "search_texts",
    ):
        env.globals[name] = _with_context(getattr(helpers, name))
    env.globals["link"] = helpers.link
    env.filters["in_lang"] = _with_context(helpers.in_lang)
    env.filters["url_in"] = _with_context(helpers.url_in)
    for name, pattern in (("dato", "long"), ("dato_ukedag", "full")):
        env.filters[name] = helpers.date_filter(name, dates.JINJA_FILTERS[name], pattern)


def _split(items: list[Any], default: str) -> tuple[list[Any], list[Any]]:
    """(default-language items, the others)."""
    keep = [item for item in items if item.lang == default]
    return keep, [item for item in items if item.lang != default]


def default_language_articles(generator: Any) -> None:
    """A text with no default-language version is Pelican's «original», so it would be
    listed in the default language's sections and feeds: make it a translation."""
    default = _languages(generator.settings).default
    generator.articles, moved = _split(generator.articles, default)
    generator.translations.extend(moved)
    generator.hidden_articles, moved = _split(generator.hidden_articles, default)
    generator.hidden_translations.extend(moved)


def default_language_pages(generator: Any) -> None:
    default = _languages(generator.settings).default
    kept, moved = _split(generator.pages, default)
    generator.pages[:] = kept
    generator.translations.extend(moved)


class _Section:
    """A section list in one language (what category.html needs of a category)."""

    def __init__(self, category: Any, lang: str) -> None:
        self.slug = category.slug
        self.name = category.name
        self.lang = lang
        self.url = f"{lang}/{category.slug}/"
        self.save_as = f"{lang}/{category.slug}/index.html"

    def __str__(self) -> str:
        return self.name


def _texts_in(generator: Any, lang: str) -> list[Any]:
    found = [a for a in [*generator.articles, *generator.translations] if a.lang == lang]
    return order_content(found, generator.settings["ARTICLE_ORDER_BY"])


def write_languages(generator: Any, writer: Any) -> None:
    """Front page, sections, feeds, search and «not translated» pages per published
    language (after Pelican has written the default language's)."""
    settings = generator.settings
    languages = _languages(settings)
    context = generator.context
    feed_pattern = settings.get("CATEGORY_FEED_ATOM")
    for lang in languages.published:
        texts = _texts_in(generator, lang)
        common = {"page_lang": lang, "blog": True}
        writer.write_file(
            f"{lang}/index.html",
            generator.get_template("index"),
            context,
            articles=texts,
            dates=texts,
            template_name="index",
            page_name=f"{lang}/index",
            url=f"{lang}/",
            lang_path="",
            **common,
        )
        for category, _items in generator.categories:
            section = _Section(category, lang)
            items = [a for a in texts if a.category == category]
            writer.write_file(
                section.save_as,
                generator.get_template("category"),
                context,
                category=section,
                articles=items,
                dates=items,
                template_name="category",
                page_name=f"{lang}/{category.slug}/index",
                url=section.url,
                all_articles=texts,
                lang_path=f"{category.slug}/",
                **common,
            )
            if feed_pattern and settings.get("FEED_DOMAIN") is not None:
                path = f"{lang}/" + feed_pattern.format(slug=category.slug)
                catalogue = i18n.translations(Path(settings["THEME"]), lang)
                name = catalogue.gettext(SECTION_NAMES.get(category.slug, category.name))
                title = build_context(settings).config.site.text(lang).title
                writer.write_feed(items, context, path, path, feed_title=f"{name} – {title}")
        if "sok.html" in settings.get("TEMPLATE_PAGES", {}):
            writer.write_file(
                f"{lang}/sok/index.html",
                generator.get_template("sok"),
                context,
                url=f"{lang}/sok/",
                lang_path="sok/",
                **common,
            )
    _write_untranslated(generator, writer, [a for a in generator.articles if _translatable(a)])


def _write_untranslated(generator: Any, writer: Any, items: list[Any]) -> None:
    settings = generator.settings
    languages = _languages(settings)
    context = generator.context
    pages = [p for p in context.get("pages", []) if p.lang == languages.default]
    hidden = [p for p in context.get("hidden_pages", []) if p.lang == languages.default]
    template = generator.get_template(UNTRANSLATED_TEMPLATE)
    for item in [*items, *pages, *hidden]:
        versions = _versions(item)
        for lang in languages.published:
            if lang in versions:
                continue
            writer.write_file(
                f"{lang}/{item.save_as}",
                template,
                context,
                untranslated=item,
                page_lang=lang,
                url=f"{lang}/{item.url}",
                template_name=UNTRANSLATED_TEMPLATE,
            )


def register() -> None:
    signals.generator_init.connect(install)
    signals.article_generator_pretaxonomy.connect(default_language_articles)
    signals.page_generator_finalized.connect(default_language_pages)
    signals.article_writer_finalized.connect(write_languages)
