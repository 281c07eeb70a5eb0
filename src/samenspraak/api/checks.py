"""Start-up checks for the API settings."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def check_cors_origins(app_configs=None, **kwargs):
    """SAMENSPRAAK_API_CORS_ORIGINS is an allow-list: exact origins, never a wildcard."""
    from samenspraak.api.middleware import allowed_origins

    errors = []
    for origin in sorted(allowed_origins()):
        scheme, _sep, rest = origin.partition("://")
        if "*" in origin or scheme not in ("http", "https") or not rest or "/" in rest:
            errors.append(
                checks.Error(
                    f"SAMENSPRAAK_API_CORS_ORIGINS: {origin!r} is not an origin; write "
                    "scheme://host[:port] per allowed site, separated by commas (no '*').",
                    id="api.E001",
                )
            )
    if getattr(settings, "SAMENSPRAAK_API_RATE_LIMIT", None) is not None:
        from django.core.exceptions import ImproperlyConfigured

        from samenspraak.api.throttling import api_rate

        try:
            api_rate()
        except ImproperlyConfigured as error:
            errors.append(checks.Error(f"SAMENSPRAAK_API_RATE_LIMIT: {error}", id="api.E002"))
    return errors
