"""Demo: delivery projects in every status, linked to what led to them (funded budget
projects, adopted inputs, a decided initiative and its council decision), with milestones and
updates (one with a photo), all through the services; dates spread over the past months so the
golden thread and the dashboard show a history. Runs after budgeting (600) and initiatives (700).
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from samenspraak.core.demo_registry import chapter
from samenspraak.delivery import selectors, services
from samenspraak.delivery.models import DeliveryProject, ProjectStatus, Update
from samenspraak.organisations.models import Department


def _photo(colour: tuple[int, int, int]) -> SimpleUploadedFile:
    """A small generated picture (a tree on grass), so the demo needs no files."""
    image = Image.new("RGB", (640, 480), (200, 225, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 330, 640, 480), fill=(90, 160, 70))
    draw.rectangle((300, 200, 340, 340), fill=(110, 80, 50))
    draw.ellipse((220, 80, 420, 250), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


def _funded_budget_projects(municipality) -> list:
    from samenspraak.budgeting.models import BudgetResult

    ids: list[int] = []
    for result in BudgetResult.objects.filter(
        budget__process__municipality=municipality, published_at__isnull=False
    ):
        ids.extend(result.selected)
    public = selectors.ORIGIN_KINDS["budgeting.BudgetProject"].public(municipality)
    found = public.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _adopted_inputs(municipality, exclude: set[int]) -> list:
    from samenspraak.consultation.models import Outcome

    public = selectors.ORIGIN_KINDS["consultation.Input"].public(municipality)
    return list(
        public.filter(answer__outcome__in=[Outcome.ADOPTED, Outcome.PARTLY_ADOPTED])
        .exclude(pk__in=exclude)
        .order_by("pk")[:6]
    )


def _decided_initiative(municipality):
    from samenspraak.initiatives.models import Outcome, Status

    public = selectors.ORIGIN_KINDS["initiatives.Initiative"].public(municipality)
    initiative = public.filter(status=Status.DECIDED).order_by("pk").first()
    if initiative is None:
        return None, None
    decision = initiative.decisions.exclude(outcome=Outcome.POSTPONED).order_by("-pk").first()
    return initiative, decision


def _day(days_ago: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days_ago)


@chapter("delivery.projects", order=800)
def projects(ctx):
    municipality = ctx.municipality
    managers = ctx.staff.get("process_manager") or ctx.staff.get("administrator") or []
    if not managers:
        return
    actor = managers[0]
    rng = ctx.rng
    department, _created = Department.objects.get_or_create(
        municipality=municipality,
        slug="openbare-ruimte",
        defaults={"name": "Openbare ruimte"},
    )
    funded = _funded_budget_projects(municipality)
    inputs = _adopted_inputs(municipality, {p.input_id for p in funded})
    initiative, decision = _decided_initiative(municipality)

    def make(
        title,
        status_path,
        progress,
        origins,
        *,
        planned,
        spent,
        start,
        end,
        area=None,
        public=True,
        description="",
    ):
        place = area or (rng.choice(ctx.areas) if ctx.areas and rng.random() < 0.8 else None)
        data = {
            "title": title[:120],
            "description": description,
            "status": ProjectStatus.PLANNED,
            "progress": 0,
            "budget_planned": planned,
            "budget_spent": Decimal(0),
            "department": department,
            "area": place,
            "starts_on": _day(start),
            "ends_on": _day(end),
            "is_public": public,
        }
        project = services.project_create(
            actor=actor, municipality=municipality, data=data, origins=origins
        )
        for status in status_path:
            data.update(
                status=status,
                progress=100 if status == ProjectStatus.DELIVERED else progress,
                budget_spent=spent,
            )
            services.project_update(actor=actor, project=project, data=data)
        return project

    def milestones(project, items):
        for title, planned_ago, done_ago in items:
            services.milestone_save(
                actor=actor,
                project=project,
                title=title,
                planned_on=_day(planned_ago),
                done_on=_day(done_ago) if done_ago is not None else None,
            )

    def news(project, days_ago, body, photo=None):
        update = services.update_post(
            actor=actor,
            project=project,
            body=body,
            image=_photo(photo) if photo else None,
            image_alt="Een jonge boom in het gras, net geplant." if photo else "",
        )
        Update.objects.filter(pk=update.pk).update(
            posted_at=timezone.now() - datetime.timedelta(days=days_ago)
        )

    made = []
    # Every project starts after what led to it, so each golden thread reads in order. The
    # demo's budget vote closed days ago and its inputs were answered recently; the council
    # decided the initiative weeks ago. So the initiative's project is the one delivered, the
    # budget's projects are just under way or planned.
    # Delivered: the decided initiative and the council's decision.
    if initiative is not None:
        origins = [("initiatives.Initiative", initiative.pk)]
        since = 40
        if decision is not None:
            origins.append(("initiatives.CouncilDecision", decision.pk))
            since = (timezone.localdate() - decision.decided_on).days
        start = max(since - 1, 0)  # the day after the decision
        step = max(start // 4, 1)  # milestones spread over the time since the start
        project = make(
            initiative.title,
            [ProjectStatus.IN_PROGRESS, ProjectStatus.DELIVERED],
            100,
            origins,
            planned=Decimal(48000),
            spent=Decimal(45250),
            start=start,
            end=step - 1,
            area=initiative.area,
            description=(
                "De gemeenteraad nam het burgerinitiatief aan. De gemeente heeft het uitgevoerd."
                "\n\n## Wat er is gedaan\n\n- ontwerp met de initiatiefnemers\n- aanleg\n"
                "- oplevering met de buurt"
            ),
        )
        milestones(
            project,
            [
                ("Ontwerp klaar", max(start - step, 0), max(start - step, 0)),
                ("Aanleg begonnen", max(start - 2 * step, 0), max(start - 2 * step, 0)),
                ("Opgeleverd", min(step, start), max(min(step - 1, start), 0)),
            ],
        )
        news(
            project,
            max(start - step, 0),
            "Het ontwerp is klaar. De initiatiefnemers dachten mee tijdens een avond in het "
            "buurthuis.",
        )
        news(
            project,
            step - 1,
            "Het project is klaar en opgeleverd. Dank aan iedereen die meedacht!",
            (40, 120, 60),
        )
        DeliveryProject.objects.filter(pk=project.pk).update(delivered_on=_day(step - 1))
        made.append(project)
    # In progress: the first funded budget project, started the day after the vote closed.
    if funded:
        source = funded[0]
        result_day = timezone.localdate(source.budget.result.published_at)
        start = max((timezone.localdate() - result_day).days - 1, 0)
        project = make(
            source.input.title,
            [ProjectStatus.IN_PROGRESS],
            5,
            [("budgeting.BudgetProject", source.pk), ("consultation.Input", source.input_id)],
            planned=source.cost,
            spent=(source.cost * Decimal("0.03")).quantize(Decimal("1")),
            start=start,
            end=-150,
            area=source.budget.area or source.input.area,
            description=(
                "Inwoners kozen dit project in de begroting van inwoners. De voorbereiding is "
                "begonnen."
            ),
        )
        milestones(
            project,
            [("Ontwerp met de buurt", -45, None), ("Aanleg begonnen", -90, None)],
        )
        news(
            project,
            start,
            "De voorbereiding is begonnen. In de komende weken maken we het ontwerp samen met "
            "de buurt.",
        )
        made.append(project)
    # Planned: the second funded budget project.
    if len(funded) > 1:
        source = funded[1]
        project = make(
            source.input.title,
            [],
            0,
            [("budgeting.BudgetProject", source.pk)],
            planned=source.cost,
            spent=Decimal(0),
            start=-30,
            end=-200,
            area=source.budget.area or source.input.area,
            description="Inwoners kozen dit project in de begroting van inwoners.",
        )
        milestones(project, [("Ontwerp klaar", -90, None)])
        made.append(project)
    # Delayed: an adopted input whose start moved (a permit is needed first).
    if inputs:
        source = inputs[0]
        project = make(
            source.title,
            [ProjectStatus.DELAYED],
            0,
            [("consultation.Input", source.pk)],
            planned=Decimal(25000),
            spent=Decimal(0),
            start=-45,
            end=-240,
            area=source.area,
            description=(
                "De gemeente neemt dit idee van een inwoner over. Er is eerst een vergunning "
                "nodig, daarom begint het later dan gepland."
            ),
        )
        milestones(project, [("Aanleg begonnen", -60, None)])
        news(
            project,
            0,
            "De start schuift op: eerst is een vergunning nodig. We verwachten die binnen "
            "zes weken.",
        )
        made.append(project)
    # Stopped: a trial for another adopted input, called off before it began.
    if len(inputs) > 1:
        source = inputs[1]
        project = make(
            f"Proef: {source.title}",
            [ProjectStatus.STOPPED],
            0,
            [("consultation.Input", source.pk)],
            planned=Decimal(12000),
            spent=Decimal(0),
            start=-20,
            end=-50,
            area=source.area,
            description="Een korte proef, die na overleg met de buurt niet doorgaat.",
        )
        news(
            project,
            0,
            "De proef gaat niet door: er bleek te weinig ruimte op de stoep. De ervaringen "
            "gebruiken we bij een volgend plan.",
        )
        made.append(project)
    # Not public yet: the municipality prepares it.
    make(
        "Nieuwe speelplek bij de bibliotheek (in voorbereiding)",
        [],
        0,
        [],
        planned=Decimal(60000),
        spent=Decimal(0),
        start=-90,
        end=-300,
        public=False,
    )
    ctx.data["delivery_projects"] = [p.pk for p in made]
