import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.budgeting.factories import BudgetProjectFactory
from samenspraak.consultation.factories import InputFactory
from samenspraak.delivery import services
from samenspraak.delivery.factories import DeliveryProjectFactory, MilestoneFactory
from samenspraak.delivery.models import DeliveryProject, ProjectStatus
from samenspraak.initiatives.factories import InitiativeFactory, MeetingFactory
from samenspraak.initiatives.models import CouncilDecision, Outcome, Status
from samenspraak.organisations.factories import AreaFactory, TopicFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    client.get(url)  # warm the cached municipality, as every later request finds it
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def linked_project(manager, **kwargs):
    """A public project with origins of all four kinds, milestones and updates."""
    project = DeliveryProjectFactory(**kwargs)
    initiative = InitiativeFactory(status=Status.DECIDED)
    decision = CouncilDecision.objects.create(
        initiative=initiative,
        meeting=MeetingFactory(),
        outcome=Outcome.ADOPTED,
        motivation="De raad steunt het voorstel.",
        decided_on=timezone.localdate(),
    )
    for key, pk in [
        ("consultation.Input", InputFactory().pk),
        ("budgeting.BudgetProject", BudgetProjectFactory().pk),
        ("initiatives.Initiative", initiative.pk),
        ("initiatives.CouncilDecision", decision.pk),
    ]:
        services.origin_add(actor=manager, project=project, key=key, object_id=pk)
    MilestoneFactory(project=project, done_on=timezone.localdate())
    MilestoneFactory(project=project)
    services.update_post(actor=manager, project=project, body="De eerste bomen staan er.")
    return project


STAFF_PAGES = [
    ("delivery:manage", False),
    ("delivery:create", False),
    ("delivery:edit", True),
    ("delivery:milestone_add", True),
    ("delivery:update", True),
    ("delivery:origins", True),
]


@pytest.mark.parametrize("url_name,with_project", STAFF_PAGES)
@pytest.mark.parametrize(
    "role,expected",
    [
        (None, 302),
        (Role.RESIDENT, 403),
        (Role.MODERATOR, 403),
        (Role.COUNCIL_MEMBER, 403),
        (Role.CLERK, 403),
        (Role.PROCESS_MANAGER, 200),
        (Role.ADMINISTRATOR, 200),
    ],
)
def test_staff_pages_permission_matrix(client, url_name, with_project, role, expected):
    project = DeliveryProjectFactory()
    if role is not None:
        user = UserFactory() if role == Role.RESIDENT else StaffUserFactory(role=role)
        client.force_login(user)
    url = reverse(url_name, args=[project.pk] if with_project else [])
    response = client.get(url)
    assert response.status_code == expected
    if expected == 302:
        assert "/account/login/" in response["Location"]


@pytest.mark.forged_session
def test_staff_session_without_second_factor_is_sent_to_log_in(client, manager):
    client.force_login(manager)
    response = client.get(reverse("delivery:manage"))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_project_that_is_not_public_only_staff_see(client, manager):
    project = DeliveryProjectFactory(is_public=False)
    url = reverse("delivery:detail", args=[project.pk])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(manager)
    response = client.get(url)
    assert response.status_code == 200
    assert "nog niet openbaar" in response.content.decode()
    assert project.title not in client.get(reverse("delivery:list")).content.decode()


def test_project_page_shows_progress_budget_milestones_updates_and_origins(client, manager):
    project = linked_project(manager, latitude=52.09, longitude=5.11, place_name="Lindelaan")
    MilestoneFactory(
        project=project,
        title="Bomen geplant",
        planned_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    page = client.get(reverse("delivery:detail", args=[project.pk])).content.decode()
    assert 'value="40"' in page and "40% klaar" in page
    assert "uitgegeven van" in page and "50.000" in page
    assert "Te laat: gepland op" in page
    assert "De eerste bomen staan er." in page
    assert "Waar komt dit vandaan?" in page
    for label in (
        "Inbreng",
        "Project uit de begroting van inwoners",
        "Burgerinitiatief",
        "Raadsbesluit",
    ):
        assert f"{label}: <a" in page
    assert 'id="map-points"' in page and "<strong>twintig</strong>" in page


def test_project_page_costs_the_same_queries_for_few_or_many(client, manager):
    small = linked_project(manager)
    big = linked_project(manager)
    for _ in range(6):
        MilestoneFactory(project=big)
        services.update_post(actor=manager, project=big, body="Weer een stap verder gekomen.")
    for key, pk in [
        ("consultation.Input", InputFactory().pk),
        ("initiatives.Initiative", InitiativeFactory(status=Status.DECIDED).pk),
    ]:
        services.origin_add(actor=manager, project=big, key=key, object_id=pk)
    few = count_queries(client, reverse("delivery:detail", args=[small.pk]))
    many = count_queries(client, reverse("delivery:detail", args=[big.pk]))
    assert few == many
    # session-less: the project, milestones, updates, origin links and one query per kind
    assert many <= 12


def test_list_filters_by_status_area_with_its_buurten_and_theme(client):
    district = AreaFactory()
    buurt = AreaFactory(parent=district)
    elsewhere = AreaFactory()
    topic = TopicFactory()
    in_buurt = DeliveryProjectFactory(area=buurt, title="Speeltuin in de buurt", topic=topic)
    DeliveryProjectFactory(area=elsewhere, title="Fietspad elders")
    DeliveryProjectFactory(
        area=district, title="Opgeleverde brug", status=ProjectStatus.DELIVERED, progress=100
    )
    url = reverse("delivery:list")
    page = client.get(url, {"gebied": district.slug}).content.decode()
    assert "Speeltuin in de buurt" in page and "Opgeleverde brug" in page
    assert "Fietspad elders" not in page
    page = client.get(url, {"gebied": district.slug, "status": "delivered"}).content.decode()
    assert "Opgeleverde brug" in page and "Speeltuin in de buurt" not in page
    page = client.get(url, {"thema": topic.slug}).content.decode()
    assert in_buurt.title in page and "Fietspad elders" not in page
    # A filter value that does not exist is no error.
    assert client.get(url, {"status": "weg", "gebied": "nergens"}).status_code == 200


def test_list_costs_the_same_queries_for_few_or_many(client):
    area = AreaFactory()
    DeliveryProjectFactory(area=area)
    few = count_queries(client, reverse("delivery:list"))
    for _ in range(25):
        DeliveryProjectFactory(area=area, topic=TopicFactory())
    assert count_queries(client, reverse("delivery:list")) == few


def test_dashboard_counts_statuses_budget_and_overdue_milestones(client):
    district = AreaFactory()
    buurt = AreaFactory(parent=district)
    late = DeliveryProjectFactory(area=buurt, status=ProjectStatus.DELAYED, title="Late brug")
    MilestoneFactory(project=late, title="Fundering klaar")
    DeliveryProjectFactory(area=district, status=ProjectStatus.DELIVERED, progress=100)
    stopped = DeliveryProjectFactory(status=ProjectStatus.STOPPED)
    MilestoneFactory(project=stopped, title="Nooit gehaald")  # a stopped project is not late
    DeliveryProjectFactory(is_public=False, title="Geheim plan")
    page = client.get(reverse("delivery:dashboard")).content.decode()
    assert "3 projecten, per status" in page
    assert "Vertraagd: 1; Opgeleverd: 1; Gestopt: 1" in page
    assert "1 mijlpaal te laat" in page and "Fundering klaar" in page
    assert "Nooit gehaald" not in page and "Geheim plan" not in page
    assert "€ 150.000" in page and "€ 36.000" in page
    page = client.get(reverse("delivery:dashboard"), {"gebied": district.slug}).content.decode()
    assert "2 projecten, per status" in page and "Dashboard uitvoering: " + district.name in page
    assert client.get(reverse("delivery:dashboard"), {"gebied": "nergens"}).status_code == 404


def test_dashboard_costs_the_same_queries_for_few_or_many(client):
    DeliveryProjectFactory()
    few = count_queries(client, reverse("delivery:dashboard"))
    for status in ProjectStatus.values * 5:
        project = DeliveryProjectFactory(status=status, area=AreaFactory())
        MilestoneFactory(project=project)
    assert count_queries(client, reverse("delivery:dashboard")) == few


def test_bad_input_on_the_form_keeps_what_was_typed(client, manager, municipality):
    client.force_login(manager)
    response = client.post(
        reverse("delivery:create"),
        {
            "title": "Nieuwe bomen",
            "status": "planned",
            "progress": "150",
            "budget_planned": "12.500",
            "budget_spent": "-20",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "van 0 tot en met 100" in page and "lager zijn dan 0" in page
    assert 'value="Nieuwe bomen"' in page and 'value="12.500"' in page
    assert not DeliveryProject.objects.exists()


def test_new_project_from_a_funded_budget_project(client, manager):
    budget_project = BudgetProjectFactory()
    client.force_login(manager)
    url = reverse("delivery:create") + f"?van=budgeting.BudgetProject:{budget_project.pk}"
    page = client.get(url).content.decode()
    assert budget_project.input.title in page
    response = client.post(
        url,
        {
            "title": budget_project.input.title,
            "status": "planned",
            "progress": "0",
            "van": f"budgeting.BudgetProject:{budget_project.pk}",
            "is_public": "on",
        },
    )
    project = DeliveryProject.objects.get()
    assert response.status_code == 302
    assert project.origins.get().object_id == budget_project.pk


def test_staff_edit_milestone_update_and_origin_pages_work(client, manager):
    project = DeliveryProjectFactory(status=ProjectStatus.PLANNED, progress=0)
    client.force_login(manager)
    response = client.post(
        reverse("delivery:edit", args=[project.pk]),
        {"title": project.title, "status": "delivered", "progress": "100"},
    )
    assert response.status_code == 200 and "kan een project niet naar" in response.content.decode()
    response = client.post(
        reverse("delivery:milestone_add", args=[project.pk]),
        {"title": "Ontwerp klaar", "planned_on": "2000-01-01"},
    )
    assert response.status_code == 200
    response = client.post(
        reverse("delivery:milestone_add", args=[project.pk]),
        {"title": "Ontwerp klaar", "planned_on": project.ends_on.isoformat()},
    )
    assert response.status_code == 302 and project.milestones.count() == 1
    response = client.post(
        reverse("delivery:update", args=[project.pk]), {"body": "Het ontwerp is gemaakt."}
    )
    assert response.status_code == 302 and project.updates.count() == 1
    item = InputFactory(title="Meer groen in de Lindelaan")
    page = client.get(reverse("delivery:origins", args=[project.pk]), {"q": "groen in de"})
    assert "Meer groen in de Lindelaan" in page.content.decode()
    response = client.post(
        reverse("delivery:origins", args=[project.pk]), {"origin": f"consultation.Input:{item.pk}"}
    )
    assert response.status_code == 302 and project.origins.count() == 1
    response = client.post(
        reverse("delivery:origins", args=[project.pk]), {"origin": "accounts.User:1"}
    )
    assert response.status_code == 400
    assert "alleen voortkomen uit" in response.content.decode()
    origin = project.origins.get()
    remove = reverse("delivery:origin_remove", args=[project.pk, origin.pk])
    assert "Ja, verwijderen" in client.get(remove).content.decode()
    assert client.post(remove).status_code == 302 and not project.origins.exists()


def test_search_and_area_section(client):
    district = AreaFactory()
    DeliveryProjectFactory(area=AreaFactory(parent=district), title="Waterplein bij de school")
    DeliveryProjectFactory(is_public=False, title="Waterplein in voorbereiding")
    page = client.get(reverse("search:search"), {"q": "waterplein"}).content.decode()
    assert "bij de school" in page and "in voorbereiding" not in page
    page = client.get(reverse("organisations:area_detail", args=[district.slug])).content.decode()
    assert "Uitvoering in deze buurt" in page and "Waterplein bij de school" in page


def test_manage_page_offers_funded_and_adopted_things_without_a_project(client, manager):
    from samenspraak.budgeting.models import BudgetResult

    funded = BudgetProjectFactory()
    unfunded = BudgetProjectFactory(budget=funded.budget)
    BudgetResult.objects.create(
        budget=funded.budget,
        rule="greedy",
        selected=[funded.pk],
        computed_at=timezone.now(),
        published_at=timezone.now(),
    )
    adopted = InitiativeFactory(status=Status.DECIDED, title="Gratis zwemles")
    CouncilDecision.objects.create(
        initiative=adopted,
        meeting=MeetingFactory(),
        outcome=Outcome.ADOPTED,
        motivation="De raad steunt het voorstel.",
        decided_on=timezone.localdate(),
    )
    client.force_login(manager)
    page = client.get(reverse("delivery:manage")).content.decode()
    assert f"?van=budgeting.BudgetProject:{funded.pk}" in page
    assert f"?van=budgeting.BudgetProject:{unfunded.pk}" not in page
    assert f"?van=initiatives.Initiative:{adopted.pk}" in page
    project = DeliveryProjectFactory()
    services.origin_add(
        actor=manager, project=project, key="budgeting.BudgetProject", object_id=funded.pk
    )
    page = client.get(reverse("delivery:manage")).content.decode()
    assert f"?van=budgeting.BudgetProject:{funded.pk}" not in page


def test_home_page_links_to_delivery_with_cached_figures(client, manager, municipality):
    assert "Wat doet de gemeente ermee?" not in client.get("/").content.decode()
    services.project_create(
        actor=manager,
        municipality=municipality,
        data={"title": "Brug", "status": "planned", "progress": 0, "is_public": True},
    )
    DeliveryProjectFactory(status=ProjectStatus.DELAYED)
    from django.core.cache import cache

    cache.clear()  # the factory wrote without the services
    page = client.get("/").content.decode()
    assert "Projecten in uitvoering: 1. Opgeleverd: 0." in page
    assert reverse("delivery:dashboard") in page


def test_pages_in_english(client, manager):
    project = linked_project(manager)
    MilestoneFactory(project=project, planned_on=timezone.localdate() - datetime.timedelta(days=2))
    page = client.get(f"/en/uitvoering/{project.pk}/").content.decode()
    assert "Where does this come from?" in page and "Overdue: planned for" in page
    assert "€12,000 spent of €50,000 planned" in page
    page = client.get("/en/uitvoering/dashboard/").content.decode()
    assert "Delivery dashboard: the whole municipality" in page and "1 project, by status" in page


def test_rich_text_preview_saves_nothing(client, manager, municipality):
    client.force_login(manager)
    response = client.post(
        reverse("delivery:create"),
        {
            "title": "Bomen",
            "description": "## Wat\n\n**twintig** bomen",
            "status": "planned",
            "progress": "0",
            "voorbeeld": "1",
        },
    )
    assert response.status_code == 200
    assert "<strong>twintig</strong>" in response.content.decode()
    assert not DeliveryProject.objects.exists()


def test_an_update_is_deleted_after_confirmation(client, manager, settings):
    from samenspraak.core.models import AuditLogEntry

    project = DeliveryProjectFactory()
    update = services.update_post(actor=manager, project=project, body="Per ongeluk geplaatst.")
    url = reverse("delivery:update_delete", args=[project.pk, update.pk])
    client.force_login(UserFactory())
    assert client.post(url).status_code == 403
    client.force_login(manager)
    page = client.get(reverse("delivery:detail", args=[project.pk])).content.decode()
    assert url in page
    assert "Ja, verwijderen" in client.get(url).content.decode()
    assert project.updates.exists()
    assert client.post(url).status_code == 302
    assert not project.updates.exists()
    assert AuditLogEntry.objects.filter(action=services.AuditAction.UPDATE_DELETED).exists()
