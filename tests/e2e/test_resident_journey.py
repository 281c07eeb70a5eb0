"""A resident's way through the site in a real browser, checked with axe-core at every step.

E-mail goes through the task queue; the root conftest runs tasks immediately, and the live server
runs in a thread of this process, so the codes arrive in django.core.mail.outbox.
"""

import json
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import UserFactory
from samenspraak.organisations.factories import MunicipalityFactory
from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.browser

# allauth's codes stand on a line of their own: capitals and digits, maybe split by a dash
# ("K7PQ2M" to log in, "CNZZ-SVTB" to confirm an address).
CODE_LINE = re.compile(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})?)\s*$", re.MULTILINE)


def code_mailed_to(address: str) -> str:
    """The code in the last e-mail sent to `address`."""
    messages = [message for message in mail.outbox if address in message.to]
    assert messages, f"No e-mail to {address}; outbox has {[m.to for m in mail.outbox]}"
    body = messages[-1].body
    match = CODE_LINE.search(body)
    assert match, f"No code in the e-mail to {address}:\n{body}"
    return match.group(1)


@pytest.fixture
def municipality(transactional_db):
    return MunicipalityFactory()


def test_resident_signs_up_downloads_data_and_switches_language(
    page: Page, municipality, tmp_path: Path
):
    email, name = "anna.jansen@example.org", "Anna uit de Oude Haven"

    page.goto("/")
    assert_accessible(page)

    page.get_by_role("banner").get_by_role("link", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    assert_accessible(page)

    page.get_by_role("link", name="Maak een account aan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Account aanmaken")
    assert_accessible(page)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Publieke naam").fill(name)
    page.get_by_role("button", name="Account aanmaken").click()

    # The e-mail address is confirmed with a code; that logs the new resident in.
    code_field = page.get_by_role("textbox", name="Code")
    expect(code_field).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(email)
    assert_accessible(page)
    code_field.fill(code_mailed_to(email))
    page.get_by_role("main").get_by_role("button", name="Bevestigen").click()

    page.get_by_role("banner").get_by_role("link", name="Mijn account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")
    expect(page.get_by_role("main")).to_contain_text(email)
    assert_accessible(page)

    page.get_by_role("link", name="Mijn gegevens bekijken en downloaden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download mijn gegevens").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    exported = saved.read_text(encoding="utf-8")
    json.loads(exported)  # valid JSON
    assert email in exported
    assert name in exported

    dutch_heading = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/en/mijn/gegevens/$"))
    expect(page.get_by_role("heading", level=1)).not_to_have_text(dutch_heading)
    expect(page.get_by_role("banner").get_by_role("link", name="My account")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page).not_to_have_url(re.compile(r"/en/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(dutch_heading)
    assert_accessible(page)


def test_resident_logs_in_with_a_code_sent_by_email(page: Page, municipality):
    resident = UserFactory(email="piet@example.org", display_name="Piet")

    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill(resident.email)
    page.get_by_role("button", name="Verder").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vul de code in")
    expect(page.get_by_role("main")).to_contain_text(resident.email)
    assert_accessible(page)
    page.get_by_role("textbox", name="Code").fill(code_mailed_to(resident.email))
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")
    expect(page.get_by_role("main")).to_contain_text(resident.email)
    assert_accessible(page)


def test_wrong_code_keeps_the_resident_on_the_code_form_with_a_message(page: Page, municipality):
    resident = UserFactory(email="kees@example.org")

    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill(resident.email)
    page.get_by_role("button", name="Verder").click()
    real_code = code_mailed_to(resident.email)
    wrong_code = "ZZZZZZ" if real_code != "ZZZZZZ" else "YYYYYY"
    page.get_by_role("textbox", name="Code").fill(wrong_code)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("main")).to_contain_text("Deze code klopt niet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vul de code in")
    assert_accessible(page)


def test_too_many_code_requests_get_a_clear_message_and_keep_the_address(page: Page, municipality):
    """Three codes per address per five minutes; the fourth request is refused politely."""
    resident = UserFactory(email="joke@example.org")
    for _ in range(3):
        page.context.clear_cookies()  # a new visitor each time, so only the address counts
        page.goto("/account/login/")
        page.get_by_label("E-mailadres").fill(resident.email)
        page.get_by_role("button", name="Verder").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Vul de code in")

    page.context.clear_cookies()
    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill(resident.email)
    page.get_by_role("button", name="Verder").click()

    expect(page.get_by_role("main")).to_contain_text("te vaak")
    expect(page.get_by_label("E-mailadres")).to_have_value(resident.email)
    assert_accessible(page)
    assert len([m for m in mail.outbox if resident.email in m.to]) == 3


def test_log_in_by_code_works_without_javascript(browser, live_server, municipality):
    """Every flow works without JavaScript: the same log-in with scripts switched off."""
    resident = UserFactory(email="zonder.js@example.org")
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto("/account/login/")
        page.get_by_label("E-mailadres").fill(resident.email)
        page.get_by_role("button", name="Verder").click()
        page.get_by_role("textbox", name="Code").fill(code_mailed_to(resident.email))
        page.get_by_role("main").get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")
        expect(page.get_by_role("main")).to_contain_text(resident.email)
    finally:
        context.close()
