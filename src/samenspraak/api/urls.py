"""``/api/v1/``: each app's API routes, mounted from its own ``<app>/api/urls.py``.

``api_url_modules()`` is the one place that lists them; the component manifests will become
its source (``api_urls`` per app). Every mounted view is exempt from the generic per-page rate
limit: the API counts per integration itself (``throttling.py``).
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path, re_path

from samenspraak.api import views
from samenspraak.core.ratelimit import rate_limit


def api_url_modules() -> list[str]:
    """Dotted paths of the apps' API url modules, in mounting order."""
    return [
        "samenspraak.organisations.api.urls",
        "samenspraak.processes.api.urls",
        "samenspraak.consultation.api.urls",
        "samenspraak.information.api.urls",
        "samenspraak.budgeting.api.urls",
    ]


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
