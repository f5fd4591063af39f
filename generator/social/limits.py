"""Limits of the channels we post to, in one place, each with the source it comes from.

The rules of each service (with the source each comes from) as functions that know no
channel names: :mod:`generator.social.channels` says which channel uses which. Campaign
validation and the poster's plan check every post, alt text and card through that table
before any network call. Problems are Norwegian sentences for the person who must fix the
campaign file.

Counting rules:

- X: weighted length ≤ 280 as twitter-text counts it (CJK/emoji weigh 2, every URL
  counts as 23 — but only URLs twitter-text recognises, i.e. with a known top-level domain).
- Bluesky: ≤ 300 graphemes (user-perceived characters, ``regex`` ``\\X``).
- Mastodon: ≤ 500 characters counted as grapheme clusters, every URL as 23.

twitter-text is imported when X's rules are first used (it takes half a second to load).
"""

from __future__ import annotations

from pathlib import Path

import regex

# X — twitter-text config v3 (twitter/twitter-text config/v3.json):
# maxWeightedTweetLength 280, transformedURLLength 23.
X_MAX = 280
X_URL_LENGTH = 23
# X — POST /2/media/metadata and v1.1 media/metadata/create: alt text up to 1,000 characters.
X_ALT_MAX = 1000
# X — media best practices (docs.x.com, "Uploading media"): images up to 5 MB.
X_IMAGE_MAX_BYTES = 5 * 1024 * 1024

# Bluesky — lexicon app.bsky.feed.post: text maxGraphemes 300 (maxLength 3000 bytes).
BLUESKY_MAX = 300
BLUESKY_MAX_BYTES = 3000
# Bluesky — lexicon app.bsky.embed.images: image blob maxSize 1,000,000 bytes.
BLUESKY_IMAGE_MAX_BYTES = 1_000_000
# Bluesky — the lexicon sets no alt limit; the Bluesky app (social-app, MAX_ALT_TEXT)
# accepts 2,000 characters, so we keep to that.
BLUESKY_ALT_MAX = 2000

# Mastodon — app/validators/status_length_validator.rb: MAX_CHARS = 500, URLs count 23
# (URL_PLACEHOLDER_CHARS), grapheme clusters counted (default server; instances may raise it).
MASTODON_MAX = 500
MASTODON_URL_LENGTH = 23
# Mastodon — app/models/media_attachment.rb: MAX_DESCRIPTION_LENGTH = 1_500.
MASTODON_ALT_MAX = 1500
# Mastodon — app/models/media_attachment.rb: IMAGE_LIMIT = 16 MB (Mastodon 4.x).
MASTODON_IMAGE_MAX_BYTES = 16 * 1024 * 1024

# Instagram — Graph API "IG User Media" docs: caption at most 2,200 characters, 30 hashtags.
INSTAGRAM_CAPTION_MAX = 2200
INSTAGRAM_HASHTAGS_MAX = 30

IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}

_URL = regex.compile(r"https?://\S+")
_HASHTAG = regex.compile(r"(?<![\p{L}\p{N}_&])#(?=[\p{L}\p{N}_]*\p{L})[\p{L}\p{N}_]+")


def x_length(text: str) -> int:
    """Weighted length as X counts it (URLs count as 23)."""
    from twitter_text import parse_tweet

    return parse_tweet(text).weightedLength


def bluesky_length(text: str) -> int:
    """Number of graphemes, as Bluesky counts them."""
    return len(regex.findall(r"\X", text))


def mastodon_length(text: str) -> int:
    """Length as Mastodon counts it: grapheme clusters, every URL as 23."""
    countable = _URL.sub("x" * MASTODON_URL_LENGTH, text)
    return len(regex.findall(r"\X", countable))


def x_urls(text: str) -> list[str]:
    """Links in the text: what X recognises, plus anything written with http(s)://.

    X prices posts with a link higher; we warn on every written link, even one whose
    domain twitter-text does not know (it may still be seen as a link later).
    """
    from twitter_text import extract_urls

    found = list(extract_urls(text))
    return found + [u for u in _URL.findall(text) if not any(f in u for f in found)]


def hashtags(text: str) -> list[str]:
    return [m.group(0) for m in _HASHTAG.finditer(text)]


def x_text_problems(text: str) -> list[str]:
    if (n := x_length(text)) > X_MAX:
        return [
            f"teksten er for lang for X: {n} av maks {X_MAX} tegn "
            f"(vektet lengde, lenker teller {X_URL_LENGTH})"
        ]
    return []


def bluesky_text_problems(text: str) -> list[str]:
    if (n := bluesky_length(text)) > BLUESKY_MAX:
        return [f"teksten er for lang for Bluesky: {n} av maks {BLUESKY_MAX} tegn"]
    if (n := len(text.encode("utf-8"))) > BLUESKY_MAX_BYTES:
        return [f"teksten er for lang for Bluesky: {n} av maks {BLUESKY_MAX_BYTES} byte"]
    return []


def mastodon_text_problems(text: str) -> list[str]:
    if (n := mastodon_length(text)) > MASTODON_MAX:
        return [
            f"teksten er for lang for Mastodon: {n} av maks {MASTODON_MAX} tegn "
            f"(lenker teller {MASTODON_URL_LENGTH})"
        ]
    return []


def instagram_text_problems(text: str) -> list[str]:
    if (n := len(text)) > INSTAGRAM_CAPTION_MAX:
        return [f"teksten er for lang for Instagram: {n} av maks {INSTAGRAM_CAPTION_MAX} tegn"]
    if (n := len(hashtags(text))) > INSTAGRAM_HASHTAGS_MAX:
        return [f"for mange emneknagger for Instagram: {n} av maks {INSTAGRAM_HASHTAGS_MAX}"]
    return []


def alt_problems(name: str, limit: int | None, alt: str) -> list[str]:
    """Problems with an image's alt text on the channel ``name`` (limit in graphemes)."""
    if not alt.strip():
        return ["bildet mangler alternativ tekst (alt-tekst)"]
    if limit and (n := bluesky_length(alt)) > limit:
        return [f"alt-teksten er for lang for {name}: {n} av maks {limit} tegn"]
    return []


def image_type(data: bytes) -> str | None:
    """The MIME type of a PNG or JPEG image, or None for anything else."""
    for magic, mime in IMAGE_TYPES.items():
        if data.startswith(magic):
            return mime
    return None


def image_problems(name: str, limit: int | None, path: Path | None) -> list[str]:
    """Problems with the card file: missing, not PNG/JPEG, larger than ``limit`` bytes."""
    if path is None:
        return ["kortet (bildet) mangler — kjør «stemme images» eller sjekk faktaid-en for dagen"]
    if not path.is_file():
        return [f"kortet {path} finnes ikke — kjør «stemme images»"]
    data = path.read_bytes()
    if image_type(data) is None:
        return [f"kortet {path.name} er ikke PNG eller JPEG"]
    if limit and len(data) > limit:
        return [
            f"kortet {path.name} er for stort for {name}: {len(data):,} byte av maks "
            f"{limit:,} byte".replace(",", " ")
        ]
    return []


def retired_x_upload(value: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) when ``[posting] x_media_upload`` names X's retired
    v1.1 upload; None for "v2". Both ``stemme check`` and the X channel say this."""
    if value == "v2":
        return None
    return (
        f'x_media_upload = "{value}": opplastingen via v1.1 (upload.twitter.com) er '
        "pensjonert av X og virker ikke lenger.",
        'sett x_media_upload = "v2", eller fjern linjen.',
    )
