"""Serve Samenspraak locally: the task worker in the background, gunicorn in the foreground.

Run by `make run` after migrating and loading the demo. Prints the address and the demo log-ins.
Ctrl+C stops both processes.
"""

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
WILDCARD_HOSTS = {"0.0.0.0", "::", ""}  # noqa: S104 - compared with, not bound to


def site_url(host: str, port: str) -> str | None:
    """The address e-mail links should use for this server, or None for a wildcard bind
    (then links follow the address each request came in on; see core/links.py)."""
    if host in WILDCARD_HOSTS:
        return None
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
    args = parser.parse_args()

    samenspraak = str(BIN / "samenspraak")
    # HOST/PORT let the log-ins table show the address this server really listens on.
    logins_env = {**os.environ, "HOST": args.host, "PORT": str(args.port)}
    subprocess.run([samenspraak, "demo", "--logins"], check=False, env=logins_env)
    # Links in e-mails go to this server (`make run PORT=9000` mails :9000), unless SITE_URL
    # names the public address already.
    env = dict(os.environ)
    if not env.get("SITE_URL") and site_url(args.host, str(args.port)):
        env["SITE_URL"] = site_url(args.host, str(args.port))
    worker = subprocess.Popen([samenspraak, "db_worker", "--interval", "0.5"], env=env)
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "samenspraak.conf.wsgi",
            "--bind",
            f"{args.host}:{args.port}",
            "--workers",
            os.environ.get("WEB_CONCURRENCY", "2"),
            "--access-logfile",
            "-",
        ],
        env=env,
    )
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"\nSamenspraak draait op / is running at  http://{host}:{args.port}/\n", flush=True)

    def stop(*_):
        for process in (server, worker):
            if process.poll() is None:
                process.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        return server.wait()
    finally:
        stop()
        worker.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
