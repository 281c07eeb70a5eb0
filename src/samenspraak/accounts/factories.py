"""Factories for people, for tests and demo data.

- `UserFactory()` makes a resident with a verified primary e-mail address (allauth `EmailAddress`)
  and no password: residents log in with a code sent by e-mail.
- `StaffUserFactory(role=Role.MODERATOR)` makes a staff member with the password
  `STAFF_PASSWORD` and an active TOTP authenticator. The TOTP secret is on `user.totp_secret`
  (not stored in clear anywhere else), so a test computes a code with `totp_code(user)`.
  `StaffUserFactory(totp=False)` makes one who still has to set up the second factor.
- `VerifiedAttributeFactory(user=u, kind=AttributeKind.RESIDENT_OF_AREA, area=a)` adds a claim.
"""

import datetime

import factory
from django.utils import timezone

from samenspraak.accounts.models import (
    AttributeKind,
    AttributeSource,
    NotificationConsent,
    NotificationKind,
    Role,
    User,
    VerifiedAttribute,
)

STAFF_PASSWORD = "Gemeentehuis-Voorbeeldstad-2026"  # noqa: S105 (test data)


def totp_code(user, *, offset_periods: int = 0) -> str:
    """The current TOTP code for a user made by StaffUserFactory (needs pyotp, a dev dependency)."""
    import pyotp

    totp = pyotp.TOTP(user.totp_secret)
    return totp.at(timezone.now() + datetime.timedelta(seconds=30 * offset_periods))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"inwoner{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Buurtgenoot {n}")
    role = Role.RESIDENT

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        password = kwargs.pop("password", None)
        user = model_class(*args, **kwargs)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        return user

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        """An allauth EmailAddress, verified unless `verified_email=False` is passed."""
        if not create:
            return
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(
            user=obj,
            email=obj.email,
            primary=True,
            verified=True if extracted is None else bool(extracted),
        )


class StaffUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"medewerker{n}@voorbeeldstad.nl")
    display_name = factory.Sequence(lambda n: f"Medewerker {n}")
    role = Role.PROCESS_MANAGER
    password = STAFF_PASSWORD

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):
        """Activate TOTP with a fresh secret unless `totp=False`; the secret is on `totp_secret`."""
        if not create or extracted is False:
            obj.totp_secret = None
            return
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        obj.totp_secret = generate_totp_secret()
        TOTP.activate(obj, obj.totp_secret)


class VerifiedAttributeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VerifiedAttribute

    user = factory.SubFactory(UserFactory)
    kind = AttributeKind.RESIDENT_OF_MUNICIPALITY
    area = None
    source = AttributeSource.DEMO
    verified_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.verified_at + datetime.timedelta(days=365))


class NotificationConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationConsent

    user = factory.SubFactory(UserFactory)
    kind = NotificationKind.ANSWERS
