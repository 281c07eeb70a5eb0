"""Account pages, their error states and the staff log-in pass axe-core in a real browser."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import STAFF_PASSWORD, StaffUserFactory, UserFactory, totp_code
from samenspraak.accounts.models import User
from samenspraak.organisations.factories import MunicipalityFactory
from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def municipality(transactional_db):
    return MunicipalityFactory()


def log_in(page: Page, live_server, user) -> None:
    """Give the browser a session for `user` without going through the e-mail code again."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_signup_with_errors_keeps_what_was_typed_and_stays_accessible(page: Page, municipality):
    page.goto("/account/signup/")
    page.get_by_label("E-mailadres").fill("geen-e-mailadres")
    page.get_by_role("button", name="Account aanmaken").click()

    expect(page.get_by_label("E-mailadres")).to_have_value("geen-e-mailadres")
    expect(page.locator(".utrecht-form-field-error-message").first).to_be_visible()
    assert_accessible(page)


def test_resident_changes_name_sees_errors_and_deletes_account(
    page: Page, live_server, municipality
):
    resident = UserFactory(email="sanne@example.org", display_name="Sanne")
    log_in(page, live_server, resident)

    page.goto("/mijn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")
    name = page.get_by_label("Publieke naam")
    name.fill("")
    page.get_by_role("button", name="Naam opslaan").click()
    described_by_error = re.compile("error")
    expect(page.get_by_label("Publieke naam")).to_have_attribute(
        "aria-describedby", described_by_error
    )
    assert_accessible(page)

    page.get_by_label("Publieke naam").fill("Sanne van de Markt")
    page.get_by_role("button", name="Naam opslaan").click()
    expect(page.get_by_label("Publieke naam")).to_have_value("Sanne van de Markt")
    assert_accessible(page)
    resident.refresh_from_db()
    assert resident.display_name == "Sanne van de Markt"

    page.get_by_role("link", name="Mijn account verwijderen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Account verwijderen")
    assert_accessible(page)
    page.get_by_role("button", name="Account definitief verwijderen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Account verwijderen")
    assert_accessible(page)  # the unticked confirmation is an error, shown accessibly

    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Account definitief verwijderen").click()
    expect(page.get_by_role("status")).to_contain_text("Uw account is verwijderd")
    expect(page.get_by_role("banner").get_by_role("link", name="Inloggen")).to_be_visible()
    assert_accessible(page)
    assert not User.objects.filter(email="sanne@example.org").exists()


def test_staff_member_logs_in_with_password_and_authenticator_code(page: Page, municipality):
    staff = StaffUserFactory()

    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill(staff.email)
    page.get_by_label("Wachtwoord", exact=False).fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Verder").click()

    code_field = page.get_by_role("textbox", name="Code")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede factor")
    assert_accessible(page)
    code_field.fill(totp_code(staff))
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("banner").get_by_role("link", name="Mijn account")).to_be_visible()
    assert_accessible(page)
