"""The editor's configuration is generated from the content models: every model field is in
it (so the two can't drift), it is valid for the pinned Sveltia, and the vendored files are
the bytes npm published."""

from __future__ import annotations

import hashlib
import json
import tomllib
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator
from pydantic import BaseModel

from generator.admin import fields as admin_fields
from generator.admin.cms_config import IN_FILES_ONLY, cms_config, config_yaml, locales
from generator.admin.page import CDN_FONTS, VENDOR, served_bundle, vendor_manifest
from generator.campaigns.model import Campaign
from generator.campaigns.rules import HIDDEN
from generator.core.config import load_config, parse_config
from generator.facts import Fact
from generator.site.content_model import PageMeta, PositionMeta, ResponseMeta
from tests.project import FIXTURES, ROOT

SCHEMA = FIXTURES / "sveltia" / "sveltia-cms.schema.json"


@pytest.fixture(scope="module")
def generated() -> dict[str, Any]:
    from generator.core.config import Paths

    return cms_config(load_config(ROOT / "stemme.toml"), Paths(ROOT))


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _names(fields: list[dict]) -> set[str]:
    return {f["name"] for f in fields}


def _assert_covers(model: type[BaseModel], fields: list[dict], where: str) -> None:
    """Every field of ``model`` (and of the models inside it) has a CMS field."""
    wanted = set(model.model_fields) - HIDDEN - IN_FILES_ONLY  # translations: files only
    missing = wanted - _names(fields)
    assert not missing, f"{where}: {model.__name__} mangler {sorted(missing)} i CMS-oppsettet"
    for field in fields:
        info = model.model_fields.get(field["name"])
        inner = admin_fields._strip(info.annotation) if info else None
        if "fields" in field and inner is not None:
            args = getattr(inner, "__args__", None)
            sub = admin_fields._strip(args[0]) if args else inner
            _assert_covers(sub, field["fields"], f"{where}.{field['name']}")


def test_every_model_field_is_in_the_configuration(generated):
    for name, model in (
        ("standpunkter", PositionMeta),
        ("hoeringssvar", ResponseMeta),
        ("sider", PageMeta),
    ):
        fields = _collection(generated, name)["fields"]
        _assert_covers(model, fields, name)
        assert fields[-1]["name"] == "body" and fields[-1]["widget"] == "markdown"
    facts_file = _collection(generated, "fakta")["files"][0]
    assert facts_file["file"] == "content/fakta.yaml"
    root_list = facts_file["fields"][0]
    assert root_list["root"] is True and root_list["widget"] == "list"
    _assert_covers(Fact, root_list["fields"], "fakta")
    _assert_covers(Campaign, _collection(generated, "kampanjer")["fields"], "kampanjer")


def test_a_model_field_without_norwegian_words_fails(monkeypatch):
    class Extra(BaseModel):
        title: str
        new_field: str = ""

    monkeypatch.setitem(admin_fields.WORDS, "Extra", {"title": admin_fields.Words("Tittel")})
    with pytest.raises(admin_fields.MissingWords, match=r"Extra\.new_field"):
        admin_fields.cms_fields(Extra, [])


def test_types_become_the_right_widgets(generated):
    response = {f["name"]: f for f in _collection(generated, "hoeringssvar")["fields"]}
    assert response["title"].get("required", True) is True
    assert response["status"]["widget"] == "select"
    assert [o["value"] for o in response["status"]["options"]] == ["utkast", "sendt"]
    assert response["status"]["default"] == "utkast"
    assert response["date"] | {"hint": ""} == {
        "name": "date", "label": "Dato", "widget": "datetime", "type": "date",
        "format": "YYYY-MM-DD", "hint": "",
    }  # fmt: skip
    assert response["sent"]["required"] is False
    assert response["consultation"]["pattern"][0] == r"^https?://\S+$"
    assert response["facts"]["widget"] == "relation"
    assert response["facts"]["value_field"] == "facts.*.id" and response["facts"]["multiple"]
    assert {f["name"] for f in response["signed_by"]["fields"]} == {"name", "role"}
    # The topics offered are the ones the content uses now.
    assert "kommuner" in response["topics"]["hint"] and "partnervold" in response["topics"]["hint"]
    fact = {
        f["name"]: f for f in _collection(generated, "fakta")["files"][0]["fields"][0]["fields"]
    }
    year = {f["name"]: f for f in fact["source"]["fields"]}["year"]
    assert (year["widget"], year["value_type"], year["min"], year["max"]) == (
        "number", "int", 1900, 2100,
    )  # fmt: skip
    campaign = {f["name"]: f for f in _collection(generated, "kampanjer")["fields"]}
    assert campaign["start"]["required"] is False  # the loader fills in 25 November
    assert campaign["lead_fact"]["widget"] == "relation"
    assert "slug" not in campaign
    day = {f["name"]: f for f in campaign["days"]["fields"]}
    assert "campaign_slug" not in day and day["fact"]["multiple"] is False


def test_every_field_has_a_norwegian_label_and_most_a_hint(generated):
    def walk(fields: list[dict]):
        for f in fields:
            yield f
            yield from walk(f.get("fields", []))

    every = [f for c in generated["collections"] for f in walk(c.get("fields", []))]
    every += list(walk(_collection(generated, "fakta")["files"][0]["fields"]))
    assert all(f["label"] and f["label"] != f["name"] for f in every)
    with_hint = [f for f in every if f.get("hint")]
    assert len(with_hint) / len(every) > 0.7


def test_the_configuration_is_valid_for_the_pinned_sveltia(generated):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    data = yaml.safe_load(config_yaml(generated))
    found = Draft7Validator(schema).iter_errors(data)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in found]
    assert errors == []
    assert data["media_libraries"] == {"stock_assets": False}  # no stock photo services
    assert data["backend"]["name"] == "github"  # without [admin]: the local mode only


def test_admin_section_picks_the_backend():
    data = tomllib.loads((ROOT / "stemme.toml").read_text(encoding="utf-8"))
    data["admin"] = {"backend": "gitlab", "repo": "krisesenter/nettsted", "app_id": "abc"}
    config = parse_config(data)
    from generator.admin.cms_config import backend

    assert backend(config.admin) == {
        "repo": "krisesenter/nettsted", "branch": "main", "name": "gitlab",
        "base_url": "https://gitlab.com", "api_root": "https://gitlab.com/api/v4",
        "auth_type": "pkce", "app_id": "abc",
    }  # fmt: skip
    data["admin"] = {"backend": "forgejo", "repo": "k/n", "base_url": "https://git.example.no"}
    assert backend(parse_config(data).admin)["api_root"] == "https://git.example.no/api/v1"
    data["admin"] = {"backend": "github", "repo": "k/n"}
    assert backend(parse_config(data).admin)["auth_methods"] == ["token"]
    data["admin"] = {"backend": "github", "repo": "k/n", "base_url": "https://auth.example.no"}
    github = backend(parse_config(data).admin)
    assert github["base_url"] == "https://auth.example.no" and "auth_methods" not in github
    data["admin"] = {"backend": "bitbucket", "repo": "k/n"}
    with pytest.raises(Exception, match=r"admin\.backend"):
        parse_config(data)


def test_languages_turn_on_i18n_when_there_is_more_than_one():
    class Languages:
        default = "nb"
        others = ("en",)

    class WithLanguages:
        languages = Languages()

    assert locales(WithLanguages()) == ["nb", "en"]
    example = load_config(ROOT / "stemme.toml")  # [languages]: nb, then nn, en and help
    assert locales(example) == ["nb", "nn", "en", "pl", "uk", "ar", "so", "ti", "ur"]


def test_two_languages_give_translation_files_beside_the_originals(monkeypatch):
    from generator.admin import cms_config as module
    from generator.core.config import Paths

    monkeypatch.setattr(module, "locales", lambda config: ["nb", "en"])
    data = module.cms_config(load_config(ROOT / "stemme.toml"), Paths(ROOT))
    assert data["i18n"] == {
        "structure": "multiple_files", "locales": ["nb", "en"], "default_locale": "nb",
        "omit_default_locale_from_filename": True,  # foo.md and foo.en.md
    }  # fmt: skip
    position = _collection(data, "standpunkter")
    assert position["i18n"] is True
    fields = {f["name"]: f["i18n"] for f in position["fields"]}
    assert fields["title"] is True and fields["body"] is True and fields["date"] == "duplicate"
    assert "i18n" not in _collection(data, "kampanjer")
    assert "i18n" not in _collection(data, "hoeringssvar")  # never translated
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert list(Draft7Validator(schema).iter_errors(yaml.safe_load(config_yaml(data)))) == []


def test_vendored_files_are_the_bytes_npm_published():
    manifest = vendor_manifest()
    assert manifest["packages"]["@sveltia/cms"]["version"] == "0.221.1"
    listed = {f for p in manifest["packages"].values() for f in p["files"]}
    assert listed == set(manifest["sha256"])
    for name, digest in manifest["sha256"].items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    on_disk = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()}
    assert on_disk - {"vendor.json"} == listed


def test_the_preview_uses_the_site_stylesheets_and_the_components_are_registered():
    from generator.admin.page import setup_js

    script = setup_js()
    for sheet in ("site.css", "farger.css", "facts.css"):
        assert f"CMS.registerPreviewStyle('/theme/css/{sheet}');" in script
    assert "id: 'fakta'" in script and "id: 'foto'" in script
    assert "toBlock: function (d) { return '[[fakta:' + d.id + ']]'; }" in script


def test_the_served_bundle_takes_its_fonts_from_admin_only():
    bundle = served_bundle()
    assert b"cdn.jsdelivr.net/fontsource" not in bundle
    for file in CDN_FONTS.values():
        assert f"/admin/fonts/{file}".encode() in bundle
        assert (VENDOR / "fonts" / file).is_file()


@pytest.mark.parametrize("collection", ["standpunkter", "sider"])
def test_a_translations_version_and_review_mark_are_its_own(generated, collection):
    """Copied from the original (i18n «duplicate»), saving one language would overwrite
    every translation's version and review mark; as text, «false» came back quoted."""
    fields = {f["name"]: f for f in _collection(generated, collection)["fields"]}
    assert fields["reviewed"]["widget"] == "boolean"
    assert fields["reviewed"]["i18n"] is True
    assert fields["translation_of_version"]["i18n"] is True


def test_a_version_of_only_digits_saved_without_quotes_reads_back_as_written():
    meta = PageMeta.model_validate({"title": "About", "translation_of_version": 12345678901})
    assert meta.translation_of_version == "012345678901"
