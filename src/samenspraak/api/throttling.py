"""Rate limits on the API: per integration for token requests, per address for anonymous ones.

Counted with the same fixed-window counter as every other limit (``core.ratelimit.hit``);
``SAMENSPRAAK_API_RATE_LIMIT`` (e.g. ``"120/m"``; empty switches it off) sets the rate.
The generic per-page limit of the rate-limit middleware does not apply to the API (see urls).
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from samenspraak.core.ratelimit import Rate, client_ip, hit


def api_rate() -> Rate | None:
    return Rate.parse(getattr(settings, "SAMENSPRAAK_API_RATE_LIMIT", ""))


class IntegrationRateThrottle(BaseThrottle):
    def allow_request(self, request, view) -> bool:
        rate = api_rate()
        if rate is None:
            return True
        integration = request.auth
        key = f"api|i{integration.pk}" if integration is not None else f"api|ip{client_ip(request)}"
        count, self.retry_after = hit(key, rate)
        return count <= rate.count

    def wait(self):
        return getattr(self, "retry_after", None)
