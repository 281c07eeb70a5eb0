"""Start-up checks for core settings."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.security)
def check_trusted_proxies(app_configs=None, **kwargs):
    """A typo in SAMENSPRAAK_TRUSTED_PROXIES would otherwise surface at the first request."""
    from samenspraak.core.ratelimit import trusted_proxy_networks

    try:
        trusted_proxy_networks()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="core.E001")]
    return []
