"""A refused page (403) is one line in the log, without a traceback; a 500 keeps its own."""

import logging
import sys

import pytest

from samenspraak.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_403_is_logged_as_one_line_without_traceback(client, caplog):
    client.force_login(UserFactory())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/beheer/django/login/")  # PermissionDenied: no admin access
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    record = records[0]
    assert record.levelno == logging.WARNING
    assert record.getMessage() == "Forbidden (Permission denied): /beheer/django/login/"
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


def test_the_filter_leaves_server_errors_their_traceback():
    from samenspraak.core.logging import ClientErrorsWithoutTraceback

    try:
        raise RuntimeError("stuk")
    except RuntimeError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x", (), exc_info)
    record.status_code = 500
    assert ClientErrorsWithoutTraceback().filter(record)
    assert record.exc_info is exc_info
    record.status_code = 403
    ClientErrorsWithoutTraceback().filter(record)
    assert record.exc_info is None
