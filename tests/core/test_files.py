"""Atomic writes and recorded file digests (generator.core.files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.files import digests_match, file_digests, write_atomic


def test_write_atomic_replaces_the_file_and_leaves_nothing_beside_it(tmp_path: Path):
    path = tmp_path / "brev.json"
    path.write_bytes(b"gammel")
    write_atomic(path, b"ny")
    assert path.read_bytes() == b"ny"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brev.json"]


def test_a_failed_write_keeps_the_old_file_and_no_temporary_one(tmp_path: Path):
    path = tmp_path / "brev.json"
    path.write_bytes(b"gammel")
    with pytest.raises(TypeError):
        write_atomic(path, "ikke bytes")  # type: ignore[arg-type]
    assert path.read_bytes() == b"gammel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brev.json"]


def test_recorded_digests_notice_a_changed_or_removed_file(tmp_path: Path):
    photo, other = tmp_path / "kaffe.jpg", tmp_path / "te.jpg"
    photo.write_bytes(b"1")
    other.write_bytes(b"2")
    recorded = file_digests([photo, other, photo])
    assert [p for p, _ in recorded] == [str(photo), str(other)]  # each file once, in order

    def as_read() -> list[tuple[Path, str]]:
        return [(Path(p), d) for p, d in recorded]

    assert digests_match(as_read())
    photo.write_bytes(b"3")
    assert not digests_match(as_read())
    photo.write_bytes(b"1")
    other.unlink()
    assert not digests_match(as_read())
