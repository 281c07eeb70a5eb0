"""Proposals (an Input plus a BudgetProject), support, the ballot threshold and the review."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from samenspraak.budgeting.budgets.services import budget_lock
from samenspraak.budgeting.factories import BudgetProjectFactory
from samenspraak.budgeting.models import BudgetProject, Feasibility
from samenspraak.budgeting.proposals.selectors import (
    ballot_projects,
    budget_projects,
    review_list,
    supports_needed_text,
    top_projects,
)
from samenspraak.budgeting.proposals.services import project_review, project_submit
from samenspraak.budgeting.tests.conftest import INSIDE, OUTSIDE, PROPOSE, REVIEW, phase_of
from samenspraak.consultation.events import InputSubmitted
from samenspraak.consultation.models import Input, InputStatus, Outcome
from samenspraak.consultation.selectors import process_figures
from samenspraak.consultation.services import input_support
from samenspraak.core.models import AuditLogEntry, OutboxEvent

pytestmark = pytest.mark.django_db


def proposal(**overrides):
    values = dict(
        title="Een speeltuin bij de school",
        body="Een kleine speeltuin met een glijbaan en bankjes voor de ouders.",
        estimated_cost="12.500",
    )
    values.update(overrides)
    return values


def test_resident_proposes_a_project_as_an_input_in_the_budgets_area(
    propose_phase, budget, resident, area
):
    project = project_submit(
        author=resident,
        phase=propose_phase,
        budget=budget,
        latitude=INSIDE[0],
        longitude=INSIDE[1],
        **proposal(),
    )
    project.refresh_from_db()
    assert project.estimated_cost == Decimal("12500.00")
    assert project.feasibility == Feasibility.PENDING
    item = project.input
    assert item.author == resident
    assert item.phase == propose_phase
    assert item.area == area
    assert item.status == InputStatus.SUBMITTED
    assert item.due_date is not None


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"title": "Kort"}, "title"),
        ({"body": "Te kort"}, "body"),
        ({"estimated_cost": "veel"}, "estimated_cost"),
        ({"estimated_cost": "0"}, "estimated_cost"),
        ({"estimated_cost": "60.000"}, "estimated_cost"),
        ({"estimated_cost": ""}, "estimated_cost"),
        ({"category": "Groen"}, "category"),
        ({"latitude": OUTSIDE[0], "longitude": OUTSIDE[1]}, "latitude"),
        ({"latitude": INSIDE[0]}, "latitude"),
    ],
)
def test_bad_proposals_are_refused_per_field(propose_phase, budget, resident, overrides, field):
    with pytest.raises(ValidationError) as error:
        project_submit(author=resident, phase=propose_phase, budget=budget, **proposal(**overrides))
    assert field in error.value.message_dict
    assert not Input.objects.exists()
    assert not BudgetProject.objects.exists()


def test_all_problems_come_at_once(propose_phase, budget, resident):
    """Text problems from consultation and cost problems from budgeting in one message set."""
    with pytest.raises(ValidationError) as error:
        project_submit(
            author=resident,
            phase=propose_phase,
            budget=budget,
            **proposal(title="x", estimated_cost="veel"),
        )
    assert {"title", "estimated_cost"} <= set(error.value.message_dict)


def test_category_is_required_and_must_be_one_of_the_budgets(propose_phase, budget, resident):
    budget.category_budgets = {"Groen": "20000.00", "Spelen": "10000.00"}
    budget.save()
    for category in ("", "Verkeer"):
        with pytest.raises(ValidationError) as error:
            project_submit(
                author=resident,
                phase=propose_phase,
                budget=budget,
                **proposal(category=category),
            )
        assert "category" in error.value.message_dict
    project = project_submit(
        author=resident, phase=propose_phase, budget=budget, **proposal(category="Spelen")
    )
    assert project.category == "Spelen"


def test_a_budget_of_another_process_is_refused(propose_phase, resident):
    from samenspraak.budgeting.factories import BudgetFactory

    other = BudgetFactory()
    with pytest.raises(ValidationError) as error:
        project_submit(author=resident, phase=propose_phase, budget=other, **proposal())
    assert "budget" in error.value.message_dict


@pytest.mark.parametrize("when", ["before", "after"])
def test_proposing_outside_the_phase_is_refused(process, budget, resident, when):
    phase = phase_of(process, PROPOSE, when)
    with pytest.raises(PermissionDenied):
        project_submit(author=resident, phase=phase, budget=budget, **proposal())


def test_proposing_in_a_review_phase_is_refused(process, budget, resident):
    phase = phase_of(process, REVIEW, "during")
    with pytest.raises(PermissionDenied):
        project_submit(author=resident, phase=phase, budget=budget, **proposal())


def test_staff_do_not_propose(propose_phase, budget, manager):
    with pytest.raises(PermissionDenied):
        project_submit(author=manager, phase=propose_phase, budget=budget, **proposal())


def test_supporting_a_project_uses_consultations_support(propose_phase, budget, resident):
    from samenspraak.accounts.factories import UserFactory

    project = project_submit(author=resident, phase=propose_phase, budget=budget, **proposal())
    other = UserFactory()
    assert input_support(user=other, input=project.input) is True
    assert input_support(user=other, input=project.input) is False
    with pytest.raises(PermissionDenied):
        input_support(user=resident, input=project.input)  # the author
    project.input.refresh_from_db()
    assert project.input.support_count == 1


# --- Threshold and ballot ----------------------------------------------------------------------


def supported(project, n):
    Input.objects.filter(pk=project.input_id).update(support_count=n)
    return project


def test_ballot_holds_feasible_projects_with_enough_support(city_budget):
    enough = supported(BudgetProjectFactory(budget=city_budget), 10)
    supported(BudgetProjectFactory(budget=city_budget), 9)  # one short
    supported(BudgetProjectFactory(budget=city_budget, feasibility=Feasibility.NOT_FEASIBLE), 50)
    supported(BudgetProjectFactory(budget=city_budget, feasibility=Feasibility.PENDING), 50)
    assert [p.pk for p in ballot_projects(city_budget)] == [enough.pk]


def test_without_threshold_every_feasible_project_is_on_the_ballot(budget):
    a = BudgetProjectFactory(budget=budget, estimated_cost=Decimal("1000"), final_cost=2000)
    b = BudgetProjectFactory(budget=budget)
    BudgetProjectFactory(budget=budget, feasibility=Feasibility.NOT_FEASIBLE)
    projects = ballot_projects(budget)
    assert [p.pk for p in projects] == [a.pk, b.pk]
    assert projects[0].cost == Decimal("2000")


def test_progress_toward_the_threshold_in_words(city_budget):
    supported(BudgetProjectFactory(budget=city_budget), 3)
    supported(BudgetProjectFactory(budget=city_budget), 10)
    low, high = sorted(budget_projects(city_budget), key=lambda p: p.input.support_count)
    assert supports_needed_text(low) == "nog 7 steunbetuigingen nodig"
    assert low.on_ballot is False
    assert supports_needed_text(high) == "genoeg steun"
    assert high.on_ballot is True
    one_short = supported(BudgetProjectFactory(budget=city_budget), 9)
    (project,) = [p for p in budget_projects(city_budget) if p.pk == one_short.pk]
    assert supports_needed_text(project) == "nog 1 steunbetuiging nodig"


def test_top_projects_per_budget_in_one_query(budget, city_budget, django_assert_num_queries):
    for n in range(5):
        supported(BudgetProjectFactory(budget=budget), n)
        supported(BudgetProjectFactory(budget=city_budget), 10 * n)
    with django_assert_num_queries(1):
        top = top_projects([budget, city_budget], limit=3)
    assert [p.input.support_count for p in top[budget.pk]] == [4, 3, 2]
    assert [p.input.support_count for p in top[city_budget.pk]] == [40, 30, 20]


# --- Review ------------------------------------------------------------------------------------


@pytest.fixture
def pending(propose_phase, budget, resident):
    return project_submit(author=resident, phase=propose_phase, budget=budget, **proposal())


def test_feasible_review_sets_cost_and_publishes_an_adopted_answer(pending, manager, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    project_review(
        actor=manager,
        project=pending,
        feasibility=Feasibility.FEASIBLE,
        final_cost="14.000",
        reason="De glijbaan moet op een valdempende ondergrond; dat kost iets meer.",
    )
    pending.refresh_from_db()
    assert pending.feasibility == Feasibility.FEASIBLE
    assert pending.final_cost == Decimal("14000")
    answer = pending.input.answer
    assert answer.outcome == Outcome.ADOPTED
    assert answer.body.startswith("Haalbaar: komt op het stembiljet")
    assert "€ 14.000" in answer.body
    assert "valdempende" in answer.reason
    assert pending.input.status == InputStatus.ANSWERED
    assert process_figures(pending.budget.process).answered == 1
    assert AuditLogEntry.objects.filter(action="budgeting.project_reviewed").exists()
    assert AuditLogEntry.objects.filter(action="consultation.input_answered").exists()


def test_feasible_without_a_cost_keeps_the_estimate(pending, manager):
    project_review(
        actor=manager, project=pending, feasibility=Feasibility.FEASIBLE, reason="Kan zo."
    )
    pending.refresh_from_db()
    assert pending.final_cost == Decimal("12500")


def test_not_feasible_is_not_adopted_with_the_public_reason(pending, manager):
    project_review(
        actor=manager,
        project=pending,
        feasibility=Feasibility.NOT_FEASIBLE,
        reason="Dit terrein is van de provincie.",
    )
    pending.refresh_from_db()
    assert pending.feasibility == Feasibility.NOT_FEASIBLE
    assert pending.input.answer.outcome == Outcome.NOT_ADOPTED
    assert pending.input.answer.body.startswith("Niet haalbaar")
    assert ballot_projects(pending.budget) == []


def test_with_a_threshold_the_answer_says_support_is_still_needed(
    propose_phase, city_budget, resident, manager
):
    project = project_submit(author=resident, phase=propose_phase, budget=city_budget, **proposal())
    project_review(actor=manager, project=project, feasibility="feasible", reason="Kan zo.")
    assert "als 10 inwoners het steunen" in project.input.answer.body


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"feasibility": "maybe"}, "feasibility"),
        ({"feasibility": "pending"}, "feasibility"),
        ({"final_cost": "veel"}, "final_cost"),
        ({"final_cost": "0"}, "final_cost"),
        ({"final_cost": "60.000"}, "final_cost"),
        ({"reason": "Ok"}, "reason"),
    ],
)
def test_bad_reviews_are_refused_per_field(pending, manager, overrides, field):
    values = dict(feasibility=Feasibility.FEASIBLE, reason="Kan zo.", final_cost="")
    values.update(overrides)
    with pytest.raises(ValidationError) as error:
        project_review(actor=manager, project=pending, **values)
    assert field in error.value.message_dict
    pending.refresh_from_db()
    assert pending.feasibility == Feasibility.PENDING
    assert not hasattr(Input.objects.get(pk=pending.input_id), "answer")


def test_re_review_changes_the_answer_until_voting_starts(pending, manager):
    project_review(actor=manager, project=pending, feasibility="not_feasible", reason="Te duur.")
    project_review(actor=manager, project=pending, feasibility="feasible", reason="Toch goedkoper.")
    pending.refresh_from_db()
    assert pending.feasibility == Feasibility.FEASIBLE
    assert pending.input.answer.outcome == Outcome.ADOPTED
    budget_lock(pending.budget)
    with pytest.raises(ValidationError):
        project_review(actor=manager, project=pending, feasibility="not_feasible", reason="Nee.")
    pending.refresh_from_db()
    assert pending.feasibility == Feasibility.FEASIBLE


def test_residents_cannot_review(pending):
    from samenspraak.accounts.factories import UserFactory

    with pytest.raises(PermissionDenied):
        project_review(
            actor=UserFactory(), project=pending, feasibility="feasible", reason="Kan zo."
        )


def test_review_list_puts_pending_projects_first(budget):
    done = BudgetProjectFactory(budget=budget)
    waiting = BudgetProjectFactory(budget=budget, feasibility=Feasibility.PENDING)
    assert [p.pk for p in review_list(budget)] == [waiting.pk, done.pk]


def test_no_mail_is_lost_when_the_review_fails(pending, manager):
    mail.outbox.clear()
    with pytest.raises(ValidationError):
        project_review(actor=manager, project=pending, feasibility="feasible", reason="")
    assert mail.outbox == []


def test_submitting_a_proposal_emits_exactly_one_input_submitted(propose_phase, budget, resident):
    """Proposals take consultation's one route for a new Input (input_create), so subscribers
    to InputSubmitted hear of them like of any input; a rejected proposal emits nothing."""
    with pytest.raises(ValidationError):
        project_submit(
            author=resident, phase=propose_phase, budget=budget, **proposal(estimated_cost="")
        )
    project = project_submit(author=resident, phase=propose_phase, budget=budget, **proposal())
    payloads = list(
        OutboxEvent.objects.filter(type=InputSubmitted.type).values_list("payload", flat=True)
    )
    assert payloads == [
        {
            "input_id": project.input_id,
            "process_id": propose_phase.process_id,
            "phase_id": propose_phase.pk,
            "channel": "online",
        }
    ]
