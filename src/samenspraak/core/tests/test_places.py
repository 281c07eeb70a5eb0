"""A point as a street name (core.places): the municipality's own CSV and a replayed PDOK
Locatieserver reverse answer, served by a real HTTP server on 127.0.0.1 (the tests do not
reach PDOK). The JSON was written by hand in the documented format of the v3_1 reverse
endpoint (https://api.pdok.nl/bzk/locatieserver/search/v3_1/ui/)."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from samenspraak.core import places

RECORDED = Path(__file__).parent / "data" / "locatieserver_reverse_weg.json"


class Replay:
    """A Locatieserver stand-in: answers every GET with `status` and `body`, records queries."""

    def __init__(self):
        self.status = 200
        self.body = RECORDED.read_bytes()
        self.queries: list[dict] = []
        replay = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                parts = urlsplit(self.path)
                replay.queries.append({"path": parts.path, **parse_qs(parts.query)})
                self.send_response(replay.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(replay.body)))
                self.end_headers()
                self.wfile.write(replay.body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/search/v3_1/reverse"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def locatieserver(settings):
    replay = Replay()
    settings.SAMENSPRAAK_PLACE_LOOKUP_URL = replay.url
    settings.SAMENSPRAAK_PLACE_ADDRESSES = ""
    yield replay
    replay.stop()


def test_nothing_configured_means_no_lookup(settings):
    settings.SAMENSPRAAK_PLACE_LOOKUP_URL = ""
    settings.SAMENSPRAAK_PLACE_ADDRESSES = ""
    assert not places.configured()
    assert places.street_near(52.0908, 5.1222) == ""


def test_the_locatieserver_names_the_street_and_is_asked_for_a_street(locatieserver):
    assert places.street_near(52.090833, 5.122222) == "Domplein, Utrecht"
    (query,) = locatieserver.queries
    assert query["path"] == "/search/v3_1/reverse"
    assert query["lat"] == ["52.090833"] and query["lon"] == ["5.122222"]
    # The street, not a house address: no house number is published with an input.
    assert query["type"] == ["weg"] and query["rows"] == ["1"]
    assert query["distance"] == [str(places.MAX_DISTANCE_M)]


def test_a_street_too_far_or_none_found_names_nothing(locatieserver):
    recorded = json.loads(RECORDED.read_text())
    recorded["response"]["docs"][0]["afstand"] = places.MAX_DISTANCE_M + 1
    locatieserver.body = json.dumps(recorded).encode()
    assert places.street_near(52.09, 5.12) == ""
    locatieserver.body = b'{"response": {"numFound": 0, "start": 0, "docs": []}}'
    assert places.street_near(52.09, 5.12) == ""


@pytest.mark.parametrize(
    "body", [b"<html>storing</html>", b'{"docs": 3}', b"[]", b'{"response": {"docs": [7, null]}}']
)
def test_an_answer_that_is_not_the_documented_json_names_nothing(locatieserver, body):
    locatieserver.body = body
    assert places.street_near(52.09, 5.12) == ""


@pytest.mark.parametrize("status", [500, 503, 429])
def test_a_service_that_is_down_is_asked_again_later(locatieserver, status):
    locatieserver.status = status
    with pytest.raises(places.LookupUnavailable):
        places.street_near(52.09, 5.12)


def test_a_service_that_does_not_answer_is_asked_again_later(settings):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.SAMENSPRAAK_PLACE_LOOKUP_URL = f"http://127.0.0.1:{port}/reverse"
    with pytest.raises(places.LookupUnavailable):
        places.street_near(52.09, 5.12)


def test_the_municipalitys_own_streets_come_first(tmp_path, settings, locatieserver):
    supplied = tmp_path / "straten.csv"
    supplied.write_text(
        "naam;breedtegraad;lengtegraad\n"
        "Marktplein, Voorbeeldstad;52,0850;5,1100\n"
        "Havenkade, Voorbeeldstad;52,0900;5,1300\n"
        "kapotte regel;noord;oost\n",
        encoding="utf-8",
    )
    settings.SAMENSPRAAK_PLACE_ADDRESSES = str(supplied)
    assert places.street_near(52.0851, 5.1101) == "Marktplein, Voorbeeldstad"
    assert places.street_near(52.0899, 5.1299) == "Havenkade, Voorbeeldstad"
    assert locatieserver.queries == []
    # Far from every supplied street: the Locatieserver is asked.
    assert places.street_near(52.2, 5.4) == "Domplein, Utrecht"
    assert len(locatieserver.queries) == 1
    # Without the Locatieserver, far away is nothing.
    settings.SAMENSPRAAK_PLACE_LOOKUP_URL = ""
    assert places.street_near(52.2, 5.4) == ""
