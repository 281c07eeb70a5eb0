"""Budgeting's part of the golden thread (a budget project: proposed, reviewed, on the ballot,
chosen or not) and of an area's memory (funded projects), the project page's "Wat is hiermee
gebeurd?" and /api/v1/budget-projects/{id}/trace."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samenspraak.budgeting import trace
from samenspraak.budgeting.factories import BudgetFactory, BudgetProjectFactory
from samenspraak.budgeting.models import BudgetResult, Feasibility
from samenspraak.budgeting.phases import PROPOSE, VOTE
from samenspraak.consultation.factories import OfficialAnswerFactory
from samenspraak.core.trace import thread
from samenspraak.organisations.factories import AreaFactory
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.processes.models import ProcessStatus

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def voted_budget(**kwargs):
    now = timezone.now()
    process = ProcessFactory()
    PhaseFactory(process=process, kind=PROPOSE, starts_at=now - 30 * DAY, ends_at=now - 20 * DAY)
    PhaseFactory(process=process, kind=VOTE, starts_at=now - 9 * DAY, ends_at=now - 2 * DAY)
    return BudgetFactory(process=process, **kwargs)


def reviewed(budget, **kwargs):
    project = BudgetProjectFactory(budget=budget, **kwargs)
    project.input.created_at = timezone.now() - 25 * DAY
    project.input.save()
    OfficialAnswerFactory(
        input=project.input,
        body="Dit kan.",
        reason="Het past in de regels.",
        published_at=timezone.now() - 15 * DAY,
    )
    return project


def publish(budget, selected, tally):
    return BudgetResult.objects.create(
        budget=budget,
        rule=budget.rule,
        selected=[p.pk for p in selected],
        tally={"projects": {str(p.pk): {"votes": votes} for p, votes in tally.items()}},
        ballots=10,
        computed_at=timezone.now() - DAY,
        published_at=timezone.now() - DAY,
    )


def project_url(project):
    return reverse("budgeting:project_detail", args=[project.budget.process.slug, project.pk])


def test_a_chosen_project_goes_from_proposal_to_review_ballot_and_result():
    budget = voted_budget()
    chosen = reviewed(budget)
    publish(budget, [chosen], {chosen: 7})

    steps = thread("budgeting.BudgetProject", [chosen.pk])[chosen.pk]

    assert [s.kind for s in steps] == ["input", "answer", "ballot", "decision"]
    assert [s.status for s in steps] == ["proposed", "feasible", "on_ballot", "funded"]
    assert steps[1].title == "De gemeente heeft het project getoetst: haalbaar"
    result = steps[-1]
    assert result.title == "Gekozen: dit project krijgt € 10.000"
    assert "7 mensen stemden erop" in result.text
    assert result.extra["votes"] == 7
    assert result.url == reverse("budgeting:results", args=[budget.pk])
    assert result.api_url == reverse("api:v1:budget_result", args=[budget.pk])


def test_a_project_not_chosen_says_why_and_one_not_on_the_ballot_has_no_vote_steps():
    budget = voted_budget()
    chosen, lost = reviewed(budget), reviewed(budget)
    absent = reviewed(budget, feasibility=Feasibility.NOT_FEASIBLE)
    publish(budget, [chosen], {chosen: 7, lost: 2})

    steps = thread("budgeting.BudgetProject", [lost.pk, absent.pk])

    assert [s.status for s in steps[lost.pk]][-2:] == ["on_ballot", "not_funded"]
    assert steps[lost.pk][-1].title == "Niet gekozen bij de stemming"
    assert "niet genoeg geld" in steps[lost.pk][-1].text
    assert [s.kind for s in steps[absent.pk]] == ["input", "answer"]
    assert steps[absent.pk][1].status == Feasibility.NOT_FEASIBLE


def test_before_the_vote_a_project_is_not_on_a_ballot_yet():
    now = timezone.now()
    process = ProcessFactory()
    PhaseFactory(process=process, kind=PROPOSE, starts_at=now - DAY, ends_at=now + DAY)
    PhaseFactory(process=process, kind=VOTE, starts_at=now + 5 * DAY, ends_at=now + 9 * DAY)
    project = reviewed(BudgetFactory(process=process))
    assert [s.kind for s in thread("budgeting.BudgetProject", [project.pk])[project.pk]] == [
        "input",
        "answer",
    ]


def test_projects_of_draft_processes_have_no_thread():
    budget = voted_budget()
    project = reviewed(budget)
    budget.process.status = ProcessStatus.DRAFT
    budget.process.save()
    assert thread("budgeting.BudgetProject", [project.pk]) == {project.pk: []}


@pytest.mark.parametrize("n", [1, 15])
def test_the_thread_costs_the_same_queries_for_any_number_of_projects(n, django_assert_num_queries):
    budget = voted_budget()
    projects = [reviewed(budget) for _ in range(n)]
    publish(budget, projects[:1], {p: 3 for p in projects})
    trace.project_trace([projects[0].pk])  # the hidden check's content type, cached from then on
    # projects with input, answer, budget and vote start (1), the results (1)
    with django_assert_num_queries(3):  # budgeting 2, delivery 1 (projects from these)
        steps = thread("budgeting.BudgetProject", [p.pk for p in projects])
    assert all(len(steps[p.pk]) == 4 for p in projects)


def test_the_input_of_a_project_also_says_whether_the_vote_chose_it():
    budget = voted_budget()
    chosen = reviewed(budget)
    publish(budget, [chosen], {chosen: 4})
    steps = thread("consultation.Input", [chosen.input_id])[chosen.input_id]
    assert [s.kind for s in steps] == ["input", "answer", "decision"]
    assert steps[1].title == "De gemeente heeft geantwoord"  # no "Overgenomen" on a project
    assert steps[-1].status == "funded"


def test_the_project_page_shows_the_thread_for_the_same_queries(client):
    budget = voted_budget()
    chosen, lost = reviewed(budget), reviewed(budget)
    plain = BudgetProjectFactory(budget=budget, feasibility=Feasibility.PENDING)
    publish(budget, [chosen], {chosen: 7, lost: 2})
    client.get(project_url(plain))  # warm caches
    counts = []
    for project in (plain, chosen, lost):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(project_url(project))
        counts.append(len(captured))
    assert counts[0] == counts[1] == counts[2]
    html = response.content.decode()
    section = html.split('aria-labelledby="trace-heading"', 1)[1].split("</section>", 1)[0]
    assert section.count('<li class="trace-list__item') == 4
    assert "Niet gekozen bij de stemming" in section
    assert reverse("budgeting:results", args=[budget.pk]) in section


def test_api_gives_the_projects_thread_and_404_for_draft_processes(client):
    budget = voted_budget()
    chosen = reviewed(budget)
    publish(budget, [chosen], {chosen: 7})
    url = reverse("api:v1:budget_project_trace", args=[chosen.pk])
    body = client.get(url).json()
    assert body["project"] == chosen.pk and body["input"] == chosen.input_id
    assert [s["kind"] for s in body["steps"]] == ["input", "answer", "ballot", "decision"]
    result = body["steps"][-1]
    assert result["status"] == "funded"
    assert result["_links"]["api"]["href"].startswith("http://testserver/api/v1/budgets/")
    assert client.get(result["_links"]["api"]["href"]).status_code == 200
    assert client.get(body["steps"][0]["_links"]["html"]["href"]).status_code == 200
    budget.process.status = ProcessStatus.DRAFT
    budget.process.save()
    assert client.get(url).status_code == 404
    assert client.get(reverse("api:v1:budget_project_trace", args=[99999])).status_code == 404


def test_area_timeline_lists_funded_projects_of_the_area_and_its_buurten():
    wijk = AreaFactory()
    buurt = AreaFactory(parent=wijk, municipality=wijk.municipality)
    budget = voted_budget(area=wijk)
    chosen, lost = reviewed(budget), reviewed(budget)
    publish(budget, [chosen], {chosen: 7, lost: 2})
    city = voted_budget()
    in_buurt = reviewed(city)
    in_buurt.input.area = buurt
    in_buurt.input.save()
    elsewhere = reviewed(city)
    publish(city, [in_buurt, elsewhere], {in_buurt: 5, elsewhere: 5})

    entries = trace.area_timeline([wijk.pk, buurt.pk], 10)

    assert sorted(e.title for e in entries) == sorted([chosen.input.title, in_buurt.input.title])
    assert {e.area for e in entries} == {wijk.name, buurt.name}
    assert all(e.status == "funded" and e.kind == "decision" for e in entries)
    assert [e.title for e in trace.area_timeline([buurt.pk], 10)] == [in_buurt.input.title]
