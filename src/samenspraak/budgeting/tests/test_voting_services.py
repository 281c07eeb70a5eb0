"""Casting ballots: phase, eligibility, changing a ballot, vote codes, and ballot secrecy."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from samenspraak.accounts.factories import UserFactory, VerifiedAttributeFactory
from samenspraak.budgeting import voting
from samenspraak.budgeting.models import (
    Ballot,
    BallotChannel,
    BallotChoice,
    BallotType,
    VoteCode,
    VoterRegister,
)
from samenspraak.budgeting.tests.test_voting_helpers import vote_budget
from samenspraak.budgeting.voting import codes
from samenspraak.organisations.factories import AreaFactory

pytestmark = pytest.mark.django_db


def test_ballot_and_register_row_are_written_together_without_a_link():
    budget, projects = vote_budget()
    resident = UserFactory()
    ballot = voting.cast_online(budget=budget, user=resident, choices={projects[0].pk: 1})
    register = VoterRegister.objects.get(budget=budget)
    assert register.user == resident and register.channel == BallotChannel.ONLINE
    assert ballot.voter_key
    assert resident.email not in ballot.voter_key and str(resident.pk) != ballot.voter_key
    field_names = {f.name for f in VoterRegister._meta.get_fields()}
    assert not any("ballot" in name for name in field_names)
    assert {f.name for f in Ballot._meta.get_fields()} == {
        "id",
        "budget",
        "voter_key",
        "choices",
    }
    budget.refresh_from_db()
    assert budget.locked_at is not None


def test_changing_a_ballot_replaces_its_choices_and_keeps_one_register_row():
    budget, projects = vote_budget()
    resident = UserFactory()
    first = voting.cast_online(budget=budget, user=resident, choices={projects[0].pk: 1})
    second = voting.cast_online(
        budget=budget, user=resident, choices={projects[1].pk: 1, projects[2].pk: 1}
    )
    assert first.pk == second.pk
    assert Ballot.objects.count() == 1 and VoterRegister.objects.count() == 1
    assert voting.my_choices(resident, budget) == {projects[1].pk: 1, projects[2].pk: 1}


@pytest.mark.parametrize("when", ["before", "after"])
def test_vote_outside_the_phase_is_refused(when):
    budget, projects = vote_budget(when=when)
    with pytest.raises(PermissionDenied):
        voting.cast_online(budget=budget, user=UserFactory(), choices={projects[0].pk: 1})
    assert not Ballot.objects.exists() and not VoterRegister.objects.exists()


def test_ineligible_resident_is_told_why():
    area = AreaFactory()
    budget, projects = vote_budget(area=area, required_attributes=["resident_of_area"])
    with pytest.raises(PermissionDenied) as info:
        voting.cast_online(budget=budget, user=UserFactory(), choices={projects[0].pk: 1})
    assert str(info.value)
    resident = UserFactory()
    VerifiedAttributeFactory(user=resident, kind="resident_of_area", area=area)
    voting.cast_online(budget=budget, user=resident, choices={projects[0].pk: 1})
    assert VoterRegister.objects.get().area == area


def test_over_budget_knapsack_is_refused_and_nothing_is_written():
    budget, projects = vote_budget(ballot_type=BallotType.KNAPSACK)
    with pytest.raises(ValidationError) as info:
        voting.cast_online(
            budget=budget, user=UserFactory(), choices={p.pk: 1 for p in projects[:4]}
        )
    assert info.value.message_dict["choices"] == [
        "Uw keuze kost € 120.000; het budget is € 100.000."
    ]
    assert not Ballot.objects.exists() and not VoterRegister.objects.exists()


def test_a_code_votes_once_and_its_plain_text_is_not_stored():
    budget, projects = vote_budget()
    batch, letters = codes.generate_batch(budget=budget, label="Brief", created_by=None, count=3)
    code = letters[0]["code"]
    assert len(code) == 14 and code.count("-") == 2
    assert not VoteCode.objects.filter(code_hash__icontains=code.replace("-", "")).exists()
    voting.cast_with_code(
        budget=budget, code=code.lower().replace("-", " "), choices={projects[0].pk: 1}
    )
    register = VoterRegister.objects.get()
    assert register.user is None and register.code.used_on is not None
    assert Ballot.objects.get().voter_key is None
    with pytest.raises(ValidationError) as info:
        voting.cast_with_code(budget=budget, code=code, choices={projects[1].pk: 1})
    assert info.value.message_dict["code"] == [codes.USED_MESSAGE()]
    assert Ballot.objects.count() == 1


def test_unknown_or_foreign_code_and_bad_choices_are_all_reported():
    budget, projects = vote_budget(max_choices=1)
    other, _other_projects = vote_budget()
    _batch, letters = codes.generate_batch(budget=other, label="Ander", created_by=None, count=1)
    with pytest.raises(ValidationError) as info:
        voting.cast_with_code(
            budget=budget, code="ABCD-EFGH-JKMN", choices={projects[0].pk: 1, projects[1].pk: 1}
        )
    assert info.value.message_dict["code"] == [codes.UNKNOWN_MESSAGE()]
    assert "maximum is 1" in info.value.message_dict["choices"][0]
    with pytest.raises(ValidationError) as info:
        voting.cast_with_code(budget=budget, code=letters[0]["code"], choices={projects[0].pk: 1})
    assert "ander budget" in info.value.message_dict["code"][0]
    with pytest.raises(ValidationError):
        voting.cast_with_code(budget=budget, code="0OIL", choices={projects[0].pk: 1})
    assert not Ballot.objects.exists() and not VoteCode.objects.filter(used_on__isnull=False)


def test_code_outside_the_phase_is_refused():
    budget, projects = vote_budget(when="after")
    _batch, letters = codes.generate_batch(budget=budget, label="Brief", created_by=None, count=1)
    with pytest.raises(PermissionDenied):
        voting.cast_with_code(budget=budget, code=letters[0]["code"], choices={projects[0].pk: 1})
    assert VoteCode.objects.get().used_on is None


def test_tally_and_turnout_carry_no_voter_information():
    area = AreaFactory()
    budget, projects = vote_budget(ballot_type=BallotType.CUMULATIVE, points=10)
    for i in range(3):
        resident = UserFactory()
        VerifiedAttributeFactory(user=resident, kind="resident_of_area", area=area)
        voting.cast_online(
            budget=budget, user=resident, choices={projects[i].pk: 6, projects[4].pk: 4}
        )
    _batch, letters = codes.generate_batch(budget=budget, label="Brief", created_by=None, count=1)
    voting.cast_with_code(budget=budget, code=letters[0]["code"], choices={projects[0].pk: 10})
    ballots = voting.ballots_for_tally(budget)
    assert len(ballots) == 4
    for choices in ballots:
        assert all(isinstance(pk, int) and isinstance(v, int) for pk, v in choices)
    assert voting.tally(budget)[projects[4].pk] == 12
    assert voting.tally(budget)[projects[0].pk] == 16
    figures = voting.turnout(budget)
    assert figures["total"] == 4
    assert figures["by_channel"] == {"online": 3, "code": 1, "paper": 0}
    assert (area.name, 3) in figures["by_area"]
    assert voting.ballot_count(budget) == 4


def test_ballots_for_tally_is_one_query(django_assert_num_queries):
    budget, projects = vote_budget()
    for _i in range(5):
        voting.cast_online(budget=budget, user=UserFactory(), choices={projects[0].pk: 1})
    with django_assert_num_queries(1):
        assert len(voting.ballots_for_tally(budget)) == 5


def test_ballot_choices_are_deleted_with_nothing_else_when_replaced():
    budget, projects = vote_budget()
    resident = UserFactory()
    voting.cast_online(budget=budget, user=resident, choices={projects[0].pk: 1})
    voting.cast_online(budget=budget, user=resident, choices={projects[0].pk: 1})
    assert BallotChoice.objects.count() == 1


def test_scramble_keeps_every_choice_and_renumbers_them_in_random_order():
    budget, projects = vote_budget()
    for i in range(6):
        voting.cast_online(
            budget=budget, user=UserFactory(), choices={projects[i % 5].pk: 1, projects[4].pk: 1}
        )
    before = sorted(
        (str(b), sorted(c))
        for b, c in _by_ballot(BallotChoice.objects.filter(ballot__budget=budget))
    )
    with pytest.raises(PermissionDenied):
        voting.ballots_scramble(budget)
    phase = budget.process.phases.get(kind="budgeting.vote")
    phase.ends_at = phase.starts_at + (phase.ends_at - phase.starts_at) / 100
    phase.save()
    budget.refresh_from_db()
    assert voting.ballots_scramble(budget) == 6
    after_rows = BallotChoice.objects.filter(ballot__budget=budget)
    assert sorted((str(b), sorted(c)) for b, c in _by_ballot(after_rows)) == before
    ids_in_uuid_order = list(
        after_rows.order_by("ballot_id", "project_id").values_list("id", flat=True)
    )
    assert ids_in_uuid_order == sorted(ids_in_uuid_order)
    # The voter keys are gone: after the close nobody changes a ballot, and nobody can find one.
    assert Ballot.objects.filter(budget=budget).exclude(voter_key=None).count() == 0
    if connection.vendor == "postgresql":  # one writing transaction for all ballots now
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(DISTINCT xmin::text) FROM budgeting_ballot WHERE budget_id = %s",
                [budget.pk],
            )
            assert cursor.fetchone()[0] == 1


def _by_ballot(rows):
    grouped = {}
    for ballot_id, project_id, value in rows.values_list("ballot_id", "project_id", "value"):
        grouped.setdefault(ballot_id, []).append((project_id, value))
    return grouped.items()


def test_city_wide_turnout_counts_a_buurt_resident_in_their_wijk():
    """Residents hold a buurt and a wijk claim; the register keeps one area per voter: the wijk."""
    budget, projects = vote_budget()
    wijk = AreaFactory()
    buurt = AreaFactory(parent=wijk)
    resident = UserFactory()
    VerifiedAttributeFactory(user=resident, kind="resident_of_area", area=buurt)

    voting.cast_online(budget=budget, user=resident, choices={projects[0].pk: 1})

    assert VoterRegister.objects.get(budget=budget).area == wijk
