import pytest

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.conversations.factories import ConversationFactory, StatementFactory


@pytest.fixture
def conversation(db):
    return ConversationFactory()


@pytest.fixture
def statements(conversation):
    return [StatementFactory(conversation=conversation) for _ in range(3)]


@pytest.fixture
def resident(db):
    return UserFactory()


@pytest.fixture
def manager(db):
    return StaffUserFactory(role=Role.PROCESS_MANAGER)
