"""What every API response gets: ``API-Version``, CORS for allowed origins, ETags.

Only requests under ``/api/`` are touched. CORS: an ``Origin`` in
``SAMENSPRAAK_API_CORS_ORIGINS`` (exact scheme://host[:port], never ``*``) gets
``Access-Control-Allow-Origin`` with that origin; a preflight (``OPTIONS`` with
``Access-Control-Request-Method``) is answered here with 204. No credentials are allowed:
the API uses tokens, not cookies. GET responses get an ETag; a matching ``If-None-Match``
gives 304 Not Modified (Django's conditional-response helpers). Messages follow
``Accept-Language``.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.translation import gettext as _

from samenspraak.api.problems import problem_response
from samenspraak.api.version import API_VERSION

PREFIX = "/api/"
ALLOW_METHODS = "GET, HEAD, POST, OPTIONS"
ALLOW_HEADERS = "Authorization, Content-Type, If-None-Match, Accept, Accept-Language"
EXPOSE_HEADERS = "API-Version, ETag, Retry-After, Link"
logger = logging.getLogger("samenspraak.api")


def allowed_origins() -> frozenset[str]:
    value = getattr(settings, "SAMENSPRAAK_API_CORS_ORIGINS", ())
    if isinstance(value, str):
        value = value.split(",")
    return frozenset(origin.strip().rstrip("/") for origin in value if origin.strip())


class ApiMiddleware:
    """Place right after SecurityMiddleware, so preflights end here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        origin = request.headers.get("Origin", "")
        allowed = bool(origin) and origin in allowed_origins()
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = HttpResponse(status=204)
            if allowed:
                response["Access-Control-Allow-Methods"] = ALLOW_METHODS
                response["Access-Control-Allow-Headers"] = ALLOW_HEADERS
                response["Access-Control-Max-Age"] = "3600"
        else:
            response = self.get_response(request)
            if (
                request.method in ("GET", "HEAD")
                and response.status_code == 200
                and not response.streaming
            ):
                if not response.has_header("ETag"):
                    set_response_etag(response)
                response = get_conditional_response(
                    request, etag=response["ETag"], response=response
                )
        response["API-Version"] = API_VERSION
        patch_vary_headers(response, ["Origin", "Accept-Language"])
        if allowed:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """The site takes its language from the path (/en/...); the API, which has no language
        in its path, from Accept-Language (Dutch by default)."""
        if request.path_info.startswith(PREFIX):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_exception(self, request, exception):
        if not request.path_info.startswith(PREFIX) or isinstance(exception, Http404):
            return None
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exception)
        return problem_response(request, 500, _("Er ging iets mis aan onze kant."))
