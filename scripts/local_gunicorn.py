"""Start this checkout's gunicorn on a free local port and wait until it answers; stop it again.

Used by the scripts and benchmarks that measure or photograph the real HTTP path
(scripts/screenshots.py, benchmarks/consultation_pages.py, benchmarks/voting_load.py).
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start(
    env: dict[str, str], *, workers: int, options: tuple[str, ...] = (), port: int | None = None
) -> tuple[subprocess.Popen, int]:
    """(the gunicorn process, its port) once GET / answers; SystemExit if it does not in 60 s.
    `port`: one the caller already told the site about (SITE_URL), else a free one."""
    port = port or free_port()
    server = subprocess.Popen(  # noqa: S603 (our own venv's gunicorn, fixed arguments)
        [
            str(GUNICORN),
            "samenspraak.conf.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            *options,
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped with exit code {server.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/")
            conn.getresponse().read()
            conn.close()
            return server, port
        except OSError:
            time.sleep(0.3)  # waiting for the server to start, not a timed assertion
    stop(server)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
