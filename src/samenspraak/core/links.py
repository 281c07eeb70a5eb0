"""Absolute links for e-mails, on the address people reach this site at.

The public address is the setting SAMENSPRAAK_SITE_URL (environment SITE_URL). When it is not
set, a link made while a request is handled (an e-mail queued by a page) uses the address
that request came in on, so a demo on another port (`make run PORT=9000`) mails working links.
Without either (the task worker, a command) it falls back to DEFAULT_SITE_URL. Production
sets SITE_URL: the deploy check warns when it does not (check core.W001).
"""

from django.conf import settings
from django.core import checks

from samenspraak.core.audit import current_request

DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def site_url() -> str:
    """The site's address without a trailing slash (see the module's docstring)."""
    if settings.SAMENSPRAAK_SITE_URL:
        return settings.SAMENSPRAAK_SITE_URL.rstrip("/")
    request = current_request()
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return DEFAULT_SITE_URL


def absolute_url(path: str) -> str:
    """`path` on the site's address (see site_url)."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{site_url()}/{path.lstrip('/')}"


@checks.register(checks.Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs):
    if settings.SAMENSPRAAK_SITE_URL:
        return []
    return [
        checks.Warning(
            "SITE_URL is not set: e-mails sent by the task worker link to "
            f"{DEFAULT_SITE_URL}, and e-mails queued by a page to the Host it was asked for.",
            hint="Set SITE_URL to the public address, e.g. https://doemee.voorbeeldstad.nl.",
            id="core.W001",
        )
    ]
