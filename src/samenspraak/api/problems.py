"""Errors as RFC 9457 problem details (``application/problem+json``), per the NL API Design Rules.

Every error the API gives has ``type``, ``title``, ``status``, ``detail`` and ``instance``; a
400 lists every wrong field or query parameter in ``invalidParams`` (``name``, ``code``,
``reason``), so an integration can show them all at once.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from samenspraak.core.ratelimit import wait_text

CONTENT_TYPE = "application/problem+json"
logger = logging.getLogger("samenspraak.api")


def _titles() -> dict[int, str]:
    return {
        400: _("De aanvraag klopt niet"),
        401: _("Sleutel nodig"),
        403: _("Geen toegang"),
        404: _("Niet gevonden"),
        405: _("Deze methode kan hier niet"),
        406: _("Dit formaat is er niet"),
        415: _("Deze soort inhoud kan niet"),
        429: _("Te veel verzoeken"),
        500: _("Er ging iets mis"),
    }


def problem(status: int, detail: str, *, instance: str = "", invalid_params=None) -> dict:
    body = {
        "type": "about:blank",
        "title": _titles().get(status, _("Er ging iets mis")),
        "status": status,
        "detail": str(detail),
        "instance": instance,
    }
    if invalid_params is not None:
        body["invalidParams"] = invalid_params
    return body


def invalid_params(detail, name: str = "") -> list[dict]:
    """Flatten DRF's error detail (dicts, lists, nested) to ``[{name, code, reason}]``."""
    if isinstance(detail, dict):
        rows = []
        for key, value in detail.items():
            key = "" if key in ("non_field_errors", "__all__") else str(key)
            rows += invalid_params(value, f"{name}.{key}" if name and key else name or key)
        return rows
    if isinstance(detail, list):
        rows = []
        for index, value in enumerate(detail):
            child = f"{name}[{index}]" if isinstance(value, dict | list) else name
            rows += invalid_params(value, child)
        return rows
    return [{"name": name, "code": getattr(detail, "code", "invalid"), "reason": str(detail)}]


def _django_detail(error: DjangoValidationError):
    return error.message_dict if hasattr(error, "error_dict") else {"": error.messages}


def exception_handler(exc, context):
    """DRF's handler, then the body reshaped to problem+json (DRF keeps its status and headers:
    WWW-Authenticate on 401, Retry-After on 429, Allow on 405)."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=_django_detail(exc))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    params = None
    if isinstance(exc, exceptions.ValidationError):
        params = invalid_params(exc.detail)
        general = [row["reason"] for row in params if not row["name"]]
        params = [row for row in params if row["name"]]
        detail = " ".join(general) or _("Niet alle gegevens kloppen; zie invalidParams.")
    elif isinstance(exc, exceptions.Throttled):
        detail = wait_text(int(exc.wait or 1))
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail if isinstance(exc.detail, str) else exc.default_detail
    else:
        detail = _("Dit bestaat niet (meer) of is niet openbaar.")
    response.data = problem(response.status_code, detail, instance=instance, invalid_params=params)
    response.content_type = CONTENT_TYPE
    return response


def problem_response(request, status: int, detail: str) -> JsonResponse:
    """A problem+json response outside DRF (unknown API address, server error)."""
    return JsonResponse(
        problem(status, detail, instance=request.get_full_path()),
        status=status,
        content_type=CONTENT_TYPE,
    )
