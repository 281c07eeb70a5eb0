"""The golden thread of an input through the API on the combined site: the municipality's
answer, then the delivery project that came from it, its milestones and its result, in date
order, with links to their resources, for the same number of queries however many projects
and milestones there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samenspraak.consultation.factories import InputFactory, OfficialAnswerFactory
from samenspraak.consultation.models import Outcome
from samenspraak.delivery import services
from samenspraak.delivery.factories import DeliveryProjectFactory, MilestoneFactory
from samenspraak.delivery.models import ProjectStatus

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def answered_input():
    now = timezone.now()
    item = InputFactory(created_at=now - 60 * DAY, title="Een zebrapad bij de school")
    OfficialAnswerFactory(input=item, outcome=Outcome.ADOPTED, published_at=now - 50 * DAY)
    return item


def delivered_from(manager, item, *, started_days_ago: int, milestones: int, title: str):
    today = timezone.localdate()
    project = DeliveryProjectFactory(
        title=title,
        status=ProjectStatus.DELIVERED,
        progress=100,
        starts_on=today - started_days_ago * DAY,
        delivered_on=today - DAY,
    )
    for number in range(milestones):
        MilestoneFactory(
            project=project,
            title=f"{title}: stap {number + 1}",
            planned_on=today - (started_days_ago - 5 - number) * DAY,
            done_on=today - (started_days_ago - 5 - number) * DAY,
        )
    MilestoneFactory(project=project, title="Nog niet gehaald", done_on=None)
    services.origin_add(actor=manager, project=project, key="consultation.Input", object_id=item.pk)
    return project


def get_trace(client, item):
    return client.get(reverse("api:v1:input_trace", args=[item.pk]))


def test_the_input_trace_runs_from_answer_to_delivery_and_result(client, manager):
    item = answered_input()
    project = delivered_from(manager, item, started_days_ago=40, milestones=1, title="Zebrapad")
    response = get_trace(client, item)
    assert response.status_code == 200
    steps = response.json()["steps"]
    assert [s["kind"] for s in steps] == ["input", "answer", "delivery", "milestone", "result"]
    moments = [datetime.datetime.fromisoformat(s["at"]) for s in steps]
    assert moments == sorted(moments)
    delivery, milestone, result = steps[2:]
    assert delivery["title"] == "Uitvoeringsproject: Zebrapad"
    assert delivery["status"] == "delivered" and delivery["source"] == "delivery"
    assert milestone["title"] == "Mijlpaal gehaald: Zebrapad: stap 1"
    assert result["title"] == "Opgeleverd: Zebrapad"
    assert datetime.date.fromisoformat(result["at"][:10]) == project.delivered_on
    for step in (delivery, milestone, result):
        assert step["_links"]["html"]["href"].endswith(project.get_absolute_url())
        assert step["_links"]["api"]["href"].endswith(f"/api/v1/delivery-projects/{project.pk}")


def test_the_input_trace_costs_the_same_queries_with_more_projects_and_milestones(
    client, manager, django_assert_num_queries
):
    small = answered_input()
    delivered_from(manager, small, started_days_ago=40, milestones=1, title="Een")
    large = answered_input()
    for number in range(4):
        delivered_from(
            manager, large, started_days_ago=40 - number, milestones=3, title=f"Project {number}"
        )
    get_trace(client, small)  # warm the cached municipality and content types
    with CaptureQueriesContext(connection) as one:
        assert len(get_trace(client, small).json()["steps"]) == 5
    with CaptureQueriesContext(connection) as four:
        body = get_trace(client, large).json()
    assert len(body["steps"]) == 2 + 4 * (1 + 3 + 1)
    assert len(one) == len(four)
    # the input is public (1), consultation's steps (1), budgeting's projects (1), delivery's
    # projects from it (1) and their reached milestones (1)
    with django_assert_num_queries(5):
        get_trace(client, large)
