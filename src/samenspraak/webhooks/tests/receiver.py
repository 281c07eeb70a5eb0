"""A real HTTP receiver for tests: http.server in a thread on 127.0.0.1, on a free port.

It answers the CloudEvents validation handshake (OPTIONS) as a willing receiver does: it
echoes WebHook-Request-Origin in WebHook-Allowed-Origin and allows POST, unless `consent` is
switched off or replaced by other headers."""

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
    #: The OPTIONS requests (validation handshakes) received.
    handshakes: list[Received] = field(default_factory=list)
    #: Agree to the handshake (echo the origin, Allow: POST)?
    consent: bool = True
    #: Extra (or replacing) headers on the OPTIONS answer, e.g. {"WebHook-Allowed-Rate": "5"}.
    handshake_headers: dict = field(default_factory=dict)


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

    def do_OPTIONS(self):  # noqa: N802
        self.receiver.handshakes.append(Received(self.path, dict(self.headers.items()), ""))
        headers = {}
        if self.receiver.consent:
            headers["WebHook-Allowed-Origin"] = self.headers.get("WebHook-Request-Origin", "")
            headers["Allow"] = "POST, OPTIONS"
        headers.update(self.receiver.handshake_headers)
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def start() -> tuple[Receiver, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    receiver = Receiver(url=f"http://127.0.0.1:{server.server_address[1]}/hook")
    server.RequestHandlerClass = type("Handler", (_Handler,), {"receiver": receiver})
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver, server
