"""The street name of an input's point, looked up once after it is saved (core.places).

A subscriber of InputSubmitted, so it runs in the task worker for every input whatever app
created it (consultation's form, paper input, budgeting's projects), never in a page request.
When the lookup service is down it raises, and core.events tries again with backoff.
"""

from __future__ import annotations

from samenspraak.consultation.models import Input
from samenspraak.core import places


def describe_input(event) -> str:
    """Store the street near the input's point. Idempotent: a named input is left alone."""
    if not places.configured():
        return "not configured"
    item = (
        Input.objects.filter(pk=event.input_id, latitude__isnull=False, longitude__isnull=False)
        .only("pk", "latitude", "longitude", "place_name")
        .first()
    )
    if item is None or item.place_name:
        return "nothing to do"
    name = places.street_near(item.latitude, item.longitude)  # LookupUnavailable: retried
    if name:
        Input.objects.filter(pk=item.pk, place_name="").update(place_name=name)
    return name or "no street near"
