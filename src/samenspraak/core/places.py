"""A point on the map as words people read: "Domplein, Utrecht" instead of 52.09083, 5.12222.

`street_near(latitude, longitude)` names the street nearest a point, from (first) the
addresses the municipality supplies (SAMENSPRAAK_PLACE_ADDRESSES: a CSV file) or (then) a
reverse lookup at PDOK's Locatieserver (SAMENSPRAAK_PLACE_LOOKUP_URL, e.g.
https://api.pdok.nl/bzk/locatieserver/search/v3_1/reverse). With neither set it returns "".

It is called once, in the task worker, when an input is saved (consultation.places), and the
result is stored with the input: a list page never waits for a lookup. The street (type
"weg"), not the house address, is asked for: an idea placed at someone's front door does not
publish their house number.
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import math
import os

import certifi
import urllib3
from django.conf import settings

logger = logging.getLogger(__name__)

#: A street further away than this (metres) does not name the place.
MAX_DISTANCE_M = 250
TIMEOUT_SECONDS = 5.0
MAX_NAME = 200


class LookupUnavailable(Exception):
    """The lookup service did not answer usefully now (timeout, 5xx): try again later."""


def configured() -> bool:
    return bool(_addresses_path() or _lookup_url())


def _addresses_path() -> str:
    return getattr(settings, "SAMENSPRAAK_PLACE_ADDRESSES", "") or ""


def _lookup_url() -> str:
    return getattr(settings, "SAMENSPRAAK_PLACE_LOOKUP_URL", "") or ""


def street_near(latitude: float, longitude: float) -> str:
    """The name of the street nearest the point ("" when none is known within
    MAX_DISTANCE_M or nothing is configured). Raises LookupUnavailable when the lookup
    service should be asked again later."""
    path = _addresses_path()
    if path:
        name = _nearest_supplied(path, latitude, longitude)
        if name:
            return name
    url = _lookup_url()
    if url:
        return _locatieserver(url, latitude, longitude)
    return ""


# --- Addresses the municipality supplies --------------------------------------------------


def _distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Metres between two nearby points (equirectangular; exact enough within a town)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6_371_000 * math.hypot(x, y)


HEADERS = {"naam": "name", "breedtegraad": "latitude", "lengtegraad": "longitude"}


@functools.lru_cache(maxsize=4)
def _read_addresses(path: str, modified: float) -> tuple[tuple[str, float, float], ...]:
    """(name, latitude, longitude) rows of the CSV file (columns naam, breedtegraad,
    lengtegraad, or name, latitude, longitude; comma or semicolon). Rows that do not read
    are skipped. Cached per file version (`modified`)."""
    rows = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        for row in csv.DictReader(handle, delimiter=delimiter):
            row = {
                HEADERS.get((k or "").strip().lower(), (k or "").strip().lower()): v
                for k, v in row.items()
            }
            try:
                name = (row.get("name") or "").strip()[:MAX_NAME]
                lat = float((row.get("latitude") or "").replace(",", "."))
                lon = float((row.get("longitude") or "").replace(",", "."))
            except ValueError:
                continue
            if name:
                rows.append((name, lat, lon))
    return tuple(rows)


def _nearest_supplied(path: str, latitude: float, longitude: float) -> str:
    try:
        rows = _read_addresses(path, os.path.getmtime(path))
    except OSError:
        logger.warning("places: cannot read SAMENSPRAAK_PLACE_ADDRESSES %s", path)
        return ""
    best, best_distance = "", float(MAX_DISTANCE_M)
    for name, lat, lon in rows:
        distance = _distance_m(latitude, longitude, lat, lon)
        if distance <= best_distance:
            best, best_distance = name, distance
    return best


# --- PDOK Locatieserver reverse lookup -----------------------------------------------------


def _locatieserver(url: str, latitude: float, longitude: float) -> str:
    """Ask the Locatieserver's reverse endpoint for the nearest street. Its answer (Solr
    style): {"response": {"numFound": n, "docs": [{"type": "weg", "weergavenaam":
    "Domplein, Utrecht", "afstand": 12.3, ...}]}}."""
    fields = {
        "lat": f"{latitude:.6f}",
        "lon": f"{longitude:.6f}",
        "type": "weg",
        "rows": "1",
        "distance": str(MAX_DISTANCE_M),
    }
    http = urllib3.PoolManager(
        cert_reqs="CERT_REQUIRED", ca_certs=certifi.where(), retries=False, timeout=TIMEOUT_SECONDS
    )
    try:
        response = http.request(
            "GET", url, fields=fields, headers={"Accept": "application/json"}, redirect=False
        )
    except urllib3.exceptions.HTTPError as error:
        raise LookupUnavailable(f"{type(error).__name__}: {error}") from error
    if response.status >= 500 or response.status == 429:
        raise LookupUnavailable(f"HTTP {response.status}")
    if response.status != 200:
        logger.warning("places: Locatieserver answered HTTP %s", response.status)
        return ""
    try:
        docs = json.loads(response.data)["response"]["docs"]
    except (ValueError, KeyError, TypeError):
        logger.warning("places: Locatieserver answer is not the documented JSON")
        return ""
    for doc in docs if isinstance(docs, list) else ():
        if not isinstance(doc, dict):
            continue
        name = doc.get("weergavenaam")
        distance = doc.get("afstand")
        if isinstance(distance, (int, float)) and distance > MAX_DISTANCE_M:
            continue
        if isinstance(name, str) and name.strip():
            return name.strip()[:MAX_NAME]
    return ""
