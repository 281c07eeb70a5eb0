"""Rate limits on every submission (POST/PUT/PATCH/DELETE), counted in the Django cache.

One counter per client (the user's id when logged in, else the IP address from ``client_ip``,
the one rule for a client's address, behind ``SAMENSPRAAK_TRUSTED_PROXIES``) per URL path per
fixed time window. The default limit is ``settings.SAMENSPRAAK_RATE_LIMIT`` (e.g. ``"30/m"``;
empty switches the limit off); a view can have a stricter one with ``@rate_limit("5/m")``.

Counting uses ``cache.add`` + ``cache.incr``, both atomic in Redis (and in the local-memory
cache within one process), so concurrent requests cannot slip past the limit.

When the limit is passed the person gets HTTP 429 with a Dutch page that says how long to wait
and gives back everything they typed in a form that posts to the same address again, so nothing
is lost. Passwords, codes and CSRF tokens are never echoed.

Log-in, sign-up and log-in-code views are also limited by django-allauth (``ACCOUNT_RATE_LIMITS``,
per IP and per e-mail address; the IP from ``client_ip`` too, via the account adapter). Both
limits count independently and each request counts once in each; allauth's limits are stricter,
so on those pages allauth answers first and ours is only a coarse ceiling. Do not exempt them
here: the generic limit still caps a flood of requests that allauth does not count (e.g.
successful log-ins).
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, RequestDataTooBig, TooManyFieldsSent
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
#: Never shown back on the 429 page: names containing these ...
SECRET_FIELD_PARTS = ("password", "passwd", "wachtwoord", "csrf", "token", "secret")
#: ... or having one of these as a word (so "postcode" is given back, "login_code" is not).
SECRET_FIELD_WORDS = frozenset({"code", "key", "otp", "pin", "totp"})
ATTRIBUTE = "samenspraak_rate_limit"


@dataclass(frozen=True)
class Rate:
    count: int
    period: int  # seconds

    @classmethod
    def parse(cls, value: str) -> Rate | None:
        """``"30/m"``, ``"5/10m"``, ``"100/h"``; ``""`` or ``None`` means no limit."""
        if not value:
            return None
        match = _RATE_RE.match(str(value))
        if not match:
            raise ImproperlyConfigured(f"Invalid rate limit {value!r}; expected e.g. '30/m'")
        count, multiplier, unit = match.groups()
        return cls(int(count), int(multiplier or 1) * _PERIODS[unit])


@lru_cache(maxsize=32)
def _parse_cached(value: str) -> Rate | None:
    return Rate.parse(value)


def rate_limit(rate: str | None):
    """Give a view (function or class-based) its own, usually stricter, limit.

    ``@rate_limit("5/m")`` on a function view or a ``View`` subclass; ``rate_limit(None)``
    exempts a view (only for endpoints with their own limit). The middleware applies it.
    """
    parsed = Rate.parse(rate) if rate else None

    def decorator(view):
        setattr(view, ATTRIBUTE, parsed if rate else False)
        return view

    return decorator


def trusted_proxy_networks(value=None) -> tuple:
    """``SAMENSPRAAK_TRUSTED_PROXIES`` (IP addresses or CIDR networks) as ip_network objects."""
    if value is None:
        value = getattr(settings, "SAMENSPRAAK_TRUSTED_PROXIES", ())
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    return _networks(tuple(str(part).strip() for part in value))


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    try:
        return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"SAMENSPRAAK_TRUSTED_PROXIES: {error}; expected IP addresses or networks "
            "such as 10.0.0.0/8, separated by commas"
        ) from None


def _parse_ip(value: str):
    """An address as written in REMOTE_ADDR or X-Forwarded-For (a port is dropped), or None."""
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def client_ip(request) -> str:
    """The client's address: the one place every limiter, the lock-out and the audit log ask.

    Without trusted proxies (``SAMENSPRAAK_TRUSTED_PROXIES`` empty) this is REMOTE_ADDR and
    X-Forwarded-For is ignored: anyone can write that header. When REMOTE_ADDR is a trusted
    proxy, X-Forwarded-For is walked from the right, skipping trusted proxies; the first
    address that is not one is the client (entries further left were written by the client
    and cannot be believed). If every hop is trusted, the left-most one is used.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = trusted_proxy_networks()
    current = _parse_ip(remote)
    if not proxies or current is None or not any(current in net for net in proxies):
        return str(current) if current is not None else (remote or "unknown")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _parse_ip(hop)
        if address is None:
            break  # garbage from a proxy's peer: stop at the last address we can trust
        current = address
        if not any(address in net for net in proxies):
            break
    return str(current)


def client_key(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    return f"ip{client_ip(request)}"


def _normalised_path(path: str) -> str:
    # /en/x and /x are the same form: one counter, so a language prefix is no way around it.
    codes = {code for code, _name in settings.LANGUAGES}
    parts = path.split("/", 2)
    if len(parts) > 2 and parts[1] in codes:
        return "/" + parts[2]
    return path


def clock() -> float:
    """Seconds since the epoch for the fixed windows. The tests pin it (conftest.py) to the
    middle of a window, so two requests of one test never fall into different windows."""
    return time.time()


def hit(key_parts: str, rate: Rate, now: float | None = None) -> tuple[int, int]:
    """Count one request; return (count in this window, seconds until the window ends)."""
    now = clock() if now is None else now
    window = int(now // rate.period)
    retry_after = max(1, int(rate.period - (now % rate.period)) or 1)
    digest = hashlib.sha256(key_parts.encode()).hexdigest()[:32]
    key = f"rl:{rate.period}:{window}:{digest}"
    cache.add(key, 0, timeout=rate.period + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=rate.period + 5)
        count = 1
    return count, retry_after


class RateLimitMiddleware:
    """Place after AuthenticationMiddleware, so logged-in people are counted per account."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    @property
    def default_rate(self) -> Rate | None:
        return _parse_cached(getattr(settings, "SAMENSPRAAK_RATE_LIMIT", ""))

    def rate_for(self, view_func) -> Rate | None:
        for candidate in (view_func, getattr(view_func, "view_class", None)):
            value = getattr(candidate, ATTRIBUTE, None)
            if value is False:
                return None
            if value is not None:
                return value
        return self.default_rate

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in UNSAFE_METHODS:
            return None
        rate = self.rate_for(view_func)
        if rate is None:
            return None
        key = f"{client_key(request)}|{_normalised_path(request.path_info)}"
        count, retry_after = hit(key, rate)
        if count <= rate.count:
            return None
        return too_many_requests(request, retry_after)


def wait_text(seconds: int) -> str:
    if seconds < 90:
        return ngettext(
            "Probeer het over %(count)s seconde opnieuw.",
            "Probeer het over %(count)s seconden opnieuw.",
            seconds,
        ) % {"count": seconds}
    minutes = (seconds + 59) // 60
    return ngettext(
        "Probeer het over %(count)s minuut opnieuw.",
        "Probeer het over %(count)s minuten opnieuw.",
        minutes,
    ) % {"count": minutes}


def _is_secret(name: str) -> bool:
    lowered = name.lower()
    if any(part in lowered for part in SECRET_FIELD_PARTS):
        return True
    return any(word in SECRET_FIELD_WORDS for word in re.split(r"[^a-z0-9]+", lowered))


def submitted_fields(request) -> list[dict]:
    """What the person typed, minus secrets, as rows the 429 page renders back."""
    try:
        data = request.POST
    except (RequestDataTooBig, TooManyFieldsSent):
        return []
    rows = []
    for name in data:
        if _is_secret(name):
            continue
        for value in data.getlist(name):
            rows.append(
                {
                    "name": name,
                    "label": name.replace("_", " ").replace("-", " ").strip().capitalize(),
                    "value": value,
                    "long": len(value) > 80 or "\n" in value,
                }
            )
    return rows


def too_many_requests(request, retry_after: int):
    accept = request.headers.get("Accept", "")
    if "application/json" in accept and "text/html" not in accept:
        response = JsonResponse(
            {"status": 429, "title": _("Te veel verzoeken"), "detail": wait_text(retry_after)},
            status=429,
        )
    else:
        response = TemplateResponse(
            request,
            "core/rate_limited.html",
            {
                "retry_after": retry_after,
                "wait_text": wait_text(retry_after),
                "fields": submitted_fields(request),
                "action": request.get_full_path(),
            },
            status=429,
        )
        response.render()
    response["Retry-After"] = str(retry_after)
    return response
