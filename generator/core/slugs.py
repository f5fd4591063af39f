"""The one way Stemme makes a slug (a name for a URL, a file or a folder) from free text.

Norwegian letters are transliterated (æ → ae, ø → o, å → a), other accents are dropped to
their base letter (é → e, ö → o, ä → a, ü → u), and every run of anything else becomes one
hyphen: «Sårbare grupper» → ``sarbare-grupper``, «Øl og ære» → ``ol-og-aere``.
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not split into a base letter and a mark.
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "œ": "oe", "đ": "d"})
_WORD = re.compile(r"[a-z0-9]+")


def slug_words(text: str) -> list[str]:
    """The lower-case ASCII words of ``text`` («Høring om øl» → ``horing``, ``om``, ``ol``)."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
    return _WORD.findall(text.encode("ascii", "ignore").decode("ascii"))


def slugify(text: str, max_length: int | None = None) -> str:
    """``text`` as a slug of at most ``max_length`` characters, cut between words (a
    first word longer than that is cut itself); ``""`` when ``text`` has no letters or
    digits."""
    words = slug_words(text)
    if max_length is None:
        return "-".join(words)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else "")
