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
from tests.e2e.layout import DESKTOP, PHONE, assert_form_layout, layout_problems, screenshot
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
