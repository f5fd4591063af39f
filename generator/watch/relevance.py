"""Relevance: weighted Norwegian terms matched on a leading word boundary.

A term matches where a word starts with it (never mid-word), and may continue, so stems
work: "krisesent" finds "krisesenter" and "krisesentera", "barnevern" finds
"barnevernslova". A term ending in "!" must match a whole word: "vold!" finds "vold i
familien" but neither "voldgiftsloven" (arbitration) nor "voldsalarm". A bare stem "vold"
would match "voldgiftsloven" — which is why the list in stemme.toml holds precise stems.
Spaces in a term match any run of whitespace. The score is the sum of the weights of the
distinct terms found; a consultation is relevant when the score reaches the threshold.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Relevance:
    score: float
    terms: list[str]
    relevant: bool


class RelevanceRule:
    """Compiled terms + threshold; ``score(text)`` is pure and fast."""

    def __init__(self, terms: Mapping[str, float], threshold: float) -> None:
        self.threshold = threshold
        self._patterns = [
            (term, weight, _pattern(term)) for term, weight in terms.items() if term.strip()
        ]

    def score(self, *texts: str) -> Relevance:
        text = " ".join(t for t in texts if t)
        found = [(term, weight) for term, weight, rx in self._patterns if rx.search(text)]
        total = round(sum(weight for _, weight in found), 3)
        return Relevance(
            score=total,
            terms=[term.rstrip("!") for term, _ in found],
            relevant=bool(found) and total >= self.threshold,
        )


def _pattern(term: str) -> re.Pattern[str]:
    whole_word = term.endswith("!")
    words = [re.escape(word) for word in term.rstrip("!").split()]
    tail = r"(?!\w)" if whole_word else ""
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + tail, re.IGNORECASE)
