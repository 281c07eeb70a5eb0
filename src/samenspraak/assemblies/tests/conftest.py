import pytest

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.assemblies.factories import AssemblyFactory


@pytest.fixture
def assembly(db):
    return AssemblyFactory()


@pytest.fixture
def resident(db):
    return UserFactory()


@pytest.fixture
def manager(db):
    return StaffUserFactory(role=Role.PROCESS_MANAGER)
