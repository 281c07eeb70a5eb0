"""Absolute links for places without a request, such as e-mails sent by the task worker."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` on the public address (setting SAMENSPRAAK_SITE_URL, environment SITE_URL)."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SAMENSPRAAK_SITE_URL}/{path.lstrip('/')}"
