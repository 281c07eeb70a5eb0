"""allauth inside Samenspraak: mail through the task queue, our layout on every page."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from samenspraak.accounts.factories import STAFF_PASSWORD, StaffUserFactory, UserFactory

from .conftest import code_from_mail, log_in_staff, request_login_code

pytestmark = pytest.mark.django_db


def test_login_code_mail_is_queued_not_sent_in_the_request(settings):
    """With the database queue, the request only enqueues; the worker sends it later."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    user = UserFactory()
    response = request_login_code(Client(), user.email)
    assert response.status_code == 302
    assert mail.outbox == []
    task = DBTaskResult.objects.get()
    assert task.task_path == "samenspraak.core.mail.deliver_email"
    assert task.args_kwargs["kwargs"]["to"] == [user.email]


def _assert_clean_page(response, name):
    assert response.status_code == 200, name
    body = response.content.decode()
    assert "utrecht-" in body, name
    assert "<script" not in body, name
    assert not re.search(r"\sstyle=", body), name
    assert "<style" not in body, name
    # Every visible input has a label pointing at it.
    for input_id in re.findall(r'<input(?![^>]*type="hidden")[^>]*\sid="([^"]+)"', body):
        assert f'for="{input_id}"' in body, (name, input_id)


def test_entrance_pages_use_our_layout_and_accessible_fields(client):
    for name in ("account_login", "account_signup", "account_request_login_code"):
        _assert_clean_page(client.get(reverse(name)), name)


def test_code_and_second_factor_pages_use_our_layout(client):
    user = UserFactory()
    request_login_code(client, user.email)
    _assert_clean_page(client.get(reverse("account_confirm_login_code")), "confirm code")

    staff = StaffUserFactory()
    other = Client()
    other.post(reverse("account_login"), {"login": staff.email, "password": STAFF_PASSWORD})
    _assert_clean_page(other.get(reverse("mfa_authenticate")), "mfa authenticate")


def test_manage_pages_use_our_layout(client):
    staff = StaffUserFactory()
    log_in_staff(client, staff)
    for name in (
        "mfa_index",
        "account_logout",
        "account_email",
        "account_change_password",
        "account_reset_password",
        "accounts:overview",
        "accounts:data",
    ):
        _assert_clean_page(client.get(reverse(name)), name)


def test_signup_with_existing_address_reveals_nothing(client):
    """Same next page as a new address; the owner gets a mail instead of a code."""
    user = UserFactory()
    response = client.post(
        reverse("account_signup"), {"email": user.email, "display_name": "Iemand anders"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]


def test_wrong_signup_verification_code_is_explained(client):
    client.post(reverse("account_signup"), {"email": "nieuw@example.org", "display_name": "N"})
    assert code_from_mail()
    response = client.post(reverse("account_email_verification_sent"), {"code": "WRONG0"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Deze code klopt niet" in body
    assert 'aria-invalid="true"' in body
