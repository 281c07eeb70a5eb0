import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.budgeting.factories import BudgetProjectFactory
from samenspraak.consultation.factories import InputFactory
from samenspraak.core.models import AuditLogEntry, OutboxEvent
from samenspraak.delivery import services
from samenspraak.delivery.factories import DeliveryProjectFactory, MilestoneFactory
from samenspraak.delivery.models import DeliveryProject, Origin, ProjectStatus
from samenspraak.initiatives.factories import InitiativeFactory, MeetingFactory
from samenspraak.initiatives.models import CouncilDecision, Outcome, Status
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from samenspraak.processes.factories import ProcessFactory
from samenspraak.processes.models import ProcessStatus

pytestmark = pytest.mark.django_db


def data(**overrides):
    values = {
        "title": "Nieuwe bomen in de Lindelaan",
        "description": "We planten twintig bomen.",
        "status": ProjectStatus.PLANNED,
        "progress": "0",
        "budget_planned": "50.000",
        "budget_spent": "",
        "is_public": True,
    }
    values.update(overrides)
    return values


def events(kind):
    return list(OutboxEvent.objects.filter(type=f"nl.samenspraak.delivery.{kind}").order_by("pk"))


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_create_reads_amounts_records_audit_and_emits(manager, municipality):
    project = services.project_create(actor=manager, municipality=municipality, data=data())
    assert project.budget_planned == Decimal("50000.00")
    assert project.budget_spent == 0
    assert project.created_by == manager
    assert AuditLogEntry.objects.filter(action=services.AuditAction.CREATED).count() == 1
    [event] = events("project.created")
    assert event.payload["project_id"] == project.pk and event.payload["public"] is True


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("budget_spent", "-5", "lager zijn dan 0"),
        ("budget_spent", Decimal("-5"), "lager zijn dan 0"),
        ("budget_planned", "twaalf", "geen bedrag"),
        ("progress", "101", "van 0 tot en met 100"),
        ("progress", "-1", "van 0 tot en met 100"),
        ("progress", "veel", "heel getal"),
        ("title", "ab", "minstens 3 tekens"),
        ("status", "klaar", "uit de lijst"),
    ],
)
def test_bad_input_gets_a_clear_message_per_field(manager, municipality, field, value, message):
    found = errors_of(
        lambda: services.project_create(
            actor=manager, municipality=municipality, data=data(**{field: value})
        )
    )
    assert message in found[field][0]
    assert not DeliveryProject.objects.exists()


def test_end_before_start_and_half_delivered_are_refused(manager, municipality):
    today = timezone.localdate()
    found = errors_of(
        lambda: services.project_create(
            actor=manager,
            municipality=municipality,
            data=data(starts_on=today, ends_on=today - datetime.timedelta(days=1)),
        )
    )
    assert "voordat het begint" in found["ends_on"][0]
    found = errors_of(
        lambda: services.project_create(
            actor=manager,
            municipality=municipality,
            data=data(status=ProjectStatus.DELIVERED, progress="60"),
        )
    )
    assert "100%" in found["progress"][0]


def test_area_of_another_municipality_is_refused(manager, municipality):
    other_area = AreaFactory(municipality=MunicipalityFactory())
    found = errors_of(
        lambda: services.project_create(
            actor=manager, municipality=municipality, data=data(area=other_area)
        )
    )
    assert "deze gemeente" in found["area"][0]


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.MODERATOR, Role.CLERK, Role.COUNCIL_MEMBER])
def test_only_process_managers_and_administrators_write(role, municipality):
    actor = StaffUserFactory(role=role)
    with pytest.raises(PermissionDenied):
        services.project_create(actor=actor, municipality=municipality, data=data())
    admin = StaffUserFactory(role=Role.ADMINISTRATOR)
    assert services.project_create(actor=admin, municipality=municipality, data=data()).pk


def test_status_moves_follow_the_rules_and_delivery_is_dated(manager, municipality):
    project = services.project_create(actor=manager, municipality=municipality, data=data())
    found = errors_of(
        lambda: services.project_update(
            actor=manager,
            project=project,
            data=data(status=ProjectStatus.DELIVERED, progress="100"),
        )
    )
    assert "Gepland" in found["status"][0] and "In uitvoering" in found["status"][0]
    services.project_update(
        actor=manager, project=project, data=data(status=ProjectStatus.IN_PROGRESS, progress="50")
    )
    services.project_update(
        actor=manager, project=project, data=data(status=ProjectStatus.DELIVERED, progress="100")
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.DELIVERED
    assert project.delivered_on == timezone.localdate()
    moves = [
        (e.payload["old_status"], e.payload["status"]) for e in events("project.status_changed")
    ]
    assert moves == [("planned", "in_progress"), ("in_progress", "delivered")]
    assert len(events("project.completed")) == 1
    assert AuditLogEntry.objects.filter(action=services.AuditAction.STATUS_CHANGED).count() == 2
    # Reopened after a defect: no longer delivered.
    services.project_update(
        actor=manager, project=project, data=data(status=ProjectStatus.IN_PROGRESS, progress="90")
    )
    project.refresh_from_db()
    assert project.delivered_on is None


def test_milestone_dates_are_checked(manager):
    project = DeliveryProjectFactory()
    today = timezone.localdate()
    found = errors_of(
        lambda: services.milestone_save(
            actor=manager,
            project=project,
            title="Ontwerp klaar",
            planned_on=project.starts_on - datetime.timedelta(days=1),
            done_on=today + datetime.timedelta(days=1),
        )
    )
    assert "kan niet eerder gepland" in found["planned_on"][0]
    assert "niet in de toekomst" in found["done_on"][0]
    found = errors_of(
        lambda: services.milestone_save(
            actor=manager, project=project, title="Ontwerp klaar", planned_on=None
        )
    )
    assert "geplande datum" in found["planned_on"][0]


def test_reaching_a_milestone_is_emitted_once(manager):
    project = DeliveryProjectFactory()
    milestone = services.milestone_save(
        actor=manager, project=project, title="Ontwerp klaar", planned_on=project.starts_on
    )
    assert events("milestone.reached") == []
    for _ in range(2):
        services.milestone_save(
            actor=manager,
            project=project,
            milestone=milestone,
            title="Ontwerp klaar",
            planned_on=project.starts_on,
            done_on=timezone.localdate(),
        )
    assert len(events("milestone.reached")) == 1


def test_a_milestone_of_another_project_is_refused(manager):
    milestone = MilestoneFactory()
    with pytest.raises(PermissionDenied):
        services.milestone_save(
            actor=manager,
            project=DeliveryProjectFactory(),
            milestone=milestone,
            title="Ander project",
            planned_on=timezone.localdate(),
        )


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 40)).save(buffer, "PNG")
    return SimpleUploadedFile("boom.png", buffer.getvalue(), content_type="image/png")


def test_update_with_a_photo_needs_its_description(manager):
    project = DeliveryProjectFactory()
    found = errors_of(
        lambda: services.update_post(
            actor=manager, project=project, body="De bomen zijn geplant.", image=_png()
        )
    )
    assert "foto" in found["image_alt"][0]
    update = services.update_post(
        actor=manager,
        project=project,
        body="De bomen zijn geplant.",
        image=_png(),
        image_alt="Een jonge boom",
    )
    assert update.image.name.endswith(".png") and update.author == manager
    assert len(events("update.posted")) == 1
    found = errors_of(lambda: services.update_post(actor=manager, project=project, body="kort"))
    assert "minstens 10" in found["body"][0]


def _decision(initiative):
    return CouncilDecision.objects.create(
        initiative=initiative,
        meeting=MeetingFactory(municipality=initiative.municipality),
        outcome=Outcome.ADOPTED,
        motivation="De raad steunt het voorstel.",
        decided_on=timezone.localdate(),
    )


def test_origins_of_all_four_kinds_can_be_linked(manager):
    project = DeliveryProjectFactory()
    initiative = InitiativeFactory(status=Status.DECIDED)
    targets = [
        ("consultation.Input", InputFactory().pk),
        ("budgeting.BudgetProject", BudgetProjectFactory().pk),
        ("initiatives.Initiative", initiative.pk),
        ("initiatives.CouncilDecision", _decision(initiative).pk),
    ]
    for key, pk in targets:
        services.origin_add(actor=manager, project=project, key=key, object_id=pk)
    assert Origin.objects.filter(project=project).count() == 4
    found = errors_of(
        lambda: services.origin_add(
            actor=manager, project=project, key=targets[0][0], object_id=targets[0][1]
        )
    )
    assert "al bij de herkomst" in found["origin"][0]


def test_origins_must_be_public_things_of_the_same_municipality(manager):
    project = DeliveryProjectFactory()
    other = MunicipalityFactory()
    hidden_input = InputFactory(
        phase__process=ProcessFactory(status=ProcessStatus.DRAFT, published_at=None)
    )
    foreign_input = InputFactory(phase__process=ProcessFactory(municipality=other))
    concept = InitiativeFactory(status=Status.CONCEPT)
    foreign_initiative = InitiativeFactory(municipality=other, status=Status.DECIDED)
    for key, pk in [
        ("consultation.Input", hidden_input.pk),
        ("consultation.Input", foreign_input.pk),
        ("initiatives.Initiative", concept.pk),
        ("initiatives.Initiative", foreign_initiative.pk),
        ("initiatives.CouncilDecision", _decision(foreign_initiative).pk),
        ("consultation.Input", 999999),
    ]:
        found = errors_of(
            lambda key=key, pk=pk: services.origin_add(
                actor=manager, project=project, key=key, object_id=pk
            )
        )
        assert "niet openbaar of hoort niet bij deze gemeente" in found["origin"][0]
    found = errors_of(
        lambda: services.origin_add(
            actor=manager, project=project, key="accounts.User", object_id=manager.pk
        )
    )
    assert "alleen voortkomen uit" in found["origin"][0]
    found = errors_of(
        lambda: services.origin_add(
            actor=manager, project=project, key="consultation.Input", object_id="abc"
        )
    )
    assert "zoekresultaten" in found["origin"][0]
    assert not Origin.objects.exists()


def test_create_with_an_origin_links_it_in_the_same_transaction(manager, municipality):
    budget_project = BudgetProjectFactory()
    project = services.project_create(
        actor=manager,
        municipality=municipality,
        data=data(),
        origins=[("budgeting.BudgetProject", budget_project.pk)],
    )
    assert project.origins.get().object_id == budget_project.pk
    with pytest.raises(ValidationError):
        services.project_create(
            actor=manager,
            municipality=municipality,
            data=data(title="Tweede"),
            origins=[("initiatives.Initiative", InitiativeFactory(status=Status.CONCEPT).pk)],
        )
    assert DeliveryProject.objects.count() == 1


def test_deleting_an_update_removes_its_photo(manager, django_capture_on_commit_callbacks):
    project = DeliveryProjectFactory()
    update = services.update_post(
        actor=manager, project=project, body="Een foto te veel.", image=_png(), image_alt="Boom"
    )
    storage, name = update.image.storage, update.image.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_delete(actor=manager, update=update)
    assert not storage.exists(name)
    assert not project.updates.exists()
