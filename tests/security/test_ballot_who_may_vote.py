"""Who may vote (docs/ballot-secrecy.md, "Who may vote"): residents, once; staff accounts do
not vote; an account and a code used while logged in count as one person."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.accounts.tests.conftest import log_in_staff
from samenspraak.budgeting import voting
from samenspraak.budgeting.models import Ballot, VoterRegister
from samenspraak.budgeting.tests.test_voting_helpers import vote_budget
from samenspraak.budgeting.voting import codes, paper

pytestmark = pytest.mark.django_db


def letter(budget) -> str:
    _batch, letters = codes.generate_batch(budget=budget, label="Brief", created_by=None, count=1)
    return letters[0]["code"]


@pytest.mark.parametrize("role", [Role.PROCESS_MANAGER, Role.MODERATOR, Role.ADMINISTRATOR])
def test_staff_accounts_cannot_vote_as_residents(role):
    budget, projects = vote_budget()
    with pytest.raises(PermissionDenied, match="medewerker van de gemeente"):
        voting.cast_online(
            budget=budget, user=StaffUserFactory(role=role), choices={projects[0].pk: 1}
        )
    assert not Ballot.objects.exists() and not VoterRegister.objects.exists()


def test_the_ballot_page_tells_staff_they_do_not_vote(client):
    budget, projects = vote_budget()
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    log_in_staff(client, manager)
    url = reverse("budgeting:ballot", args=[budget.pk])
    assert "Met dit account stemt u niet mee" in client.get(url).content.decode()
    response = client.post(url, {"projects": [projects[0].pk], "confirm": "1"})
    assert response.status_code == 200
    assert "Met dit account stemt u niet mee" in response.content.decode()
    assert not Ballot.objects.exists()


def test_staff_may_enter_paper_ballots():
    budget, projects = vote_budget()
    clerks = [StaffUserFactory(role=Role.PROCESS_MANAGER) for _i in range(2)]
    for clerk in clerks:
        outcome = paper.enter_sheet(
            budget=budget, sheet="1", choices={projects[0].pk: 1}, user=clerk
        )
    assert outcome.status == paper.Status.COUNTED and Ballot.objects.count() == 1


def test_a_resident_who_voted_online_cannot_use_a_code_while_logged_in():
    budget, projects = vote_budget()
    resident = UserFactory()
    code = letter(budget)
    voting.cast_online(budget=budget, user=resident, choices={projects[0].pk: 1})
    with pytest.raises(ValidationError) as error:
        voting.cast_with_code(budget=budget, code=code, choices={projects[1].pk: 1}, user=resident)
    assert "al gestemd met uw account" in error.value.message_dict["code"][0]
    assert Ballot.objects.count() == 1
    assert codes.code_lookup(budget, code)[1] is None  # the code is still unused


def test_a_resident_who_used_a_code_while_logged_in_cannot_vote_online():
    budget, projects = vote_budget()
    resident = UserFactory()
    voting.cast_with_code(
        budget=budget, code=letter(budget), choices={projects[0].pk: 1}, user=resident
    )
    row = VoterRegister.objects.get()
    assert row.user == resident and row.code is not None and row.channel == "code"
    with pytest.raises(PermissionDenied, match="al gestemd met een stemcode"):
        voting.cast_online(budget=budget, user=resident, choices={projects[1].pk: 1})
    assert Ballot.objects.count() == 1


def test_the_code_page_refuses_a_resident_who_voted_online(client):
    budget, projects = vote_budget()
    resident = UserFactory()
    voting.cast_online(budget=budget, user=resident, choices={projects[0].pk: 1})
    client.force_login(resident)
    code = letter(budget)
    response = client.post(
        reverse("budgeting:vote_code", args=[budget.pk]),
        {"code": code, "projects": [projects[1].pk], "confirm": "1"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "al gestemd met uw account" in page and code in page  # what they typed stays
    assert Ballot.objects.count() == 1


def test_a_staff_member_with_a_letter_votes_as_the_letter_not_as_the_account():
    """A code is the letter's vote, whoever holds it: staff logged in use it anonymously."""
    budget, projects = vote_budget()
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    voting.cast_with_code(
        budget=budget, code=letter(budget), choices={projects[0].pk: 1}, user=manager
    )
    assert VoterRegister.objects.get().user is None


def test_one_ballot_per_account_and_one_per_code_when_logged_out():
    """The limit, stated: codes are anonymous letters. Logged out, the holder of an account and
    a letter can vote with both; one ballot per account and one per code is what we enforce."""
    budget, projects = vote_budget()
    resident = UserFactory()
    code = letter(budget)
    voting.cast_online(budget=budget, user=resident, choices={projects[0].pk: 1})
    voting.cast_with_code(budget=budget, code=code, choices={projects[1].pk: 1})
    assert Ballot.objects.count() == 2
    with pytest.raises(ValidationError):
        voting.cast_with_code(budget=budget, code=code, choices={projects[1].pk: 1})
    voting.cast_online(budget=budget, user=resident, choices={projects[2].pk: 1})
    assert Ballot.objects.count() == 2


def test_the_ballot_page_tells_who_voted_with_a_code_that_they_voted(client):
    budget, projects = vote_budget()
    resident = UserFactory()
    voting.cast_with_code(
        budget=budget, code=letter(budget), choices={projects[0].pk: 1}, user=resident
    )
    client.force_login(resident)
    page = client.get(reverse("budgeting:ballot", args=[budget.pk])).content.decode()
    assert "U heeft al gestemd met een stemcode" in page
