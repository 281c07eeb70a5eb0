import datetime
import random
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenspraak.accounts import privacy
from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.budgeting.factories import BudgetProjectFactory
from samenspraak.consultation.factories import InputFactory
from samenspraak.core import trace
from samenspraak.delivery import services
from samenspraak.delivery.demo_data import projects as demo_projects
from samenspraak.delivery.factories import DeliveryProjectFactory, MilestoneFactory
from samenspraak.delivery.models import DeliveryProject, ProjectStatus, Update
from samenspraak.initiatives.factories import InitiativeFactory, MeetingFactory
from samenspraak.initiatives.models import CouncilDecision, Outcome, Status
from samenspraak.organisations.factories import AreaFactory

pytestmark = pytest.mark.django_db


def delivery_steps(steps):
    return [s for s in steps if s.source == "delivery"]


def test_thread_of_an_input_goes_to_delivery_milestones_and_result(manager):
    item = InputFactory()
    started = timezone.localdate() - datetime.timedelta(days=30)
    project = DeliveryProjectFactory(
        status=ProjectStatus.DELIVERED,
        progress=100,
        starts_on=started,
        delivered_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    MilestoneFactory(project=project, title="Ontwerp klaar", done_on=started)
    MilestoneFactory(project=project, title="Nog niet")
    services.origin_add(actor=manager, project=project, key="consultation.Input", object_id=item.pk)
    steps = delivery_steps(trace.thread("consultation.Input", [item.pk])[item.pk])
    assert [s.kind for s in steps] == ["delivery", "milestone", "result"]
    assert steps[0].status == "delivered" and steps[0].extra["progress"] == 100
    assert steps[0].api_url == f"/api/v1/delivery-projects/{project.pk}"
    assert steps[1].title == "Mijlpaal gehaald: Ontwerp klaar"
    assert steps[2].at == project.delivered_on


def test_thread_leaves_out_projects_that_are_not_public(manager):
    item = InputFactory()
    project = DeliveryProjectFactory(is_public=False)
    services.origin_add(actor=manager, project=project, key="consultation.Input", object_id=item.pk)
    assert delivery_steps(trace.thread("consultation.Input", [item.pk])[item.pk]) == []


def test_thread_for_budget_projects_initiatives_and_decisions(manager):
    project = DeliveryProjectFactory()
    budget_project = BudgetProjectFactory()
    initiative = InitiativeFactory(status=Status.DECIDED)
    decision = CouncilDecision.objects.create(
        initiative=initiative,
        meeting=MeetingFactory(),
        outcome=Outcome.ADOPTED,
        motivation="De raad steunt het voorstel.",
        decided_on=timezone.localdate(),
    )
    for key, pk in [
        ("budgeting.BudgetProject", budget_project.pk),
        ("initiatives.Initiative", initiative.pk),
        ("initiatives.CouncilDecision", decision.pk),
    ]:
        services.origin_add(actor=manager, project=project, key=key, object_id=pk)
        [step] = delivery_steps(trace.thread(key, [pk])[pk])
        assert step.kind == "delivery" and step.url == project.get_absolute_url()


def _thread_queries(ids) -> int:
    with CaptureQueriesContext(connection) as captured:
        trace.thread("consultation.Input", ids)
    return len(captured)


def test_thread_costs_the_same_queries_for_one_or_many_ids(manager):
    items = [InputFactory() for _ in range(6)]
    for item in items:
        for _ in range(2):
            project = DeliveryProjectFactory()
            MilestoneFactory(project=project, done_on=timezone.localdate())
            services.origin_add(
                actor=manager, project=project, key="consultation.Input", object_id=item.pk
            )
    ids = [item.pk for item in items]
    from samenspraak.core import components

    mine = [p for p in components.entries("trace_providers") if p.key == "delivery.inputs"]
    with CaptureQueriesContext(connection) as one:
        mine[0].steps(ids[:1])
    with CaptureQueriesContext(connection) as six:
        result = mine[0].steps(ids)
    assert len(one) == len(six) == 2
    assert all(len([s for s in result[pk] if s.kind == "delivery"]) == 2 for pk in ids)
    assert _thread_queries(ids[:1]) == _thread_queries(ids)


def test_area_memory_has_projects_of_the_area_and_city_wide_ones():
    district = AreaFactory()
    elsewhere = AreaFactory()
    DeliveryProjectFactory(area=district, title="Brug")
    DeliveryProjectFactory(area=None, title="Stadsbreed")
    DeliveryProjectFactory(area=elsewhere, title="Elders")
    DeliveryProjectFactory(area=district, title="Geheim", is_public=False)
    DeliveryProjectFactory(
        area=district,
        title="Klaar",
        status=ProjectStatus.DELIVERED,
        progress=100,
        delivered_on=timezone.localdate(),
    )
    entries = [e for e in trace.area_memory([district.pk]) if e.source == "delivery"]
    titles = {e.title for e in entries}
    assert titles == {
        "Uitvoering: Brug",
        "Uitvoering: Stadsbreed",
        "Uitvoering: Klaar",
        "Opgeleverd: Klaar",
    }
    assert {e.kind for e in entries} == {"delivery", "result"}


def test_api_lists_public_projects_with_budget_milestones_and_origin_links(client, manager):
    item = InputFactory()
    project = DeliveryProjectFactory()
    MilestoneFactory(project=project, title="Ontwerp klaar")
    services.origin_add(actor=manager, project=project, key="consultation.Input", object_id=item.pk)
    DeliveryProjectFactory(is_public=False)
    response = client.get("/api/v1/delivery-projects")
    assert response.status_code == 200
    [row] = response.json()["results"] if "results" in response.json() else response.json()
    assert row["status"] == "in_progress" and row["progress"] == 40
    assert row["budget"] == {"planned": "50000.00", "spent": "12000.00"}
    assert row["milestones"][0]["title"] == "Ontwerp klaar"
    [origin] = row["origins"]
    assert origin["kind"] == "consultation.Input" and origin["id"] == item.pk
    assert origin["_links"]["self"]["href"].endswith(f"/api/v1/inputs/{item.pk}")
    detail = client.get(f"/api/v1/delivery-projects/{project.pk}").json()
    assert detail["id"] == project.pk and detail["origins"] == row["origins"]
    hidden = DeliveryProject.objects.get(is_public=False)
    assert client.get(f"/api/v1/delivery-projects/{hidden.pk}").status_code == 404
    assert client.get("/api/v1/delivery-projects?status=klaar").status_code == 400


def test_api_list_costs_the_same_queries_for_few_or_many(client, manager):
    def queries():
        client.get("/api/v1/delivery-projects")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/delivery-projects").status_code == 200
        return len(captured)

    DeliveryProjectFactory()
    few = queries()
    for _ in range(8):
        project = DeliveryProjectFactory()
        MilestoneFactory(project=project)
        services.origin_add(
            actor=manager, project=project, key="consultation.Input", object_id=InputFactory().pk
        )
    assert queries() <= few + 2  # + the origin links and the inputs they point at


def test_privacy_export_and_erase(manager):
    project = services.project_create(
        actor=manager,
        municipality=DeliveryProjectFactory().municipality,
        data={"title": "Bankjes", "status": "planned", "progress": 0, "is_public": True},
    )
    services.update_post(actor=manager, project=project, body="De bankjes zijn besteld.")
    exported = privacy.export_user_data(manager)["delivery"]
    assert exported["projects_created"][0]["title"] == "Bankjes"
    assert exported["updates_written"][0]["body"] == "De bankjes zijn besteld."
    privacy.anonymise_user_data(manager)
    assert DeliveryProject.objects.get(pk=project.pk).created_by is None
    assert Update.objects.get().author is None


def test_demo_chapter_makes_projects_in_every_status():
    district = AreaFactory()
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    inputs = [InputFactory() for _ in range(2)]
    from samenspraak.consultation.factories import OfficialAnswerFactory
    from samenspraak.consultation.models import Outcome as InputOutcome

    for item in inputs:
        OfficialAnswerFactory(input=item, outcome=InputOutcome.ADOPTED)
    ctx = SimpleNamespace(
        rng=random.Random(3),
        municipality=district.municipality,
        staff={"process_manager": [manager]},
        districts=[district],
        neighbourhoods=[],
        areas=[district],
        data={},
    )
    initiative = InitiativeFactory(status=Status.DECIDED)
    CouncilDecision.objects.create(
        initiative=initiative,
        meeting=MeetingFactory(),
        outcome=Outcome.ADOPTED,
        motivation="De raad steunt het voorstel.",
        decided_on=timezone.localdate() - datetime.timedelta(days=35),
    )
    from samenspraak.budgeting.models import BudgetResult

    funded = BudgetProjectFactory()
    second = BudgetProjectFactory(budget=funded.budget)
    BudgetResult.objects.create(
        budget=funded.budget,
        rule="greedy",
        selected=[funded.pk, second.pk],
        computed_at=timezone.now(),
        published_at=timezone.now(),
    )
    demo_projects(ctx)
    statuses = set(DeliveryProject.objects.filter(is_public=True).values_list("status", flat=True))
    assert statuses == set(ProjectStatus.values)
    delivered = DeliveryProject.objects.get(status=ProjectStatus.DELIVERED)
    assert delivered.origins.count() == 2 and delivered.updates.exclude(image="").exists()
    # Each thread reads in order: the budget's project starts after the vote's result, the
    # initiative's project after the council's decision, and only that one is delivered.
    steps = trace.thread("budgeting.BudgetProject", [funded.pk])[funded.pk]
    assert [s.kind for s in delivery_steps(steps)] == ["delivery"]
    assert steps[-1].kind == "delivery" and steps[-1].status == ProjectStatus.IN_PROGRESS
    steps = trace.thread("initiatives.Initiative", [initiative.pk])[initiative.pk]
    assert [s.kind for s in delivery_steps(steps)][-1] == "result"
    assert [s.kind for s in steps].index("decision") < [s.kind for s in steps].index("delivery")
    assert DeliveryProject.objects.filter(is_public=False).exists()
    assert DeliveryProject.objects.filter(origins__isnull=False).distinct().count() >= 3
