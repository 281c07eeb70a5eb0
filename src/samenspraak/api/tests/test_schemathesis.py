"""Property-based tests of the live API (the WSGI app) from its OpenAPI document.

Every operation, the writes included with a valid token holding every scope: no server error
(5xx), and responses as documented. The document is the committed one, which
test_schema.py keeps identical to what /api/v1/openapi.json serves.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from samenspraak.api.scopes import SCOPES
from samenspraak.api.tests.conftest import make_token
from samenspraak.api.tests.test_schema import COMMITTED

schema = schemathesis.openapi.from_path(str(COMMITTED))
schema.app = get_wsgi_application()


@pytest.fixture
def live_api(world, settings):
    """The WSGI app on the test database, and a token that holds every scope."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    settings.SAMENSPRAAK_API_RATE_LIMIT = ""  # the generated flood is not what we test here
    # As Django's test client does: the WSGI handler must not close the test's connection
    # (it is inside the test transaction) at the end of each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def full_token(manager):
    return make_token(manager, *SCOPES)[1]


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_and_never_fails(case, live_api, full_token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {full_token}"},
        # A well-formed slug of a process or area that does not exist is a 400 with a clear
        # reason (invalidParams), which the schema cannot express as invalid input.
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )
