import pytest

from samenspraak.webhooks.tests import receiver as receiver_module


@pytest.fixture
def receiver():
    receiver, server = receiver_module.start()
    yield receiver
    server.shutdown()
    server.server_close()
