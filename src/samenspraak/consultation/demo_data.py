"""Demo data: a few hundred inputs (some offline), supports, answers with every outcome (some
late), open input past its deadline, and answer templates. Bulk writes keep it fast."""

import datetime

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from samenspraak.consultation import summary_cache
from samenspraak.consultation.models import (
    COLLECT,
    OFFLINE_CHANNELS,
    AnswerTemplate,
    Channel,
    Input,
    InputStatus,
    OfficialAnswer,
    Outcome,
    Support,
)
from samenspraak.core.demo_registry import chapter

IDEAS = [
    ("Meer bankjes", "Er zijn te weinig plekken om even te zitten, vooral voor ouderen."),
    ("Bomen voor schaduw", "In de zomer is het hier erg heet. Meer bomen geven schaduw."),
    ("Veilige oversteek", "Kinderen steken hier over naar school. Een zebrapad is nodig."),
    ("Speelplek voor kleine kinderen", "Er is geen plek waar peuters veilig kunnen spelen."),
    ("Fietsenrekken bij de winkels", "Fietsen staan nu overal op de stoep. Dat is gevaarlijk."),
    ("Minder verkeer door de straat", "Veel auto's rijden hier te hard als sluiproute."),
    ("Een watertappunt", "Op warme dagen is gratis drinkwater fijn voor sporters en kinderen."),
    ("Betere verlichting", "Het pad langs het water is 's avonds donker en voelt onveilig."),
    ("Moestuin voor de buurt", "Samen groente kweken brengt buren bij elkaar."),
    ("Hondenuitlaatplek", "Een vaste plek voor honden houdt de grasvelden schoon."),
    ("Afvalbakken legen", "De afvalbakken zitten in het weekend vaak vol."),
    ("Ontmoetingsplek voor jongeren", "Jongeren hebben geen plek om samen te zijn."),
]
PLACES = ["bij het plein", "in de wijk", "bij de school", "langs de singel", "bij het park"]
ANSWER_TEXTS = {
    Outcome.ADOPTED: (
        "Dank u wel voor uw idee. We nemen het over in het plan.",
        "Het past in het plan en er is geld voor.",
    ),
    Outcome.PARTLY_ADOPTED: (
        "Dank u wel. We nemen een deel van uw idee over.",
        "Een deel past in het plan; voor de rest is geen ruimte.",
    ),
    Outcome.NOT_ADOPTED: (
        "Dank u wel voor uw inbreng. We nemen dit idee niet over.",
        "Het kost te veel of het botst met andere wensen uit de buurt.",
    ),
    Outcome.NOT_APPLICABLE: (
        "Dank u wel. Dit gaat niet over dit proces.",
        "We sturen uw vraag door naar de afdeling die erover gaat.",
    ),
}
TEMPLATES = [
    (
        "Overgenomen",
        "Dank u wel voor uw inbreng. We nemen uw idee **over** in het plan, omdat ...",
        Outcome.ADOPTED,
    ),
    (
        "Niet overgenomen",
        "Dank u wel voor uw inbreng. We nemen uw idee **niet** over, omdat ...",
        Outcome.NOT_ADOPTED,
    ),
    (
        "Buiten dit proces",
        "Dank u wel. Uw vraag gaat niet over dit proces. We sturen hem door.",
        Outcome.NOT_APPLICABLE,
    ),
]
SUBMITTERS = ["Mevrouw Jansen", "Meneer de Vries", "Mevrouw Bakker", "Meneer Visser"]


def _collect_phases(ctx):
    from samenspraak.processes.models import Phase

    phases = ctx.data.get("collect_phases")
    if phases is None:
        phases = Phase.objects.filter(kind=COLLECT, process__municipality=ctx.municipality)
    now = timezone.now()
    return [p for p in phases if p.kind == COLLECT and p.starts_at < now]


@chapter("consultation.inputs", order=300)
def inputs(ctx):
    for title, body, outcome in TEMPLATES:
        AnswerTemplate.objects.create(
            municipality=ctx.municipality, title=title, body=body, outcome=outcome
        )
    phases = _collect_phases(ctx)
    if not phases or not ctx.residents:
        return
    rng = ctx.rng
    now = timezone.now()
    staff = ctx.staff.get("process_manager") or ctx.staff.get("administrator") or []
    areas = list(ctx.neighbourhoods or ctx.areas or [])
    per_phase = max(20, 300 // len(phases))
    rows = []
    for phase in phases:
        process = phase.process
        end = min(phase.ends_at, now - datetime.timedelta(hours=1))
        span = max((end - phase.starts_at).total_seconds(), 3600)
        for _ in range(per_phase):
            title, body = rng.choice(IDEAS)
            place = rng.choice(PLACES)
            created = phase.starts_at + datetime.timedelta(seconds=rng.uniform(0, span))
            offline = rng.random() < 0.15
            item = Input(
                process=process,
                phase=phase,
                title=f"{title} {place}",
                body=f"{body} Het gaat om de plek {place}.",
                area=rng.choice(areas) if areas and rng.random() < 0.7 else None,
                created_at=created,
                due_date=timezone.localtime(created).date()
                + datetime.timedelta(days=process.answer_days),
                owner=rng.choice(staff) if staff and rng.random() < 0.5 else None,
            )
            if offline:
                item.channel = rng.choice(OFFLINE_CHANNELS)
                item.received_on = timezone.localtime(created).date()
                item.registered_by = rng.choice(staff) if staff else None
                item.submitter_name = rng.choice(SUBMITTERS)
            else:
                item.channel = Channel.ONLINE
                item.author = rng.choice(ctx.residents)
            rows.append(item)
    Input.objects.bulk_create(rows, batch_size=500)
    created = list(Input.objects.filter(phase__in=phases).order_by("pk"))

    supports = []
    for item in created:
        for user in rng.sample(ctx.residents, min(len(ctx.residents), int(rng.paretovariate(1.5)))):
            if user.pk != item.author_id:
                supports.append(Support(input=item, user=user))
    Support.objects.bulk_create(supports, batch_size=1000, ignore_conflicts=True)
    counts = Support.objects.filter(input=OuterRef("pk")).values("input").annotate(n=Count("pk"))
    Input.objects.filter(phase__in=phases).update(
        support_count=Coalesce(Subquery(counts.values("n")[:1]), 0)
    )

    answers, answered, in_progress = [], [], []
    outcomes = list(Outcome.values)
    for item in created:
        age_days = (now - item.created_at).days
        roll = rng.random()
        # Old input is mostly answered; a few stay open long past the deadline.
        share = 0.93 if age_days > 2 * item.process.answer_days else 0.6
        if age_days >= 2 and roll < share:
            # Mostly in time, some late (after the process's answer days).
            days = rng.uniform(1, item.process.answer_days * (1.6 if rng.random() < 0.2 else 0.9))
            published = min(item.created_at + datetime.timedelta(days=days), now)
            outcome = rng.choice(outcomes)
            body, reason = ANSWER_TEXTS[outcome]
            answers.append(
                OfficialAnswer(
                    input=item,
                    body=body,
                    outcome=outcome,
                    reason=reason,
                    answered_by=rng.choice(staff) if staff else None,
                    published_at=published,
                )
            )
            item.status, item.answered_at = InputStatus.ANSWERED, published
            answered.append(item)
        elif roll < share + (1 - share) / 2:
            item.status = InputStatus.IN_PROGRESS
            in_progress.append(item)
    OfficialAnswer.objects.bulk_create(answers, batch_size=500)
    Input.objects.bulk_update(answered + in_progress, ["status", "answered_at"], batch_size=500)
    for process_id in {item.process_id for item in answered + in_progress}:
        summary_cache.forget(process_id)  # bulk_update bypasses the services
