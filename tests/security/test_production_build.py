"""The production way, end to end: `collectstatic` with SAMENSPRAAK_ENV=production (the manifest
storage follows every url() and source map in the CSS and JS) and gunicorn serving the pages,
their CSS/JS and what the CSS refers to, from the WSGI app with WhiteNoise, against a migrated
PostgreSQL database.

Before the build shipped everything the vendor CSS/JS refer to, collectstatic stopped on
leaflet.js.map and leaflet's images/layers.png, and every page was a 500 for lack of a manifest.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.db import connection
from PIL import Image

from samenspraak.organisations.factories import MunicipalityFactory
from samenspraak.processes.factories import ProcessFactory
from tests.test_settings_production import production_env

REPO = Path(__file__).resolve().parents[2]
BALLOT_KEY = "stembiljet-sleutel-" + "b" * 40  # differs from SECRET_KEY, as production asks


def _database_url() -> str:
    """The test database, for processes outside this one (they see what the test committed)."""
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the production start-up test needs PostgreSQL (set DATABASE_URL)")
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href") and "stylesheet" in (attrs.get("rel") or ""):
            self.urls.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 (our own server)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def production(tmp_path, transactional_db):
    """collectstatic the production way, then gunicorn on a free port; yields (base URL, env)."""
    env = production_env(
        SAMENSPRAAK_BALLOT_KEY=BALLOT_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        SAMENSPRAAK_VAR_DIR=str(tmp_path / "var"),
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=_database_url(),
    )
    samenspraak = [sys.executable, "-m", "samenspraak"]
    collect = subprocess.run(
        [*samenspraak, "collectstatic", "--no-input"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert collect.returncode == 0, collect.stdout[-2000:] + collect.stderr[-4000:]
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "samenspraak.conf.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()
                    pytest.fail("gunicorn did not start:\n" + server.communicate()[0][-4000:])
                time.sleep(0.2)
        yield base, env, tmp_path
    finally:
        server.terminate()
        try:
            server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()


def test_collectstatic_and_gunicorn_serve_pages_and_every_asset_in_production(production):
    base, _env, tmp_path = production
    MunicipalityFactory(name="Voorbeeldstad")
    process = ProcessFactory(slug="stationsplein", with_phase="consultation.collect")

    checked = set()
    for path in ("/", f"/processen/{process.slug}/"):
        status, headers, body = _get(base + path)
        assert status == 200, (path, body[:2000])
        parser = _Assets()
        parser.feed(body.decode())
        assert parser.urls, f"{path} refers to no CSS or JS"
        for url in parser.urls:
            # The manifest storage puts a content hash in every name: collectstatic really ran.
            assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", url), url
            status, headers, _ = _get(urljoin(base, url))
            assert status == 200, url
            checked.add(url)

    # Every collected stylesheet, and every file it refers to, is served (leaflet.css and its
    # images too, although only log-in pages use the map).
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    for name, hashed in manifest.items():
        if not name.endswith(".css"):
            continue
        status, headers, body = _get(f"{base}/static/{hashed}")
        assert status == 200, hashed
        assert headers["Content-Type"].startswith("text/css")
        for ref in re.findall(r"""url\(\s*["']?([^"')]+?)["']?\s*\)""", body.decode()):
            if ref.startswith(("data:", "#")):
                continue
            status, _, _ = _get(urljoin(f"{base}/static/{hashed}", ref))
            assert status == 200, (hashed, ref)
            checked.add(ref)
    assert any("layers" in ref for ref in checked)

    # Uploads are served by the same process (SAMENSPRAAK_SERVE_MEDIA defaults to on).
    picture = tmp_path / "media" / "inbreng" / "plein.png"
    picture.parent.mkdir(parents=True)
    Image.new("RGB", (3, 3), "green").save(picture, "PNG")
    status, headers, body = _get(f"{base}/media/inbreng/plein.png")
    assert (status, headers["Content-Type"]) == (200, "image/png")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert body == picture.read_bytes()


def test_missing_front_end_files_are_a_start_up_error(monkeypatch):
    """A server installed without `scripts/build_assets.py` hears it from `check`, not from a
    500 on every page."""
    from samenspraak.web import checks

    assert checks.check_vendor_files() == []
    monkeypatch.setattr(checks, "VENDOR_FILES", (*checks.VENDOR_FILES, "vendor/niet/gebouwd.css"))
    errors = checks.check_vendor_files()
    assert [error.id for error in errors] == ["web.E001"]
    assert "vendor/niet/gebouwd.css" in errors[0].msg and "build_assets" in errors[0].hint
