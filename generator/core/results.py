"""Results of slow checks, kept between runs: a check asked about the same text again
answers from a small JSON file instead of measuring it again.

    results = KeptResults(paths.check_results / "faktakort.json")
    problem = results.get(["1 av 4", "drap …"], lambda: fit_problem(texts))
    results.save()

A result is stored under a sha256 of its parts and the code version
(:func:`generator.core.code_version.code_version`), so a new version of Stemme or of a
package asks again. Results must be JSON (lists for tuples). ``save`` writes the
results this run asked for (atomically) and drops the rest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from generator.core.code_version import code_version
from generator.core.files import write_atomic


class KeptResults:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        self.stored: dict[str, Any] = stored if isinstance(stored, dict) else {}
        self.used: dict[str, Any] = {}

    def get(self, parts: Iterable[str], compute: Callable[[], Any]) -> Any:
        blob = json.dumps([code_version(), *parts], ensure_ascii=False).encode("utf-8")
        key = hashlib.sha256(blob).hexdigest()
        if key in self.used:
            return self.used[key]
        result = self.stored[key] if key in self.stored else compute()
        self.used[key] = result
        return result

    def save(self) -> None:
        if self.used == self.stored:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(self.used, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # only costs measuring again next time
