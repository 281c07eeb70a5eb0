"""Demo: the participation by-law, and citizen initiatives in every state of the route (a
concept, one in review, a refused one, two collecting with a paper list, one in the agenda
queue, one scheduled, one decided after a postponement, one expired), all through the
services, with their timelines spread over the past months; verified council members with
public reactions. A second chapter (after consultation's input) links the council to processes:
reactions on input and processes, and residents' questions with answers, open and overdue."""

from __future__ import annotations

import datetime

from django.utils import timezone

from samenspraak.core.demo_registry import chapter
from samenspraak.initiatives import selectors, services
from samenspraak.initiatives.models import ByLaw, InitiativeKind, Outcome, Status, Step

STORIES = {
    "concept": (
        "Een moestuin voor de buurt",
        "Veel bewoners van de flats hebben geen tuin en willen graag groente kweken.",
        "Geef het braakliggende stuk grond achter het buurthuis aan de buurt voor een moestuin.",
        "Vraag het college om het stuk grond vijf jaar in bruikleen te geven aan de buurt.",
    ),
    "in_review": (
        "Langer open: de bibliotheek op zondag",
        "Scholieren en werkende ouders kunnen door de week niet naar de bibliotheek.",
        "Open de centrale bibliotheek ook op zondagmiddag van 12 tot 17 uur.",
        "Neem in de begroting geld op voor de zondagopening van de bibliotheek.",
    ),
    "refused": (
        "Een extra trein naar de stad",
        "De trein 's avonds rijdt maar één keer per uur; dat is te weinig.",
        "Laat 's avonds twee treinen per uur rijden.",
        "Vraag de vervoerder om meer treinen in de avond.",
    ),
    "collecting": (
        "Een zebrapad bij de Vlinderschool",
        "Kinderen steken de drukke Schoolstraat over zonder veilige plek.",
        "Leg een zebrapad met verlichting aan bij de ingang van de Vlinderschool.",
        "Besluit dat er dit jaar een veilig zebrapad bij de Vlinderschool komt.",
    ),
    "collecting_paper": (
        "Bankjes langs de Singel",
        "Oudere bewoners kunnen tijdens hun wandeling langs de Singel nergens uitrusten.",
        "Zet om de tweehonderd meter een bankje langs het wandelpad van de Singel.",
        "Maak geld vrij voor twaalf bankjes langs de Singel.",
    ),
    "agenda": (
        "Een hondenlosloopgebied in het Stadspark",
        "Honden lopen los tussen spelende kinderen; niemand weet waar het wel mag.",
        "Wijs een omheind deel van het Stadspark aan waar honden los mogen lopen.",
        "Besluit over een omheind hondenlosloopgebied in het Stadspark.",
    ),
    "scheduled": (
        "Groene schoolpleinen",
        "De schoolpleinen zijn van steen: ze worden heet in de zomer en water loopt niet weg.",
        "Vervang de tegels van vijf schoolpleinen door groen, bomen en speelnatuur.",
        "Trek geld uit om vijf schoolpleinen in vier jaar te vergroenen.",
    ),
    "decided": (
        "Gratis zwemles voor alle kinderen",
        "Niet alle ouders kunnen zwemles betalen, terwijl de stad vol water ligt.",
        "Geef elk kind in de gemeente gratis zwemles tot het A-diploma.",
        "Besluit dat zwemles voor het A-diploma gratis wordt voor elk kind.",
    ),
    "expired": (
        "Een skatebaan bij het sportpark",
        "Jongeren skaten nu op parkeerplaatsen en pleinen, en dat geeft overlast.",
        "Leg een skatebaan aan bij het sportpark.",
        "Maak geld vrij voor een skatebaan bij het sportpark.",
    ),
}

PAPER_NAMES = [
    "J. de Boer",
    "M. Visser",
    "A. Mulder",
    "H. Bos",
    "W. Smit",
    "E. Meijer",
    "G. de Groot",
    "R. Kok",
]


def _days_ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def _spread(initiative, start_days_ago: int, every: int = 9) -> None:
    """Give the timeline realistic dates: the first step `start_days_ago`, then every few days
    (decisions keep the day they were recorded on)."""
    steps = list(Step.objects.filter(initiative=initiative).order_by("at", "pk"))
    for number, step in enumerate(steps):
        if step.status == Status.DECIDED or (
            step.status == Status.AGENDA and "Uitgesteld" in step.note
        ):
            continue
        step.at = _days_ago(max(0, start_days_ago - number * every))
        step.save(update_fields=["at"])


@chapter("initiatives.route", order=700)
def route(ctx):
    municipality = ctx.municipality
    ByLaw.objects.get_or_create(
        municipality=municipality,
        kind=InitiativeKind.AGENDA,
        defaults={"signatures_needed": 25, "collect_days": 90, "minimum_age": 16},
    )
    ByLaw.objects.get_or_create(
        municipality=municipality,
        kind=InitiativeKind.PROPOSAL,
        defaults={"signatures_needed": 60, "collect_days": 180, "minimum_age": 18},
    )
    clerks = ctx.staff.get("clerk") or ctx.staff.get("administrator") or []
    if not clerks:
        return
    clerk = clerks[0]
    agenda_law = selectors.bylaw_for(municipality, InitiativeKind.AGENDA)
    eligible = [p for p in ctx.residents if selectors.eligibility_problem(p, agenda_law) is None]
    if len(eligible) < 8:
        return
    rng = ctx.rng
    rng.shuffle(eligible)
    initiators, signers = eligible[:9], eligible[9:]

    def started(key, number, kind=InitiativeKind.AGENDA):
        title, problem, proposal, ask = STORIES[key]
        return services.initiative_create(
            initiator=initiators[number % len(initiators)],
            municipality=municipality,
            kind=kind,
            title=title,
            problem=problem,
            proposal=proposal,
            council_ask=ask,
            area=rng.choice(ctx.districts) if ctx.districts and rng.random() < 0.6 else None,
        )

    def admitted(key, number):
        initiative = started(key, number)
        services.initiative_submit(actor=initiative.initiator, initiative=initiative)
        services.initiative_review(actor=clerk, initiative=initiative, admit=True)
        return initiative

    def signed(initiative, count):
        for person in signers[:count]:
            if initiative.status != Status.COLLECTING:
                break
            if person.pk != initiative.initiator_id:
                services.signature_add(
                    user=person, initiative=initiative, notify=rng.random() < 0.3
                )

    def paper(initiative, lines):
        rows = []
        for i in range(lines):
            postcode = f"9{rng.randint(100, 999)} {rng.choice(['AB', 'CD', 'EF'])}"
            rows.append(f"{PAPER_NAMES[i % len(PAPER_NAMES)]}; {postcode}; {i + 1}")
        rows.append(rows[0])  # the same person twice on the list: counted once
        services.paper_list_enter(
            actor=clerk,
            initiative=initiative,
            received_on=timezone.localdate(),
            lines="\n".join(rows),
        )

    started("concept", 0)

    review = started("in_review", 1)
    services.initiative_submit(actor=review.initiator, initiative=review)
    _spread(review, 3)

    refused = started("refused", 2)
    services.initiative_submit(actor=refused.initiator, initiative=refused)
    services.initiative_review(
        actor=clerk,
        initiative=refused,
        admit=False,
        reason=(
            "De dienstregeling van de trein is geen besluit van de gemeenteraad. Wij hebben uw "
            "vraag doorgestuurd naar de provincie."
        ),
    )
    _spread(refused, 40, every=10)

    collecting = admitted("collecting", 3)
    signed(collecting, agenda_law.signatures_needed // 2)
    _spread(collecting, 20, every=4)

    with_paper = admitted("collecting_paper", 4)
    signed(with_paper, 6)
    paper(with_paper, 5)
    _spread(with_paper, 30, every=6)

    queue = admitted("agenda", 5)
    signed(queue, len(signers))
    if queue.status == Status.COLLECTING:
        paper(queue, queue.signatures_missing)
    _spread(queue, 60, every=12)

    meeting_next = services.meeting_save(
        actor=clerk,
        municipality=municipality,
        title="Raadsvergadering",
        starts_at=_days_ago(-14).replace(hour=19, minute=30, second=0, microsecond=0),
        location="Raadzaal, stadhuis",
        agenda_url="https://voorbeeldstad.raadsinformatie.nl/vergadering/2",
    )
    scheduled = admitted("scheduled", 6)
    signed(scheduled, len(signers))
    if scheduled.status == Status.COLLECTING:
        paper(scheduled, scheduled.signatures_missing)
    services.initiative_schedule(actor=clerk, initiative=scheduled, meeting=meeting_next)
    _spread(scheduled, 80, every=15)

    decided = admitted("decided", 7)
    signed(decided, len(signers))
    if decided.status == Status.COLLECTING:
        paper(decided, decided.signatures_missing)
    earlier = services.meeting_save(
        actor=clerk,
        municipality=municipality,
        title="Raadsvergadering",
        starts_at=timezone.now() + datetime.timedelta(hours=1),
        location="Raadzaal, stadhuis",
    )
    services.initiative_schedule(actor=clerk, initiative=decided, meeting=earlier)
    services.meeting_save(
        actor=clerk,
        meeting=earlier,
        municipality=municipality,
        title=earlier.title,
        location=earlier.location,
        starts_at=_days_ago(35).replace(hour=19, minute=30),
        agenda_url="https://voorbeeldstad.raadsinformatie.nl/vergadering/0",
    )
    services.decision_record(
        actor=clerk,
        initiative=decided,
        outcome=Outcome.POSTPONED,
        motivation="De raad wil eerst weten wat gratis zwemles per jaar kost.",
        decided_on=timezone.localdate(_days_ago(35)),
    )
    later = services.meeting_save(
        actor=clerk,
        municipality=municipality,
        title="Raadsvergadering",
        starts_at=timezone.now() + datetime.timedelta(hours=1),
        location="Raadzaal, stadhuis",
    )
    services.initiative_schedule(actor=clerk, initiative=decided, meeting=later)
    services.meeting_save(
        actor=clerk,
        meeting=later,
        municipality=municipality,
        title=later.title,
        location=later.location,
        starts_at=_days_ago(7).replace(hour=19, minute=30),
        agenda_url="https://voorbeeldstad.raadsinformatie.nl/vergadering/1",
    )
    services.decision_record(
        actor=clerk,
        initiative=decided,
        outcome=Outcome.ADOPTED,
        motivation=(
            "De raad neemt het voorstel over. Zwemles tot het A-diploma wordt vanaf volgend "
            "schooljaar gratis; het geld komt uit het sportbudget."
        ),
        decided_on=timezone.localdate(_days_ago(7)),
        decision_url="https://voorbeeldstad.raadsinformatie.nl/besluit/2026-114",
    )
    _spread(decided, 150, every=20)

    council = ctx.staff.get("council_member") or []
    parties = ["Groen Voorbeeldstad", "Lokaal Belang", "Stadspartij"]
    members = [
        services.council_member_save(
            actor=clerk,
            municipality=municipality,
            user=person,
            name=person.display_name,
            party=parties[number % len(parties)],
            portfolio=["verkeer, veiligheid", "groen, sport", "onderwijs, jeugd"][number % 3],
        )
        for number, person in enumerate(council[:3])
    ]
    reactions = [
        (queue, "Ik ben benieuwd naar de plek die de initiatiefnemers voorstellen. Ik kom kijken."),
        (scheduled, "Mooi voorstel. Ik vraag het college vóór de vergadering wat het kost."),
        (collecting, "Veilig oversteken bij scholen is belangrijk. Succes met tekenen!"),
    ]
    for member, (initiative, body) in zip(members, reactions, strict=False):
        services.council_reaction_post(user=member.user, initiative=initiative, body=body)

    expired = admitted("expired", 8)
    signed(expired, 4)
    expired.last_day = timezone.localdate() - datetime.timedelta(days=1)
    expired.save(update_fields=["last_day"])  # the period ran out; the clock does the rest
    services.expire_clock()
    _spread(expired, 120, every=30)


COUNCIL_QUESTIONS = [
    ("Komen er genoeg fietsenrekken bij als het plan klaar is?", True, False),
    ("Wanneer bespreekt de raad de uitkomst van dit proces?", True, False),
    ("Hoe weegt u de reacties van jongeren mee in uw besluit?", False, True),
    ("Kunt u toezeggen dat bewoners meepraten over de uitvoering?", False, False),
]


@chapter("initiatives.council_link", order=710)
def council_link(ctx):
    """Council members follow areas and themes, react on input and processes, and answer
    residents' questions on process pages (one answered, one to all answered, one overdue,
    one open), all through the services; dates spread over the past weeks."""
    from samenspraak.consultation.models import Input
    from samenspraak.initiatives.models import CouncilMember, CouncilQuestion
    from samenspraak.organisations.models import Topic
    from samenspraak.processes.models import Process, ProcessStatus

    municipality = ctx.municipality
    members = list(CouncilMember.objects.filter(municipality=municipality).order_by("pk"))
    clerks = ctx.staff.get("clerk") or []
    processes = list(
        Process.objects.filter(municipality=municipality, status=ProcessStatus.PUBLISHED)
        .prefetch_related("areas", "topics")
        .order_by("-published_at", "pk")[:4]
    )
    if not members or not clerks or not processes:
        return
    topics = list(Topic.objects.filter(municipality=municipality).order_by("name"))
    districts = list(ctx.districts)
    for number, member in enumerate(members):
        services.council_member_save(
            actor=clerks[0],
            municipality=municipality,
            user=member.user,
            name=member.name,
            party=member.party,
            portfolio=member.portfolio,
            bio=member.bio,
            areas={
                districts[number % len(districts)],
                districts[(number + len(members)) % len(districts)],
            }
            if districts
            else [],
            topics=topics[number :: len(members)][:2],
        )
    inputs = list(
        Input.objects.filter(process__in=processes).select_related("process").order_by("pk")[:2]
    )
    input_reactions = [
        "Goed punt. Ik neem dit mee naar de commissievergadering over de buitenruimte.",
        "Dit hoor ik vaker in de wijk. Ik vraag het college hoe het dit wil oplossen.",
    ]
    for member, item, body in zip(members, inputs, input_reactions, strict=False):
        services.council_reaction_post(user=member.user, input=item, body=body)
    process_reactions = [
        "Fijn dat bewoners hier vroeg meedenken. Ik lees alle inbreng voordat de raad besluit.",
        "Ik volg dit proces voor mijn fractie. Stel gerust een vraag hieronder.",
    ]
    for member, process, body in zip(members[::-1], processes, process_reactions, strict=False):
        services.council_reaction_post(user=member.user, process=process, body=body)

    process = processes[0]
    residents = ctx.residents
    answers = [
        "Ja. In het ontwerp staan zestig nieuwe fietsenrekken bij de ingangen.",
        "De raad bespreekt de uitkomst na de zomer in de commissie Ruimte.",
    ]
    for number, (body, answered, overdue) in enumerate(COUNCIL_QUESTIONS):
        to_one = number % 2 == 0
        question = services.question_ask(
            user=residents[number % len(residents)],
            process=process,
            member=members[0] if to_one else None,
            body=body,
        )
        asked = timezone.now() - datetime.timedelta(days=30 if overdue else 10 + number)
        CouncilQuestion.objects.filter(pk=question.pk).update(
            asked_at=asked,
            due_on=timezone.localdate(asked) + datetime.timedelta(days=services.answer_days()),
        )
        if answered:
            question.refresh_from_db()
            services.question_answer(
                user=members[0].user, question=question, answer=answers[number % len(answers)]
            )
            CouncilQuestion.objects.filter(pk=question.pk).update(
                answered_at=asked + datetime.timedelta(days=3)
            )
