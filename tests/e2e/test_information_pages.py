"""E-information in the browser: a process manager posts news, uploads a document and adds a
question; a resident follows the process without JavaScript tricks and gets the news by e-mail.
axe-core on every page visited."""

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from samenspraak.accounts.factories import (
    NotificationConsentFactory,
    StaffUserFactory,
    UserFactory,
)
from samenspraak.accounts.models import NotificationKind, Role
from samenspraak.organisations.factories import MunicipalityFactory
from samenspraak.processes.factories import ProcessFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.test_consultation_journey import log_in_resident_by_code, log_in_staff

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def process(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    MunicipalityFactory()
    return ProcessFactory(title="Het nieuwe Marktplein", slug="marktplein")


def test_manager_informs_and_a_following_resident_gets_the_news(
    page: Page, browser: Browser, live_server, process, tmp_path
):
    resident = UserFactory(email="sanne@example.org")
    NotificationConsentFactory(user=resident, kind=NotificationKind.PROCESS_UPDATES)

    # The resident follows the process from its page (a plain form).
    log_in_resident_by_code(page, resident.email)
    page.goto("/processen/marktplein/volgen/")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("button", name="Volgen").click()
    expect(page.get_by_role("main").get_by_role("button", name="Niet meer volgen")).to_be_visible()
    assert_accessible(page)

    # The process manager, in another browser context.
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    staff = context.new_page()
    log_in_staff(staff, manager)
    staff.goto("/beheer/processen/marktplein/informatie/")
    assert_accessible(staff)

    # A document that is not a document comes back with a message and the title kept.
    staff.get_by_role("link", name="Document toevoegen").click()
    staff.get_by_label("Titel").fill("Raadsvoorstel Marktplein")
    fake = tmp_path / "plaatje.pdf"
    fake.write_bytes(b"GIF89a" + b"0" * 40)
    staff.get_by_label("Bestand").set_input_files(str(fake))
    staff.get_by_role("button", name="Opslaan").click()
    expect(staff.get_by_text("geen PDF-, ODT- of DOCX-document")).to_be_visible()
    expect(staff.get_by_label("Titel")).to_have_value("Raadsvoorstel Marktplein")
    assert_accessible(staff)
    real = tmp_path / "raadsvoorstel.pdf"
    real.write_bytes(PDF)
    staff.get_by_label("Bestand").set_input_files(str(real))
    staff.get_by_role("button", name="Opslaan").click()
    expect(staff.get_by_role("rowheader", name="Raadsvoorstel Marktplein")).to_be_visible()

    staff.get_by_role("link", name="Vraag toevoegen").click()
    staff.get_by_label("Vraag").fill("Wanneer begint de bouw?")
    staff.get_by_label("Antwoord").fill("In het voorjaar.")
    staff.get_by_role("button", name="Opslaan").click()

    mail.outbox.clear()
    staff.get_by_role("link", name="Nieuwsbericht schrijven").click()
    assert_accessible(staff)
    staff.get_by_label("Titel").fill("Het ontwerp is klaar")
    staff.get_by_label("Tekst").fill(
        "<p>Bekijk het <strong>ontwerp</strong>.</p><script>x()</script>"
    )
    staff.get_by_role("button", name="Opslaan").click()
    expect(staff.get_by_role("link", name="Het ontwerp is klaar", exact=True)).to_be_visible()
    context.close()

    assert [m.to for m in mail.outbox] == [["sanne@example.org"]]
    assert "Het ontwerp is klaar" in mail.outbox[0].subject

    # The resident reads news, documents and questions.
    for path in ["nieuws", "documenten", "vragen"]:
        page.goto(f"/processen/marktplein/{path}/")
        assert_accessible(page)
    page.goto("/processen/marktplein/nieuws/")
    page.get_by_role("link", name="Het ontwerp is klaar").click()
    expect(page.get_by_role("main").locator("strong")).to_have_text("ontwerp")
    assert page.locator("main script").count() == 0
    assert_accessible(page)
