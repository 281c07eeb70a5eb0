"""Writes about people. Views, forms, the allauth adapter and commands all come through here.

Verified attributes are written by `attribute_record`, whatever checked them: the demo page now,
OpenID Connect, Yivi or DigiD later only bring another `AttributeSource`.
"""

import datetime
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from samenspraak.accounts import privacy, selectors
from samenspraak.accounts.display_names import validate_resident_display_name
from samenspraak.accounts.models import (
    AttributeKind,
    AttributeSource,
    LoginFailure,
    NotificationConsent,
    NotificationKind,
    User,
    VerifiedAttribute,
)

#: How long a verified attribute holds unless the source says otherwise.
DEFAULT_ATTRIBUTE_VALIDITY = datetime.timedelta(days=365)

ANONYMISED_DISPLAY_NAME = "Oud-deelnemer"

#: Audit log action written when log-ins to a staff account from one source must wait.
LOCKED_OUT_ACTION = "accounts.locked_out"


def _audit(*, action: str, target: User, changes=None):
    # Through core.audit, the one writer of the log; the actor is whoever is logged in (or
    # nobody, for a failed log-in). The target is named by id and display name, never e-mail.
    from samenspraak.core import audit

    return audit.record(None, action, target=target, changes=changes or {})


def profile_update(*, user: User, display_name: str) -> User:
    """Change the public name; a resident's may not pass for the municipality or an official
    (raises ValidationError, accounts.display_names)."""
    display_name = display_name.strip()
    if not user.is_staff_role:
        try:
            validate_resident_display_name(display_name)
        except ValidationError as error:
            raise ValidationError({"display_name": error.error_list}) from None
    user.display_name = display_name
    user.full_clean(exclude=["password"])
    user.save(update_fields=["display_name"])
    return user


def language_remember(*, user: User, language: str | None) -> User:
    """Mail goes out in the language the person uses the site in: remembered at sign-up and
    whenever they save their profile or e-mail choices. Unknown codes are ignored."""
    code = (language or "").split("-")[0]
    if code in dict(settings.LANGUAGES) and user.language != code:
        user.language = code
        if user.pk:
            user.save(update_fields=["language"])
    return user


@transaction.atomic
def consents_set(*, user: User, kinds: Iterable[str]) -> set[str]:
    """Make the person's e-mail consents exactly `kinds`; keeps the date of consents kept."""
    wanted = set(kinds)
    unknown = wanted - set(NotificationKind.values)
    if unknown:
        raise ValueError(f"Unknown notification kinds: {sorted(unknown)}")
    NotificationConsent.objects.filter(user=user).exclude(kind__in=wanted).delete()
    existing = selectors.user_consent_kinds(user)
    NotificationConsent.objects.bulk_create(
        [NotificationConsent(user=user, kind=kind) for kind in sorted(wanted - existing)]
    )
    return wanted


@transaction.atomic
def attribute_record(
    *,
    user: User,
    kind: str,
    source: str,
    area=None,
    verified_at: datetime.datetime | None = None,
    expires_at: datetime.datetime | None = None,
) -> VerifiedAttribute:
    """Store one verified claim; replaces an earlier claim of that kind from that source."""
    verified_at = verified_at or timezone.now()
    if expires_at is None:
        expires_at = verified_at + DEFAULT_ATTRIBUTE_VALIDITY
    VerifiedAttribute.objects.filter(user=user, kind=kind, source=source).delete()
    attribute = VerifiedAttribute(
        user=user,
        kind=kind,
        source=source,
        area=area,
        verified_at=verified_at,
        expires_at=expires_at,
    )
    attribute.full_clean()
    attribute.save()
    return attribute


class AgeClaim:
    UNDER_16 = "under_16"
    AGE_16_PLUS = "16_plus"
    AGE_18_PLUS = "18_plus"


@transaction.atomic
def demo_verify(*, user: User, area, age_claim: str) -> list[VerifiedAttribute]:
    """The demo 'check': believes what the person says. Only offered when SAMENSPRAAK_DEMO."""
    if not settings.SAMENSPRAAK_DEMO:
        raise PermissionError("Demo verification is switched off")
    source = AttributeSource.DEMO
    # A new demo check replaces the whole previous one (the age may have gone down, too).
    VerifiedAttribute.objects.filter(user=user, source=source).delete()
    attributes = [
        attribute_record(user=user, kind=AttributeKind.RESIDENT_OF_MUNICIPALITY, source=source),
        attribute_record(user=user, kind=AttributeKind.RESIDENT_OF_AREA, source=source, area=area),
    ]
    if age_claim in (AgeClaim.AGE_16_PLUS, AgeClaim.AGE_18_PLUS):
        attributes.append(
            attribute_record(user=user, kind=AttributeKind.AGE_16_PLUS, source=source)
        )
    if age_claim == AgeClaim.AGE_18_PLUS:
        attributes.append(
            attribute_record(user=user, kind=AttributeKind.AGE_18_PLUS, source=source)
        )
    return attributes


def login_failure_record(
    *, email: str | None, ip_address: str | None, user: User | None = None
) -> datetime.datetime | None:
    """Count a failed log-in (password or second factor) for this address from this source.

    Returns until when this source must wait, or None. Attempts while waiting are not counted
    (they are refused before the password is checked). Any address counts, known or not.
    """
    source = selectors.login_source(ip_address)
    until = selectors.lockout_until(email=email, ip_address=source)
    if until:
        return until
    now = timezone.now()
    LoginFailure.objects.filter(at__lte=now - selectors.lockout_memory()).delete()
    if user is None:
        user = selectors.user_by_email(email)
    LoginFailure.objects.create(
        user=user, login_key=selectors.login_key(email), ip_address=source, at=now
    )
    until = selectors.lockout_until(email=email, ip_address=source, now=now)
    if until and user is not None and user.is_staff_role:
        _audit(
            action=LOCKED_OUT_ACTION,
            target=user,
            changes={"source": source, "locked_until": until.isoformat()},
        )
    return until


def second_factor_passed(*, request, user: User) -> None:
    """Mark this session as having passed the second factor (allauth's authenticator_used
    signal, and the set-up of the first authenticator, whose code proves the same)."""
    request.session[selectors.SECOND_FACTOR_SESSION_KEY] = str(user.pk)


#: login_failures_clear(ip_address=EVERY_SOURCE) clears the failures from all sources.
EVERY_SOURCE = object()


def login_failures_clear(*, user: User, ip_address=EVERY_SOURCE) -> None:
    """Forget the failures for this person: from one source (after a successful log-in there)
    or from every source (an administrator lifts the delay)."""
    rows = LoginFailure.objects.filter(Q(user=user) | Q(login_key=selectors.login_key(user.email)))
    if ip_address is not EVERY_SOURCE:
        rows = rows.filter(ip_address=selectors.login_source(ip_address))
    rows.delete()


def account_records_erase(user: User) -> None:
    """The account's own records (accounts' privacy anonymiser; account_anonymise runs it).

    Deletes verified attributes, consents, failed log-ins, e-mail addresses, second factors,
    the person's sessions and their queued/sent e-mail; audit and admin log entries about the
    account keep its id but lose the name they were written with.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django_tasks_db.models import DBTaskResult

    # Read before the addresses are deleted: both are found through the person's addresses.
    sessions = selectors.user_sessions(user)
    tasks = selectors.user_task_results(user)
    # A running task is left to finish; the worker owns its row until then.
    DBTaskResult.objects.filter(pk__in=[t.pk for t in tasks]).exclude(status="RUNNING").delete()
    for session in sessions:
        session.delete()
    selectors.audit_entries_about(user).update(target_repr=ANONYMISED_DISPLAY_NAME)
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=ANONYMISED_DISPLAY_NAME)
    VerifiedAttribute.objects.filter(user=user).delete()
    NotificationConsent.objects.filter(user=user).delete()
    LoginFailure.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()


@transaction.atomic
def account_anonymise(*, user: User) -> User:
    """Erase what identifies the person; contributions stay, unlinked by the app's anonymiser.

    The caller logs the person out (the view does); other sessions stop working because the
    account becomes inactive and its password hash changes.
    """
    privacy.anonymise_user_data(user)  # every app's handler, this app's account_records_erase too
    user.email = f"verwijderd-{uuid.uuid4().hex}@anoniem.invalid"
    user.display_name = ANONYMISED_DISPLAY_NAME
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.language = settings.LANGUAGE_CODE
    user.anonymised_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    return user
