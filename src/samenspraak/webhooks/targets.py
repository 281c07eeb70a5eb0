"""Where a webhook may be sent, and sending there without a second DNS lookup.

A target is `https://` on a public internet address. The host name is resolved once per
request (`resolve`); every address it resolves to is checked, and the request then connects to
exactly the address that was checked (`request`), keeping the host name in the Host header and
in TLS (SNI and certificate check), so a name that answers differently the second time (DNS
rebinding) cannot lead the request into the municipality's network.

Refused unless the setting SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS lists their network: private,
loopback, link-local, multicast, reserved and other non-global addresses (10/8, 127/8,
169.254/16, ::1, fc00::/7, ...). Plain `http://` only with SAMENSPRAAK_WEBHOOKS_ALLOW_HTTP
(development and tests; the settings refuse it in production), and then only to a loopback
address. Tests allow 127.0.0.1 through the allow-list, where their receiver runs.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import certifi
import urllib3
from django.conf import settings
from django.utils.translation import gettext as _

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class Refused(Exception):
    """The target may not be contacted; the message is a Dutch sentence for the integration."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    #: The one checked address the request connects to.
    address: str

    @property
    def host_header(self) -> str:
        default = 443 if self.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == default else f"{host}:{self.port}"


#: Names that are internal by definition (RFC 6761/6762 and common practice): refused without
#: a lookup, unless an allow-list is set (a municipality that allows its own network).
INTERNAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")


def allow_http() -> bool:
    return bool(getattr(settings, "SAMENSPRAAK_WEBHOOKS_ALLOW_HTTP", False))


@functools.cache
def _networks(spec: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def allowed_networks() -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return _networks(tuple(getattr(settings, "SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS", ()) or ()))


def address_allowed(address: Address) -> bool:
    """A public address, or one inside a network on the allow-list."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if any(address in network for network in allowed_networks()):
        return True
    return address.is_global and not address.is_multicast


def _split(url: str):
    """(scheme, host, port, path) of `url`, or Refused with the reason."""
    try:
        parts = urlsplit(url or "")
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        raise Refused(_("Dit is geen geldig webadres.")) from None
    if parts.scheme not in ("http", "https") or not host:
        raise Refused(_("Geef een volledig webadres dat begint met https://."))
    if parts.username or parts.password:
        raise Refused(_("Zet geen gebruikersnaam of wachtwoord in het adres."))
    if parts.scheme == "http" and not allow_http():
        raise Refused(_("Het adres moet beginnen met https://."))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80), path


def _lookup(host: str, port: int) -> list[Address]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise Refused(_("Het adres %(host)s is niet te vinden.") % {"host": host}) from None
    found: list[Address] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address not in found:
            found.append(address)
    if not found:
        raise Refused(_("Het adres %(host)s is niet te vinden.") % {"host": host})
    return found


def resolve(url: str) -> Target:
    """Check `url` and resolve its host once. Every address must be allowed (a name that
    resolves to one public and one private address is refused); the first is the one the
    request will use. Raises Refused with the reason."""
    scheme, host, port, path = _split(url)
    if not allowed_networks() and host.endswith(INTERNAL_SUFFIXES):
        raise Refused(_("Webhooks gaan alleen naar openbare adressen op internet."))
    addresses = _lookup(host, port)
    if not all(address_allowed(address) for address in addresses):
        raise Refused(_("Webhooks gaan alleen naar openbare adressen op internet."))
    if scheme == "http" and not all(address.is_loopback for address in addresses):
        raise Refused(_("Het adres moet beginnen met https://."))
    return Target(scheme, host, port, path, str(addresses[0]))


def problem(url: str) -> str | None:
    """Why `url` may not be a webhook target (a Dutch sentence), or None when it may now."""
    try:
        resolve(url)
    except Refused as refused:
        return refused.message
    return None


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    #: The start of the body (at most READ_LIMIT bytes are read), for the delivery log.
    text: str


READ_LIMIT = 2048
USER_AGENT = "Samenspraak-Webhooks/1"


def request(
    method: str, target: Target, *, headers: dict, body: bytes | None, timeout: float
) -> Answer:
    """One request to the checked address of `target`: no DNS lookup, no redirects, no
    retries. For https the certificate is checked against the host name, which is also sent
    as SNI. Raises urllib3's errors (HTTPError) when there is no answer."""
    headers = {**headers, "Host": target.host_header, "User-Agent": USER_AGENT}
    pool: urllib3.HTTPConnectionPool
    if target.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            target.address,
            target.port,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            timeout=urllib3.Timeout(total=timeout),
            retries=False,
            maxsize=1,
        )
    else:
        pool = urllib3.HTTPConnectionPool(
            target.address,
            target.port,
            timeout=urllib3.Timeout(total=timeout),
            retries=False,
            maxsize=1,
        )
    try:
        response = pool.urlopen(
            method,
            target.path,
            body=body,
            headers=headers,
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
        )
        text = response.read(READ_LIMIT, decode_content=False).decode("utf-8", "replace")
        response.release_conn()
        return Answer(response.status, {k.lower(): v for k, v in response.headers.items()}, text)
    finally:
        pool.close()
