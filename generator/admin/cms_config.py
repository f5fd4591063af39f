"""The CMS configuration (``/admin/config.yml``), generated from the content models.

Never written by hand: each collection's fields come from the same pydantic models
``stemme check`` validates with (:mod:`generator.admin.fields`), so the editor and the
check can't drift apart. Collections:

    standpunkter, hoeringssvar, sider   Markdown with front matter (+ the text as «body»)
    fakta                               content/fakta.yaml, a list at the root of the file
    kampanjer                           campaigns/<slug>/campaign.yaml
    kampanjetekster                     the Markdown sections beside a campaign.yaml
    bilder (asset collection)           content/bilder/ (the photos pages use)

The backend comes from ``[admin]`` in stemme.toml; without it the page works only in the
local-repository mode of ``make serve``. Languages from ``[languages]`` (when the
project has more than one) turn on Sveltia's i18n with ``foo.en.md`` beside ``foo.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from generator.admin.fields import FACTS, cms_fields
from generator.campaigns import HIDDEN, Campaign
from generator.core import Admin, Config, Paths
from generator.facts import Fact
from generator.site import (
    PHOTOS_URL,
    TRANSLATED_KINDS,
    PageMeta,
    PositionMeta,
    ResponseMeta,
    content_files,
)
from generator.site import read_markdown as read_front_matter

# The campaign loader fills these in itself; staff never write them.
CAMPAIGN_HIDDEN = frozenset(HIDDEN)
# Texts in other languages (fakta.yaml, campaign.yaml) are keyed by language code, which
# the editor has no widget for: they are written in the files (håndboken, «Fakta»).
IN_FILES_ONLY = frozenset({"translations"})
SLUG = {"encoding": "ascii", "clean_accents": True}
OUTPUT = {"omit_empty_optional_fields": True, "yaml": {"quote": "none", "indent_sequences": True}}
# Per language; other fields are copied over. A translation's version and review mark
# belong to that translation alone (copied, they would overwrite each other's on save).
TRANSLATED = {"title", "summary", "body", "translation_of_version", "reviewed"}


def backend(admin: Admin | None, folder: str = "stemme") -> dict[str, Any]:
    """Sveltia's ``backend:`` for ``[admin]`` (sign-in with PKCE on GitLab and Forgejo).

    Without ``[admin]``: the local-repository mode only, which asks for the project
    ``folder`` by name (a git backend must be named; its sign-in is never used)."""
    if admin is None:
        return {"name": "github", "repo": f"lokal/{folder}", "branch": "main"}
    found: dict[str, Any] = {"repo": admin.repo, "branch": admin.branch}
    if admin.backend == "github":
        found["name"] = "github"
        if admin.base_url:
            found["base_url"] = admin.base_url  # the sign-in worker (OAuth)
        else:
            found["auth_methods"] = ["token"]  # a personal access token, no server needed
    else:
        found["name"] = "gitlab" if admin.backend == "gitlab" else "gitea"
        found["base_url"] = admin.host_url
        found["api_root"] = api_root(admin)
        if admin.backend == "gitlab":
            found["auth_type"] = "pkce"
        if admin.app_id:
            found["app_id"] = admin.app_id
    return found


def api_root(admin: Admin) -> str:
    """The git host's API, which the editor talks to (and the admin CSP allows)."""
    if admin.backend == "github":
        return "https://api.github.com"
    suffix = "/api/v4" if admin.backend == "gitlab" else "/api/v1"
    return admin.host_url + suffix


def locales(config: Config) -> list[str]:
    """The project's languages, default first (``[languages]``; else Norwegian only)."""
    languages = getattr(config, "languages", None)
    if languages is None:
        return ["nb"]
    default = getattr(languages, "default", "nb")
    others = getattr(languages, "others", None) or getattr(languages, "extra", None) or []
    return [default, *[code for code in others if code != default]]


def existing_topics(paths: Paths) -> list[str]:
    """Every ``topics`` value the content uses now (offered in the topic fields' hint)."""
    found: set[str] = set()
    for path, _kind in content_files(paths):
        try:
            meta, _body, _line = read_front_matter(path)
        except Exception:  # a broken file is `stemme check`'s to report
            continue
        found.update(str(t) for t in meta.get("topics") or [])
    try:
        facts = yaml.safe_load(paths.facts.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError):
        facts = []
    for fact in facts if isinstance(facts, list) else []:
        if isinstance(fact, dict):
            found.update(str(t) for t in fact.get("topics") or [])
    return sorted(found, key=str.lower)


def _body(label: str = "Tekst") -> dict[str, Any]:
    return {
        "name": "body",
        "label": label,
        "widget": "markdown",
        "editor_components": ["fakta", "foto"],
        "hint": "Faktaboks og bilde settes inn fra menyen «Insert». Bilder må ha alternativ tekst.",
    }


def _markdown_collection(
    name: str, label: str, singular: str, model: Any, topics: list[str], **extra: Any
) -> dict[str, Any]:
    return {
        "name": name,
        "label": label,
        "label_singular": singular,
        "folder": f"content/{name}",
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "slug": "{{slug}}",
        "identifier_field": "title",
        "fields": [*cms_fields(model, topics), _body()],
        **extra,
    }


def collections(topics: list[str]) -> list[dict[str, Any]]:
    fact_fields = cms_fields(Fact, topics, skip=IN_FILES_ONLY)
    return [
        _markdown_collection(
            "standpunkter",
            "Standpunkter",
            "Standpunkt",
            PositionMeta,
            topics,
            summary="{{title}} ({{date}})",
            sortable_fields=["title", "date"],
        ),
        _markdown_collection(
            "hoeringssvar",
            "Høringssvar",
            "Høringssvar",
            ResponseMeta,
            topics,
            slug="{{fields.date}}-{{slug}}",  # the file name starts with the letter's date
            summary="{{title}} – {{status}}",
            sortable_fields=["title", "date"],
        ),
        _markdown_collection("sider", "Sider", "Side", PageMeta, topics),
        {
            "name": FACTS,
            "label": "Fakta",
            "description": "Tallene sider, kort og innlegg viser til (content/fakta.yaml).",
            "files": [
                {
                    "name": FACTS,
                    "label": "Fakta",
                    "file": "content/fakta.yaml",
                    "format": "yaml",
                    "fields": [
                        {
                            "name": "facts",
                            "label": "Fakta",
                            "label_singular": "faktum",
                            "widget": "list",
                            "root": True,
                            "collapsed": True,
                            "summary": "{{fields.id}}: {{fields.figure}} {{fields.statement}}",
                            "fields": fact_fields,
                        }
                    ],
                }
            ],
        },
        {
            "name": "kampanjer",
            "label": "Kampanjer",
            "label_singular": "Kampanje",
            "folder": "campaigns",
            "path": "{{slug}}/campaign",
            "extension": "yaml",
            "format": "yaml",
            "create": True,
            "identifier_field": "name",
            "slug": "{{slug}}",
            "fields": cms_fields(Campaign, topics, skip=CAMPAIGN_HIDDEN | IN_FILES_ONLY),
        },
        {
            "name": "kampanjetekster",
            "label": "Kampanjetekster",
            "label_singular": "Kampanjetekst",
            "description": "Markdown-filer ved siden av campaign.yaml (seksjoner med «Fil»).",
            "folder": "campaigns",
            "nested": {"depth": 2},
            "extension": "md",
            "format": "frontmatter",
            "create": False,
            "identifier_field": "body",
            "fields": [_body()],
        },
    ]


def _i18n(codes: Iterable[str]) -> dict[str, Any]:
    codes = list(codes)
    return {
        "structure": "multiple_files",
        "locales": codes,
        "default_locale": codes[0],
        "omit_default_locale_from_filename": True,
    }


def cms_config(config: Config, paths: Paths) -> dict[str, Any]:
    """The whole configuration as data (written as YAML by :mod:`generator.admin.page`)."""
    data: dict[str, Any] = {
        "backend": backend(config.admin, paths.root.resolve().name),
        "media_folder": f"content/{PHOTOS_URL}",
        "public_folder": f"/{PHOTOS_URL}",
        "site_url": config.site.url,
        # No stock-photo services: photos are the organisation's own (and no third parties).
        "media_libraries": {"stock_assets": False},
        "slug": SLUG,
        "output": OUTPUT,
        "collections": collections(existing_topics(paths)),
        "asset_collections": [
            {
                "name": "bilder",
                "label": "Bilder",
                "media_folder": f"content/{PHOTOS_URL}",
                "public_folder": f"/{PHOTOS_URL}",
            }
        ],
    }
    codes = locales(config)
    if len(codes) > 1:
        data["i18n"] = _i18n(codes)
        for collection in data["collections"]:
            folder = collection.get("folder", "")
            # høringssvar are never translated (the letter was sent in Norwegian)
            if folder.startswith("content/") and folder.rsplit("/", 1)[-1] in TRANSLATED_KINDS:
                collection["i18n"] = True
                for field in collection["fields"]:
                    field["i18n"] = True if field["name"] in TRANSLATED else "duplicate"
    return data


def config_yaml(data: dict[str, Any]) -> str:
    head = "# Laget av Stemme ved hvert bygg fra innholdsmodellene (generator/admin).\n"
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
