"""Languages without a build: [languages] in stemme.toml, YAML that keeps language codes
and clock times as text, the catalogues, and translations that stay true to their
original (`stemme check` warnings, `stemme status`)."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path

import pytest

from generator.core.config import OSLO, Paths, load_config, parse_config
from generator.core.errors import ConfigError
from generator.core.yaml_files import TextDatesLoader, YamlLoader, load_yaml
from generator.site import i18n
from generator.site.checks import check_all
from generator.site.translations import split_name, version_of
from generator.status.model import StatusContext
from generator.status.translations import translations_section
from tests.language_fixtures import add_language_fixtures
from tests.project import ROOT, copy_project

THEME = ROOT / "theme"


def _config_with(languages: str) -> dict:
    text = (ROOT / "stemme.toml").read_text(encoding="utf-8")
    head = text.split("[languages]", 1)[0]
    tail = text.split("[languages]", 1)[1].split("\n[", 1)[1]
    return tomllib.loads(f"{head}[languages]\n{languages}\n[{tail}")


def test_the_example_ships_bokmal_nynorsk_english_and_six_help_languages() -> None:
    languages = load_config(ROOT / "stemme.toml").languages
    assert languages.default == "nb"
    assert languages.published == ["nn", "en"]
    assert languages.help_only == ["pl", "uk", "ar", "so", "ti", "ur"]


@pytest.mark.parametrize(
    ("table", "said"),
    [
        ('default = "nb"\npublished = ["nn", "nb"]', "nb står flere ganger"),
        ('default = "nb"\npublished = ["English"]', "språkkode med to eller tre små bokstaver"),
    ],
)
def test_bad_languages_table_is_explained(table: str, said: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(_config_with(table))
    assert said in str(caught.value) and "languages" in str(caught.value)


@pytest.mark.parametrize("loader", [YamlLoader, TextDatesLoader])
@pytest.mark.parametrize("fast", [True, False])
def test_language_codes_and_clock_times_stay_text(loader: type, fast: bool) -> None:
    data = load_yaml(
        "a: no\nb: nn\nc: on\nd: 10:30\ne: [no, en, off]\nf: true\ng: 12\n", loader, fast=fast
    )
    assert data == {
        "a": "no",
        "b": "nn",
        "c": "on",
        "d": "10:30",
        "e": ["no", "en", "off"],
        "f": True,
        "g": 12,
    }


def test_file_names_give_the_language() -> None:
    assert split_name(Path("om-oss.en.md")) == ("om-oss", "en")
    assert split_name(Path("om-oss.md")) == ("om-oss", None)
    assert split_name(Path("2026-06-02-svar.md")) == ("2026-06-02-svar", None)


def test_catalogues_cover_every_template_string_for_published_languages() -> None:
    marked = {str(m.id) for m in i18n.extract(THEME, write=False) if m.id}
    assert marked == set(i18n.template_ids(THEME)), "kjør python -m generator.site.i18n extract"
    for lang in ("nn", "en"):
        assert i18n.missing(THEME, lang) == [], lang
    for lang in ("pl", "uk", "ar", "so", "ti", "ur"):  # filled by lang-content; present here
        assert i18n.catalogue_path(THEME, lang).is_file(), lang
    english = i18n.translations(THEME, "en")
    assert english.gettext("Forlat siden raskt") == "Leave this site quickly"


def test_babel_knows_direction_and_own_names() -> None:
    assert i18n.language_info("ar").direction == "rtl"
    assert i18n.language_info("ur").direction == "rtl"
    assert i18n.language_info("ti").direction == "ltr"
    names = {code: i18n.language_info(code).name for code in ("en", "pl", "ar", "ti")}
    assert names == {"en": "English", "pl": "Polski", "ar": "العربية", "ti": "ትግርኛ"}


@pytest.fixture
def project(tmp_path: Path) -> Paths:
    paths = copy_project(tmp_path / "prosjekt")
    add_language_fixtures(paths)
    return paths


def test_changed_original_makes_its_translations_stale(project: Paths) -> None:
    config = load_config(project.config)
    before = check_all(project, config)
    assert before.ok, before.errors
    assert not [w for w in before.warnings if "utdatert" in w]
    original = project.pages / "om-oss.md"
    original.write_text(
        original.read_text(encoding="utf-8") + "\nEn ny setning.\n", encoding="utf-8"
    )
    after = check_all(project, config)
    stale = [w for w in after.warnings if "utdatert" in w]
    assert len(stale) == 2
    assert any(w.startswith("content/sider/om-oss.en.md:") for w in stale)
    assert all(version_of(original) in w for w in stale)  # the version to write
    assert after.ok  # a warning, not an error

    ctx = StatusContext(project, config, datetime(2026, 12, 5, 12, tzinfo=OSLO))
    section = translations_section(ctx)
    warn = [line for line in section.lines if line.level == "warn"]
    assert len(warn) == 1 and "2 av" in warn[0].text
    assert "content/sider/om-oss.en.md (original: content/sider/om-oss.md)" in warn[0].details
    assert any("reviewed: false" in line.text for line in section.lines)


def test_translation_without_version_is_a_warning(project: Paths) -> None:
    target = project.pages / "om-oss.en.md"
    text = target.read_text(encoding="utf-8")
    target.write_text(
        "\n".join(line for line in text.splitlines() if "translation_of_version" not in line)
        + "\n",
        encoding="utf-8",
    )
    report = check_all(project, load_config(project.config))
    assert any("sier ikke hvilken versjon" in w and "om-oss.en.md" in w for w in report.warnings)


def test_unknown_language_and_translated_response_are_errors(project: Paths) -> None:
    (project.pages / "om-oss.de.md").write_text(
        "---\ntitle: Über uns\n---\nText.\n", encoding="utf-8"
    )
    response = sorted(project.responses.glob("*.md"))[0]
    (response.with_name(response.stem + ".en.md")).write_text(
        response.read_text(encoding="utf-8"), encoding="utf-8"
    )
    report = check_all(project, load_config(project.config))
    texts = {str(e.file): e.message for e in report.errors}
    assert "«de»" in texts["content/sider/om-oss.de.md"]
    assert "høringssvar oversettes ikke" in texts[f"content/hoeringssvar/{response.stem}.en.md"]


def test_untranslated_template_string_is_an_error_for_a_published_language(project: Paths) -> None:
    po = i18n.catalogue_path(project.theme, "en")
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Leave this site quickly"', 'msgstr ""'), encoding="utf-8")
    report = check_all(project, load_config(project.config))
    errors = [e for e in report.errors if str(e.file).endswith("en/LC_MESSAGES/messages.po")]
    assert len(errors) == 1 and "Forlat siden raskt" in errors[0].message


def test_template_string_missing_from_the_pot_is_an_error(project: Paths) -> None:
    base = project.theme / "templates" / "404.html"
    base.write_text(
        base.read_text(encoding="utf-8") + "{{ _('En helt ny tekst') }}\n", encoding="utf-8"
    )
    report = check_all(project, load_config(project.config))
    assert any("messages.pot stemmer ikke" in e.message for e in report.errors)


def test_text_for_a_language_the_site_does_not_have_is_a_warning(project: Paths) -> None:
    config = project.config
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[site.translations.de]\ntagline = "Hallo"\n',
        encoding="utf-8",
    )
    report = check_all(project, load_config(project.config))
    assert report.ok
    assert any("[site.translations.de]" in w for w in report.warnings)
