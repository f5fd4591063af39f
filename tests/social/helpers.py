"""Shared fakes for the social tests (and the hosted ones that post): secrets, a tiny
campaign, and the HTTP edges of Bluesky, Mastodon and a live run of all three channels."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

import httpx
import responses
import respx

from generator.social.bluesky import record_key
from generator.social.x import CREATE_TWEET, V2_METADATA, V2_UPLOAD

SECRETS = {
    "STEMME_X_API_KEY": "xkey-SECRET-1111",
    "STEMME_X_API_SECRET": "xsecret-SECRET-2222",
    "STEMME_X_ACCESS_TOKEN": "xtoken-SECRET-3333",
    "STEMME_X_ACCESS_SECRET": "xaccess-SECRET-4444",
    "STEMME_MASTODON_URL": "https://mastodon.test",
    "STEMME_MASTODON_TOKEN": "mtoken-SECRET-5555",
    "STEMME_BLUESKY_HANDLE": "stemme.test",
    "STEMME_BLUESKY_APP_PASSWORD": "bpass-SECRET-6666",
}
SECRET_VALUES = [v for v in SECRETS.values() if "SECRET" in v]
ALT = "Faktakort: 1 av 4 drap i Norge er partnerdrap. Kilde: Kripos (2024)."


@dataclass(frozen=True)
class FakeDay:
    date: date
    fact: str
    post: str
    theme: str = "Tema"
    message: str = "Budskap"
    time: str | None = None
    campaign_slug: str = "test-2026"

    @property
    def url_path(self) -> str:
        return f"kampanjer/{self.campaign_slug}/{self.date.isoformat()}/"


@dataclass(frozen=True)
class FakeCampaign:
    slug: str = "test-2026"
    name: str = "Testkampanjen 2026"
    days: list[FakeDay] = field(default_factory=list)


# ── Bluesky (respx at the HTTP edge) ────────────────────────────────────────────────

SERVICE = "https://pds.test"
DID = "did:plc:stemmetest123"
CID = "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy"
TEXT = "Æ ø å: les mer på https://krisesenter.no/kampanjer/a/ #TaushetTarLiv!"


def _jwt() -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    header = part({"alg": "HS256", "typ": "JWT"})
    claims = part({"sub": DID, "exp": 4102444800, "iat": 1700000000})
    return f"{header}.{claims}.c2ln"


def jwt() -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    header = part({"alg": "HS256", "typ": "JWT"})
    claims = part({"sub": DID, "exp": 4102444800, "iat": 1700000000})
    return f"{header}.{claims}.c2ln"


DUE = datetime(2026, 11, 25, 8, 0, tzinfo=ZoneInfo("Europe/Oslo"))
KEY = "test-2026/2026-11-25/bluesky"
RKEY = record_key(KEY, DUE)
URI = f"at://{DID}/app.bsky.feed.post/{RKEY}"
NOT_FOUND = httpx.Response(
    400, json={"error": "RecordNotFound", "message": f"Could not locate record: {URI}"}
)
FOUND = httpx.Response(200, json={
    "uri": URI, "cid": CID,
    "value": {"$type": "app.bsky.feed.post", "text": TEXT, "createdAt": "2026-11-25T07:00:00Z"},
})  # fmt: skip


def bluesky_routes(
    mock: respx.MockRouter,
    record: httpx.Response | list | None = None,
    lookup: httpx.Response | list | None = None,
) -> dict[str, respx.Route]:
    session = {"accessJwt": jwt(), "refreshJwt": jwt(), "handle": "stemme.test", "did": DID}
    blob = {"blob": {"$type": "blob", "ref": {"$link": CID}, "mimeType": "image/png", "size": 10}}
    created = httpx.Response(200, json={"uri": URI, "cid": CID})
    records = record if isinstance(record, list) else [record or created]
    lookups = lookup if isinstance(lookup, list) else [lookup or NOT_FOUND]
    return {
        "session": mock.post(f"{SERVICE}/xrpc/com.atproto.server.createSession").respond(
            json=session
        ),
        "blob": mock.post(f"{SERVICE}/xrpc/com.atproto.repo.uploadBlob").respond(json=blob),
        "record": mock.post(f"{SERVICE}/xrpc/com.atproto.repo.createRecord").mock(
            side_effect=records + [records[-1]] * 5
        ),
        "lookup": mock.get(f"{SERVICE}/xrpc/com.atproto.repo.getRecord").mock(
            side_effect=lookups + [lookups[-1]] * 5
        ),
    }


# ── Mastodon (responses at the HTTP edge) ───────────────────────────────────────────

INSTANCE = "https://mastodon.test"
STATUS = {
    "id": "113",
    "uri": f"{INSTANCE}/users/stemme/statuses/113",
    "url": f"{INSTANCE}/@stemme/113",
    "content": "<p>x</p>",
    "created_at": "2026-11-25T07:00:00.000Z",
}
READY = {"id": "m1", "type": "image", "url": f"{INSTANCE}/media/m1.png"}


# ── a live run of all three channels ───────────────────────────────────────────────

BSKY = "https://bsky.social/xrpc"
MASTODON = "https://mastodon.test"


def mock_live_http(rsps: responses.RequestsMock, router: respx.MockRouter) -> dict:
    rsps.post(V2_UPLOAD, json={"data": {"id": "55"}})
    rsps.post(V2_METADATA, json={"data": {}})
    rsps.post(CREATE_TWEET, status=201, json={"data": {"id": "1862", "text": "t"}})
    rsps.post(f"{MASTODON}/api/v2/media", json={"id": "m9", "type": "image", "url": "u"})
    status = {
        "id": "114",
        "url": f"{MASTODON}/@s/114",
        "uri": "u",
        "created_at": "2026-11-26T07:05:00Z",
    }
    rsps.post(f"{MASTODON}/api/v1/statuses", json=status)
    session = {"accessJwt": jwt(), "refreshJwt": jwt(), "handle": "stemme.test", "did": DID}
    blob = {"blob": {"$type": "blob", "ref": {"$link": CID}, "mimeType": "image/png", "size": 1}}
    return {
        "session": router.post(f"{BSKY}/com.atproto.server.createSession").respond(json=session),
        "blob": router.post(f"{BSKY}/com.atproto.repo.uploadBlob").respond(json=blob),
        "record": router.post(f"{BSKY}/com.atproto.repo.createRecord").mock(
            return_value=httpx.Response(
                200, json={"uri": f"at://{DID}/app.bsky.feed.post/3l", "cid": CID}
            )
        ),
    }
