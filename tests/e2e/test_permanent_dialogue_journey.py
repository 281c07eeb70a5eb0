"""Issue #13's journey in one go, in a real browser with axe-core on every page: a resident opens
a permanent neighbourhood space, reads a thread with arguments for and against, comments with a
position and reacts to a neighbour; then follows the space to its process, votes on the
statements of the opinion-mapping conversation and reads the opinion groups, whose map has a
text alternative. Screenshots at desktop and phone width go to test-results/."""

import random

import pytest
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import UserFactory
from samenspraak.conversations.factories import ConversationFactory, StatementFactory
from samenspraak.conversations.models import Vote
from samenspraak.dialogue import services as dialogue
from samenspraak.dialogue.models import Comment, Position, Reaction
from samenspraak.discussions.factories import SpaceFactory, ThreadFactory
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.layout import WIDTHS, layout_problems, screenshot
from tests.e2e.test_consultation_journey import log_in_resident_by_code

pytestmark = pytest.mark.browser

STATEMENTS = [
    "De singel wordt een fietsstraat.",
    "Er komen meer parkeerplaatsen aan de singel.",
    "Langs de singel komen meer bankjes.",
    "Auto's mogen 's nachts niet meer over de singel.",
    "De singel moet veilig zijn voor kinderen.",
]


@pytest.fixture
def world(transactional_db):
    municipality = MunicipalityFactory()
    conversation = ConversationFactory(title="Stellingen over de singel")
    conversation.process.title = "Toekomst van de singel"
    conversation.process.save(update_fields=["title"])
    statements = [StatementFactory(conversation=conversation, text=t) for t in STATEMENTS]
    space = SpaceFactory(
        municipality=municipality,
        name="Buurtgesprek Oost",
        slug="buurtgesprek-oost",
        area=AreaFactory(municipality=municipality, name="Oost", slug="oost"),
        process=conversation.process,
    )
    thread = ThreadFactory(
        space=space,
        title="Autovrije singel op zondag",
        body="Zondag geen auto's op de singel: ruimte om te wandelen en te spelen.",
    )
    against = dialogue.comment_create(
        target=thread,
        author=UserFactory(display_name="Kees"),
        body="Mijn moeder kan dan niet meer met de auto bij ons komen.",
        position=Position.AGAINST,
    )
    dialogue.comment_create(
        target=thread,
        author=UserFactory(display_name="Ayla"),
        body="Eindelijk kunnen de kinderen buiten spelen.",
        position=Position.FOR,
    )
    # Two camps of neighbours voted already (with noise); nearly all want a safe singel.
    rng = random.Random(13)
    for i in range(60):
        voter = UserFactory()
        camp = 1 if i % 3 else -1
        for j, statement in enumerate(statements):
            value = 1 if j == 4 else (camp if j % 2 == 0 else -camp)
            if rng.random() < 0.2:
                value = rng.choice([-1, 0, 1])
            Vote.objects.create(statement=statement, participant=voter, value=value)
    return space, thread, against, conversation, statements


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


def test_thread_comment_reaction_then_opinion_vote_and_groups(page: Page, live_server, world):
    space, thread, against, conversation, statements = world
    resident = UserFactory(email="fatima@example.org", display_name="Fatima")
    log_in_resident_by_code(page, resident.email)

    # The permanent space, not tied to a project's timeline.
    page.goto("/gesprekken/")
    page.get_by_role("link", name="Buurtgesprek Oost").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtgesprek Oost")
    assert_accessible(page)

    # Reading the thread: arguments for and against side by side.
    page.get_by_role("link", name="Autovrije singel op zondag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Autovrije singel op zondag")
    expect(page.get_by_role("heading", name="Voor: 1 argument")).to_be_visible()
    expect(page.get_by_role("heading", name="Tegen: 1 argument")).to_be_visible()
    assert_accessible(page)

    # A comment with a position: without one, the text comes back with a message.
    page.get_by_label("Uw reactie").fill("Op zondag fiets ik er graag met de kinderen.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.get_by_text("Kies of u voor, tegen of neutraal bent.").first).to_be_visible()
    expect(page.get_by_label("Uw reactie")).to_have_value(
        "Op zondag fiets ik er graag met de kinderen."
    )
    assert_accessible(page)
    page.get_by_role("radio", name="Voor").check()
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.get_by_role("heading", name="Voor: 2 argumenten")).to_be_visible()
    mine = Comment.objects.get(author=resident)
    assert mine.position == Position.FOR
    expect(page.locator(f"#reactie-{mine.pk}")).to_contain_text("Op zondag fiets ik er graag")

    # A reaction to the neighbour who is against, as a plain form post.
    page.locator(f"#reactie-{against.pk}").get_by_role("button", name="Goed punt (0)").click()
    expect(
        page.locator(f"#reactie-{against.pk}").get_by_role("button", name="Goed punt (1)")
    ).to_have_attribute("aria-pressed", "true")
    assert Reaction.objects.filter(user=resident, comment=against).count() == 1
    assert_accessible(page)
    _look(page, "permanent-dialogue-thread")

    # From the space to its process, and on to the statements.
    page.goto(space.get_absolute_url())
    page.get_by_role("link", name="Toekomst van de singel").click()
    page.get_by_role("link", name="Stem op de stellingen: Stellingen over de singel").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stellingen over de singel")
    assert_accessible(page)
    answers = [
        ("Eens", "U stemde: eens."),
        ("Oneens", "U stemde: oneens."),
        ("Eens", "U stemde: eens."),
        ("Sla over", "U sloeg deze over."),
        ("Eens", "U stemde: eens."),
    ]
    for statement, (answer, said) in zip(statements, answers, strict=True):
        card = page.locator(f"#stelling-{statement.pk}")
        card.get_by_role("button", name=answer, exact=True).click()
        expect(page.locator(f"#stelling-{statement.pk}")).to_contain_text(said)
    expect(page.get_by_text("U heeft over 5 van de 5 stellingen gestemd.")).to_be_visible()
    assert Vote.objects.filter(participant=resident).count() == 5
    assert_accessible(page)
    _look(page, "permanent-dialogue-vote")

    # The opinion groups: a map with a text alternative, the groups and what (nearly) all agree on.
    page.get_by_role("link", name="Bekijk de meningsgroepen").click()
    opinion_map = page.get_by_role("img", name="Kaart van de meningsgroepen")
    expect(opinion_map).to_be_visible()
    description = page.locator("#map-desc")
    expect(description).to_contain_text("Elke stip is een deelnemer.")
    expect(description).to_contain_text("Groep A:")
    expect(description).to_contain_text("Groep B:")
    assert page.locator(".opinion-map__dot").count() >= 60
    expect(page.get_by_role("heading", name="Groep A", exact=False)).to_be_visible()
    expect(
        page.get_by_role("heading", name="Waar de meeste mensen het over eens zijn")
    ).to_be_visible()
    expect(
        page.get_by_text("Eens met “De singel moet veilig zijn voor kinderen.”").first
    ).to_be_visible()
    assert_accessible(page)
    _look(page, "permanent-dialogue-groups")


def test_a_long_thread_in_pages(page: Page, live_server, settings, transactional_db):
    """Pages of comments: the next page, and a link to a comment opening the page holding it."""
    settings.DIALOGUE_COMMENTS_PER_PAGE = 3
    MunicipalityFactory()
    thread = ThreadFactory(title="Een lang gesprek over de singel")
    comments = [
        dialogue.comment_create(
            target=thread,
            author=UserFactory(display_name=f"Buur {i}"),
            body=f"Argument nummer {i}.",
            position=Position.FOR if i % 2 else Position.AGAINST,
        )
        for i in range(7)
    ]
    page.goto(thread.get_absolute_url())
    expect(page.get_by_text("Pagina 1 van 3")).to_be_visible()
    expect(page.get_by_role("heading", name="Voor: 3 argumenten")).to_be_visible()  # all pages
    expect(page.get_by_text("Argument nummer 3.")).to_have_count(0)
    navigation = page.get_by_role("navigation", name="Pagina’s met reacties")
    navigation.get_by_role("link", name="Volgende reacties").click()
    expect(page.get_by_text("Pagina 2 van 3")).to_be_visible()
    expect(page.get_by_text("Argument nummer 3.")).to_be_visible()
    assert_accessible(page)
    page.goto(comments[6].get_absolute_url())
    expect(page.get_by_text("Pagina 3 van 3")).to_be_visible()
    expect(page.get_by_text("Op deze pagina geen argumenten hiervoor.")).to_be_visible()
    expect(page.locator(f"#reactie-{comments[6].pk}")).to_be_in_viewport()
    assert_accessible(page)
    screenshot(page, "permanent-dialogue-pages")
