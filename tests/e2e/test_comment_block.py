"""The comment block in a real browser, with axe-core on every step: arguments for and against
side by side, an official reaction from the municipality, a reply, a quote and a reaction, all
without JavaScript (plain form posts). Screenshots at desktop and phone width go to
test-results/comment-block-*.png.
"""

import pytest
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.consultation.factories import InputFactory
from samenspraak.consultation.models import Input
from samenspraak.dialogue import services
from samenspraak.dialogue.models import Position
from samenspraak.dialogue.permissions import register_comment_options, unregister_comment_options
from samenspraak.organisations.factories import MunicipalityFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.layout import DESKTOP, PHONE, screenshot
from tests.e2e.test_consultation_journey import log_in_resident_by_code

pytestmark = pytest.mark.browser


@pytest.fixture
def debate(transactional_db):
    MunicipalityFactory()
    register_comment_options(
        Input,
        positions=True,
        house_rules=lambda item: [("Argumenten, geen aanvallen", "Reageer op het plan.")],
    )
    item = InputFactory(
        title="Autovrij Marktplein op zaterdag", body="Alleen fietsers en voetgangers."
    )
    council = StaffUserFactory(role=Role.PROCESS_MANAGER, display_name="Anna van de gemeente")
    official = services.comment_create(
        target=item,
        author=council,
        body="Het college bespreekt dit plan in maart. Wij lezen alle argumenten mee.",
        position=Position.NEUTRAL,
    )
    against = services.comment_create(
        target=item,
        author=UserFactory(display_name="Kees"),
        body="Mijn winkel heeft laad- en losplekken nodig op zaterdag.",
        position=Position.AGAINST,
    )
    services.comment_create(
        target=item,
        author=UserFactory(display_name="Ayla"),
        body="Veiliger voor kinderen en rustiger op de markt.",
        position=Position.FOR,
    )
    yield item, official, against
    unregister_comment_options(Input)


def _column_tops(page: Page) -> list[float]:
    """Both columns' tops in one go, relative to the document: the page may still be scrolling
    (smoothly) to the comment it opened on, so two separate measurements could differ."""
    return page.eval_on_selector_all(
        ".comment-column",
        "els => els.map(e => e.getBoundingClientRect().top + window.scrollY)",
    )


def test_positions_reply_quote_reaction_and_official_badge(page: Page, live_server, debate):
    item, official, against = debate
    log_in_resident_by_code(page, UserFactory(email="noor@example.org", display_name="Noor").email)

    page.goto(item.get_absolute_url())
    expect(page.get_by_role("heading", name="Voor: 1 argument")).to_be_visible()
    expect(page.get_by_role("heading", name="Tegen: 1 argument")).to_be_visible()
    expect(page.locator(f"#reactie-{official.pk}").get_by_text("Officiële reactie")).to_be_visible()
    expect(page.get_by_text("Argumenten, geen aanvallen")).to_be_visible()
    assert_accessible(page)

    # An argument for; forgetting the position brings the text back with a message.
    page.get_by_label("Uw reactie").fill("Meer ruimte voor terrasjes.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.get_by_text("Kies of u voor, tegen of neutraal bent.").first).to_be_visible()
    expect(page.get_by_label("Uw reactie")).to_have_value("Meer ruimte voor terrasjes.")
    assert_accessible(page)
    page.get_by_role("radio", name="Voor").check()
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.get_by_role("heading", name="Voor: 2 argumenten")).to_be_visible()

    # A reply to the argument against.
    page.locator(f"#reactie-{against.pk}").get_by_role("link", name="Antwoorden").click()
    expect(page.get_by_text("U antwoordt op de reactie van Kees.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Uw reactie").fill("Laden en lossen kan voor tien uur.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    reply = page.locator(f"#reactie-{against.pk} .comment-replies")
    expect(reply.get_by_text("Laden en lossen kan voor tien uur.")).to_be_visible()

    # A quote of the council member's reaction.
    page.locator(f"#reactie-{official.pk}").get_by_role("link", name="Citeren").first.click()
    expect(page.get_by_text("U citeert Anna van de gemeente:")).to_be_visible()
    page.get_by_role("radio", name="Neutraal").check()
    page.get_by_label("Uw reactie").fill("Fijn dat de gemeente meeleest.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.get_by_role("link", name="Anna van de gemeente schreef:")).to_be_visible()

    # A reaction, as a plain form post.
    page.locator(f"#reactie-{official.pk}").get_by_role("button", name="Goed punt (0)").click()
    expect(
        page.locator(f"#reactie-{official.pk}").get_by_role("button", name="Goed punt (1)")
    ).to_have_attribute("aria-pressed", "true")
    assert_accessible(page)

    block = page.locator("#reacties")
    page.set_viewport_size(DESKTOP)
    tops = _column_tops(page)
    assert tops[0] == tops[1]  # side by side
    block.screenshot(
        path=str(
            screenshot(page, "comment-block-page-desktop").parent / "comment-block-desktop.png"
        )
    )
    page.set_viewport_size(PHONE)
    tops = _column_tops(page)
    assert tops[0] < tops[1]  # stacked
    assert_accessible(page)
    block.screenshot(
        path=str(screenshot(page, "comment-block-page-phone").parent / "comment-block-phone.png")
    )


def test_community_manager_tools(page: Page, live_server, debate):
    """Word filter → a held comment → approve; pin; mute; the log shows it all."""
    from samenspraak.dialogue.models import Comment
    from tests.e2e.test_consultation_journey import log_in_staff

    item, official, against = debate
    manager = StaffUserFactory(role=Role.MODERATOR, display_name="Jeroen")
    log_in_staff(page, manager)

    page.goto("/beheer/moderatie/woordfilter/")
    page.get_by_label("Woord of woordgroep").fill("sukkel")
    page.get_by_role("button", name="Woord toevoegen").click()
    expect(page.get_by_text("Het woord staat nu in het woordfilter.")).to_be_visible()
    assert_accessible(page)
    held = services.comment_create(
        target=item,
        author=UserFactory(display_name="Bram"),
        body="Alleen een sukkel wil dit plein autovrij.",
        position=Position.AGAINST,
    )

    page.goto("/beheer/moderatie/")
    expect(page.get_by_text("1 reactie wacht op controle")).to_be_visible()
    expect(page.get_by_text("Bevat een woord uit het woordfilter")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text("De reactie is goedgekeurd")).to_be_visible()

    page.goto(item.get_absolute_url())
    comment = page.locator(f"#reactie-{against.pk}")
    comment.get_by_role("button", name="Bovenaan vastzetten").click()
    expect(page.get_by_text("De reactie staat nu bovenaan.")).to_be_visible()
    assert_accessible(page)
    page.locator(f"#reactie-{held.pk}").get_by_role("link", name="Schrijver dempen").click()
    assert_accessible(page)
    import datetime

    from django.utils import timezone

    until = timezone.localdate() + datetime.timedelta(days=14)
    page.get_by_label("Gedempt tot en met").fill(until.isoformat())
    page.get_by_label("Reden").fill("Scheldt op buurtgenoten.")
    page.get_by_role("button", name="Dempen").click()
    expect(page.get_by_text("De deelnemer is gedempt.")).to_be_visible()
    expect(page.get_by_role("cell", name="Scheldt op buurtgenoten.")).to_be_visible()
    assert_accessible(page)

    page.goto("/beheer/moderatie/logboek/")
    for label in (
        "Reactie goedgekeurd na controle",
        "Reactie bovenaan vastgezet",
        "Deelnemer gedempt",
    ):
        expect(page.get_by_role("cell", name=label)).to_be_visible()
    page.get_by_label("Besluit").select_option(label="Deelnemer gedempt")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("cell", name="Reactie bovenaan vastgezet")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "moderation-log")
    assert Comment.objects.get(pk=against.pk).pinned
