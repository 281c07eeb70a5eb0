"""Issue #11, what an officer does alone: news in rich text with a preview, consistent Dutch
dates, standard replies that set the outcome; and for residents picture cards and the running
budget bar. Desktop (1280×900) and phone (390×844), axe (incomplete contrast counted) and the
overlap check on every page; screenshots go to test-results/."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.information.models import Update
from samenspraak.organisations.factories import MunicipalityFactory
from samenspraak.processes.factories import ProcessFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.layout import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    assert_form_layout,
    layout_problems,
    screenshot,
)
from tests.e2e.test_consultation_journey import log_in_staff

pytestmark = pytest.mark.browser

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
NEWS = (
    "Beste bewoners,\n\nDe **tekening** voor het plein is klaar. Dit komt erin:\n\n"
    "- zes nieuwe bomen\n- banken in de schaduw\n\n## Wat gebeurt er nu?\n\n"
    "Lees [het ontwerp](https://voorbeeldstad.nl/ontwerp) en zeg wat u ervan vindt."
)


@pytest.fixture
def municipality(transactional_db):
    return MunicipalityFactory()


@pytest.fixture
def process(municipality):
    return ProcessFactory(
        title="Ideeën voor het Stationsplein",
        slug="stationsplein",
        with_phase="consultation.collect",
    )


def both_widths(page: Page, name: str) -> None:
    """Screenshots at both widths, axe and the overlap check at each."""
    original = page.viewport_size
    try:
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            screenshot(page, f"{name}-{label}")
            assert_accessible(page)
            assert layout_problems(page) == [], label
    finally:
        if original:
            page.set_viewport_size(original)


def test_news_in_rich_text_with_a_preview_that_matches_the_page(page: Page, process):
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    log_in_staff(page, manager)
    page.goto(reverse("information:update_create", args=[process.slug]))
    page.get_by_label("Titel").fill("Het ontwerp is klaar")
    page.get_by_label("Tekst").fill(NEWS)
    page.get_by_role("button", name="Voorbeeld bekijken").click()

    preview = page.locator(".richtext-preview")
    expect(preview.get_by_role("heading", name="Voorbeeld")).to_be_visible()
    text = preview.locator(".richtext-preview__text")
    expect(text.locator("strong")).to_have_text("tekening")
    expect(text.get_by_role("listitem")).to_have_count(2)
    expect(text.get_by_role("heading", level=2)).to_have_text("Wat gebeurt er nu?")
    expect(page.get_by_label("Tekst")).to_have_value(NEWS)  # nothing typed is lost
    assert not Update.objects.exists()
    assert_form_layout(page, "news-preview")
    both_widths(page, "news-preview")
    preview_html = text.inner_html()

    page.get_by_role("button", name="Opslaan").click()
    update = Update.objects.get()
    page.goto(reverse("information:update_detail", args=[process.slug, update.pk]))
    body = page.locator("article .prose")
    assert body.inner_html() == preview_html
    expect(body).not_to_contain_text("**")
    day = timezone.localtime(update.published_at)
    expected = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    expect(page.locator("article time")).to_have_text(expected)
    both_widths(page, "news-page")


def test_dates_are_written_out_with_lower_case_months(page: Page, process):
    page.goto(f"/processen/{process.slug}/")
    main = page.get_by_role("main").inner_text()
    assert not re.search(r"\b\d{1,2}-\d{1,2}-\d{4}\b", main)
    assert not re.search(r"\b\d{1,2} (Jan|Feb|Mrt|Apr|Mei|Jun|Jul|Aug|Sep|Okt|Nov|Dec)\b", main)
    assert re.search(rf"\b\d{{1,2}} ({'|'.join(MONTHS)}) \d{{4}}\b", main)
    both_widths(page, "process-dates")


def test_a_standard_reply_fills_the_answer_and_sets_the_outcome(page: Page, process):
    """The officer writes "Niet overgenomen" once, with its outcome; choosing it while
    answering fills the text and sets the outcome, keeps the reason typed, and both can still
    be changed before publishing."""
    from samenspraak.consultation.factories import InputFactory
    from samenspraak.consultation.models import AnswerTemplate, OfficialAnswer

    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    item = InputFactory(phase=process.phases.get(), title="Een skatebaan op het plein")
    log_in_staff(page, manager)

    page.goto(reverse("consultation:answer_templates"))
    page.get_by_label("Titel").fill("Niet overgenomen")
    page.get_by_label("Uitkomst").select_option(label="Niet overgenomen")
    page.get_by_label("Tekst").fill("Dank u wel. We nemen uw idee **niet** over, omdat ...")
    page.get_by_role("button", name="Opslaan").click()
    card = page.locator(".answer-template-card")
    expect(card.get_by_role("heading", name="Niet overgenomen")).to_be_visible()
    expect(card).to_contain_text("Uitkomst: Niet overgenomen")
    assert AnswerTemplate.objects.get().outcome == "not_adopted"
    both_widths(page, "standard-replies")

    page.goto(reverse("consultation:answer", args=[item.pk]))
    page.get_by_label("Reden").fill("Er is op het plein geen ruimte voor.")
    page.get_by_label("Standaardantwoord").select_option(label="Niet overgenomen")
    page.get_by_role("button", name="Standaardantwoord invullen").click()
    status = page.locator(".answer-template-status")
    expect(status).to_contain_text("De uitkomst is nu: Niet overgenomen.")
    expect(page.get_by_label("Uitkomst")).to_have_value("not_adopted")
    expect(page.get_by_label("Antwoord van de gemeente")).to_have_value(
        "Dank u wel. We nemen uw idee **niet** over, omdat ..."
    )
    expect(page.get_by_label("Reden")).to_have_value("Er is op het plein geen ruimte voor.")
    assert not OfficialAnswer.objects.exists()
    assert_form_layout(page, "answer-filled-in")
    both_widths(page, "answer-filled-in")

    page.get_by_label("Antwoord van de gemeente").fill(
        "Dank u wel. We nemen uw idee **niet** over, omdat het plein te klein is."
    )
    page.get_by_role("button", name="Antwoord publiceren").click()
    answer = OfficialAnswer.objects.get()
    assert answer.outcome == "not_adopted" and "te klein" in answer.body
    page.goto(reverse("consultation:input_detail", args=[process.slug, item.pk]))
    official = page.locator(".official-answer")
    expect(official).to_contain_text("Uitkomst: Niet overgenomen")
    expect(official.locator("strong", has_text="niet")).to_be_visible()
    both_widths(page, "answer-public")


# Picture cards and the running budget bar ---------------------------------------------------

CLS_SCRIPT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


def picture(colour: str, size=(800, 600)) -> bytes:
    """A photo-like picture: a sky, a street and a colour block."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, "#9cc7e8")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, size[1] * 2 // 3, size[0], size[1]], fill="#777777")
    draw.rectangle([size[0] // 4, size[1] // 3, size[0] * 3 // 4, size[1] * 3 // 4], fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def give_picture(item, colour: str, alt: str) -> None:
    from django.core.files.base import ContentFile

    item.image_alt = alt
    item.image.save(f"{item.pk}.jpg", ContentFile(picture(colour)), save=True)


def assert_no_layout_shift(page: Page) -> None:
    page.wait_for_load_state("load")
    shift = page.evaluate(CLS_SCRIPT)
    assert shift < 0.01, f"cumulative layout shift {shift}"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SAMENSPRAAK_SERVE_MEDIA = True


def test_picture_cards_on_the_input_list(page: Page, process, media):
    from samenspraak.consultation.factories import InputFactory

    phase = process.phases.get()
    fountain = InputFactory(phase=phase, title="Bankjes bij de fontein")
    give_picture(fountain, "#c0392b", "De fontein met een rode muur erachter en geen bankjes")
    InputFactory(phase=phase, title="Meer fietsenrekken bij het station")
    trees = InputFactory(phase=phase, title="Bomen langs de Dorpsstraat")
    give_picture(trees, "#2e7d32", "Een kale straat met alleen stenen")

    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.goto(reverse("consultation:input_list", args=[process.slug]))
        pictures = page.locator("img.card-picture")
        expect(pictures).to_have_count(2)
        for index in range(2):
            expect(pictures.nth(index)).to_have_attribute("alt", re.compile(r"\w+"))
            box = pictures.nth(index).bounding_box()
            assert box and abs(box["height"] - box["width"] * 3 / 4) < 2, box
        assert_no_layout_shift(page)
    both_widths(page, "input-list-pictures")


@pytest.fixture
def knapsack(transactional_db, media):
    from decimal import Decimal

    from samenspraak.budgeting.budgets import services as budget_services
    from samenspraak.budgeting.models import OutcomeRule
    from samenspraak.budgeting.phases import VOTE
    from samenspraak.processes.services import shipped_templates_install
    from tests.e2e.test_budgeting_journey import (
        add_reviewed_projects,
        days_until,
        move_phases,
        published_burgerbegroting,
    )

    shipped_templates_install()
    municipality = MunicipalityFactory()
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    process = published_burgerbegroting(manager, municipality)
    budget = budget_services.budget_save(
        actor=manager,
        process=process,
        title="Voor de hele stad",
        amount=Decimal("100000"),
        ballot_type="knapsack",
        rule=OutcomeRule.GREEDY,
    )
    add_reviewed_projects(
        manager,
        budget,
        {
            "Een pannakooi": Decimal("12500.50"),
            "Een groen schoolplein": 50_000,
            "Bomen in de Dorpsstraat": 30_000,
            "Een skatebaan": 40_000,
        },
    )
    pictured = budget.projects.order_by("pk")[:2]
    for project, colour in zip(pictured, ("#e67e22", "#27ae60"), strict=True):
        give_picture(project.input, colour, f"Een schets van {project.input.title.lower()}")
    move_phases(process, days=days_until(process, VOTE))
    return budget


def bar_text(page: Page) -> str:
    return " ".join(page.locator("#ballot-remaining").inner_text().split())


def test_picture_cards_on_the_budget_and_a_running_budget_bar_on_the_ballot(
    page: Page, browser, live_server, knapsack
):
    from samenspraak.accounts.factories import UserFactory
    from tests.e2e.test_consultation_journey import log_in_resident_by_code

    budget = knapsack
    page.goto(reverse("budgeting:budget_detail", args=[budget.process.slug, budget.pk]))
    expect(page.locator("img.card-picture")).to_have_count(2)
    assert_no_layout_shift(page)
    both_widths(page, "budget-pictures")

    log_in_resident_by_code(page, UserFactory().email)
    page.goto(reverse("budgeting:ballot", args=[budget.pk]))
    live = page.locator("#ballot-remaining")
    expect(live).to_have_attribute("aria-live", "polite")
    assert bar_text(page) == "Gekozen: € 0 van € 100.000. Nog € 100.000 over."
    page.evaluate("window.notReloaded = true")

    page.get_by_label("Een groen schoolplein").check()
    expect(live).to_have_text(re.compile(r"Gekozen: € 50\.000 van € 100\.000\.\s+Nog € 50\.000"))
    assert page.locator("progress.budget-bar__meter").evaluate("p => p.value") == 50000
    page.get_by_label("Een pannakooi").check()
    page.get_by_label("Een skatebaan").check()
    expect(live).to_contain_text("U zit € 2.500,50 boven het budget.")
    expect(page.locator("#budget-bar")).to_have_class(re.compile("budget-bar--over"))
    assert page.evaluate("window.notReloaded") is True  # no reload, no request
    assert_form_layout(page, "ballot-budget-bar")
    both_widths(page, "ballot-budget-bar")

    # The bar stays in view at the bottom of a phone screen while the list scrolls.
    page.set_viewport_size(PHONE)
    page.evaluate("window.scrollTo(0, 0)")
    bar = page.locator("#budget-bar").bounding_box()
    assert bar and bar["y"] + bar["height"] <= PHONE["height"] + 1
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "ballot-budget-bar-phone-viewport.png"))

    # Without JavaScript the server writes the same bar after "Bereken wat over is".
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    plain = context.new_page()
    try:
        log_in_resident_by_code(plain, UserFactory().email)
        plain.goto(reverse("budgeting:ballot", args=[budget.pk]))
        plain.get_by_label("Bomen in de Dorpsstraat").check()
        plain.get_by_role("button", name="Bereken wat over is").click()
        assert bar_text(plain) == "Gekozen: € 30.000 van € 100.000. Nog € 70.000 over."
        expect(plain.get_by_label("Bomen in de Dorpsstraat")).to_be_checked()
    finally:
        context.close()
