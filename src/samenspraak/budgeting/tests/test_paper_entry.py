"""Paper ballots: two different staff members enter a sheet; it counts when they agree."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.budgeting import voting
from samenspraak.budgeting.models import Ballot, PaperEntry, VoterRegister
from samenspraak.budgeting.tests.test_voting_helpers import vote_budget
from samenspraak.budgeting.voting import paper

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return [StaffUserFactory(role=Role.PROCESS_MANAGER, totp=False) for _i in range(3)]


def test_two_equal_entries_by_different_people_count_once(staff):
    budget, projects = vote_budget()
    choice = {projects[0].pk: 1, projects[2].pk: 1}
    first = paper.enter_sheet(budget=budget, sheet="17", choices=choice, user=staff[0])
    assert first.status == paper.Status.WAITING and not Ballot.objects.exists()
    second = paper.enter_sheet(budget=budget, sheet=" 17 ", choices=choice, user=staff[1])
    assert second.status == paper.Status.COUNTED
    ballot = Ballot.objects.get()
    assert ballot.voter_key is None
    register = VoterRegister.objects.get()
    assert register.user is None and register.code is None
    assert PaperEntry.objects.filter(confirmed=True).count() == 2
    with pytest.raises(ValidationError) as info:
        paper.enter_sheet(budget=budget, sheet="17", choices=choice, user=staff[2])
    assert "al geteld" in info.value.message_dict["sheet"][0]
    assert voting.turnout(budget)["by_channel"]["paper"] == 1


def test_the_same_person_cannot_confirm_their_own_entry(staff):
    budget, projects = vote_budget()
    choice = {projects[0].pk: 1}
    paper.enter_sheet(budget=budget, sheet="3", choices=choice, user=staff[0])
    again = paper.enter_sheet(budget=budget, sheet="3", choices=choice, user=staff[0])
    assert again.status == paper.Status.WAITING
    assert PaperEntry.objects.count() == 1 and not Ballot.objects.exists()


def test_differing_entries_are_shown_side_by_side_and_a_correction_counts(staff):
    budget, projects = vote_budget()
    paper.enter_sheet(budget=budget, sheet="8", choices={projects[0].pk: 1}, user=staff[0])
    result = paper.enter_sheet(budget=budget, sheet="8", choices={projects[1].pk: 1}, user=staff[1])
    assert result.status == paper.Status.CONFLICT and not Ballot.objects.exists()
    waiting, conflicts = paper.open_sheets(budget)
    assert waiting == [] and [s.sheet for s in conflicts] == ["8"]
    assert len(conflicts[0].entries) == 2
    fixed = paper.enter_sheet(budget=budget, sheet="8", choices={projects[0].pk: 1}, user=staff[1])
    assert fixed.status == paper.Status.COUNTED
    assert dict(voting.ballots_for_tally(budget)[0]) == {projects[0].pk: 1}


def test_paper_entries_follow_the_ballot_rules(staff):
    budget, projects = vote_budget(max_choices=1)
    with pytest.raises(ValidationError) as info:
        paper.enter_sheet(
            budget=budget, sheet="", choices={projects[0].pk: 1, projects[1].pk: 1}, user=staff[0]
        )
    assert set(info.value.message_dict) == {"sheet", "choices"}
    assert not PaperEntry.objects.exists()


def test_residents_and_moderators_cannot_enter_paper_ballots():
    budget, projects = vote_budget()
    for user in (UserFactory(), StaffUserFactory(role=Role.MODERATOR, totp=False)):
        with pytest.raises(PermissionDenied):
            paper.enter_sheet(budget=budget, sheet="1", choices={projects[0].pk: 1}, user=user)


def test_paper_before_the_vote_starts_is_refused(staff):
    budget, projects = vote_budget(when="before")
    with pytest.raises(PermissionDenied):
        paper.enter_sheet(budget=budget, sheet="1", choices={projects[0].pk: 1}, user=staff[0])
