"""Budget setup: Dutch amounts, validation per field, the lock when voting starts, eligibility."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samenspraak.accounts.models import AttributeKind, Role
from samenspraak.budgeting.budgets.forms import format_category_budgets, parse_category_budgets
from samenspraak.budgeting.budgets.selectors import (
    ballot_description,
    budget_is_locked,
    eligibility_problem,
    voter_is_eligible,
)
from samenspraak.budgeting.budgets.services import budget_delete, budget_lock, budget_save
from samenspraak.budgeting.factories import BudgetFactory, BudgetProjectFactory
from samenspraak.budgeting.models import BallotType, Budget, OutcomeRule
from samenspraak.budgeting.tests.conftest import VOTE, phase_of, user_with_role, verify
from samenspraak.core.models import AuditLogEntry
from samenspraak.core.money import format_money, parse_money
from samenspraak.organisations.factories import AreaFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, amount",
    [
        ("12.500", Decimal("12500")),
        ("12500", Decimal("12500")),
        ("12500,50", Decimal("12500.50")),
        ("12.500,50", Decimal("12500.50")),
        ("€ 12.500,-", Decimal("12500")),
        ("1.250.000", Decimal("1250000")),
        ("12 500", Decimal("12500")),
        ("250,5", Decimal("250.5")),
        ("99.95", Decimal("99.95")),
        (" 7 ", Decimal("7")),
    ],
)
def test_dutch_amounts_are_understood(text, amount):
    assert parse_money(text) == amount


@pytest.mark.parametrize(
    "text, amount",
    [("12,500", Decimal("12500")), ("12,500.50", Decimal("12500.50")), ("1,250,000", 1250000)],
)
def test_english_amounts_are_understood_too(text, amount):
    """The English page asks for '12,500'; euros have two decimals, so ',500' is thousands."""
    assert parse_money(text) == amount


@pytest.mark.parametrize("text", ["", "twaalf", "12,500,5", "1.2.3", "12,5,0", "-5", "12.5000"])
def test_other_text_is_not_an_amount(text):
    with pytest.raises(ValueError) as error:
        parse_money(text)
    assert "bedrag" in str(error.value)


def test_amounts_are_shown_the_dutch_way():
    assert format_money(Decimal("12500")) == "€ 12.500"
    assert format_money(Decimal("12500.50")) == "€ 12.500,50"
    assert format_money(Decimal("1250000.00")) == "€ 1.250.000"


def test_category_lines_are_read_and_written_back():
    categories = parse_category_budgets("Groen = 20.000\n\nSpelen=5000,50\n")
    assert categories == {"Groen": "20000.00", "Spelen": "5000.50"}
    assert format_category_budgets(categories) == "Groen = 20.000\nSpelen = 5.000,50"


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("Groen 20000", "Regel 1"),
        ("Groen = 20000\nGroen = 5", "staat er al"),
        ("Groen = veel", "geen bedrag"),
        ("= 500", "Regel 1"),
        ("Groen = 0", "meer dan"),
    ],
)
def test_bad_category_lines_name_the_line(text, fragment):
    with pytest.raises(ValueError) as error:
        parse_category_budgets(text)
    assert fragment in str(error.value)


def good(**overrides):
    values = dict(
        title="Buurtbudget Noord",
        amount="50.000",
        ballot_type=BallotType.APPROVAL,
        rule=OutcomeRule.MES_ADD1_GREEDY,
    )
    values.update(overrides)
    return values


def test_manager_creates_a_budget_and_it_is_audited(process, manager, area):
    budget = budget_save(
        actor=manager,
        process=process,
        area=area,
        required_attributes=[AttributeKind.RESIDENT_OF_AREA, AttributeKind.AGE_16_PLUS],
        support_threshold=10,
        category_budgets={"Groen": "20000"},
        **good(ballot_type=BallotType.RANKING, max_choices=3),
    )
    budget.refresh_from_db()
    assert budget.amount == Decimal("50000")
    assert budget.required_attributes == ["age_16_plus", "resident_of_area"]
    assert budget.max_choices == 3
    entry = AuditLogEntry.objects.get(action="budgeting.budget_created")
    assert entry.actor == manager
    assert entry.changes["amount"] == "50000"


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"title": "ab"}, "title"),
        ({"amount": "0"}, "amount"),
        ({"amount": "veel geld"}, "amount"),
        ({"ballot_type": "lottery"}, "ballot_type"),
        ({"ballot_type": BallotType.RANKING}, "max_choices"),
        ({"ballot_type": BallotType.KNAPSACK, "max_choices": 3}, "max_choices"),
        ({"max_choices": 0}, "max_choices"),
        ({"ballot_type": BallotType.CUMULATIVE}, "points"),
        ({"ballot_type": BallotType.CUMULATIVE, "points": 5000}, "points"),
        ({"points": 10}, "points"),
        ({"rule": OutcomeRule.GREEDY_THRESHOLD}, "min_score"),
        ({"min_score": 5}, "min_score"),
        ({"rule": "coin-toss"}, "rule"),
        ({"support_threshold": -1}, "support_threshold"),
        ({"required_attributes": ["has_a_cat"]}, "required_attributes"),
        ({"required_attributes": [AttributeKind.RESIDENT_OF_AREA]}, "required_attributes"),
        ({"category_budgets": {"Groen": "40000", "Spelen": "20000"}}, "category_budgets"),
    ],
)
def test_bad_values_are_refused_per_field_in_dutch(process, manager, overrides, field):
    with pytest.raises(ValidationError) as error:
        budget_save(actor=manager, process=process, **good(**overrides))
    assert field in error.value.message_dict
    assert Budget.objects.count() == 0


def test_an_area_of_another_municipality_is_refused(process, manager):
    from samenspraak.organisations.factories import MunicipalityFactory

    elsewhere = AreaFactory(municipality=MunicipalityFactory(slug="elders", name="Elders"))
    with pytest.raises(ValidationError) as error:
        budget_save(actor=manager, process=process, area=elsewhere, **good())
    assert "area" in error.value.message_dict


def test_valid_combinations_per_ballot_type(process, manager):
    """Approval with and without a maximum, knapsack, cumulative with points, greedy threshold."""
    budget_save(actor=manager, process=process, **good())
    budget_save(actor=manager, process=process, **good(max_choices=3))
    budget_save(actor=manager, process=process, **good(ballot_type=BallotType.KNAPSACK))
    budget_save(
        actor=manager, process=process, **good(ballot_type=BallotType.CUMULATIVE, points=10)
    )
    budget_save(
        actor=manager, process=process, **good(rule=OutcomeRule.GREEDY_THRESHOLD, min_score=5)
    )
    assert Budget.objects.count() == 5


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.MODERATOR, Role.COUNCIL_MEMBER, Role.CLERK])
def test_only_managers_set_up_budgets(process, role):
    with pytest.raises(PermissionDenied):
        budget_save(actor=user_with_role(role), process=process, **good())


def test_administrators_set_up_budgets(process):
    budget_save(actor=user_with_role(Role.ADMINISTRATOR), process=process, **good())


def test_edit_is_audited_with_before_and_after(process, manager, budget):
    budget.refresh_from_db()
    budget_save(actor=manager, process=process, budget=budget, **good(amount="60.000"))
    budget.refresh_from_db()
    assert budget.amount == Decimal("60000")
    entry = AuditLogEntry.objects.get(action="budgeting.budget_changed")
    assert entry.changes["amount"] == ["50000.00", "60000"]


def test_locked_budget_refuses_changes_to_the_rule_but_not_to_its_name(process, manager, budget):
    budget_lock(budget, actor=manager)
    assert budget_is_locked(budget)
    with pytest.raises(ValidationError) as error:
        budget_save(
            actor=manager,
            process=process,
            budget=budget,
            area=budget.area,
            **good(amount="60.000", rule=OutcomeRule.GREEDY),
        )
    assert "vast" in error.value.message_dict["amount"][0]
    assert "rule" in error.value.message_dict
    budget_save(
        actor=manager,
        process=process,
        budget=budget,
        area=budget.area,
        **good(title="Nieuwe naam", amount="50.000,00"),
    )
    budget.refresh_from_db()
    assert budget.title == "Nieuwe naam"


def test_lock_is_idempotent_and_audited_once(budget):
    first = budget_lock(budget).locked_at
    second = budget_lock(Budget.objects.get(pk=budget.pk)).locked_at
    assert first == second
    assert AuditLogEntry.objects.filter(action="budgeting.budget_locked").count() == 1


def test_a_started_vote_phase_locks_the_budget_without_budget_lock(process, budget):
    assert not budget_is_locked(budget)
    phase_of(process, VOTE, "during")
    budget = Budget.objects.get(pk=budget.pk)
    assert budget_is_locked(budget)


def test_budget_with_projects_cannot_be_deleted(process, manager, budget):
    BudgetProjectFactory(budget=budget)
    with pytest.raises(ValidationError):
        budget_delete(actor=manager, budget=budget)
    empty = BudgetFactory(process=process)
    budget_delete(actor=manager, budget=empty)
    assert not Budget.objects.filter(pk=empty.pk).exists()


def test_ballot_in_plain_words(budget):
    budget.max_choices = 3
    assert ballot_description(budget) == "Kies hoogstens 3 projecten."
    budget.ballot_type, budget.points, budget.max_choices = BallotType.CUMULATIVE, 10, None
    assert "10 punten" in ballot_description(budget)
    budget.ballot_type, budget.max_choices = BallotType.RANKING, 5
    assert "5 favoriete" in ballot_description(budget)


# --- Eligibility -------------------------------------------------------------------------------


def test_no_requirements_means_every_account_may_vote(budget, resident):
    assert voter_is_eligible(resident, budget)


def test_anonymous_visitors_are_asked_to_log_in(budget):
    from django.contrib.auth.models import AnonymousUser

    assert "Log" in eligibility_problem(AnonymousUser(), budget)


def test_resident_of_the_area_may_vote_others_hear_why_not(budget, area, resident):
    budget.required_attributes = [AttributeKind.RESIDENT_OF_AREA]
    assert eligibility_problem(resident, budget) == (
        "U moet in Noord wonen om hierover te stemmen. Laat dit eerst controleren."
    )
    verify(resident, AttributeKind.RESIDENT_OF_AREA, area=AreaFactory(name="Zuid"))
    assert not voter_is_eligible(resident, budget)
    verify(resident, AttributeKind.RESIDENT_OF_AREA, area=area)
    assert voter_is_eligible(resident, budget)


def test_living_in_a_neighbourhood_of_the_district_counts(budget, area, resident):
    budget.required_attributes = [AttributeKind.RESIDENT_OF_AREA]
    verify(resident, AttributeKind.RESIDENT_OF_AREA, area=AreaFactory(parent=area))
    assert voter_is_eligible(resident, budget)


def test_age_is_checked_and_18_plus_is_also_16_plus(budget, resident):
    budget.required_attributes = [AttributeKind.AGE_16_PLUS]
    assert "16 jaar" in eligibility_problem(resident, budget)
    verify(resident, AttributeKind.AGE_18_PLUS)
    assert voter_is_eligible(resident, budget)


def test_expired_attributes_do_not_count(budget, resident):
    budget.required_attributes = [AttributeKind.RESIDENT_OF_MUNICIPALITY]
    verify(resident, AttributeKind.RESIDENT_OF_MUNICIPALITY, expires_at=timezone.now())
    assert not voter_is_eligible(resident, budget)
    assert "in de gemeente wonen" in eligibility_problem(resident, budget)


def test_all_requirements_must_hold(budget, area, resident):
    budget.required_attributes = [AttributeKind.RESIDENT_OF_AREA, AttributeKind.AGE_16_PLUS]
    verify(resident, AttributeKind.RESIDENT_OF_AREA, area=area)
    assert "16 jaar" in eligibility_problem(resident, budget)
    verify(resident, AttributeKind.AGE_16_PLUS)
    assert eligibility_problem(resident, budget) is None


def test_eligibility_costs_one_query(budget, area, resident, django_assert_num_queries):
    budget.required_attributes = [AttributeKind.RESIDENT_OF_AREA, AttributeKind.AGE_16_PLUS]
    verify(resident, AttributeKind.RESIDENT_OF_AREA, area=area)
    budget = Budget.objects.select_related("area").get(pk=budget.pk)
    budget.required_attributes = [AttributeKind.RESIDENT_OF_AREA, AttributeKind.AGE_16_PLUS]
    with django_assert_num_queries(1):
        eligibility_problem(resident, budget)


def test_category_amounts_are_stored_in_one_form(process, manager):
    budget = budget_save(
        actor=manager,
        process=process,
        category_budgets={"Groen": 20000, "Spelen": "5.000,5"},
        **good(),
    )
    assert budget.category_budgets == {"Groen": "20000.00", "Spelen": "5000.50"}
    with pytest.raises(ValidationError) as error:
        budget_save(actor=manager, process=process, category_budgets={"Groen": "0"}, **good())
    assert "category_budgets" in error.value.message_dict
