import pytest

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.organisations.factories import current_or_new_municipality


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def municipality(db):
    return current_or_new_municipality()


@pytest.fixture
def manager(db):
    return StaffUserFactory(role=Role.PROCESS_MANAGER)


@pytest.fixture
def resident(db):
    return UserFactory()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Photos of updates go to a temporary folder, not the checkout's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
