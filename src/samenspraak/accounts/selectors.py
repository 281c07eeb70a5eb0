"""Reads about people. Views and other apps ask here instead of querying the tables."""

import datetime
import hashlib
import hmac
import ipaddress
import math

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from samenspraak.accounts.models import (
    LoginFailure,
    NotificationConsent,
    User,
    VerifiedAttribute,
)


def user_by_email(email: str | None) -> User | None:
    if not email:
        return None
    return User.objects.filter(email__iexact=email.strip()).first()


def user_attributes(user: User) -> QuerySet[VerifiedAttribute]:
    """All of a person's verified attributes, with their area, newest first per kind."""
    return VerifiedAttribute.objects.filter(user=user).select_related("area")


def user_valid_attributes(user: User, *, at: datetime.datetime | None = None):
    """The attributes that still hold at `at` (default: now)."""
    moment = at or timezone.now()
    return [a for a in user_attributes(user) if a.is_valid_at(moment)]


def user_has_attribute(user: User, kind: str, *, area=None, at=None) -> bool:
    """Does the person hold a valid claim of this kind (in this area, when given)?"""
    for attribute in user_valid_attributes(user, at=at):
        if attribute.kind == kind and (area is None or attribute.area_id == area.pk):
            return True
    return False


def user_consent_kinds(user: User) -> set[str]:
    return set(NotificationConsent.objects.filter(user=user).values_list("kind", flat=True))


def users_consenting_to(kind: str) -> QuerySet[User]:
    """Active people who opted in to e-mail of this NotificationKind."""
    return User.objects.filter(is_active=True, consents__kind=kind)


def user_has_totp(user: User) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


#: In the session: the id of the person who passed the second factor in *this* session.
SECOND_FACTOR_SESSION_KEY = "samenspraak.accounts.second_factor"


def session_passed_second_factor(request, user: User) -> bool:
    """Did this person pass the second factor (or set it up) in this very session?"""
    session = getattr(request, "session", None)
    return session is not None and session.get(SECOND_FACTOR_SESSION_KEY) == str(user.pk)


def session_passed_password(request, user: User) -> bool:
    """Did this person log in with their password in this session (allauth's records)?"""
    from allauth.account.authentication import get_authentication_records

    return any(
        record.get("method") == "password" for record in get_authentication_records(request, user)
    )


def login_key(email: str | None) -> str:
    """A keyed hash of a typed e-mail address. Failures are counted per address, known or not
    (so the answer never reveals an account), without storing addresses of strangers."""
    normalised = (email or "").strip().lower().encode()
    return hmac.new(
        settings.SECRET_KEY.encode(), b"login:" + normalised, hashlib.sha256
    ).hexdigest()


def login_source(ip_address: str | None) -> str | None:
    """The source a failure is counted for: a valid IP address, or None."""
    try:
        return str(ipaddress.ip_address((ip_address or "").strip()))
    except ValueError:
        return None


def lockout_delay(failures: int) -> datetime.timedelta | None:
    """How long to wait after this many recent failures from one source: nothing for the first
    SAMENSPRAAK_LOCKOUT_ATTEMPTS - 1, then SAMENSPRAAK_LOCKOUT_SECONDS, doubling with every
    further failure up to SAMENSPRAAK_LOCKOUT_MAX_SECONDS."""
    attempts = settings.SAMENSPRAAK_LOCKOUT_ATTEMPTS
    if failures < attempts:
        return None
    cap = settings.SAMENSPRAAK_LOCKOUT_MAX_SECONDS
    doublings = min(failures - attempts, _doublings_to_cap())
    return datetime.timedelta(seconds=min(settings.SAMENSPRAAK_LOCKOUT_SECONDS * 2**doublings, cap))


def _doublings_to_cap() -> int:
    base, cap = settings.SAMENSPRAAK_LOCKOUT_SECONDS, settings.SAMENSPRAAK_LOCKOUT_MAX_SECONDS
    return max(0, math.ceil(math.log2(max(cap, base) / max(base, 1))))


#: Failures are remembered this long (or twice the longest wait, if that is longer), so
#: waiting out one delay does not reset the count.
LOCKOUT_MEMORY = datetime.timedelta(days=7)


def lockout_memory() -> datetime.timedelta:
    """Failures older than this are forgotten (and deleted)."""
    longest = datetime.timedelta(seconds=settings.SAMENSPRAAK_LOCKOUT_MAX_SECONDS)
    return max(LOCKOUT_MEMORY, 2 * longest)


def lockout_until(*, email: str | None, ip_address: str | None, now=None):
    """Until when log-ins for this address from this source wait, or None when they need not.

    Only failures from the same source count: the owner logging in from elsewhere never waits
    for a stranger's guesses. Limits per source across addresses are the rate limits' job.
    """
    now = now or timezone.now()
    limit = settings.SAMENSPRAAK_LOCKOUT_ATTEMPTS + _doublings_to_cap() + 1
    recent = list(
        LoginFailure.objects.filter(
            login_key=login_key(email),
            ip_address=login_source(ip_address),
            at__gt=now - lockout_memory(),
        )
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    delay = lockout_delay(len(recent))
    if delay is None:
        return None
    until = recent[0] + delay
    return until if until > now else None


def account_export(user: User) -> dict:
    """What accounts knows about a person, for the data download. Never an MFA secret."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.contrib.admin.models import LogEntry

    from samenspraak.core.models import AuditLogEntry

    return {
        "profile": {
            "id": user.pk,
            "email": user.email,
            "display_name": user.display_name,
            "role": user.role,
            "role_label": str(user.get_role_display()),
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "has_password": user.has_usable_password(),
        },
        "email_addresses": [
            {"email": e.email, "primary": e.primary, "verified": e.verified}
            for e in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "verified_attributes": [
            {
                "kind": a.kind,
                "kind_label": str(a.get_kind_display()),
                "area": a.area.name if a.area else None,
                "source": a.source,
                "verified_at": a.verified_at.isoformat(),
                "expires_at": a.expires_at.isoformat() if a.expires_at else None,
            }
            for a in user_attributes(user)
        ],
        "notification_consents": [
            {"kind": c.kind, "given_at": c.given_at.isoformat()}
            for c in NotificationConsent.objects.filter(user=user).order_by("kind")
        ],
        "second_factors": [
            {
                "type": a.type,
                "created_at": a.created_at.isoformat(),
                "last_used_at": a.last_used_at.isoformat() if a.last_used_at else None,
            }
            for a in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "audit_log_as_actor": [
            _audit_row(e) for e in AuditLogEntry.objects.filter(actor=user).order_by("at")
        ],
        # Log-in history: lock-outs and role changes recorded about the person.
        "audit_log_about_me": [_audit_row(e) for e in audit_entries_about(user).order_by("at")],
        "failed_logins": [
            {"at": f.at.isoformat(), "ip_address": f.ip_address}
            for f in LoginFailure.objects.filter(user=user).order_by("at")
        ],
        "admin_log": [
            {
                "at": e.action_time.isoformat(),
                "action": e.get_action_flag_display() if e.action_flag else "",
                "object": e.object_repr,
                "message": str(e.get_change_message()),
            }
            for e in LogEntry.objects.filter(user=user).order_by("action_time")
        ],
        # Which browsers are logged in, until when (never the session key: it is a password).
        "sessions": [{"expires_at": s.expire_date.isoformat()} for s in user_sessions(user)],
        "emails_sent": [
            {
                "subject": (t.args_kwargs.get("kwargs") or {}).get("subject", ""),
                "queued_at": t.enqueued_at.isoformat(),
                "status": t.status,
            }
            for t in user_task_results(user)
        ],
    }


def _audit_row(entry) -> dict:
    return {
        "at": entry.at.isoformat(),
        "action": entry.action,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "target": entry.target_repr,
        "changes": entry.changes,
    }


def audit_entries_about(user: User):
    """Audit log entries whose target is this person's account (lock-outs, role changes)."""
    from samenspraak.core.models import AuditLogEntry

    return AuditLogEntry.objects.filter(
        target_type=f"{User._meta.app_label}.{User._meta.model_name}", target_id=str(user.pk)
    )


def user_email_addresses(user: User) -> set[str]:
    from allauth.account.models import EmailAddress

    addresses = {user.email.lower()} if user.email else set()
    addresses |= {
        e.lower() for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    return addresses


def _holds_address(value, addresses: set[str]) -> bool:
    """Does this (JSON-like) value hold one of the addresses as a whole string, at any depth?
    Whole strings only: "jan@x.nl" must not find "marjan@x.nl"."""
    if isinstance(value, str):
        return value.strip().lower() in addresses
    if isinstance(value, dict):
        return any(_holds_address(v, addresses) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_holds_address(v, addresses) for v in value)
    return False


def user_sessions(user: User) -> list:
    """Unexpired database sessions logged in as the person, or holding one of their addresses
    (allauth keeps the address typed for a log-in code in the session). Reads every unexpired
    session: fine for the rare export or erasure, not for a page."""
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.models import Session

    addresses = user_email_addresses(user)
    found = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = session.get_decoded()
        if str(data.get(SESSION_KEY)) == str(user.pk) or _holds_address(data, addresses):
            found.append(session)
    return found


def user_task_results(user: User) -> list:
    """Background tasks (e-mail) whose arguments hold one of the person's addresses."""
    from functools import reduce
    from operator import or_

    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult

    addresses = user_email_addresses(user)
    if not addresses:
        return []
    # The database narrows it down as text; the exact test is on the whole values.
    candidates = DBTaskResult.objects.filter(
        reduce(or_, (Q(args_kwargs__icontains=a) for a in sorted(addresses)))
    ).order_by("enqueued_at")
    return [task for task in candidates if _holds_address(task.args_kwargs, addresses)]
