"""Issue #11 part 2, "what a resident should find": checked in Chromium at desktop (1280×900)
and phone (390×844) width with the axe helper and the layout check; screenshots go to
test-results/. Each test failed on the code before its change."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import UserFactory
from samenspraak.organisations.factories import MunicipalityFactory
from samenspraak.processes.factories import ProcessFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.layout import DESKTOP, PHONE, assert_form_layout, screenshot
from tests.e2e.test_resident_journey import code_mailed_to

pytestmark = pytest.mark.browser
SIZES = pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])


@pytest.fixture
def municipality(transactional_db):
    return MunicipalityFactory()


def _top(page: Page, locator) -> float:
    return locator.bounding_box()["y"]


# 1. "Wat kunt u nu doen?" ------------------------------------------------------------------


@SIZES
def test_what_you_can_do_now_comes_first_and_leads_through_log_in(page: Page, municipality, size):
    process = ProcessFactory(with_phase="consultation.collect", title="Ideeën voor het park")
    last_day = process.phases.get().last_day
    resident = UserFactory()
    page.set_viewport_size(size)
    page.goto(f"/processen/{process.slug}/")
    block = page.get_by_role("region", name="Wat kunt u nu doen?")
    expect(block).to_be_visible()
    button = block.get_by_role("link", name="Geef uw idee")
    expect(button).to_be_visible()
    expect(block).to_contain_text(f"Kan tot en met {last_day.day} ")
    # Before the ladder, the commitment and the planning.
    for heading in ["Hoeveel invloed heeft u?", "Wat doen we met uw inbreng?", "Planning"]:
        assert _top(page, block) < _top(page, page.get_by_role("heading", name=heading))
    screenshot(page, f"now-actions-{size['width']}")
    assert_accessible(page)

    button.click()  # not logged in: log in first, then straight to the form
    page.get_by_label("E-mailadres").fill(resident.email)
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("textbox", name="Code").fill(code_mailed_to(resident.email))
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    submit = reverse("consultation:input_submit", args=[process.slug])
    expect(page).to_have_url(re.compile(re.escape(submit) + "$"))
    assert_form_layout(page, f"now-actions-form-{size['width']}")


@SIZES
def test_nothing_to_do_names_the_next_step(page: Page, municipality, size):
    import datetime

    from django.utils import timezone

    from samenspraak.processes.factories import PhaseFactory

    process = ProcessFactory(title="Het nieuwe plein")
    now = timezone.now()
    PhaseFactory(
        process=process,
        kind="consultation.collect",
        title="Ideeën verzamelen",
        starts_at=now + datetime.timedelta(days=10),
        ends_at=now + datetime.timedelta(days=20),
    )
    page.set_viewport_size(size)
    page.goto(f"/processen/{process.slug}/")
    block = page.get_by_role("region", name="Wat kunt u nu doen?")
    expect(block).to_contain_text("Er is nu niets te doen. Volgende stap: Ideeën verzamelen")
    expect(block.get_by_role("link")).to_have_count(0)
    screenshot(page, f"now-nothing-{size['width']}")
    assert_accessible(page)


# 5. Staff land on the staff start page ------------------------------------------------------


def _staff_log_in(page: Page, staff, url: str = "/account/login/") -> None:
    from samenspraak.accounts.factories import STAFF_PASSWORD, totp_code

    page.goto(url)
    page.get_by_label("E-mailadres").fill(staff.email)
    page.get_by_label("Wachtwoord", exact=False).fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede factor")
    page.get_by_role("textbox", name="Code").fill(totp_code(staff))
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()


@SIZES
def test_staff_land_on_the_staff_start_page_after_both_factors(page: Page, municipality, size):
    from samenspraak.accounts.factories import StaffUserFactory
    from samenspraak.accounts.models import Role

    page.set_viewport_size(size)
    _staff_log_in(page, StaffUserFactory(role=Role.PROCESS_MANAGER))
    expect(page).to_have_url(re.compile(re.escape(reverse("staff:index")) + "$"))
    screenshot(page, f"staff-start-after-login-{size['width']}")
    assert_accessible(page)


def test_staff_next_still_wins_and_residents_still_go_to_their_account(
    page: Page, browser, live_server, municipality
):
    from samenspraak.accounts.factories import StaffUserFactory
    from samenspraak.accounts.models import Role

    _staff_log_in(
        page, StaffUserFactory(role=Role.PROCESS_MANAGER), "/account/login/?next=/processen/"
    )
    expect(page).to_have_url(re.compile("/processen/$"))

    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    resident_page = context.new_page()
    resident = UserFactory()
    resident_page.goto("/account/login/")
    resident_page.get_by_label("E-mailadres").fill(resident.email)
    resident_page.get_by_role("button", name="Verder").click()
    resident_page.get_by_role("textbox", name="Code").fill(code_mailed_to(resident.email))
    resident_page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    expect(resident_page.get_by_role("heading", level=1)).to_have_text("Mijn account")
    context.close()


# 3. The municipality's answer and residents' comments have different words -------------------


@SIZES
def test_the_official_answer_and_the_comments_have_distinct_words(page: Page, municipality, size):
    from samenspraak.consultation.factories import OfficialAnswerFactory
    from samenspraak.dialogue.factories import CommentFactory

    answer = OfficialAnswerFactory(input__process__title="Bankjes in het park")
    item = answer.input
    CommentFactory(target=item)
    url = reverse("consultation:input_detail", args=[item.process.slug, item.pk])
    page.set_viewport_size(size)
    page.goto(url)
    expect(page.get_by_role("region", name="Antwoord van de gemeente")).to_be_visible()
    expect(page.get_by_role("heading", name="1 reactie")).to_be_visible()
    main = page.get_by_role("main")
    expect(main).not_to_contain_text("Reactie van de gemeente")
    screenshot(page, f"answer-and-comments-{size['width']}")
    assert_accessible(page)

    page.goto("/en" + url)
    expect(page.get_by_role("region", name="The municipality's answer")).to_be_visible()
    expect(page.get_by_role("heading", name="1 comment")).to_be_visible()


# 2. A budget project shows its fate ---------------------------------------------------------


@SIZES
def test_a_project_shows_its_fate_once_the_result_is_published(page: Page, municipality, size):
    from tests.experience.fate import count_and_publish, counted_budget

    budget, chosen, other, vote = counted_budget()
    slug = budget.process.slug
    page.set_viewport_size(size)
    page.goto(reverse("consultation:input_list", args=[slug]))
    expect(page.get_by_role("link", name="Speeltuin")).to_be_visible()
    # Still on the ballot: no "Overgenomen" badge from the feasibility review.
    expect(page.locator(".input-outcome")).to_have_count(0)

    count_and_publish(budget, vote)
    page.goto(reverse("budgeting:budget_detail", args=[slug, budget.pk]))
    expect(page.get_by_text("Dit project is gekozen: 3 mensen stemden erop")).to_be_visible()
    expect(page.get_by_text("Dit project is niet gekozen: er was niet genoeg geld")).to_be_visible()
    screenshot(page, f"project-fate-list-{size['width']}")
    assert_accessible(page)
    page.get_by_role("link", name="Bankjes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bankjes")
    # In the project's panel (the golden thread below tells the same fate as its last step).
    panel = page.get_by_role("region", name="Over dit project")
    expect(
        panel.get_by_text("Dit project is niet gekozen: er was niet genoeg geld")
    ).to_be_visible()
    thread = page.get_by_role("region", name="Wat is hiermee gebeurd?")
    expect(thread.get_by_role("listitem").last).to_contain_text("Niet gekozen bij de stemming")
    screenshot(page, f"project-fate-page-{size['width']}")
    assert_accessible(page)


# 4. Delete asks first; the house rules are linked wherever one can comment ------------------


@SIZES
def test_deleting_a_comment_asks_first_and_the_house_rules_are_linked(
    page: Page, municipality, size
):
    from samenspraak.dialogue.factories import CommentFactory, HouseRuleFactory
    from samenspraak.dialogue.models import Comment

    HouseRuleFactory(municipality=municipality, title="Wees vriendelijk")
    from samenspraak.consultation.factories import InputFactory

    process = ProcessFactory(with_phase="consultation.collect", title="Het park")
    item = InputFactory(process=process, phase=process.phases.get())
    resident = UserFactory()
    comment = CommentFactory(target=item, author=resident, body="Meer bomen graag.")
    url = reverse("consultation:input_detail", args=[process.slug, item.pk])
    page.set_viewport_size(size)
    page.goto(f"/account/login/?next={url}")
    page.get_by_label("E-mailadres").fill(resident.email)
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("textbox", name="Code").fill(code_mailed_to(resident.email))
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))

    page.get_by_role("link", name="Reactie verwijderen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("„Meer bomen graag.” verwijderen?")
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert_form_layout(page, f"confirm-delete-{size['width']}")
    assert_accessible(page)
    page.get_by_role("link", name="Nee, niet verwijderen").click()
    expect(page.get_by_text("Meer bomen graag.")).to_be_visible()

    page.get_by_role("link", name="Lees de huisregels").click()
    expect(page.get_by_role("heading", name="Wees vriendelijk")).to_be_visible()
    screenshot(page, f"house-rules-{size['width']}")
    assert_accessible(page)

    page.go_back()
    page.get_by_role("link", name="Reactie verwijderen").click()
    page.get_by_role("button", name="Ja, verwijderen").click()
    expect(page.get_by_text("De reactie is verwijderd.")).to_be_visible()
    assert not Comment.objects.filter(pk=comment.pk).exists()
