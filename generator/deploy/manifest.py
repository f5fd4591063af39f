"""The manifest kept at the target: which files Stemme put there, with their hash and headers.

``.stemme-deploy.json`` at the root of the target::

    {"format": 1, "files": {"index.html": {"sha256": "…", "type": "…", "cache": "…"},
                            "kort/ny.png": null},
     "unknown": ["standpunkter/gammel/index.html"]}

A ``null`` entry is *pending*: the file was (or was about to be) sent by a deploy that did
not finish, so its content at the target is unknown. The next deploy sends it again, or
deletes it when the site no longer has it. Stemme only ever deletes files listed here, so
files someone else put at the target (a host's ``.well-known/``, ``CNAME``) are left alone.
``unknown`` (optional) lists files found at the target after the manifest was lost that
output/ does not have: each deploy lists them again until ``--prune`` deletes them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from generator.core import DeployError

MANIFEST_NAME = ".stemme-deploy.json"  # kept at the target; never part of the site itself

FORMAT = 1
Entry = dict[str, str] | None


@dataclass
class Manifest:
    files: dict[str, Entry] = field(default_factory=dict)
    # Files found at the target when the manifest was lost, that output/ does not have and
    # nobody deleted (``--prune``): every deploy names them again while they are there.
    unknown: list[str] = field(default_factory=list)

    def to_json(self) -> bytes:
        data: dict[str, Any] = {"format": FORMAT, "files": dict(sorted(self.files.items()))}
        if self.unknown:
            data["unknown"] = sorted(self.unknown)
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes, where: str) -> Manifest:
        try:
            data: Any = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise DeployError(fault(where, "er ikke gyldig JSON")) from None
        if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
            raise DeployError(fault(where, "mangler lista «files»"))
        if data.get("format") != FORMAT:
            found = data.get("format")
            raise DeployError(
                fault(where, f"har format {found!r}, men denne Stemme kjenner bare format {FORMAT}")
            )
        unknown = data.get("unknown", [])
        if not isinstance(unknown, list):
            raise DeployError(fault(where, "har en «unknown» som ikke er en liste"))
        for path in [*data["files"], *unknown]:
            if not safe_path(path):
                raise DeployError(fault(where, f"har en ugyldig sti: {path!r}"))
        files = {k: (v if isinstance(v, dict) else None) for k, v in data["files"].items()}
        return cls(files, list(unknown))


def safe_path(path: object) -> bool:
    """A plain relative path inside the site: no ``..``, no leading ``/``, no odd bytes."""
    if not isinstance(path, str) or not path or path.startswith("/") or "\\" in path:
        return False
    if any(ord(c) < 32 for c in path):
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


def fault(where: str, problem: str) -> str:
    """The one message for every fault in the manifest at the target, with the fix."""
    return (
        f"{where}: filen {MANIFEST_NAME}, som husker hva som er publisert, {problem}. "
        f"Slett {MANIFEST_NAME} på målet og kjør «stemme deploy --full»: da sendes alt på "
        "nytt, og filer på målet som ikke lenger er i output/ (f.eks. sider du har fjernet), "
        "blir listet; «stemme deploy --prune» sletter dem."
    )
