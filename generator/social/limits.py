"""Post text limits of the channels we post to: X, Bluesky and Mastodon.

One place for the rules, used by campaign validation and by the social poster:

- X: weighted length ≤ 280, every URL counts as 23 (twitter-text's own counting).
- Bluesky: ≤ 300 graphemes (user-perceived characters, ``regex`` ``\\X``).
- Mastodon: ≤ 500 characters.
"""

from __future__ import annotations

import regex
from twitter_text import parse_tweet

X_MAX = 280
BLUESKY_MAX = 300
MASTODON_MAX = 500


def x_length(text: str) -> int:
    """Weighted length as X counts it (URLs count as 23)."""
    return parse_tweet(text).weightedLength


def bluesky_length(text: str) -> int:
    """Number of graphemes, as Bluesky counts them."""
    return len(regex.findall(r"\X", text))


def mastodon_length(text: str) -> int:
    """Number of characters, as Mastodon counts them."""
    return len(text)


def check_post_text(text: str) -> list[str]:
    """Every channel limit the text breaks, as Norwegian sentences (empty list: fits all)."""
    problems = []
    if (n := x_length(text)) > X_MAX:
        problems.append(
            f"teksten er for lang for X: {n} av maks {X_MAX} tegn (vektet lengde, lenker teller 23)"
        )
    if (n := bluesky_length(text)) > BLUESKY_MAX:
        problems.append(f"teksten er for lang for Bluesky: {n} av maks {BLUESKY_MAX} tegn")
    if (n := mastodon_length(text)) > MASTODON_MAX:
        problems.append(f"teksten er for lang for Mastodon: {n} av maks {MASTODON_MAX} tegn")
    return problems
