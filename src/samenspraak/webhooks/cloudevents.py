"""A domain event as a CloudEvent 1.0 (structured JSON mode), per the NL GOV profile.

Only ids, labels and flags leave the site: the event's own fields (core.events allows nothing
else) and links to the public API. `source` names this system by the municipality's OIN
(`urn:nld:oin:<OIN>:systeem:samenspraak`); `dataref` points at the resource in the API, where
a receiver reads what it may see.
"""

from __future__ import annotations

import json
import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from samenspraak.core import links

SPECVERSION = "1.0"
CONTENT_TYPE = "application/cloudevents+json"
OIN_PATTERN = re.compile(r"^\d{20}$")


def configured() -> bool:
    return bool(OIN_PATTERN.match(getattr(settings, "SAMENSPRAAK_OIN", "") or ""))


def source() -> str:
    if not configured():
        raise ImproperlyConfigured("SAMENSPRAAK_OIN (20 digits) is needed to send webhooks")
    return f"urn:nld:oin:{settings.SAMENSPRAAK_OIN}:systeem:samenspraak"


def _process_ref(process_id: int) -> str | None:
    from samenspraak.webhooks.selectors import public_process_slug

    slug = public_process_slug(process_id)
    return reverse("api:v1:process", args=[slug]) if slug else None


#: Event field -> its resource's API path; the first field an event has gives `dataref`.
RESOURCES = (
    ("input_id", lambda pk: reverse("api:v1:input", args=[pk])),
    ("budget_id", lambda pk: reverse("api:v1:budget_result", args=[pk])),
    ("process_id", _process_ref),
)


def dataref(payload: dict) -> str | None:
    for name, path in RESOURCES:
        if isinstance(payload.get(name), int):
            ref = path(payload[name])
            if ref:
                return links.absolute_url(ref)
    return None


def subject(payload: dict) -> str | None:
    """The id of what the event is about: its first field (e.g. input_id of input.answered)."""
    for value in payload.values():
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
    return None


def envelope(*, event_id, event_type: str, occurred_at, payload: dict) -> dict:
    body = {
        "specversion": SPECVERSION,
        "type": event_type,
        "source": source(),
        "id": str(event_id),
        "time": occurred_at.isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
        "data": dict(payload),
    }
    for name, value in (("subject", subject(payload)), ("dataref", dataref(payload))):
        if value is not None:
            body[name] = value
    return body


def encode(body: dict) -> str:
    return json.dumps(body, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
