"""Reads about people. Views and other apps ask here instead of querying the tables."""

import datetime

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


def lockout_until(user: User, *, now: datetime.datetime | None = None):
    """When a locked staff account opens again, or None when it is not locked."""
    now = now or timezone.now()
    window = datetime.timedelta(seconds=settings.SAMENSPRAAK_LOCKOUT_SECONDS)
    recent = list(
        LoginFailure.objects.filter(user=user, at__gt=now - window)
        .order_by("-at")
        .values_list("at", flat=True)[: settings.SAMENSPRAAK_LOCKOUT_ATTEMPTS]
    )
    if len(recent) < settings.SAMENSPRAAK_LOCKOUT_ATTEMPTS:
        return None
    # Locked from the attempt that reached the limit, for one window.
    return recent[0] + window


def account_export(user: User) -> dict:
    """What accounts knows about a person, for the data download. Never an MFA secret."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from samenspraak.core.models import AuditLogEntry

    return {
        "profile": {
            "id": user.pk,
            "email": user.email,
            "display_name": user.display_name,
            "role": user.role,
            "role_label": str(user.get_role_display()),
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
            {
                "at": e.at.isoformat(),
                "action": e.action,
                "target_type": e.target_type,
                "target_id": e.target_id,
                "target": e.target_repr,
                "changes": e.changes,
            }
            for e in AuditLogEntry.objects.filter(actor=user).order_by("at")
        ],
    }
