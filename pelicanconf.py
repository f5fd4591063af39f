"""Pelican settings for local work (`make html`, `make serve`). Values come from stemme.toml."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from generator.core.config import TIMEZONE as _TZ  # noqa: E402
from generator.core.config import load_config  # noqa: E402
from generator.core.dates import JINJA_FILTERS as _FILTERS  # noqa: E402
from generator.core.http_headers import META_CSP  # noqa: E402
from generator.site.i18n import JINJA_EXTENSIONS as _JINJA_EXTENSIONS  # noqa: E402

STEMME = load_config(ROOT / "stemme.toml")

SITENAME = STEMME.site.title
CONTENT_SECURITY_POLICY = META_CSP  # the <meta> policy; _headers/.htaccess add frame-ancestors
SITEURL = ""  # links are root-relative; absolute URLs only where they must be (below)
CANONICAL_BASE = STEMME.site.url
AUTHOR = STEMME.organisation.name
TIMEZONE = _TZ
DEFAULT_LANG = STEMME.languages.default
LOCALE = ("C.UTF-8", "C")  # dates come from babel, never from the machine's locale

PATH = "content"
ARTICLE_PATHS = ["standpunkter", "hoeringssvar"]
PAGE_PATHS = ["sider"]
STATIC_PATHS: list[str] = []
IGNORE_FILES = ["fakta.yaml", ".#*", "*~"]
THEME = "theme"

USE_FOLDER_AS_CATEGORY = True
SLUGIFY_SOURCE = "basename"
ARTICLE_URL = "{category}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# A translation (om-oss.en.md) lives under its language: /en/om-oss/
# (generator/site/plugins/languages.py).
ARTICLE_LANG_URL = "{lang}/{category}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{category}/{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
ARTICLE_TRANSLATION_ID = PAGE_TRANSLATION_ID = "slug"
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"
DRAFT_URL = DRAFT_SAVE_AS = DRAFT_PAGE_URL = DRAFT_PAGE_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ARCHIVES_SAVE_AS = ""
DIRECT_TEMPLATES = ["index"]
TEMPLATE_PAGES = {"404.html": "404.html", "sok.html": "sok/index.html"}
SEARCH_INDEX = False  # the Pagefind index is built by `make publish` (publishconf.py)
DEFAULT_PAGINATION = False
DEFAULT_DATE = None  # a date comes from the front matter, never from the file on disk
ARTICLE_ORDER_BY = "reversed-date"
PAGE_ORDER_BY = "basename"
READERS = {"rst": None, "html": None, "htm": None}
DELETE_OUTPUT_DIRECTORY = False

FEED_DOMAIN = CANONICAL_BASE
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
        "markdown.extensions.smarty": {
            "substitutions": {
                "left-double-quote": "«",
                "right-double-quote": "»",
            }
        },
    },
    "output_format": "html5",
}

JINJA_FILTERS = dict(_FILTERS)
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": list(_JINJA_EXTENSIONS),  # gettext: generator.site.plugins.languages
}

PLUGINS = [  # generator/site/plugins/; the order is the order of their receivers
    "generator.site.plugins.reader",
    "generator.site.plugins.site_files",
    "generator.site.plugins.languages",
    "generator.site.plugins.facts",
    "generator.site.plugins.campaigns",
    "generator.site.plugins.topics",
    "generator.site.plugins.photos",
    "generator.site.plugins.search",
    "generator.site.plugins.letters",
    "generator.site.plugins.followup",
]
