"""Helpers for the facts tests: write a fakta.yaml into a temp dir."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SEED_FACTS = ROOT / "content" / "fakta.yaml"


def fact(fact_id: str = "barn-fysisk-vold", **changes: object) -> dict:
    data: dict = {
        "id": fact_id,
        "figure": "1 av 5",
        "statement": "barn har opplevd fysisk vold i oppveksten.",
        "source": {"name": "NKVTS", "url": "https://www.nkvts.no/", "year": 2019},
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def write_facts(tmp_path: Path):
    def write(items: list[dict]) -> Path:
        path = tmp_path / "fakta.yaml"
        path.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), "utf-8")
        return path

    return write
