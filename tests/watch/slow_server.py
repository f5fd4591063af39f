"""A real HTTP server on 127.0.0.1 that answers very slowly, one byte at a time.

``trickle="body"`` sends the headers at once and then the body one byte every
``interval`` seconds; ``trickle="headers"`` dribbles the status line and headers too.
Each read on the client side is well inside any read timeout, so only an overall
deadline stops it. The server stops by itself after ``lifetime`` seconds (and when the
``with`` block ends), so a test can never hang on it.
"""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

BODY = b'<?xml version="1.0"?><rss version="2.0"><channel><title>treg</title></channel></rss>'


class SlowServer:
    def __init__(
        self, *, interval: float = 0.5, trickle: str = "body", lifetime: float = 20.0
    ) -> None:
        self.interval = interval
        self.trickle = trickle
        self.lifetime = lifetime
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self.connections = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def url(self, path: str = "/treg") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> SlowServer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()

    def _serve(self) -> None:
        ends = time.monotonic() + self.lifetime
        workers = []
        while not self._stop.is_set() and time.monotonic() < ends:
            try:
                conn, _addr = self._listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            worker = threading.Thread(target=self._answer, args=(conn, ends), daemon=True)
            worker.start()
            workers.append(worker)
        self._stop.set()
        for worker in workers:
            worker.join(timeout=5)

    def _answer(self, conn: socket.socket, ends: float) -> None:
        head = (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
            + f"Content-Length: {len(BODY)}\r\n\r\n".encode()
        )
        with conn:
            try:
                conn.recv(65536)
                if self.trickle == "body":
                    conn.sendall(head)
                    data = BODY
                else:
                    data = head + BODY
                for byte in data:
                    if self._stop.wait(self.interval) or time.monotonic() > ends:
                        return
                    conn.sendall(bytes([byte]))
            except OSError:
                return  # the client cut the connection: what the test wants
