"""Which matters we follow: every *sent* response in ``content/hoeringssvar/``.

Only the front matter is read (title, department, consultation, sent); a file that
cannot be read is skipped here — ``stemme check`` is where content errors are reported.
Symlinks and non-regular files are ignored, like everywhere content is read.
"""

from __future__ import annotations

from pathlib import Path

from generator.core import front_matter_or_empty
from generator.watch.follow.store import Matter

STEPS_SUFFIX = ".videre.yaml"  # the public steps file beside a response


def sent_responses(folder: Path) -> list[Matter]:
    found = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.is_symlink() or not path.is_file() or "." in path.stem:
            continue  # translations (foo.en.md) follow their original
        meta = front_matter_or_empty(path)
        if str(meta.get("status") or "") != "sendt":
            continue
        found.append(
            Matter(
                slug=path.stem,
                title=str(meta.get("title") or path.stem),
                department=str(meta["department"]) if meta.get("department") else None,
                consultation=str(meta["consultation"]) if meta.get("consultation") else None,
                sent=str(meta["sent"]) if meta.get("sent") else None,
            )
        )
    return found
