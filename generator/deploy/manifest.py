"""The manifest kept at the target: which files Stemme put there, with their hash and headers.

``.stemme-deploy.json`` at the root of the target::

    {"format": 1, "files": {"index.html": {"sha256": "…", "type": "…", "cache": "…"},
                            "kort/ny.png": null}}

A ``null`` entry is *pending*: the file was (or was about to be) sent by a deploy that did
not finish, so its content at the target is unknown. The next deploy sends it again, or
deletes it when the site no longer has it. Stemme only ever deletes files listed here, so
files someone else put at the target (a host's ``.well-known/``, ``CNAME``) are left alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from generator.core.errors import DeployError

FORMAT = 1
Entry = dict[str, str] | None


@dataclass
class Manifest:
    files: dict[str, Entry] = field(default_factory=dict)

    def to_json(self) -> bytes:
        data = {"format": FORMAT, "files": dict(sorted(self.files.items()))}
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes, where: str) -> Manifest:
        try:
            data: Any = json.loads(raw.decode("utf-8"))
            files = data["files"]
            if data.get("format") != FORMAT or not isinstance(files, dict):
                raise ValueError
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise DeployError(
                f"{where}: filen som husker hva som er publisert, er ødelagt. "
                "Slett den på målet og kjør «stemme deploy --full» for å sende alt på nytt."
            ) from None
        return cls({str(k): (v if isinstance(v, dict) else None) for k, v in files.items()})
