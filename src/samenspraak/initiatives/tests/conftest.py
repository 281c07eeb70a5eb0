import pytest

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.initiatives.factories import ByLawFactory, eligible_resident


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def bylaw(db):
    return ByLawFactory(signatures_needed=3, collect_days=30)


@pytest.fixture
def resident(db):
    return eligible_resident()


@pytest.fixture
def clerk(db):
    return StaffUserFactory(role=Role.CLERK)


@pytest.fixture
def council_member(db):
    return StaffUserFactory(role=Role.COUNCIL_MEMBER)


@pytest.fixture
def manager(db):
    return StaffUserFactory(role=Role.PROCESS_MANAGER)
