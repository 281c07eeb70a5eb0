"""Demo: a running statement poll ("Stellingen peilen") about the city centre with a few hundred
residents in three opinion camps, residents' statements placed, waiting and rejected, and the
opinion groups computed."""

from __future__ import annotations

import datetime

from django.utils import timezone

from samenspraak.conversations import services
from samenspraak.conversations.models import PHASE_KIND
from samenspraak.core.demo_registry import chapter

TITLE = "Stellingen over een autoluwe binnenstad"
INTRO = (
    "De gemeente wil de binnenstad prettiger maken. Geef bij elke stelling aan of u het eens of "
    "oneens bent. U kunt ook zelf een stelling toevoegen. Zo zien we welke groepen er zijn, en "
    "waar bijna iedereen het over eens is."
)
# (text, how much each of three camps agrees: -1 .. 1); the last ones most people share.
STATEMENTS = [
    ("Auto's horen niet in de binnenstad.", (0.9, -0.8, 0.2)),
    ("Winkeliers moeten altijd met de auto kunnen laden en lossen.", (-0.3, 0.9, 0.4)),
    ("Parkeren in de binnenstad mag duurder worden.", (0.8, -0.9, -0.2)),
    ("Er moeten meer fietsenstallingen komen.", (0.9, 0.1, 0.6)),
    ("Bewoners moeten voor hun deur kunnen parkeren.", (-0.6, 0.8, 0.3)),
    ("De bus moet vaker naar het centrum rijden.", (0.7, 0.2, 0.8)),
    ("Een autoluwe binnenstad is slecht voor de winkels.", (-0.8, 0.8, -0.1)),
    ("Meer bomen en groen in de straten.", (0.9, 0.0, 0.7)),
    ("Terrassen mogen groter worden als er minder auto's zijn.", (0.8, -0.3, 0.1)),
    ("Ouderen moeten met de auto bij de dokter kunnen komen.", (0.3, 0.8, 0.9)),
    ("De binnenstad moet veilig zijn voor kinderen.", (0.9, 0.7, 0.9)),
    ("Plannen voor de binnenstad maken we samen met bewoners.", (0.8, 0.8, 0.9)),
    ("Bezorgers moeten elektrisch rijden in het centrum.", (0.8, -0.4, 0.4)),
    ("Een parkeergarage aan de rand van de stad is een goed idee.", (0.4, 0.3, 0.8)),
]
RESIDENT_STATEMENTS = [
    ("Maak de Lange Straat een fietsstraat.", "accept"),
    ("Gratis parkeren op zaterdag.", "accept"),
    ("Een pendelbus vanaf de parkeergarage.", "wait"),
    ("Iedereen die tegen is, is dom.", "reject"),
]


def _phase(ctx):
    from samenspraak.processes.models import Phase, Process, ProcessStatus

    now = timezone.now()
    process = Process.objects.create(
        municipality=ctx.municipality,
        title="Een autoluwe binnenstad",
        slug="autoluwe-binnenstad",
        summary="Hoe maken we de binnenstad prettiger, en voor wie?",
        goal="We willen weten waar inwoners het over eens zijn voordat we plannen maken.",
        level="consult",
        commitment="De uitkomsten gaan mee in het plan; we laten zien wat we ermee deden.",
        commitment_owner="Het college van B&W",
        decision_maker="De gemeenteraad",
        policy_phase="agenda_setting",
        status=ProcessStatus.PUBLISHED,
        published_at=now - datetime.timedelta(days=20),
    )
    return Phase.objects.create(
        process=process,
        kind=PHASE_KIND,
        title="Stellingen peilen",
        starts_at=now - datetime.timedelta(days=14),
        ends_at=now + datetime.timedelta(days=21),
        order=10,
    )


@chapter("conversations.statement_poll", order=420)
def statement_poll(ctx):
    from samenspraak.conversations.models import Conversation
    from samenspraak.conversations.tasks import compute_now

    managers = ctx.staff.get("process_manager") or ctx.staff.get("administrator") or []
    if not managers or len(ctx.residents) < 30:
        return
    if Conversation.objects.filter(title=TITLE).exists():
        return
    manager = managers[0]
    phase = _phase(ctx)
    conversation = services.conversation_create(
        actor=manager, process=phase.process, phase=phase, title=TITLE, intro=INTRO
    )
    seeded = [
        (services.statement_seed(actor=manager, conversation=conversation, text=text), leaning)
        for text, leaning in STATEMENTS
    ]
    rng = ctx.rng
    voters = rng.sample(ctx.residents, min(len(ctx.residents), rng.randint(220, 280)))
    authors = rng.sample(voters, len(RESIDENT_STATEMENTS))
    for author, (text, decision) in zip(authors, RESIDENT_STATEMENTS, strict=True):
        statement = services.statement_submit(user=author, conversation=conversation, text=text)
        if decision != "wait":
            services.statement_moderate(
                actor=manager, statement=statement, accept=decision == "accept"
            )
            if decision == "accept":
                seeded.append((statement, (0.2, 0.2, 0.2)))
    rows = []
    for voter in voters:
        camp = rng.choices([0, 1, 2], weights=[4, 3, 3])[0]
        for statement, leaning in seeded:
            if rng.random() < 0.25:  # not everybody votes on everything
                continue
            agree = rng.random() < (1 + leaning[camp]) / 2
            passes = rng.random() < 0.12
            rows.append((voter, statement, 0 if passes else (1 if agree else -1)))
    services.votes_import(conversation=conversation, rows=rows)
    compute_now(conversation.pk)  # the demo shows the groups at once, without a worker
    ctx.data["conversations"] = [conversation]
