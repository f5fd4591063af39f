"""Durations and decimals in bokmål: «0,7 s», never «0.7 s» beside «6,2 s»."""

from __future__ import annotations

import re

from generator.core.numbers import decimal, seconds_text
from generator.site.preview import PreviewState
from tests.project import ROOT


def test_decimal_comma():
    assert seconds_text(0.74) == "0,7 s"
    assert seconds_text(6.25) == "6,2 s"
    assert decimal(1.234, 2) == "1,23"


def test_the_preview_line_uses_a_decimal_comma():
    line = PreviewState(ok=True, seconds=0.74, pages=86).summary
    assert line.endswith("Bygget forhåndsvisningen på 0,7 s: 86 sider.")


def test_no_duration_is_printed_with_a_decimal_point():
    pattern = re.compile(r"\{[^{}]*:\.[1-9]f\}\s?s\b")  # f"{x:.1f} s" without .replace
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "generator").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and ".replace(" not in line
    ]
    assert found == []
