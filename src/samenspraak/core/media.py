"""Uploaded files (MEDIA_ROOT), served by Samenspraak itself when SAMENSPRAAK_SERVE_MEDIA is on.

Only what core/uploads.py stores is served: pictures (JPEG, PNG, WebP) inline, documents as a
download. Every response says `nosniff`, carries a Content-Type from the extension (never a
guess) and a Content-Security-Policy that runs nothing (`default-src 'none'; sandbox`), so even a
file that slipped past the checks cannot act as a page of this site. Anything else, and any
path outside MEDIA_ROOT, is a 404.

A proxy can serve MEDIA_ROOT at MEDIA_URL from a separate, cookieless origin instead; then set
SAMENSPRAAK_SERVE_MEDIA=0 (see docs/security.md).
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.urls import re_path
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

from samenspraak.core.uploads import SERVED_TYPES

MEDIA_CSP = "default-src 'none'; sandbox"


def media_file(relative: str) -> Path:
    """The file under MEDIA_ROOT that `relative` names, or Http404 (also for any way out)."""
    root = Path(settings.MEDIA_ROOT).resolve()
    if "\x00" in relative or "\\" in relative:
        raise Http404
    parts = [part for part in relative.split("/") if part]
    if not parts or any(part in (".", "..") or part.startswith(".") for part in parts):
        raise Http404
    try:
        path = root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError, ValueError) as error:
        raise Http404 from error
    if not path.is_relative_to(root) or not path.is_file():
        raise Http404
    return path


@require_safe
def serve_media(request, path: str):
    file = media_file(path)
    served = SERVED_TYPES.get(file.suffix.lower().lstrip("."))
    if served is None:
        raise Http404
    content_type, inline = served
    stat = file.stat()
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(
            file.open("rb"),
            content_type=content_type,
            as_attachment=not inline,
            filename=file.name,
        )
        response["Last-Modified"] = http_date(stat.st_mtime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "public, max-age=3600"
    return response


def media_urlpatterns() -> list:
    """The URL for MEDIA_URL's path, when Samenspraak serves media itself; else none."""
    if not settings.SAMENSPRAAK_SERVE_MEDIA:
        return []
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [re_path(rf"^{prefix}(?P<path>.*)$", serve_media, name="media")]


@checks.register(checks.Tags.security)
def check_media_settings(app_configs=None, **kwargs):
    """Serving media needs MEDIA_URL to be a path on this site."""
    if settings.SAMENSPRAAK_SERVE_MEDIA and not settings.MEDIA_URL.startswith("/"):
        return [
            checks.Error(
                "SAMENSPRAAK_SERVE_MEDIA is on, but MEDIA_URL is not a path on this site.",
                hint="Set MEDIA_URL=/media/, or SAMENSPRAAK_SERVE_MEDIA=0 and let the other "
                "origin serve MEDIA_ROOT.",
                id="core.E002",
            )
        ]
    return []
