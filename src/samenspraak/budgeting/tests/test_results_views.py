"""Results pages: public outcome (chart, map, turnout, explanations), the staff page that
compares greedy with Equal Shares and publishes, and the section on the process page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from samenspraak.accounts.factories import UserFactory
from samenspraak.budgeting import results
from samenspraak.budgeting.factories import BudgetFactory
from samenspraak.budgeting.models import CodeBatch, VoteCode
from samenspraak.budgeting.tests.conftest import INSIDE, VOTE, phase_of
from samenspraak.budgeting.tests.test_results import abc, cast, ended, fresh, project  # noqa: F401

pytestmark = pytest.mark.django_db


def published(budget, manager):
    result = results.result_compute(fresh(budget))
    return results.result_publish(result, actor=manager)


def test_results_page_shows_funded_projects_with_explanations(
    abc,  # noqa: F811
    budget,
    manager,
    client,
):
    a, b, c = abc
    a.input.latitude, a.input.longitude = INSIDE
    a.input.save()
    published(budget, manager)
    response = client.get(reverse("budgeting:results", args=[budget.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert [row.project.pk for row in response.context["funded"]] == [a.pk, c.pk]
    assert "6 stemmers steunden dit project." in page
    assert "Zij betaalden elk € 8,33 van hun gelijke deel." in page
    assert "Niet gekozen: de 6 voorstanders hadden samen nog" in page
    # chart with title, desc and a data table; the map with a dot and its text list
    assert 'role="img"' in page and "<desc" in page and "utrecht-table" in page
    assert "result-chart__bar--funded" in page
    assert response.context["map"] is not None and len(response.context["map"].points) == 1
    assert "Zonder vaste plek:" in page  # C has no place
    assert "€ 100" in page


def test_results_page_in_english(abc, budget, manager, client):  # noqa: F811
    published(budget, manager)
    response = client.get("/en" + reverse("budgeting:results", args=[budget.pk]))
    assert response.status_code == 200


def test_unpublished_result_is_not_public(abc, budget, client):  # noqa: F811
    results.result_compute(fresh(budget))
    response = client.get(reverse("budgeting:results", args=[budget.pk]))
    assert response.status_code == 404


def test_turnout_per_area_and_channel(abc, budget, manager, client, area):  # noqa: F811
    budget.register.filter(channel="code").update(area=area)
    batch = CodeBatch.objects.create(budget=budget, label="Brief", size=2)
    VoteCode.objects.bulk_create(
        VoteCode(batch=batch, code_hash=f"h{i}", area=area) for i in range(20)
    )
    published(budget, manager)
    response = client.get(reverse("budgeting:results", args=[budget.pk]))
    by_area = {row["name"]: row for row in response.context["by_area"]}
    assert by_area["Noord"]["voters"] == 4 and by_area["Noord"]["invited"] == 20
    assert by_area[None]["voters"] == 6
    channels = {row["label"]: row["ballots"] for row in response.context["by_channel"]}
    assert sorted(channels.values()) == [4, 6]


def _budget_with(process, manager, size: int):
    budget = BudgetFactory(process=process, amount=Decimal("1000"), rule="greedy")
    items = [project(budget, "100") for _ in range(size)]
    for i, item in enumerate(items):
        item.input.latitude, item.input.longitude = INSIDE
        item.input.save()
        cast(budget, {item: 1, items[(i + 1) % size]: 1})
    published(budget, manager)
    return budget


def test_results_page_costs_the_same_queries_at_two_sizes(
    process,
    ended,  # noqa: F811
    manager,
    client,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = _budget_with(process, manager, 3)
    large = _budget_with(process, manager, 15)
    client.get(reverse("budgeting:results", args=[small.pk]))  # warm the municipality cache
    counts = []
    for budget in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("budgeting:results", args=[budget.pk]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 12, counts


# --- staff ----------------------------------------------------------------------------------


def test_manage_page_compares_greedy_and_equal_shares(abc, budget, staff_client):  # noqa: F811
    response = staff_client.get(reverse("budgeting:result_manage", args=[budget.pk]))
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert [c.rule for c in comparison.columns] == ["greedy", "mes-add1-greedy"]
    page = response.content.decode()
    assert "(uitkomst verschilt)" in page
    assert "6 van de 10 stemmers (60%)" in page and "10 van de 10 stemmers (100%)" in page


def test_manage_page_during_the_vote_shows_no_comparison(budget, process, staff_client):
    phase_of(process, VOTE, "during")
    response = staff_client.get(reverse("budgeting:result_manage", args=[budget.pk]))
    assert response.status_code == 200
    assert response.context["comparison"] is None
    assert "De stemming loopt nog" in response.content.decode()


def test_staff_compute_then_publish(abc, budget, staff_client):  # noqa: F811
    staff_client.post(reverse("budgeting:result_compute", args=[budget.pk]))
    assert results.result_of(budget).published_at is None
    response = staff_client.post(reverse("budgeting:result_publish", args=[budget.pk]))
    assert response.status_code == 302
    assert results.result_of(budget).published_at is not None
    # publishing again is refused with a message, not an error page
    response = staff_client.post(reverse("budgeting:result_publish", args=[budget.pk]), follow=True)
    assert response.status_code == 200


def test_publish_before_compute_gives_a_message(abc, budget, staff_client):  # noqa: F811
    response = staff_client.post(reverse("budgeting:result_publish", args=[budget.pk]), follow=True)
    assert response.status_code == 200
    assert "Bereken eerst de uitslag." in response.content.decode()


@pytest.mark.parametrize("name", ["result_manage", "result_compute", "result_publish"])
def test_residents_cannot_manage_results(abc, budget, client, name):  # noqa: F811
    client.force_login(UserFactory())
    url = reverse(f"budgeting:{name}", args=[budget.pk])
    response = client.post(url) if name != "result_manage" else client.get(url)
    assert response.status_code == 403
    assert results.result_of(budget) is None


def test_anonymous_people_are_sent_to_log_in(abc, budget, client):  # noqa: F811
    response = client.get(reverse("budgeting:result_manage", args=[budget.pk]))
    assert response.status_code == 302


def test_process_page_shows_the_published_result(abc, budget, manager, client):  # noqa: F811
    a, b, c = abc
    response = client.get(reverse("processes:process_detail", args=[budget.process.slug]))
    assert "Uitslag van de stemming" not in response.content.decode()
    published(budget, manager)
    response = client.get(reverse("processes:process_detail", args=[budget.process.slug]))
    page = response.content.decode()
    assert "Uitslag van de stemming" in page and "A speeltuin" in page
    assert reverse("budgeting:results", args=[budget.pk]) in page


def test_process_page_links_managers_to_the_results_page(abc, budget, staff_client):  # noqa: F811
    response = staff_client.get(reverse("processes:process_detail", args=[budget.process.slug]))
    assert reverse("budgeting:result_manage", args=[budget.pk]) in response.content.decode()


def test_threshold_rule_without_a_threshold_gives_a_message(abc, budget, staff_client):  # noqa: F811
    budget.rule = "greedy-threshold"
    budget.min_score = None
    budget.save()
    response = staff_client.get(reverse("budgeting:result_manage", args=[budget.pk]))
    assert response.status_code == 200
    assert "minimum aantal stemmen" in response.content.decode()
    response = staff_client.post(reverse("budgeting:result_compute", args=[budget.pk]), follow=True)
    assert response.status_code == 200
    assert "minimum aantal stemmen" in response.content.decode()
    assert results.result_of(budget) is None


def test_threshold_rule_leaves_out_projects_with_too_few_votes(abc, budget):  # noqa: F811
    a, b, c = abc
    budget.rule = "greedy-threshold"
    budget.min_score = 5
    budget.save()
    result = results.result_compute(fresh(budget))
    assert result.selected == [a.pk, b.pk]
    assert result.explanations[str(c.pk)]["reason"] == "below_threshold"


def test_manage_page_costs_the_same_queries_at_two_sizes(process, ended, staff_client):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (3, 15):
        budget = BudgetFactory(process=process, amount=Decimal("1000"), rule="greedy")
        items = [project(budget, "100") for _ in range(size)]
        for i, item in enumerate(items):
            cast(budget, {item: 1, items[(i + 1) % size]: 1})
        results.result_compute(fresh(budget))
        url = reverse("budgeting:result_manage", args=[budget.pk])
        staff_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(url)
        assert response.status_code == 200
        assert "% van het budget" in response.content.decode()  # the per-rule spend table
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
