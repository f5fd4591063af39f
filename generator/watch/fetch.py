"""One HTTP client for every source: polite, bounded and conditional.

* connect/read timeouts; redirects followed up to ``max_redirects``;
* an overall deadline per request (``deadline`` seconds, retries and backoff included, or
  an absolute ``until`` given by the poller for the whole source): a watchdog shuts the
  connection down when it passes, so a server trickling a byte every few seconds (each
  read well inside ``read_timeout``) cannot hold a source longer than that;
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

import socket
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from generator import __version__
from generator.core import Config, SourceError
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
    deadline: float = 60.0  # the most one source may take, every request included

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
            deadline=watch.deadline,
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


class _Watchdog:
    """Cuts every connection of one fetcher when the request's deadline passes.

    httpx bounds each read, not a whole response. The connections are collected through
    httpcore's ``trace`` extension (each new TCP stream) and the response's
    ``network_stream``; at the deadline their sockets are shut down, which wakes a
    blocked read at once. A fetcher serves one request at a time, so only that
    request's connection is busy when the watchdog fires.
    """

    def __init__(self) -> None:
        self._streams: weakref.WeakSet[Any] = weakref.WeakSet()
        self._lock = threading.Lock()
        self.expired = False
        self._timer: threading.Timer | None = None

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event == "connection.connect_tcp.complete" and info.get("return_value"):
            self.add(info["return_value"])

    def add(self, stream: Any) -> None:
        with self._lock:
            self._streams.add(stream)
            if self.expired:
                _shut(stream)

    def arm(self, seconds: float) -> None:
        self.expired = False
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _fire(self) -> None:
        with self._lock:
            self.expired = True
            for stream in list(self._streams):
                _shut(stream)


def _shut(stream: Any) -> None:
    try:
        sock = stream.get_extra_info("socket")
        if sock is not None:
            sock.shutdown(socket.SHUT_RDWR)
    except (OSError, AttributeError):
        pass  # already closed


class Fetcher:
    """A pooled client; use as a context manager or call :meth:`close`.

    Not for use from several threads at once (one request at a time: the watchdog).
    """

    def __init__(
        self,
        settings: FetchSettings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self._sleep = sleep
        self._watchdog = _Watchdog()
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
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        until: float | None = None,
    ) -> Fetched:
        """GET with retries on timeouts/5xx; raise SourceError on anything else that fails.

        ``until`` is a :func:`time.monotonic` moment (the source's deadline); without it
        the request gets ``settings.deadline`` seconds. Retries and backoff count too.
        """
        until = until if until is not None else time.monotonic() + self.settings.deadline
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            if time.monotonic() >= until:
                raise self._late(url)
            try:
                return self._bounded(url, headers, until)
            except _Retry as retry:
                if attempt + 1 == attempts:
                    raise SourceError(
                        f"{url}: {retry.message} (prøvde {attempts} ganger). "
                        "Kilden kan være nede — prøv igjen senere."
                    ) from None
                pause = self.settings.backoff_seconds * (2**attempt)
                if time.monotonic() + pause >= until:
                    raise self._late(url, retry.message) from None
                self._sleep(pause)
        raise AssertionError("unreachable")  # pragma: no cover

    def _late(self, url: str, why: str | None = None) -> SourceError:
        seconds = self.settings.deadline
        reason = f" (sist: {why})" if why else ""
        return SourceError(
            f"{url}: fikk ikke et helt svar innen tidsfristen på {seconds:g} sekunder for "
            f"kilden{reason}. Kilden svarer for sakte og ble avbrutt ved fristen, så de andre "
            "kildene ble ikke holdt igjen lenger enn det. Den prøves igjen neste gang "
            "(watch.deadline i stemme.toml)."
        )

    def _bounded(self, url: str, headers: dict[str, str], until: float) -> Fetched:
        """One attempt under the watchdog: cut off at ``until`` whatever the server does."""
        remaining = until - time.monotonic()
        self._watchdog.arm(remaining)
        try:
            fetched = self._once(url, headers, min(self.settings.read_timeout, remaining))
        except (SourceError, _Retry):
            if self._watchdog.expired:
                raise self._late(url) from None
            raise
        finally:
            self._watchdog.disarm()
        if self._watchdog.expired:  # a body without a length ends at the cut: not whole
            raise self._late(url)
        return fetched

    def _once(self, url: str, headers: dict[str, str], read_timeout: float) -> Fetched:
        timeout = httpx.Timeout(
            read_timeout,
            connect=min(self.settings.connect_timeout, read_timeout),
            pool=self.settings.connect_timeout,
        )
        extensions = {"trace": self._watchdog.trace}
        try:
            with self._client.stream(
                "GET", url, headers=headers, timeout=timeout, extensions=extensions
            ) as response:
                if stream := response.extensions.get("network_stream"):
                    self._watchdog.add(stream)
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
