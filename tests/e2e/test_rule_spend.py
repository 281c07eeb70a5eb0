"""Staff see, per offered rule, how much of the budget it spends (in a real browser, with
axe-core): before the count it says why not yet, after the count a table with every rule, the
budget's own marked, and a rule that cannot be applied says why. The rule choice on the budget
form explains each rule. Screenshots go to test-results/."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.budgeting.factories import BudgetFactory
from samenspraak.budgeting.models import OutcomeRule
from samenspraak.budgeting.tests.conftest import VOTE, phase_of
from samenspraak.budgeting.tests.test_results import cast, project
from samenspraak.organisations.factories import MunicipalityFactory
from samenspraak.processes.factories import ProcessFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.layout import screenshot
from tests.e2e.test_consultation_journey import log_in_staff

pytestmark = pytest.mark.browser


@pytest.fixture
def budget(transactional_db):
    """€100.000 (approval, Exact Equal Shares with ADD-OPT-SKIP), the vote over: 60 voters back
    a playground and benches (€50.000 each), 40 back trees (€50.000), 10 only the benches."""
    MunicipalityFactory()
    process = ProcessFactory(title="Burgerbegroting Teststad", slug="burgerbegroting")
    budget = BudgetFactory(
        process=process,
        title="Voor de hele stad",
        amount=Decimal("100000"),
        rule=OutcomeRule.EES_ADD_OPT_SKIP,
    )
    a = project(budget, "50000", "Een speeltuin")
    b = project(budget, "50000", "Bankjes langs de Singel")
    c = project(budget, "50000", "Bomen in de Dorpsstraat")
    for _ in range(60):
        cast(budget, {a: 1, b: 1})
    for _ in range(40):
        cast(budget, {c: 1})
    for _ in range(10):
        cast(budget, {b: 1})
    phase_of(process, VOTE, "after")
    return budget


def test_staff_see_what_each_rule_spends(page: Page, budget):
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    log_in_staff(page, manager)

    page.goto(f"/beheer/processen/{budget.process.slug}/budgetten/{budget.pk}/")
    page.get_by_text("Wat doet elke regel?").click()
    expect(
        page.get_by_text("Wie aan een project meebetaalt, betaalt precies evenveel")
    ).to_be_visible()
    screenshot(page, "rule-choice-explained")

    page.goto(f"/beheer/budgetten/{budget.pk}/uitslag/")
    spend = page.get_by_role("region", name="Wat elke regel uitgeeft")
    expect(spend).to_contain_text("Na het berekenen van de uitslag ziet u hier per regel")
    page.get_by_role("button", name="Uitslag berekenen").click()
    table = page.get_by_role("table", name="Per regel: gekozen projecten, uitgegeven geld")
    expect(table).to_be_visible()
    own = table.get_by_role("row").filter(has_text="de regel van dit budget")
    expect(own).to_contain_text("Exact gelijke delen, snel aangevuld (ADD-OPT-SKIP)")
    expect(own).to_contain_text("100 % van het budget")
    greedy = table.get_by_role("row").filter(has_text="Meeste stemmen eerst; sla over")
    expect(greedy).to_contain_text("100 % van het budget")
    expect(greedy).to_contain_text("70 (63 %)")
    threshold = table.get_by_role("row").filter(has_text="met een minimum aantal stemmen")
    expect(threshold).to_contain_text("Niet te berekenen")
    assert_accessible(page)
    screenshot(page, "rule-spend-table")
