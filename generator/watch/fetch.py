"""One HTTP client for every source: polite, bounded and conditional.

* connect/read timeouts; redirects followed up to ``max_redirects``;
* the body is read as a stream and abandoned once it passes ``max_bytes`` (counted after
  decompression, so a gzip bomb is cut off too);
* conditional GET: the stored ETag/Last-Modified are sent, and 304 means "nothing new";
* ``User-Agent: Stemme/<version> (+<organisation e-mail>; <organisation>)``;
* retries with exponential backoff only on timeouts and 5xx answers; ``sleep`` is
  injectable so tests need not wait;
* an error answer that is a bot challenge (Cloudflare, Akamai …) is «blokkert av
  nettstedet» at once, never retried (see :mod:`generator.watch.body`).

Every failure is a :class:`~generator.core.errors.SourceError` with a Norwegian message that
names the address and what to do.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from generator import __version__
from generator.core.config import Config
from generator.core.errors import SourceError
from generator.watch.body import blocked, challenge

_PEEK = 64 * 1024  # enough of an error page to recognise a bot challenge


@dataclass(frozen=True)
class FetchSettings:
    user_agent: str
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2
    backoff_seconds: float = 1.0

    @classmethod
    def from_config(cls, config: Config) -> FetchSettings:
        watch = config.watch
        org = config.organisation
        return cls(
            user_agent=f"Stemme/{__version__} (+mailto:{org.email}; {org.name})",
            connect_timeout=watch.connect_timeout,
            read_timeout=watch.read_timeout,
            max_bytes=watch.max_bytes,
            max_redirects=watch.max_redirects,
            retries=watch.retries,
            backoff_seconds=watch.backoff_seconds,
        )


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _Retry(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


class Fetcher:
    """A pooled client; use as a context manager or call :meth:`close`."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self._sleep = sleep
        timeout = httpx.Timeout(
            settings.read_timeout, connect=settings.connect_timeout, pool=settings.connect_timeout
        )
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=True,
            max_redirects=settings.max_redirects,
            headers={"User-Agent": settings.user_agent},
            transport=transport,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET with retries on timeouts/5xx; raise SourceError on anything else that fails."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            try:
                return self._once(url, headers)
            except _Retry as retry:
                if attempt + 1 == attempts:
                    raise SourceError(
                        f"{url}: {retry.message} (prøvde {attempts} ganger). "
                        "Kilden kan være nede — prøv igjen senere."
                    ) from None
                self._sleep(self.settings.backoff_seconds * (2**attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code >= 400:
                    self._refuse_challenge(url, response)
                if response.status_code >= 500:
                    raise _Retry(f"serveren svarte {response.status_code}")
                if response.status_code == 304:
                    return self._fetched(url, response, b"")
                if response.status_code >= 400:
                    raise SourceError(
                        f"{url}: serveren svarte {response.status_code} "
                        f"{response.reason_phrase}. Sjekk adressen i stemme.toml."
                    )
                return self._fetched(url, response, self._read_capped(url, response))
        except httpx.TimeoutException:
            raise _Retry(f"fikk ikke svar innen {self.settings.read_timeout:g} sekunder") from None
        except httpx.TooManyRedirects:
            raise SourceError(
                f"{url}: for mange videresendinger (mer enn {self.settings.max_redirects}). "
                "Sjekk adressen i stemme.toml."
            ) from None
        except httpx.UnsupportedProtocol:
            raise SourceError(
                f"{url}: adressen (eller en videresending) bruker ikke http(s)."
            ) from None
        except httpx.HTTPError as exc:
            raise SourceError(
                f"{url}: fikk ikke kontakt ({type(exc).__name__}: {exc}). "
                "Sjekk nettforbindelsen og adressen."
            ) from None

    @staticmethod
    def _refuse_challenge(url: str, response: httpx.Response) -> None:
        """A bot challenge (often 403/503) is «blokkert», not a reason to retry."""
        head = b""
        for chunk in response.iter_bytes():
            head += chunk
            if len(head) >= _PEEK:
                break
        who = challenge(response.status_code, response.headers, head)
        if who:
            raise blocked(url, who, response.status_code)

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise self._too_big(url)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise self._too_big(url)
            chunks.append(chunk)
        return b"".join(chunks)

    def _too_big(self, url: str) -> SourceError:
        mb = self.settings.max_bytes / (1024 * 1024)
        return SourceError(
            f"{url}: svaret er større enn {mb:.1f} MB og ble avbrutt. Er adressen riktig? "
            "Øk watch.max_bytes i stemme.toml bare hvis kilden virkelig er så stor."
        )

    @staticmethod
    def _fetched(url: str, response: httpx.Response, content: bytes) -> Fetched:
        return Fetched(
            url=str(response.url),
            status=response.status_code,
            content=content,
            content_type=response.headers.get("Content-Type", ""),
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )
