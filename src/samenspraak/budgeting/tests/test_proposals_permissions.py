"""Who may propose, support, review and set up budgets: role × phase moment."""

import pytest

from samenspraak.accounts.models import Role
from samenspraak.budgeting import permissions
from samenspraak.budgeting.factories import BudgetProjectFactory
from samenspraak.budgeting.models import Feasibility
from samenspraak.budgeting.tests.conftest import PROPOSE, REVIEW, phase_of, user_with_role

pytestmark = pytest.mark.django_db

ROLES = [
    Role.RESIDENT,
    Role.MODERATOR,
    Role.PROCESS_MANAGER,
    Role.COUNCIL_MEMBER,
    Role.CLERK,
    Role.ADMINISTRATOR,
]
MANAGERS = {Role.PROCESS_MANAGER, Role.ADMINISTRATOR}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("when", ["before", "during", "after"])
def test_only_residents_propose_and_only_while_the_phase_runs(process, role, when):
    phase = phase_of(process, PROPOSE, when)
    expected = role == Role.RESIDENT and when == "during"
    assert permissions.can_propose(user_with_role(role), phase) is expected


def test_a_review_phase_takes_no_proposals(process):
    phase = phase_of(process, REVIEW, "during")
    assert not permissions.can_propose(user_with_role(Role.RESIDENT), phase)


def test_anonymous_visitors_do_nothing(process):
    from django.contrib.auth.models import AnonymousUser

    phase = phase_of(process, PROPOSE, "during")
    assert not permissions.can_propose(AnonymousUser(), phase)
    assert not permissions.can_review(AnonymousUser(), process)
    assert not permissions.can_manage_budgets(AnonymousUser(), process)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("when", ["before", "during", "after"])
def test_residents_support_projects_while_the_proposal_phase_runs(budget, role, when):
    phase = phase_of(budget.process, PROPOSE, when)
    project = BudgetProjectFactory(budget=budget, feasibility=Feasibility.PENDING)
    project.input.phase = phase
    expected = role == Role.RESIDENT and when == "during"
    assert permissions.can_support(user_with_role(role), project) is expected


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_review_and_set_up_budgets(process, role):
    user = user_with_role(role)
    assert permissions.can_review(user, process) is (role in MANAGERS)
    assert permissions.can_manage_budgets(user, process) is (role in MANAGERS)
