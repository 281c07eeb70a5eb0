"""Comments, reporting, moderation and search in a real browser, with axe-core on every page.

A resident's empty comment comes back with a message; their comment appears; an anonymous visitor
reports someone else's comment; the moderator hides it with a house rule from the queue; everyone
then sees which house rule it broke. The search page finds the input and marks the match.
"""

import pytest
from playwright.sync_api import Browser, Page, expect

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.consultation.factories import InputFactory
from samenspraak.dialogue.factories import CommentFactory, HouseRuleFactory
from samenspraak.organisations.factories import MunicipalityFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.test_consultation_journey import log_in_resident_by_code, log_in_staff

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db):
    MunicipalityFactory()
    item = InputFactory(title="Een watertappunt bij de fontein", body="Gratis drinkwater.")
    rude = CommentFactory(target=item, body="Wat een dom idee, sukkels.")
    rule = HouseRuleFactory(title="Wees respectvol")
    return item, rude, rule


def test_comment_report_hide_and_search(page: Page, browser: Browser, live_server, world):
    item, rude, rule = world
    resident = UserFactory(email="lotte@example.org")
    log_in_resident_by_code(page, resident.email)

    page.goto(item.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.get_by_text("Schrijf eerst uw reactie.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Uw reactie").fill("Goed plan, ook voor de hardlopers.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.get_by_text("Goed plan, ook voor de hardlopers.")).to_be_visible()

    # Someone who is not logged in reports the rude comment.
    anonymous = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    anonymous.goto(item.get_absolute_url())
    anonymous.locator(f"#reactie-{rude.pk}").get_by_role("link", name="Reactie melden").click()
    assert_accessible(anonymous)
    anonymous.get_by_label("Waarom meldt u dit?").fill("Scheldwoorden")
    anonymous.get_by_role("button", name="Melding versturen").click()
    expect(anonymous.get_by_text("Een moderator bekijkt uw melding")).to_be_visible()
    anonymous.context.close()

    # The moderator hides it with a house rule.
    moderator_page = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    log_in_staff(moderator_page, StaffUserFactory(role=Role.MODERATOR))
    moderator_page.goto("/beheer/moderatie/")
    expect(moderator_page.get_by_text("Scheldwoorden")).to_be_visible()
    assert_accessible(moderator_page)
    moderator_page.get_by_role("button", name="Verbergen").click()
    expect(moderator_page.get_by_text("Kies de huisregel die deze inhoud breekt.")).to_be_visible()
    assert_accessible(moderator_page)
    moderator_page.get_by_label("Huisregel").select_option(label=rule.title)
    moderator_page.get_by_role("button", name="Verbergen").click()
    expect(moderator_page.get_by_text("De inhoud is verborgen.")).to_be_visible()
    assert_accessible(moderator_page)
    moderator_page.context.close()

    page.goto(item.get_absolute_url())
    expect(
        page.get_by_text("Verborgen door de moderator: breekt huisregel 'Wees respectvol'")
    ).to_be_visible()
    expect(page.get_by_text("sukkels")).to_have_count(0)

    # Search from the header box.
    page.get_by_label("Zoeken op de site").fill("watertappunt")
    page.get_by_role("button", name="Zoek", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken")
    expect(page.locator("mark", has_text="watertappunt").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Waar zoekt u naar?").fill("onvindbaarwoord")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    expect(page.get_by_text("We hebben niets gevonden")).to_be_visible()
    assert_accessible(page)
