"""Where a webhook may be sent: https to a public address.

Plain http and loopback/private addresses are refused unless SAMENSPRAAK_WEBHOOKS_ALLOW_LOCAL
is on (development and tests, where the receiver runs on 127.0.0.1). The address a host name
resolves to is checked again just before each send, so a name that points inside the
municipality's network is refused too (no requests to internal systems on a subscriber's
behalf).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


def allow_local() -> bool:
    return bool(getattr(settings, "SAMENSPRAAK_WEBHOOKS_ALLOW_LOCAL", False))


def _is_internal(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    return not ip.is_global or ip.is_multicast


def problem(url: str, *, resolve: bool = False) -> str | None:
    """Why `url` may not be a webhook target (a Dutch sentence), or None when it may."""
    try:
        parts = urlsplit(url or "")
        host = parts.hostname or ""
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        return _("Dit is geen geldig webadres.")
    if parts.scheme not in ("http", "https") or not host:
        return _("Geef een volledig webadres dat begint met https://.")
    if parts.username or parts.password:
        return _("Zet geen gebruikersnaam of wachtwoord in het adres.")
    if allow_local():
        return None
    if parts.scheme != "https":
        return _("Het adres moet beginnen met https://.")
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
            return _("Webhooks gaan alleen naar openbare adressen op internet.")
        if not resolve:
            return None
        try:
            addresses = [info[4][0] for info in socket.getaddrinfo(host, parts.port or 443)]
        except OSError:
            return _("Het adres %(host)s is niet te vinden.") % {"host": host}
    if any(_is_internal(address) for address in addresses):
        return _("Webhooks gaan alleen naar openbare adressen op internet.")
    return None
