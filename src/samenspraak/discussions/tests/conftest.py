import pytest

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.discussions.factories import SpaceFactory, ThreadFactory
from samenspraak.organisations.factories import MunicipalityFactory


@pytest.fixture
def municipality(db):
    return MunicipalityFactory()


@pytest.fixture
def space(municipality):
    return SpaceFactory(municipality=municipality)


@pytest.fixture
def thread(space):
    return ThreadFactory(space=space)


@pytest.fixture
def resident(db):
    return UserFactory()


@pytest.fixture
def moderator(db):
    return StaffUserFactory(role=Role.MODERATOR)


@pytest.fixture
def manager(db):
    return StaffUserFactory(role=Role.PROCESS_MANAGER)
