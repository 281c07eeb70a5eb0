"""Demo: a finished survey with every question kind, a show-if condition and ~150 responses."""

import datetime

from django.utils import timezone

from samenspraak.core.demo_registry import chapter
from samenspraak.surveys import services
from samenspraak.surveys.models import PHASE_KIND, QuestionKind

DESIGN = {
    "title": "Enquête: hoe gebruikt u het Stationsplein?",
    "intro": (
        "De gemeente maakt het Stationsplein opnieuw in. We willen weten hoe u het plein nu "
        "gebruikt en wat u belangrijk vindt. Het invullen duurt ongeveer vijf minuten."
    ),
    "allow_anonymous": False,
    "questions": [
        {
            "kind": QuestionKind.SINGLE,
            "text": "Komt u weleens op het Stationsplein?",
            "choices": ["Ja", "Nee"],
        },
        {
            "kind": QuestionKind.MULTIPLE,
            "text": "Wat doet u op het plein?",
            "help_text": "Kies alles wat past.",
            "choices": ["Naar de trein of bus", "Winkelen", "Op een bankje zitten", "Spelen"],
            "show_if": {"question": 0, "values": [0]},
        },
        {
            "kind": QuestionKind.SCALE,
            "text": "Hoe prettig vindt u het plein nu?",
            "scale_min": 1,
            "scale_max": 5,
            "scale_min_label": "Helemaal niet prettig",
            "scale_max_label": "Heel prettig",
        },
        {
            "kind": QuestionKind.RANKING,
            "text": "Wat moet als eerste beter?",
            "choices": ["Meer groen", "Meer plekken om te zitten", "Veiliger oversteken"],
        },
        {
            "kind": QuestionKind.OPEN,
            "text": "Wat wilt u de gemeente nog meegeven?",
            "required": False,
        },
    ],
}

IDEAS = [
    "Meer bomen voor schaduw in de zomer.",
    "Graag betere verlichting 's avonds.",
    "Een overdekte fietsenstalling.",
    "Minder auto's, meer ruimte voor voetgangers.",
    "Een watertappunt bij de bankjes.",
    "Speelplek voor kleine kinderen.",
    "De oversteek bij de bushalte is gevaarlijk.",
    "Een plek voor de weekmarkt.",
]


def _phase(ctx):
    """A survey phase from the processes chapter (preferably one that has ended, so results
    are public); otherwise one added to a demo process."""
    phases = list(ctx.data.get("survey_phases") or [])
    now = timezone.now()
    if phases:
        phases.sort(key=lambda p: (not p.is_past(now), p.starts_at))
        return phases[0]
    from samenspraak.processes.models import Phase, Process, ProcessStatus

    processes = list(ctx.data.get("processes") or [])
    if processes:
        process = processes[0]
    else:  # the processes chapter made none: a small process of our own
        process = Process.objects.create(
            municipality=ctx.municipality,
            title="Een nieuw Stationsplein",
            slug="nieuw-stationsplein",
            summary="Hoe gebruikt u het Stationsplein, en wat moet er beter?",
            goal="We willen weten hoe inwoners het plein gebruiken voordat we het ontwerpen.",
            level="consult",
            commitment="De uitkomsten gaan mee in het ontwerp; we laten zien wat we ermee deden.",
            commitment_owner="Het college van B&W",
            decision_maker="De gemeenteraad",
            policy_phase="policy_making",
            status=ProcessStatus.PUBLISHED,
            published_at=now - datetime.timedelta(days=40),
        )
    return Phase.objects.create(
        process=process,
        kind=PHASE_KIND,
        title="Enquête",
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(days=2),
        order=90,
    )


def _answers(rng, questions):
    single, multiple, scale, ranking, open_ = questions
    answers = {single.pk: 0 if rng.random() < 0.8 else 1}
    if answers[single.pk] == 0:
        weights = [0.8, 0.5, 0.35, 0.15]
        chosen = [i for i, w in enumerate(weights) if rng.random() < w] or [0]
        answers[multiple.pk] = chosen
    answers[scale.pk] = rng.choices([1, 2, 3, 4, 5], weights=[2, 4, 5, 3, 1])[0]
    order = rng.sample(range(3), 3) if rng.random() < 0.5 else [0, 2, 1]
    ranks = [0, 0, 0]
    for position, item in enumerate(order, start=1):
        ranks[item] = position
    answers[ranking.pk] = ranks
    if rng.random() < 0.3:
        answers[open_.pk] = rng.choice(IDEAS)
    return answers


@chapter("surveys.survey", order=400)
def survey(ctx):
    phase = _phase(ctx)
    managers = ctx.staff.get("process_manager") or ctx.staff.get("administrator") or []
    if phase is None or not managers or _has_survey(phase):
        return
    made = services.survey_import(
        actor=managers[0], process=phase.process, phase=phase, design=DESIGN
    )
    questions = list(made.questions.order_by("order"))
    respondents = ctx.rng.sample(ctx.residents, min(len(ctx.residents), ctx.rng.randint(120, 180)))
    services.responses_import(
        survey=made, rows=[(person, _answers(ctx.rng, questions)) for person in respondents]
    )
    ctx.data["surveys"] = [made]


def _has_survey(phase) -> bool:
    from samenspraak.surveys.models import Survey

    return Survey.objects.filter(phase=phase).exists()
