"""The demo's participatory budgets: a finished Burgerbegroting with a city-wide and two area
budgets (hundreds of ballots over all three channels, published results that a fresh count
confirms) and a Buurtbudget whose vote is open for the demo resident; the same seed gives the
same budgets."""

from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.models import User
from samenspraak.budgeting import results, voting
from samenspraak.budgeting.demo_data import CITY_TITLE, RUNNING_PLAN
from samenspraak.budgeting.models import (
    Ballot,
    BallotChannel,
    BallotType,
    Budget,
    BudgetResult,
    Feasibility,
    OutcomeRule,
    PaperEntry,
    VoteCode,
    VoterRegister,
)
from samenspraak.budgeting.phases import PROPOSE, RESULTS, VOTE
from samenspraak.consultation.models import OfficialAnswer
from samenspraak.core.geo import point_in_shape
from samenspraak.demo import generator
from samenspraak.processes.models import Process

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def city_budgets() -> dict[str, Budget]:
    process = Process.objects.get(title=CITY_TITLE)
    return {
        (b.area.slug if b.area else "stad"): b
        for b in Budget.objects.filter(process=process).select_related("area", "process")
    }


def check_the_city_process_came_from_the_template_and_is_in_its_results_phase():
    process = Process.objects.get(title=CITY_TITLE)
    assert process.is_published
    assert process.level == "co_decide"
    phases = {p.kind: p for p in process.phases.all()}
    assert list(phases) == [PROPOSE, "budgeting.review", VOTE, RESULTS]
    now = timezone.now()
    assert phases[VOTE].ends_at < now
    assert phases[RESULTS].starts_at <= now < phases[RESULTS].ends_at


def check_three_budgets_with_their_ballots_and_rules():
    budgets = city_budgets()
    assert set(budgets) == {"stad", "oost", "west"}
    city, oost, west = budgets["stad"], budgets["oost"], budgets["west"]
    assert (city.amount, city.ballot_type, city.max_choices, city.rule) == (
        500_000,
        BallotType.APPROVAL,
        5,
        OutcomeRule.MES_ADD1_GREEDY,
    )
    assert (oost.amount, oost.ballot_type, oost.rule) == (
        100_000,
        BallotType.KNAPSACK,
        OutcomeRule.GREEDY,
    )
    assert (west.amount, west.ballot_type, west.points) == (60_000, BallotType.CUMULATIVE, 10)
    assert [b.projects.count() for b in (city, oost, west)] == [15, 8, 8]
    for budget in budgets.values():
        assert budget.locked_at is not None
        projects = list(budget.projects.select_related("input__answer", "input__area"))
        # Every proposal was reviewed and answered; some were not feasible, with the reason.
        assert all(p.feasibility != Feasibility.PENDING for p in projects)
        refused = [p for p in projects if p.feasibility == Feasibility.NOT_FEASIBLE]
        assert refused and all(len(p.input.answer.reason) > 40 for p in refused)
        assert all(p.input.author_id for p in projects)
        # Area budgets' proposals belong to their wijk, their places on the map lie inside it.
        if budget.area_id:
            assert all(p.input.area_id == budget.area_id for p in projects)
            assert all(
                point_in_shape(p.input.latitude, p.input.longitude, budget.area.shape)
                for p in projects
            )
    assert OfficialAnswer.objects.filter(input__process=city.process).count() == 31


def check_hundreds_of_ballots_over_all_three_channels():
    budgets = city_budgets()
    total = 0
    for budget in budgets.values():
        # The register says who voted (never what), per channel; a ballot has no channel.
        counts = Counter(
            VoterRegister.objects.filter(budget=budget).values_list("channel", flat=True)
        )
        assert all(counts[channel] > 0 for channel in BallotChannel.values), (budget, counts)
        assert voting.ballot_count(budget) == sum(counts.values())
        assert (
            VoteCode.objects.filter(batch__budget=budget, used_on__isnull=False).count()
            == (counts[BallotChannel.CODE])
        )
        # Every counted paper ballot was entered twice, by two different people, alike.
        sheets = {}
        for entry in PaperEntry.objects.filter(budget=budget):
            sheets.setdefault(entry.sheet, []).append(entry)
        assert len(sheets) == counts[BallotChannel.PAPER]
        for entries in sheets.values():
            assert len({e.entered_by_id for e in entries}) == 2
            assert all(e.confirmed for e in entries)
            assert entries[0].choices == entries[1].choices
        # Votes are dated inside the vote phase (in the register; a ballot has no date).
        phase = voting.vote_phase(budget)
        days = set(VoterRegister.objects.filter(budget=budget).values_list("voted_on", flat=True))
        first = timezone.localtime(phase.starts_at).date()
        assert all(first <= day < timezone.localtime(phase.ends_at).date() for day in days)
        # The vote is closed: no ballot keeps a voter key.
        assert not Ballot.objects.filter(budget=budget, voter_key__isnull=False).exists()
        total += sum(counts.values())
    assert total >= 300


def check_published_results_equal_a_fresh_count():
    assert len(results.published_results(Process.objects.get(title=CITY_TITLE))) == 3
    for budget in city_budgets().values():
        result = BudgetResult.objects.get(budget=budget)
        assert result.published_at is not None
        assert result.published_by is not None
        assert result.selected
        assert result.ballots == Ballot.objects.filter(budget=budget).count()
        cost = sum(p.cost for p in budget.projects.filter(pk__in=result.selected))
        assert cost <= budget.amount
        published = list(result.selected)
        # Count again from the ballots with the budget's rule (a published result is final, so
        # take it back to unpublished first, inside this test's transaction).
        BudgetResult.objects.filter(pk=result.pk).update(published_at=None)
        fresh = results.result_compute(budget)
        assert fresh.selected == published


def check_the_running_buurtbudget_is_open_and_the_demo_resident_can_vote():
    budget = Budget.objects.select_related("process", "area").get(title=RUNNING_PLAN.title)
    assert budget.area.slug == "centrum"
    assert voting.vote_is_open(budget)
    assert Ballot.objects.filter(budget=budget).exists()
    assert not BudgetResult.objects.filter(budget=budget).exists()
    resident = User.objects.get(email=generator.VERIFIED_RESIDENT_EMAIL)
    assert not voting.has_voted(resident, budget)
    project = voting.ballot_projects(budget)[0]
    voting.cast_online(budget=budget, user=resident, choices={project.pk: 1})
    assert voting.has_voted(resident, budget)


def check_the_pages_show_the_demo_budgets(client):
    """The demo data makes pages that work: the process, budget, results and ballot pages."""
    for budget in Budget.objects.select_related("process"):
        pages = [
            reverse("processes:process_detail", args=[budget.process.slug]),
            reverse("budgeting:budget_detail", args=[budget.process.slug, budget.pk]),
            reverse("budgeting:vote_code", args=[budget.pk]),
        ]
        if BudgetResult.objects.filter(budget=budget, published_at__isnull=False).exists():
            pages.append(reverse("budgeting:results", args=[budget.pk]))
        for url in pages:
            assert client.get(url).status_code == 200, url
    running = Budget.objects.get(title=RUNNING_PLAN.title)
    client.force_login(User.objects.get(email=generator.VERIFIED_RESIDENT_EMAIL))
    response = client.get(reverse("budgeting:ballot", args=[running.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    # The ballot itself, not a message why she may not vote.
    assert "Plantenbakken op het Marktplein" in body
    assert 'name="next"' in body


def test_the_demo_budgets(client):
    """One build of the default demo (it takes a few seconds), checked from every side."""
    generator.generate()
    check_the_pages_show_the_demo_budgets(client)
    check_the_city_process_came_from_the_template_and_is_in_its_results_phase()
    check_three_budgets_with_their_ballots_and_rules()
    check_hundreds_of_ballots_over_all_three_channels()
    check_published_results_equal_a_fresh_count()
    # Last: it casts a ballot.
    check_the_running_buurtbudget_is_open_and_the_demo_resident_can_vote()


def snapshot() -> list:
    """The budgets' content without ids, codes or the order of the (secret) ballots."""
    rows = []
    for budget in Budget.objects.order_by("process__title", "title").select_related("area"):
        titles = {p.pk: p.input.title for p in budget.projects.select_related("input")}
        ballots = Counter()
        for choices in voting.ballots_for_tally(budget):
            ballots[tuple(sorted((titles[pk], v) for pk, v in choices))] += 1
        result = BudgetResult.objects.filter(budget=budget).first()
        rows.append(
            (
                budget.process.title,
                budget.title,
                budget.area.slug if budget.area else None,
                sorted(
                    (p.input.title, p.input.author.email, str(p.cost), p.feasibility)
                    for p in budget.projects.select_related("input__author")
                ),
                sorted(ballots.items()),
                [titles[pk] for pk in result.selected] if result else None,
            )
        )
    return rows


def test_same_seed_gives_the_same_budgets():
    generator.generate(seed=5, residents=150)
    first = snapshot()
    assert len(first) == 4 and all(row[4] for row in first)
    generator.remove_demo()
    assert not Budget.objects.exists()
    generator.generate(seed=5, residents=150)
    assert snapshot() == first
