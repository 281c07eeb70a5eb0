"""The knapsack ballot's "left" line is written by the server and, while the person ticks
projects, by ballot.js: both in core.money's notation for the page's language (Dutch
"€ 12.500,50", English "€12,500.50"), so the line never switches notation under the reader."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Browser, expect

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.budgeting.budgets import services as budget_services
from samenspraak.budgeting.models import Budget, OutcomeRule
from samenspraak.budgeting.phases import VOTE
from samenspraak.organisations.factories import MunicipalityFactory
from samenspraak.processes.services import shipped_templates_install
from tests.e2e.axe import watch_console
from tests.e2e.test_budgeting_journey import (
    add_reviewed_projects,
    days_until,
    move_phases,
    published_burgerbegroting,
)
from tests.e2e.test_consultation_journey import log_in_resident_by_code

pytestmark = pytest.mark.browser


@pytest.fixture
def budget(transactional_db):
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
        manager, budget, {"Een pannakooi": Decimal("12500.50"), "Een schoolplein": 50_000}
    )
    move_phases(process, days=days_until(process, VOTE))
    return budget


@pytest.mark.parametrize(
    ("language", "start", "after_tick", "over"),
    [
        ("nl", "Nog € 100.000 over.", "Nog € 87.499,50 over.", "U zit € 12.500,50 boven"),
        ("en", "€100,000 left.", "€87,499.50 left.", "You are €12,500.50 over"),
    ],
)
def test_the_remaining_amount_keeps_the_notation_of_the_page_language(
    browser: Browser, live_server, budget, language, start, after_tick, over
):
    voter = UserFactory()
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch_console(page)
    log_in_resident_by_code(page, voter.email)

    with translation.override(language):  # English pages live under /en/
        page.goto(reverse("budgeting:ballot", args=[budget.pk]))
    remaining = page.locator("#ballot-remaining")
    expect(remaining).to_contain_text(start)  # written by the server (core.money)
    page.get_by_label("Een pannakooi").check()
    expect(remaining).to_contain_text(after_tick)  # written by ballot.js
    Budget.objects.filter(pk=budget.pk).update(amount=Decimal("0.00"))
    page.reload()
    page.get_by_label("Een pannakooi").check()
    expect(remaining).to_contain_text(over)
    context.close()
