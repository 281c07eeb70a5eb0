"""``/api/v1/``: each app's API routes, mounted from its own ``<app>/api/urls.py``.

Each app declares its module in its component manifest (``api_urls``); ``api_url_modules()``
reads them, so a new component adds its routes without an edit here. Every mounted view is
exempt from the generic per-page rate limit: the API counts per integration itself
(``throttling.py``).
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path, re_path

from samenspraak.api import views
from samenspraak.core import components
from samenspraak.core.ratelimit import rate_limit


def api_url_modules() -> list[str]:
    """Dotted paths of the installed apps' API url modules, from their manifests."""
    return components.api_url_modules()


def _exempt_from_page_limit(patterns) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _exempt_from_page_limit(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            rate_limit(None)(pattern.callback)


def v1_patterns() -> list:
    patterns = [path("", include(module)) for module in api_url_modules()]
    patterns.append(path("openapi.json", views.OpenApiView.as_view(), name="openapi"))
    # Anything else under /api/v1/ is a problem+json 404, not the site's HTML page.
    patterns.append(re_path(r"^(?P<rest>[\s\S]*)$", views.not_found))
    _exempt_from_page_limit(patterns)
    return patterns


app_name = "api"
urlpatterns = [
    path("v1/", include((v1_patterns(), "v1"))),
    re_path(r"^(?P<rest>[\s\S]*)$", views.not_found),
]
