"""A person's data export says that they voted, never how; erasing keeps the turnout."""

import datetime

import pytest

from samenspraak.accounts import privacy
from samenspraak.accounts.factories import UserFactory
from samenspraak.budgeting.factories import BudgetFactory, BudgetProjectFactory
from samenspraak.budgeting.models import Ballot, BallotChoice, VoterRegister

pytestmark = pytest.mark.django_db


def _voted(user, budget):
    project = BudgetProjectFactory(budget=budget)
    ballot = Ballot.objects.create(budget=budget)
    BallotChoice.objects.create(ballot=ballot, project=project, value=1)
    VoterRegister.objects.create(
        budget=budget, user=user, channel="online", voted_on=datetime.date.today()
    )
    return project


def test_export_lists_votes_without_choices():
    user = UserFactory()
    budget = BudgetFactory(title="Buurtbudget Noord")
    project = _voted(user, budget)
    _voted(UserFactory(), BudgetFactory())

    exported = privacy.export_user_data(user)["budgeting"]["votes"]

    assert exported == [
        {
            "process": budget.process.title,
            "budget": "Buurtbudget Noord",
            "channel": "online",
            "voted_on": datetime.date.today().isoformat(),
        }
    ]
    assert project.input.title not in str(exported)


def test_anonymise_keeps_the_register_row_without_the_person():
    user = UserFactory()
    budget = BudgetFactory()
    _voted(user, budget)

    privacy.anonymise_user_data(user)

    assert VoterRegister.objects.filter(budget=budget, user__isnull=True).count() == 1
    assert not VoterRegister.objects.filter(user=user).exists()
