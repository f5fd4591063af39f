"""Pelican settings for `make publish`: everything of pelicanconf, plus what the public
site needs (feeds). Links stay root-relative so the site works on any host; canonical
URLs, og:url/og:image, feeds and the sitemap use the absolute address from stemme.toml."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: E402,F403

PUBLISH = True
DELETE_OUTPUT_DIRECTORY = False  # the build writes into a fresh temp dir and swaps it in
SEARCH_INDEX = True  # Pagefind indexes output/ inside the atomic build (generator/site/search.py)
SITEURL = CANONICAL_BASE  # feeds need absolute links; templates use root-relative paths
