"""The local note of the last deploy, for ``stemme status``.

``.stemme-deploy.json`` lives at the target (reading it may need the network); this file,
``.cache/stemme/publisert.json``, says on this machine when the last real deploy ran, to
where, whether it went through, and which build of ``output/`` it sent (the build
record's ``taken_ns``, :mod:`generator.site.fingerprint`), so status can tell «built but
not published». A dry run writes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.core import Paths, dates, write_atomic
from generator.site import load_record


@dataclass(frozen=True)
class DeployRecord:
    at: datetime
    target: str
    ok: bool
    sent: int
    failures: int
    build_ns: int | None  # the build of output/ that was sent (None: unknown)


def record_path(paths: Paths) -> Path:
    return paths.deploy_record


def remember_deploy(paths: Paths, target: str, ok: bool, sent: int, failures: int) -> None:
    """Note a real deploy of ``output/`` (atomically; never fails the deploy)."""
    build = load_record(paths, paths.output.resolve(), True)
    data: dict[str, Any] = {
        "at": dates.now().isoformat(timespec="seconds"),
        "target": target,
        "ok": ok,
        "sent": sent,
        "failures": failures,
        "build_ns": build.fingerprint.taken_ns if build else None,
    }
    try:
        path = record_path(paths)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # the site is published; only the note for «stemme status» is missing


def last_deploy(paths: Paths) -> DeployRecord | None:
    try:
        data = json.loads(record_path(paths).read_text(encoding="utf-8"))
        return DeployRecord(
            datetime.fromisoformat(data["at"]),
            str(data["target"]),
            bool(data["ok"]),
            int(data["sent"]),
            int(data["failures"]),
            data.get("build_ns"),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
