"""The CloudEvents HTTP webhook validation handshake (abuse protection, http-webhook.md §4).

Before anything is sent to an address, Samenspraak asks the receiver whether it wants events
from this site: `OPTIONS <target>` with `WebHook-Request-Origin: <this site's host name>`. The
receiver agrees only by answering with `WebHook-Allowed-Origin` set to that name (or `*`);
the status code alone is never taken as consent (the spec: a server that happens to handle
OPTIONS has not agreed). An `Allow` header, when given, must list POST. `WebHook-Allowed-Rate`
(requests per minute, or `*`) is stored and respected. So nobody can point a subscription at
someone else's server and have Samenspraak flood it.

Only addresses targets.resolve accepts are asked, over the same pinned connection as a
delivery.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from django.conf import settings
from django.utils.translation import gettext as _

from samenspraak.core import links
from samenspraak.webhooks import targets

#: Seconds to wait for the answer to the handshake (it runs while the integration waits).
TIMEOUT = 5.0


def origin() -> str:
    """How this site names itself to receivers: the host name of its public address."""
    return urlsplit(links.site_url()).hostname or "samenspraak"


@dataclass(frozen=True)
class Outcome:
    ok: bool
    #: Requests per minute the receiver allows; None: no limit (`*`).
    allowed_rate: int | None = None
    #: Why not, a Dutch sentence (empty when ok).
    error: str = ""


def _rate(value: str | None) -> tuple[bool, int | None]:
    """(valid, rate) of a WebHook-Allowed-Rate value; absent or `*` is no limit."""
    if value is None or value.strip() == "*":
        return True, None
    value = value.strip()
    if value.isdigit() and int(value) > 0:
        return True, int(value)
    return False, None


def handshake(url: str) -> Outcome:
    """Ask the receiver at `url` for permission. Never raises: a refusal is an Outcome."""
    try:
        target = targets.resolve(url)
    except targets.Refused as refused:
        return Outcome(False, error=refused.message)
    me = origin()
    timeout = min(TIMEOUT, float(getattr(settings, "SAMENSPRAAK_WEBHOOKS_TIMEOUT", 10)))
    try:
        answer = targets.request(
            "OPTIONS",
            target,
            headers={"WebHook-Request-Origin": me},
            body=None,
            timeout=timeout,
        )
    except urllib3.exceptions.HTTPError as error:
        return Outcome(
            False,
            error=_("De ontvanger gaf geen antwoord op de controle (%(error)s).")
            % {"error": type(error).__name__},
        )
    allowed_origin = (answer.headers.get("webhook-allowed-origin") or "").strip()
    if allowed_origin not in (me, "*"):
        return Outcome(
            False,
            error=_(
                "De ontvanger gaf geen toestemming: het antwoord op OPTIONS (HTTP %(status)s) "
                "moet de kop WebHook-Allowed-Origin: %(origin)s (of *) hebben."
            )
            % {"status": answer.status, "origin": me},
        )
    allow = answer.headers.get("allow")
    if allow is not None and "POST" not in {m.strip().upper() for m in allow.split(",")}:
        refusal = _("De ontvanger staat geen POST toe (kop Allow: %(allow)s).")
        return Outcome(False, error=refusal % {"allow": allow})
    valid, rate = _rate(answer.headers.get("webhook-allowed-rate"))
    if not valid:
        return Outcome(
            False,
            error=_("De kop WebHook-Allowed-Rate moet een positief geheel getal of * zijn."),
        )
    return Outcome(True, allowed_rate=rate)
