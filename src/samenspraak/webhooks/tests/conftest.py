import pytest

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.api.tests.conftest import make_token
from samenspraak.consultation.factories import InputFactory
from samenspraak.consultation.models import COLLECT
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.webhooks.tests import receiver as receiver_module


@pytest.fixture(autouse=True)
def _receiver_on_this_machine_allowed(settings):
    """The test receiver runs on 127.0.0.1 over plain http: the allow-list lets that one
    address through (a test that shows the refusal empties it)."""
    settings.SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.SAMENSPRAAK_WEBHOOKS_ALLOW_HTTP = True


@pytest.fixture
def receiver():
    receiver, server = receiver_module.start()
    yield receiver
    server.shutdown()
    server.server_close()


@pytest.fixture
def manager():
    return StaffUserFactory(
        role=Role.PROCESS_MANAGER, display_name="Medewerker Jansen", email="jansen@gemeente.nl"
    )


@pytest.fixture
def item():
    author = UserFactory(display_name="Buurvrouw Bakker", email="bakker@example.org")
    phase = PhaseFactory(process=ProcessFactory(slug="plein"), kind=COLLECT)
    return InputFactory(phase=phase, author=author, title="Bankjes bij de fontein")


@pytest.fixture
def token(manager):
    return make_token(manager, "webhooks:manage")[1]
