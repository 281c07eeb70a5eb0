"""The Django admin in a real browser: its log-in is ours, password and authenticator code."""

import pytest
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import STAFF_PASSWORD, StaffUserFactory, totp_code
from samenspraak.accounts.models import Role
from samenspraak.organisations.factories import MunicipalityFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def administrator(transactional_db):
    MunicipalityFactory()
    return StaffUserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


def _fill_password(page: Page, user, password) -> None:
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord", exact=False).fill(password)
    page.get_by_role("button", name="Verder").click()


def test_the_admin_asks_for_password_and_code_then_opens(page: Page, live_server, administrator):
    page.goto("/beheer/django/")
    # Not Django's own password-only form: our log-in, which comes back to the admin.
    expect(page).to_have_url(f"{live_server.url}/account/login/?next=%2Fbeheer%2Fdjango%2F")
    _fill_password(page, administrator, STAFF_PASSWORD)

    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede factor")
    page.goto("/beheer/django/")  # the password alone opens nothing: the code is still asked
    expect(page).to_have_url(f"{live_server.url}/account/2fa/authenticate/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede factor")

    page.get_by_role("textbox", name="Code").fill(totp_code(administrator))
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(f"{live_server.url}/beheer/django/")
    expect(page.locator("#site-name")).to_be_visible()
