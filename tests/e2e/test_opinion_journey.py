"""Opinion mapping in a real browser: a resident votes on statements, changes a vote, sends a
statement of their own (a duplicate first), then reads the opinion groups; axe-core on every page,
screenshots at desktop and phone width."""

import random
import re

import pytest
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.conversations.factories import ConversationFactory, StatementFactory
from samenspraak.conversations.models import Vote
from samenspraak.organisations.factories import MunicipalityFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.layout import WIDTHS, layout_problems, screenshot
from tests.e2e.test_consultation_journey import log_in_resident_by_code, log_in_staff

pytestmark = pytest.mark.browser

TEXTS = [
    "Het plein moet autovrij worden.",
    "Er moeten meer parkeerplaatsen komen.",
    "De markt moet op zaterdag blijven.",
    "Terrassen mogen tot middernacht open.",
    "Er moet meer groen op het plein.",
    "Het plein moet veilig zijn voor kinderen.",
]


@pytest.fixture
def world(transactional_db):
    MunicipalityFactory()
    conversation = ConversationFactory(title="Stellingen over het Marktplein")
    statements = [StatementFactory(conversation=conversation, text=t) for t in TEXTS]
    # Two camps of residents voted already (with some noise); nearly everybody wants a safe square.
    rng = random.Random(7)
    for i in range(60):
        voter = UserFactory()
        camp = 1 if i % 3 else -1
        for j, statement in enumerate(statements):
            value = 1 if j == 5 else (camp if j % 2 == 0 else -camp)
            if rng.random() < 0.2:
                value = rng.choice([-1, 0, 1])
            Vote.objects.create(statement=statement, participant=voter, value=value)
    return conversation, statements


def _look(page: Page, name: str) -> None:
    original = page.viewport_size
    problems = []
    for width_name, size in WIDTHS.items():
        page.set_viewport_size(size)
        screenshot(page, f"{name}-{width_name}")
        problems += [f"{width_name}: {p}" for p in layout_problems(page)]
    if original:
        page.set_viewport_size(original)
    assert not problems, problems


def test_vote_add_statement_and_read_the_groups(page: Page, browser, live_server, world):
    conversation, statements = world
    log_in_resident_by_code(page, UserFactory(email="sanne@example.org").email)
    url = f"/processen/{conversation.process.slug}/stellingen/{conversation.pk}/"
    page.goto(url)
    assert_accessible(page)
    first = page.locator(f"#stelling-{statements[0].pk}")
    first.get_by_role("button", name="Eens", exact=True).click()
    expect(
        page.locator(f"#stelling-{statements[0].pk}").get_by_text("U stemde: eens.")
    ).to_be_visible()
    page.locator(f"#stelling-{statements[0].pk}").get_by_role("button", name="Oneens").click()
    expect(
        page.locator(f"#stelling-{statements[0].pk}").get_by_text("U stemde: oneens.")
    ).to_be_visible()
    for statement in statements[1:]:
        page.locator(f"#stelling-{statement.pk}").get_by_role("button", name="Sla over").click()
    expect(page.get_by_text("U heeft over 6 van de 6 stellingen gestemd.")).to_be_visible()

    page.get_by_label("Uw stelling").fill("het plein moet AUTOVRIJ worden")
    page.get_by_role("button", name="Stelling versturen").click()
    expect(page.get_by_text("Deze stelling bestaat al").first).to_be_visible()
    expect(page.get_by_label("Uw stelling")).to_have_value("het plein moet AUTOVRIJ worden")
    assert_accessible(page)
    _look(page, "opinion-vote")
    page.get_by_label("Uw stelling").fill("Fietsen parkeren onder de grond.")
    page.get_by_role("button", name="Stelling versturen").click()
    expect(page.get_by_text("Uw stelling is ontvangen")).to_be_visible()

    page.get_by_role("link", name="Bekijk de meningsgroepen").click()
    expect(
        page.get_by_role("heading", name="Waar de meeste mensen het over eens zijn")
    ).to_be_visible()
    expect(page.get_by_role("img", name="Kaart van de meningsgroepen")).to_be_visible()
    expect(page.get_by_role("heading", name="Groep A", exact=False)).to_be_visible()
    expect(
        page.get_by_text("Eens met “Het plein moet veilig zijn voor kinderen.”").first
    ).to_be_visible()
    assert_accessible(page)
    _look(page, "opinion-groups")

    # A process manager places the resident's statement from the staff page.
    staff_page = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    log_in_staff(staff_page, StaffUserFactory(role=Role.PROCESS_MANAGER))
    staff_page.goto("/beheer/stellingen/")
    staff_page.get_by_role("link", name="Stellingen over het Marktplein").click()
    expect(staff_page.get_by_text("Fietsen parkeren onder de grond.", exact=True)).to_be_visible()
    assert_accessible(staff_page)
    _look(staff_page, "opinion-manage")
    staff_page.get_by_role("button", name=re.compile(r"^Plaatsen\W+Fietsen parkeren")).click()
    expect(staff_page.get_by_text("Geplaatst: Fietsen parkeren onder de grond.")).to_be_visible()
    staff_page.context.close()
