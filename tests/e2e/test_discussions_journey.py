"""Discussion spaces in a real browser, axe-core on every page: a resident finds the
neighbourhood's space, is offered the existing thread for a duplicate title, opens a new
thread, comments and follows it with the daily digest, and meets a closed thread that says why
it is closed; a community manager pins a thread and writes its summary, shown on top."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.dialogue.factories import CommentFactory
from samenspraak.discussions import services
from samenspraak.discussions.factories import SpaceFactory, ThreadFactory
from samenspraak.discussions.models import Follow, Frequency, Thread
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory, TopicFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.layout import assert_form_layout, screenshot
from tests.e2e.test_consultation_journey import log_in_resident_by_code, log_in_staff

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db):
    municipality = MunicipalityFactory()
    area = AreaFactory(municipality=municipality, name="Oost", slug="oost")
    space = SpaceFactory(
        municipality=municipality,
        name="Buurtgesprek Oost",
        slug="buurtgesprek-oost",
        area=area,
        intro="Wat speelt er in **Oost**? Praat mee met uw buren.",
        house_rules=[{"title": "Over de buurt", "text": "Alleen onderwerpen uit Oost."}],
    )
    benches = ThreadFactory(
        space=space,
        title="Meer bankjes langs de singel",
        body="Er is bijna nergens een plek om te zitten.",
    )
    CommentFactory(target=benches, body="Ja graag, voor mijn moeder.")
    CommentFactory(target=benches, body="Er staan er bij de brug al drie.")
    closed = ThreadFactory(space=space, title="Buurtfeest in september", body="Wie helpt?")
    TopicFactory(municipality=municipality, name="Klimaat", slug="klimaat")
    moderator = StaffUserFactory(role=Role.MODERATOR, display_name="Jeroen van der Meer")
    services.thread_close(actor=moderator, thread=closed, reason="Het feest is geregeld.")
    return space, benches, closed, moderator


def test_resident_and_community_manager_in_a_space(
    page: Page, browser: Browser, live_server, world
):
    space, benches, closed, moderator = world
    resident = UserFactory(email="noor@example.org", display_name="Noor")

    page.goto("/gesprekken/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprekken")
    assert_accessible(page)
    page.get_by_role("link", name="Buurtgesprek Oost").click()
    expect(page.get_by_role("heading", level=2, name="2 gesprekken")).to_be_visible()
    assert_accessible(page)

    log_in_resident_by_code(page, resident.email)
    page.goto(space.get_absolute_url())
    page.get_by_role("link", name="Begin een gesprek").click()
    assert_accessible(page)
    # A title that exists already: the existing thread is offered, the text kept.
    page.get_by_label("Onderwerp").fill("meer bankjes langs de Singel!")
    page.get_by_label("Uw openingstekst").fill("Vooral bij de speeltuin.")
    page.get_by_role("button", name="Gesprek plaatsen").click()
    expect(page.get_by_text("Er is al een gesprek met dit onderwerp.").first).to_be_visible()
    expect(page.get_by_role("link", name="Meer bankjes langs de singel")).to_be_visible()
    expect(page.get_by_label("Uw openingstekst")).to_have_value("Vooral bij de speeltuin.")
    assert_accessible(page)
    assert_form_layout(page, "discussions-new-thread")

    page.get_by_label("Onderwerp").fill("Een watertappunt in het park")
    page.get_by_role("button", name="Gesprek plaatsen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Een watertappunt in het park")
    assert_accessible(page)

    # Comment on the benches thread and follow it with the daily digest.
    page.goto(benches.get_absolute_url())
    page.get_by_label("Uw reactie").fill("Met een afvalbak erbij graag.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.get_by_text("Met een afvalbak erbij graag.")).to_be_visible()
    page.get_by_label("Eén e-mail per dag met een overzicht").check()
    page.get_by_role("main").get_by_role("button", name="Volgen").click()
    expect(page.get_by_text("U krijgt één keer per dag een overzicht.")).to_be_visible()
    assert Follow.objects.get(user=resident, thread=benches).frequency == Frequency.DAILY
    assert_accessible(page)

    # A closed thread says so, with the reason, and has no comment form.
    page.goto(closed.get_absolute_url())
    expect(page.get_by_text("Dit gesprek is gesloten. U kunt niet meer reageren.")).to_be_visible()
    expect(page.get_by_text("Het feest is geregeld.")).to_be_visible()
    expect(page.get_by_role("button", name="Reactie plaatsen")).to_have_count(0)
    assert_accessible(page)

    # The community manager pins the benches thread and writes its summary.
    staff = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    log_in_staff(staff, moderator)
    staff.goto(benches.get_absolute_url())
    staff.get_by_role("link", name="Gesprek beheren: sluiten, vastzetten, samenvatten").click()
    assert_accessible(staff)
    # A new space for a theme; a theme space without a theme comes back with a message.
    staff.goto("/beheer/gesprekken/")
    assert_accessible(staff)
    staff.get_by_role("link", name="Nieuwe gespreksruimte").click()
    staff.get_by_label("Naam").fill("Stadsgesprek Klimaat")
    staff.get_by_label("Stadsgesprek (een thema)").check()
    staff.get_by_label("Vooraf: de moderator bekijkt reacties voordat ze online komen").check()
    staff.get_by_role("button", name="Opslaan").click()
    expect(staff.get_by_text("Kies het thema van dit stadsgesprek.").first).to_be_visible()
    expect(staff.get_by_label("Naam")).to_have_value("Stadsgesprek Klimaat")
    assert_accessible(staff)
    assert_form_layout(staff, "discussions-space-form")
    staff.get_by_label("Thema (bij een stadsgesprek)").select_option(label="Klimaat")
    staff.get_by_role("button", name="Opslaan").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Stadsgesprek Klimaat")
    assert_accessible(staff)
    staff.goto(reverse("discussions:thread_manage", args=[benches.pk]))
    assert_accessible(staff)
    staff.get_by_role("button", name="Bovenaan vastzetten").click()
    expect(staff.get_by_text("Het gesprek staat nu bovenaan.")).to_be_visible()
    staff.get_by_label("Samenvatting van het gesprek").fill(
        "Voor: meer bankjes, met afvalbakken. Tegen: er staan er al drie bij de brug."
    )
    staff.get_by_role("button", name="Samenvatting opslaan").click()
    expect(staff.get_by_role("heading", name="Samenvatting van het gesprek")).to_be_visible()
    expect(staff.get_by_text("door Jeroen van der Meer, namens de gemeente")).to_be_visible()
    assert_accessible(staff)
    staff.context.close()

    page.goto(space.get_absolute_url())
    first = page.locator(".thread-list > li").first
    expect(first).to_contain_text("Meer bankjes langs de singel")
    expect(first).to_contain_text("Vastgezet")
    assert_accessible(page)
    screenshot(page, "discussions-space")
    page.goto(benches.get_absolute_url())
    assert_accessible(page)
    screenshot(page, "discussions-thread")
    assert Thread.objects.count() == 3
