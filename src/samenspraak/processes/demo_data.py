"""Demo: about ten processes at every participation level, in several areas and phases
(upcoming, running, past with an outcome), some started from the shipped templates.

Later chapters add inputs, updates and a survey to these processes. They find them in
ctx.data["processes"], ctx.data["collect_phases"] (kind consultation.collect) and
ctx.data["survey_phases"] (kind surveys.respond).
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify

from samenspraak.core.demo_registry import chapter
from samenspraak.organisations.models import Department, Topic
from samenspraak.processes import services
from samenspraak.processes.forms import day_start
from samenspraak.processes.models import ProcessTemplate
from samenspraak.processes.phases import phase_kinds

COLLECT = "consultation.collect"
SURVEY = "surveys.respond"

TOPICS = ["Groen", "Verkeer", "Wonen", "Spelen en sport", "Duurzaamheid", "Veiligheid"]
DEPARTMENTS = [
    "Ruimte en Wonen",
    "Mobiliteit",
    "Maatschappelijke Ontwikkeling",
    "Duurzaamheid en Milieu",
]

#: Started from a shipped template: (template key, title, start offset in days, topic, dept).
FROM_TEMPLATES = [
    ("ideeen-voor-het-plein", "Ideeën voor het Marktplein", -10, "Groen", "Ruimte en Wonen"),
    (
        "inspraak-op-een-raadsvoorstel",
        "Inspraak: nieuw parkeerbeleid",
        -60,
        "Verkeer",
        "Mobiliteit",
    ),
    ("enquete", "Enquête: hoe gebruikt u het Stationsplein?", -40, "Verkeer", "Mobiliteit"),
    ("buurtagenda", "Buurtagenda", -5, "Wonen", "Maatschappelijke Ontwikkeling"),
]

#: Where each process plays, by area name (a wijk, or buurten of one); none: the whole town.
#: Spread like a real town's: most asks in one buurt or wijk, a few city-wide, none everywhere.
#: "Buurtagenda" plays in the last wijk (its title gets that wijk's name).
AREAS = {
    "Ideeën voor het Marktplein": ["Marktkwartier"],
    "Inspraak: nieuw parkeerbeleid": [],
    "Enquête: hoe gebruikt u het Stationsplein?": ["Stationsbuurt"],
    "Samen beslissen over het Julianapark": ["Julianapark"],
    "Verkeersplan binnenstad": ["Binnenstad"],
    "Nieuwe speeltuin De Bongerd": ["Molenvliet"],
    "Duurzaamheidsvisie 2030": [],
    "Vernieuwing sportpark Zuid": ["Zuiderpark"],
    "Groenplan Noord": ["Noord"],
    "Veilig naar school": ["Oost", "Vogelwijk"],
}

#: Designed by hand: fields, phases as (kind, title, first day offset, number of days), outcome.
BY_HAND = [
    {
        "title": "Samen beslissen over het Julianapark",
        "summary": "Bewoners kiezen samen welk ontwerp het park krijgt.",
        "goal": "Het Julianapark wordt vernieuwd. Bewoners weten het best hoe zij het park "
        "gebruiken, daarom kiezen zij het ontwerp.",
        "level": "co_decide",
        "decision_rule": "Het ontwerp met de meeste stemmen van bewoners wordt uitgevoerd, "
        "binnen het budget van 400.000 euro.",
        "commitment": "De gemeente voert het gekozen ontwerp uit in 2027.",
        "commitment_owner": "De wethouder openbare ruimte",
        "decision_maker": "Bewoners van de wijk",
        "policy_phase": "decision",
        "topic": "Groen",
        "department": "Ruimte en Wonen",
        "phases": [
            ("processes.inform", "Kennismaken met de ontwerpen", -20, 14),
            (COLLECT, "Reacties op de ontwerpen", -6, 21),
            ("processes.decide", "Bewoners kiezen", 15, 14),
        ],
    },
    {
        "title": "Verkeersplan binnenstad",
        "summary": "Hoe maken we de binnenstad veiliger voor fietsers en voetgangers?",
        "goal": "Er gebeuren te veel ongelukken in de binnenstad. We wilden weten waar het "
        "volgens bewoners misgaat.",
        "level": "consult",
        "commitment": "De reacties zijn gebruikt voor het verkeersplan dat de raad vaststelt.",
        "commitment_owner": "Het college van B&W",
        "decision_maker": "De gemeenteraad",
        "policy_phase": "policy_making",
        "topic": "Verkeer",
        "department": "Mobiliteit",
        "phases": [
            (COLLECT, "Knelpunten melden", -200, 42),
            ("processes.decide", "Besluit van de raad", -150, 60),
        ],
        "outcome": "Er kwamen 212 reacties. 31 knelpunten zijn in het verkeersplan opgenomen. "
        "De oversteek bij de Markt is in 2026 veiliger gemaakt.",
    },
    {
        "title": "Nieuwe speeltuin De Bongerd",
        "summary": "Kinderen en ouders ontwierpen samen met de gemeente de nieuwe speeltuin.",
        "goal": "De oude speeltuin was versleten. We wilden een speeltuin die past bij de "
        "kinderen in de buurt.",
        "level": "co_produce",
        "commitment": "Het ontwerp van de werkgroep is uitgevoerd.",
        "commitment_owner": "Het wijkteam",
        "decision_maker": "Het college van B&W",
        "policy_phase": "execution",
        "topic": "Spelen en sport",
        "department": "Maatschappelijke Ontwikkeling",
        "phases": [
            (COLLECT, "Ideeën van kinderen", -300, 30),
            ("processes.decide", "Ontwerp kiezen", -260, 30),
            ("processes.evaluate", "Terugblik", -200, 30),
        ],
        "outcome": "De speeltuin is in mei geopend, met de klimboom en het waterspeelveld die "
        "de kinderen kozen.",
    },
    {
        "title": "Duurzaamheidsvisie 2030",
        "summary": "De gemeente vertelt hoe zij in 2030 klimaatneutraal wil zijn.",
        "goal": "Iedereen moet kunnen lezen wat de plannen zijn en wat dat voor hem betekent.",
        "level": "inform",
        "commitment": "De gemeente houdt u op deze pagina op de hoogte van de voortgang.",
        "commitment_owner": "De afdeling Duurzaamheid",
        "decision_maker": "De gemeenteraad",
        "policy_phase": "agenda_setting",
        "topic": "Duurzaamheid",
        "department": "Duurzaamheid en Milieu",
        "phases": [("processes.inform", "Informatie over de visie", 20, 60)],
    },
    {
        "title": "Vernieuwing sportpark Zuid",
        "summary": "Geef advies over de nieuwe indeling van het sportpark.",
        "goal": "Het sportpark krijgt nieuwe velden. Verenigingen en buurtbewoners adviseren "
        "over de indeling.",
        "level": "advise",
        "commitment": "De gemeente neemt het advies over, of legt uit waarom niet.",
        "commitment_owner": "De wethouder sport",
        "decision_maker": "Het college van B&W",
        "policy_phase": "policy_making",
        "topic": "Spelen en sport",
        "department": "Maatschappelijke Ontwikkeling",
        "phases": [
            (COLLECT, "Advies geven", 10, 28),
            ("processes.decide", "Besluit", 40, 30),
        ],
    },
    {
        "title": "Groenplan Noord",
        "summary": "Wat er de komende jaren in Noord aan groen verandert.",
        "goal": "Bewoners horen op tijd welke bomen er bij komen en welke weg moeten.",
        "level": "inform",
        "commitment": "Wij melden elke verandering eerst hier.",
        "commitment_owner": "De afdeling Ruimte en Wonen",
        "decision_maker": "Het college van B&W",
        "policy_phase": "execution",
        "topic": "Groen",
        "department": "Ruimte en Wonen",
        "phases": [("processes.inform", "Uitvoering groenplan", -30, 120)],
    },
    {
        "title": "Veilig naar school",
        "summary": "Waar voelt uw kind zich onveilig op weg naar school?",
        "goal": "We willen de schoolroutes veiliger maken, te beginnen waar het het meest "
        "nodig is.",
        "level": "consult",
        "commitment": "De vijf meest genoemde plekken pakken wij dit jaar aan.",
        "commitment_owner": "De afdeling Mobiliteit",
        "decision_maker": "Het college van B&W",
        "policy_phase": "agenda_setting",
        "topic": "Veiligheid",
        "department": "Mobiliteit",
        "phases": [
            (COLLECT, "Plekken melden", -3, 35),
            ("processes.decide", "Aanpak kiezen", 32, 30),
        ],
    },
]


def _named_rows(model, municipality, names):
    """Topic or Department rows for the demo municipality (made once, by slug)."""
    rows = {}
    for name in names:
        row, _created = model.objects.get_or_create(
            municipality=municipality, slug=slugify(name), defaults={"name": name}
        )
        rows[name] = row
    return rows


def _kind(key):
    return key if key in phase_kinds else "processes.inform"


@chapter("processes.processes", order=100)
def processes(ctx):
    managers = ctx.staff.get("process_manager") or ctx.staff.get("administrator") or []
    if not managers:
        return
    rng = ctx.rng
    topics = _named_rows(Topic, ctx.municipality, TOPICS)
    departments = _named_rows(Department, ctx.municipality, DEPARTMENTS)
    districts = list(ctx.districts) or list(ctx.areas)
    by_name = {area.name: area for area in ctx.areas}
    today = timezone.localdate()
    made = []

    def place(process, topic, department, names):
        areas = [by_name[name] for name in names if name in by_name]
        services.process_update(
            actor=rng.choice(managers),
            process=process,
            areas=areas,
            topics=[topics[topic]],
            department=departments[department],
        )

    for key, title, offset, topic, department in FROM_TEMPLATES:
        template = ProcessTemplate.objects.filter(municipality__isnull=True, key=key).first()
        if template is None:
            continue
        names = AREAS.get(title, [])
        if key == "buurtagenda" and districts:
            title = f"{title} {districts[-1].name}"
            names = [districts[-1].name]
        try:
            process = services.process_start_from_template(
                actor=rng.choice(managers),
                template=template,
                municipality=ctx.municipality,
                start_date=today + datetime.timedelta(days=offset),
                title=title,
            )
        except ValidationError:
            continue  # a phase kind of an app that is not installed here
        place(process, topic, department, names)
        made.append(process)

    for design in BY_HAND:
        design = dict(design)
        phases = design.pop("phases")
        outcome = design.pop("outcome", "")
        topic, department = design.pop("topic"), design.pop("department")
        actor = rng.choice(managers)
        process = services.process_create(
            actor=actor, municipality=ctx.municipality, answer_days=21, **design
        )
        for kind, title, offset, days in phases:
            first = today + datetime.timedelta(days=offset)
            services.phase_add(
                actor=actor,
                process=process,
                kind=_kind(kind),
                title=title,
                starts_at=day_start(first),
                ends_at=day_start(first + datetime.timedelta(days=days)),
            )
        place(process, topic, department, AREAS.get(design["title"], []))
        made.append((process, outcome))

    result = []
    for item in made:
        process, outcome = item if isinstance(item, tuple) else (item, "")
        manager = rng.choice(managers)
        services.process_publish(actor=manager, process=process)
        if outcome:
            services.process_set_outcome(actor=manager, process=process, outcome=outcome)
        result.append(process)

    phases = [phase for process in result for phase in process.phases.order_by("order")]
    ctx.data["processes"] = result
    ctx.data["collect_phases"] = [p for p in phases if p.kind == COLLECT]
    ctx.data["survey_phases"] = [p for p in phases if p.kind == SURVEY]
