"""A real HTTP receiver for tests: http.server in a thread on 127.0.0.1, on a free port."""

from __future__ import annotations

import http.server
import threading
from dataclasses import dataclass, field


@dataclass
class Received:
    path: str
    headers: dict
    body: str


@dataclass
class Receiver:
    url: str
    requests: list[Received] = field(default_factory=list)
    #: Status codes to answer, in order; after the list runs out: 200.
    statuses: list[int] = field(default_factory=list)


class _Handler(http.server.BaseHTTPRequestHandler):
    receiver: Receiver

    def do_POST(self):  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode()
        self.receiver.requests.append(Received(self.path, dict(self.headers.items()), body))
        status = self.receiver.statuses.pop(0) if self.receiver.statuses else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def start() -> tuple[Receiver, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    receiver = Receiver(url=f"http://127.0.0.1:{server.server_address[1]}/hook")
    server.RequestHandlerClass = type("Handler", (_Handler,), {"receiver": receiver})
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver, server
