"""Issue #11, "the experience pass": the defects a participation officer and a resident met when
they tried the demo in Chromium at desktop (1280×900) and phone (390×844) width. Each test
failed on the code before its fix; screenshots go to test-results/."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import (
    NotificationConsentFactory,
    StaffUserFactory,
    UserFactory,
)
from samenspraak.accounts.models import NotificationKind, Role
from samenspraak.information import services as information_services
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from samenspraak.processes.factories import ProcessFactory
from samenspraak.surveys.factories import QuestionFactory, SurveyFactory
from samenspraak.surveys.models import QuestionKind
from tests.e2e.axe import assert_accessible, contrast_failures, measure_contrast
from tests.e2e.layout import DESKTOP, PHONE, assert_form_layout, screenshot
from tests.e2e.test_consultation_journey import log_in_staff

pytestmark = pytest.mark.browser

PRIMARY_BUTTONS = [".utrecht-button-link--primary-action", ".utrecht-button--primary-action"]


@pytest.fixture
def municipality(transactional_db):
    return MunicipalityFactory()


# 1. Primary buttons -------------------------------------------------------------------------


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_primary_button_links_are_readable(page: Page, municipality, size):
    """ "Geef uw inbreng" drew link blue on violet (about 1:1); axe only said "needs review"."""
    process = ProcessFactory(with_phase="consultation.collect")
    page.set_viewport_size(size)
    page.goto(f"/processen/{process.slug}/")
    button = page.get_by_role("link", name="Geef uw inbreng").first
    expect(button).to_be_visible()
    screenshot(page, f"primary-button-{size['width']}")
    # The stricter axe helper measures what axe leaves "incomplete", so this holds on every
    # page the browser tests visit.
    assert_accessible(page)

    measured = measure_contrast(page, PRIMARY_BUTTONS)
    assert measured, "no primary button on the process page"
    assert not contrast_failures(page, PRIMARY_BUTTONS)
    for found in measured:
        assert found["ratio"] >= 4.5, found


# 2. Surveys -------------------------------------------------------------------------------


@pytest.fixture
def survey(municipality):
    """Every kind of question, the second one shown only when the first is answered "Ja"."""
    survey = SurveyFactory(
        title="Enquête over het Stationsplein", allow_anonymous=True, phase__process__slug="plein"
    )
    first = QuestionFactory(
        survey=survey, text="Komt u weleens op het Stationsplein?", choices=["Ja", "Nee"]
    )
    QuestionFactory(
        survey=survey,
        kind=QuestionKind.MULTIPLE,
        text="Wat doet u op het plein?",
        choices=["Naar de trein of bus", "Winkelen", "Afspreken met vrienden"],
        show_if_question=first,
        show_if_values=[0],
    )
    QuestionFactory(
        survey=survey,
        kind=QuestionKind.SCALE,
        text="Hoe prettig vindt u het plein nu?",
        scale_min=1,
        scale_max=5,
        scale_min_label="Helemaal niet prettig",
        scale_max_label="Heel prettig",
    )
    QuestionFactory(
        survey=survey,
        kind=QuestionKind.RANKING,
        text="Wat moet als eerste beter?",
        choices=["Meer groen", "Meer plekken om te zitten", "Veiliger oversteken"],
    )
    last = QuestionFactory(
        survey=survey,
        kind=QuestionKind.SINGLE,
        text="Wilt u nog iets kwijt?",
        choices=["Ja", "Nee"],
        required=False,
    )
    QuestionFactory(
        survey=survey,
        kind=QuestionKind.OPEN,
        text="Wat wilt u de gemeente nog meegeven?",
        show_if_question=last,
        show_if_values=[0],
        required=False,
    )
    return survey


def shown_numbers(page: Page) -> list[str]:
    return page.locator(".survey-question:visible .survey-question__number").all_inner_texts()


def test_survey_form_is_laid_out_and_numbered_without_gaps(page: Page, survey):
    page.goto(reverse("surveys:respond", args=[survey.process.slug, survey.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(survey.title)
    assert_form_layout(page, "survey-respond")
    assert_accessible(page)

    # Question 2 waits for "Ja" on question 1: the questions shown count 1, 2, 3, ... anyway.
    numbers = shown_numbers(page)
    assert [number.split()[1] for number in numbers] == ["1", "2", "3", "4"], numbers
    page.get_by_role("group", name="Komt u weleens op het Stationsplein?").get_by_label(
        "Ja"
    ).check()
    follow_up = page.get_by_role("group", name="Wat doet u op het plein?")
    expect(follow_up).to_be_visible()
    expect(follow_up).to_contain_text("Alleen invullen als u bij vraag 1 'Ja' koos.")
    numbers = shown_numbers(page)
    assert [number.split()[1] for number in numbers] == ["1", "2", "3", "4", "5"], numbers
    assert_form_layout(page, "survey-respond-follow-up")

    # The last question's follow-up refers to it by the number the person sees (5, then 4).
    page.get_by_role("group", name="Wilt u nog iets kwijt?").get_by_label("Ja").check()
    last_follow_up = page.locator(".survey-question").last
    expect(last_follow_up).to_contain_text("Alleen invullen als u bij vraag 5 'Ja' koos.")
    page.get_by_role("group", name="Komt u weleens op het Stationsplein?").get_by_label(
        "Nee"
    ).check()
    expect(last_follow_up).to_contain_text("Alleen invullen als u bij vraag 4 'Ja' koos.")
    assert_accessible(page)


def test_survey_without_javascript_shows_every_question_numbered_in_order(
    browser, live_server, survey
):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(reverse("surveys:respond", args=[survey.process.slug, survey.pk]))
        numbers = page.locator(".survey-question__number").all_inner_texts()
        assert [number.split()[1] for number in numbers] == ["1", "2", "3", "4", "5", "6"]
        assert_form_layout(page, "survey-respond-no-js")
    finally:
        context.close()


def test_survey_preview_is_laid_out(page: Page, survey):
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    log_in_staff(page, manager)
    page.goto(reverse("surveys:preview", args=[survey.process.slug, survey.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Voorbeeld")
    assert_form_layout(page, "survey-preview")
    assert_accessible(page)


def test_log_in_form_is_laid_out(page: Page, municipality):
    page.goto("/account/login/")
    assert_form_layout(page, "log-in")


# 3. Dates ---------------------------------------------------------------------------------


def test_a_phase_ending_on_9999_12_31_gets_a_message_and_keeps_what_was_typed(
    page: Page, municipality
):
    """It was a 500 (OverflowError); now the phase form says which dates it takes."""
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    process = ProcessFactory(status="draft", title="Ideeën voor het Marktplein")
    log_in_staff(page, manager)
    page.goto(reverse("processes:manage_step", args=[process.slug, "fasen"]))
    page.get_by_label("Soort fase").select_option(label="Terugblik")
    page.get_by_label("Titel", exact=True).fill("Terugblik")
    page.get_by_label("Eerste dag").fill("2027-03-01")
    page.get_by_label("Laatste dag").fill("9999-12-31")
    page.get_by_role("button", name="Fase toevoegen").click()

    last_day = page.get_by_label("Laatste dag")
    expect(last_day).to_have_value("9999-12-31")
    expect(last_day).to_have_attribute("aria-describedby", re.compile("error"))
    expect(page.get_by_role("main")).to_contain_text(
        "Vul een datum in van 1 januari 2000 tot en met"
    )
    expect(page.get_by_label("Titel", exact=True)).to_have_value("Terugblik")
    screenshot(page, "phase-date-out-of-bounds")
    assert_accessible(page)
    assert not process.phases.filter(title="Terugblik").exists()


# 4. Areas ---------------------------------------------------------------------------------


@pytest.fixture
def centrum(municipality):
    """Centrum with buurten Marktkwartier and Binnenstad; Haven with Kadebuurt; a process in
    the Marktkwartier, one in Haven and one for the whole town."""
    wijk = AreaFactory(name="Centrum", slug="centrum", with_shape=True)
    markt = AreaFactory(parent=wijk, name="Marktkwartier", slug="marktkwartier", with_shape=True)
    AreaFactory(parent=wijk, name="Binnenstad", slug="binnenstad")
    haven = AreaFactory(name="Haven", slug="haven")
    AreaFactory(parent=haven, name="Kadebuurt", slug="kadebuurt")
    ProcessFactory(title="Ideeën voor het Marktplein", with_phase="processes.inform").areas.add(
        markt
    )
    ProcessFactory(title="Havenvisie", with_phase="processes.inform").areas.add(haven)
    ProcessFactory(title="Duurzaamheidsvisie 2030", with_phase="processes.inform")
    return wijk


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_wijk_page_shows_its_buurten_and_city_wide_processes(page: Page, centrum, size):
    page.set_viewport_size(size)
    page.goto(reverse("organisations:area_detail", args=["centrum"]))
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Ideeën voor het Marktplein")).to_be_visible()
    city_wide = main.get_by_role("listitem").filter(has_text="Duurzaamheidsvisie 2030")
    expect(city_wide).to_contain_text("Hele gemeente")
    expect(main).not_to_contain_text("Havenvisie")
    screenshot(page, f"wijk-centrum-{size['width']}")
    assert_accessible(page)


def test_area_picker_is_a_tree_of_wijken_with_their_buurten(page: Page, centrum):
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    process = ProcessFactory(status="draft", title="Nieuwe bomen")
    log_in_staff(page, manager)
    page.goto(reverse("processes:manage_step", args=[process.slug, "doel"]))
    wijk = page.get_by_role("group", name="Centrum", exact=True)
    expect(wijk.get_by_role("checkbox")).to_have_count(3)
    expect(wijk.get_by_role("listitem")).to_have_text(["Binnenstad", "Marktkwartier"])
    assert_form_layout(page, "area-picker")
    assert_accessible(page)
    wijk.get_by_label("Marktkwartier").check()
    page.get_by_role("group", name="Haven", exact=True).get_by_label("De hele wijk Haven").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("stap 2")
    assert {a.name for a in process.areas.all()} == {"Marktkwartier", "Haven"}


# 5. Links in e-mails ----------------------------------------------------------------------


def test_a_mail_queued_by_a_page_links_to_the_address_that_served_it(
    page: Page, live_server, municipality, settings
):
    """SITE_URL unset: the news mail links to the live server's own (random) port, not :8000."""
    settings.SAMENSPRAAK_SITE_URL = ""
    process = ProcessFactory(title="Het nieuwe Marktplein", slug="marktplein")
    follower = UserFactory(email="sanne@example.org")
    information_services.follow(user=follower, process=process)
    NotificationConsentFactory(user=follower, kind=NotificationKind.PROCESS_UPDATES)
    log_in_staff(page, StaffUserFactory(role=Role.PROCESS_MANAGER))
    mail.outbox.clear()

    page.goto(reverse("information:update_create", args=[process.slug]))
    page.get_by_label("Titel").fill("Het ontwerp is klaar")
    page.get_by_label("Tekst").fill("<p>Bekijk het ontwerp.</p>")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("link", name="Het ontwerp is klaar", exact=True)).to_be_visible()

    update = process.updates.get()
    [message] = [m for m in mail.outbox if m.to == [follower.email]]
    port = live_server.url.rsplit(":", 1)[1]
    assert port != "8000"
    link = f"{live_server.url}/processen/marktplein/nieuws/{update.pk}/"
    assert link in message.body, message.body
    assert ":8000/" not in message.body
