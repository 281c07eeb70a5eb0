import pyotp
import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from samenspraak.accounts.factories import (
    STAFF_PASSWORD,
    StaffUserFactory,
    UserFactory,
    VerifiedAttributeFactory,
    totp_code,
)

pytestmark = pytest.mark.django_db


def test_resident_factory_has_verified_email_and_no_password():
    """A resident logs in by code: no usable password, a verified primary address."""
    user = UserFactory()
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    assert not user.is_staff_role


def test_staff_factory_has_password_and_working_totp():
    """Staff get the known password and a TOTP authenticator whose code pyotp can compute."""
    user = StaffUserFactory()
    assert user.check_password(STAFF_PASSWORD)
    assert user.is_staff_role
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert totp_code(user) == pyotp.TOTP(user.totp_secret).now()


def test_staff_factory_without_totp():
    user = StaffUserFactory(totp=False)
    assert not Authenticator.objects.filter(user=user).exists()


def test_verified_attribute_expires_after_a_year():
    attribute = VerifiedAttributeFactory()
    assert (attribute.expires_at - attribute.verified_at).days == 365
