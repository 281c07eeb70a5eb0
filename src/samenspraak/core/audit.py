"""The audit log: what staff did, append-only.

``record(actor, action, target=None, changes=None, request=None)`` is the one way to write an
entry. Hooks in ``core.signals`` record Django admin actions, role changes and staff log-in and
log-out without any app having to call it. ``AuditRequestMiddleware`` remembers the current
request, so entries written from signals still know who did it and from which address.
"""

from __future__ import annotations

import contextvars
import ipaddress
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from samenspraak.core.models import AuditLogEntry
from samenspraak.core.ratelimit import client_ip


class Action:
    """Stable action names (stored in the database); core's manifest labels them."""

    ADMIN_ADDITION = "admin.addition"
    ADMIN_CHANGE = "admin.change"
    ADMIN_DELETION = "admin.deletion"
    ADMIN_OTHER = "admin.other"
    ROLE_CHANGED = "user.role_changed"
    STAFF_LOGGED_IN = "staff.logged_in"
    STAFF_LOGGED_OUT = "staff.logged_out"
    STAFF_LOGIN_FAILED = "staff.login_failed"


_current_request: contextvars.ContextVar = contextvars.ContextVar("audit_request", default=None)


def current_request():
    return _current_request.get()


def _ip_address(request) -> str | None:
    """The client's address if it is a valid IP (the column is an inet on PostgreSQL)."""
    if request is None:
        return None
    try:
        return str(ipaddress.ip_address(client_ip(request)))
    except ValueError:
        return None


def _target_fields(target) -> dict:
    if target is None:
        return {}
    if isinstance(target, models.Model):
        meta = target._meta
        return {
            "target_type": f"{meta.app_label}.{meta.model_name}",
            "target_id": "" if target.pk is None else str(target.pk),
            "target_repr": str(target)[:200],
        }
    return {"target_repr": str(target)[:200]}


def record(
    actor, action: str, target=None, changes=None, request=None, *, system: bool = False
) -> AuditLogEntry:
    """Append one entry. ``actor`` may be None (the system) or an anonymous user.

    ``system=True``: the system did this, whoever's request set it off (e.g. a resident's vote
    locking the budget): no actor, no address, not even from the current request."""
    if system:
        actor, request = None, None
    else:
        request = request if request is not None else current_request()
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    # Round-trip through JSON so dates, decimals and lazy strings are stored, not crashed on.
    safe_changes = json.loads(json.dumps(changes or {}, cls=DjangoJSONEncoder))
    return AuditLogEntry.objects.create(
        actor=actor,
        action=action,
        changes=safe_changes,
        ip_address=_ip_address(request),
        **_target_fields(target),
    )


class AuditRequestMiddleware:
    """Keeps the request at hand for audit hooks and catches bulk admin log entries.

    Django's admin writes one LogEntry with ``save()`` (caught by the post_save hook) but several
    at once with ``bulk_create`` (no signal), e.g. "delete selected". After an admin POST we pick
    up this user's log entries the hook did not see.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        state = {"seen": set(), "since": None}
        request._audit_state = state
        is_admin_post = request.method == "POST" and _is_admin_path(request.path_info)
        if is_admin_post:
            from django.contrib.admin.models import LogEntry

            state["since"] = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
        try:
            response = self.get_response(request)
            if is_admin_post:
                _record_unseen_admin_entries(request, state)
            return response
        finally:
            _current_request.reset(token)


def _is_admin_path(path: str) -> bool:
    from django.urls import NoReverseMatch, reverse

    try:
        return path.startswith(reverse("admin:index"))
    except NoReverseMatch:
        return False


def _record_unseen_admin_entries(request, state) -> None:
    from django.contrib.admin.models import LogEntry

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    entries = LogEntry.objects.filter(user_id=user.pk).select_related("content_type")
    if state["since"] is not None:
        entries = entries.filter(pk__gt=state["since"])
    for entry in entries.exclude(pk__in=state["seen"]):
        record_admin_entry(entry, request=request)


ADMIN_ACTIONS = {1: Action.ADMIN_ADDITION, 2: Action.ADMIN_CHANGE, 3: Action.ADMIN_DELETION}


def record_admin_entry(entry, request=None) -> AuditLogEntry:
    request = request if request is not None else current_request()
    state = getattr(request, "_audit_state", None)
    if state is not None:
        state["seen"].add(entry.pk)
    content_type = entry.content_type
    return AuditLogEntry.objects.create(
        actor_id=entry.user_id,
        action=ADMIN_ACTIONS.get(entry.action_flag, Action.ADMIN_OTHER),
        target_type=f"{content_type.app_label}.{content_type.model}" if content_type else "",
        target_id=str(entry.object_id or "")[:64],
        target_repr=(entry.object_repr or "")[:200],
        changes={"message": str(entry.get_change_message())},
        ip_address=_ip_address(request),
    )
