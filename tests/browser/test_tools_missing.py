"""Without Chromium or Java: skip with a Norwegian message on a developer's machine, fail in CI."""

from __future__ import annotations

import pytest

from generator.audit.run import run_audit
from tests.browser import conftest
from tests.browser.minisite import NEUTRAL, write_site


@pytest.fixture
def no_tools(tmp_path):
    site = write_site(tmp_path / "site")
    return run_audit(site, neutral_url=NEUTRAL, chromium=None, java=None)


def test_missing_tools_mark_checks_skipped_with_install_hint(no_tools):
    assert "apt-get install chromium" in no_tools.skipped["axe"]
    assert "default-jre-headless" in no_tools.skipped["html"]
    assert "HOPPET OVER" in no_tools.table()
    assert no_tools.failures("links")  # the file checks still ran


def test_developer_machine_skips(no_tools, monkeypatch):
    monkeypatch.setattr(conftest, "IN_CI", False)
    with pytest.raises(pytest.skip.Exception, match="Chromium finnes ikke"):
        conftest.assert_clean(no_tools, "axe")
    monkeypatch.setattr(conftest, "find_chromium", lambda: None)
    with pytest.raises(pytest.skip.Exception, match="sudo apt-get install chromium"):
        conftest.require(chromium=True)


def test_ci_never_skips(no_tools, monkeypatch):
    monkeypatch.setattr(conftest, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match="CI=true: Java finnes ikke"):
        conftest.assert_clean(no_tools, "html")
    monkeypatch.setattr(conftest, "find_chromium", lambda: None)
    with pytest.raises(pytest.fail.Exception, match="CI=true: Chromium finnes ikke"):
        conftest.require(chromium=True)
