"""Demo: Voorbeeldstad's participatory budgets, built through the budgeting services.

- "Burgerbegroting Voorbeeldstad 2026" (from the shipped template "burgerbegroting"), now in its
  results phase: a city-wide budget (approval, at most 5, Equal Shares) and two area budgets
  (Oost: knapsack, greedy; West: cumulative 10 points, Equal Shares), proposals by residents,
  supports, feasibility reviews (some not feasible, with the reason), some hundreds of ballots
  over the three channels (online with an account, vote codes from a letter, paper entered twice
  by two staff members) and computed, published results.
- "Buurtbudget Centrum" (from "buurtbudget"), now in its vote phase, so a visitor can vote with
  the verified demo resident (who lives in the Binnenstad, in Centrum, and has not voted yet).

How it is built: the services check the clock (a proposal only while the proposal phase runs, a
review only before the vote starts), so each process starts with its proposal phase running
today; residents propose and staff review through the services; then the process's phases are
moved back in time (through the process service) so that the vote is over (or running), the
ballots are cast through the voting services at a moment inside the vote phase, and the result is
computed and published through the results services. Finally the timestamps the services stamp
with "now" (submitted, answered, voted, published) are spread over the phases they belong to,
so the pages tell a consistent story.

Everything is drawn from the chapter's own seeded random generator, so the same seed gives the
same projects, reviews, ballots and results.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from samenspraak.accounts.models import AttributeKind, VerifiedAttribute
from samenspraak.budgeting import results, voting
from samenspraak.budgeting.budgets import services as budget_services
from samenspraak.budgeting.models import (
    BallotType,
    Budget,
    Feasibility,
    OutcomeRule,
    PaperEntry,
    VoteCode,
    VoterRegister,
)
from samenspraak.budgeting.phases import PROPOSE, REVIEW, VOTE
from samenspraak.budgeting.proposals import services as proposals
from samenspraak.budgeting.voting import codes, paper
from samenspraak.consultation.models import Input, OfficialAnswer, Support
from samenspraak.core.demo_registry import chapter
from samenspraak.processes import services as process_services
from samenspraak.processes.models import ProcessTemplate

#: (title, description, cost in euro, wijk slug or None, feasible?, review note).
#: The review note is the reason for "not feasible", or a changed final cost for "feasible".
CITY_PROJECTS = [
    (
        "Bomen langs de Singel",
        "Langs de Singel staan bijna geen bomen. Dertig nieuwe bomen "
        "geven schaduw en zijn goed voor vogels en insecten.",
        80_000,
        "centrum",
        True,
        92_000,
    ),
    (
        "Overdekte skatebaan",
        "Jongeren skaten nu op het parkeerterrein. Een overdekte baan kan het hele jaar open.",
        150_000,
        "zuid",
        True,
        None,
    ),
    (
        "Watertappunten in alle parken",
        "Gratis drinkwater in elk park: fijn voor sporters, kinderen en wandelaars op warme dagen.",
        30_000,
        None,
        True,
        None,
    ),
    (
        "Zonnepanelen op het zwembad",
        "Het dak van het zwembad is groot en leeg. Met zonnepanelen "
        "betaalt het zwembad minder voor stroom.",
        120_000,
        "oost",
        True,
        None,
    ),
    (
        "Grotere fietsenstalling bij het station",
        "De stalling is elke ochtend vol. Fietsen staan dan overal op de stoep.",
        200_000,
        "centrum",
        True,
        185_000,
    ),
    (
        "Beweegtuin voor ouderen",
        "Toestellen om buiten te bewegen, met bankjes ernaast. "
        "Samen bewegen is gezond en gezellig.",
        45_000,
        "noord",
        True,
        None,
    ),
    (
        "Openluchtpodium in het Julianapark",
        "Een klein podium voor muziek, theater en het buurtfeest.",
        90_000,
        "west",
        True,
        None,
    ),
    (
        "Buurtbus voor ouderen",
        "Een busje met vrijwilligers dat ouderen naar de markt, de dokter en het buurthuis brengt.",
        60_000,
        None,
        True,
        None,
    ),
    (
        "Groene schoolpleinen",
        "Tegels eruit, groen erin: vier schoolpleinen worden groen, met "
        "plek om te spelen en te ontdekken.",
        100_000,
        None,
        True,
        None,
    ),
    (
        "Meer bankjes langs wandelroutes",
        "Om de paar honderd meter een bankje, zodat iedereen een stuk kan wandelen.",
        20_000,
        None,
        True,
        None,
    ),
    (
        "Losloopgebied voor honden",
        "Een omheind veld waar honden los mogen. Dan blijven de speelvelden schoon.",
        35_000,
        "vogelwijk",
        True,
        None,
    ),
    (
        "Muurschildering in de stationstunnel",
        "De tunnel is donker en grauw. Een kunstwerk van "
        "kunstenaars uit de stad maakt hem vrolijk en veiliger.",
        40_000,
        "centrum",
        True,
        None,
    ),
    (
        "Speeltuin voor alle kinderen",
        "Een speeltuin waar ook kinderen in een rolstoel kunnen spelen.",
        110_000,
        "haven",
        True,
        None,
    ),
    (
        "Nieuw zwembad in Zuid",
        "Zuid heeft geen eigen zwembad. Een nieuw bad zou veel mensen helpen.",
        450_000,
        "zuid",
        False,
        "Een nieuw zwembad kost ruim acht miljoen euro, veel meer dan het hele budget. Het plan "
        "voor een zwembad in Zuid bespreekt de gemeenteraad dit najaar.",
    ),
    (
        "Gratis parkeren in de binnenstad",
        "Op zaterdag gratis parkeren, zodat meer mensen in de binnenstad winkelen.",
        75_000,
        "centrum",
        False,
        "Dit is geen project dat één keer geld kost: de gemeente mist elk jaar opnieuw inkomsten. "
        "Daar is dit budget niet voor.",
    ),
]
OOST_PROJECTS = [
    (
        "Nieuwe speeltoestellen in de Kastanjebuurt",
        "De speeltoestellen zijn oud en een deel is "
        "weggehaald. Kinderen hebben weer een plek nodig.",
        35_000,
        "kastanjebuurt",
        True,
        None,
    ),
    (
        "Jeu-de-boulesbaan bij het sportpark",
        "Een baan voor jong en oud, naast de kantine.",
        12_000,
        "oosterhof",
        True,
        None,
    ),
    (
        "Licht op het pad langs het ziekenhuis",
        "Het pad is 's avonds donker. Met lampen voelen mensen zich veiliger.",
        28_000,
        "oosterhof",
        True,
        31_000,
    ),
    (
        "Buurtmoestuin Oosterhof",
        "Samen groente kweken op het lege veld achter de flat.",
        15_000,
        "oosterhof",
        True,
        None,
    ),
    (
        "Geveltuinen in de Schildersbuurt",
        "Bewoners krijgen planten en hulp om een geveltuin te maken.",
        8_000,
        "schildersbuurt",
        True,
        None,
    ),
    (
        "Overdekte fietsenstalling bij de weekmarkt",
        "Op marktdag staan fietsen overal. Een stalling met een dak houdt de stoep vrij.",
        40_000,
        "schildersbuurt",
        True,
        None,
    ),
    (
        "Pannakooi op het grasveld",
        "Een kooi om te voetballen, voor de jongeren uit de wijk.",
        25_000,
        "kastanjebuurt",
        True,
        None,
    ),
    (
        "Drempels in de Kastanjelaan",
        "Auto's rijden hier veel te hard.",
        20_000,
        "kastanjebuurt",
        False,
        "Drempels horen bij het verkeersplan en worden uit een ander budget "
        "betaald. Wij hebben uw melding doorgestuurd naar de afdeling Mobiliteit.",
    ),
]
WEST_PROJECTS = [
    (
        "Bloemenweide in het Julianapark",
        "Een stuk gras wordt een bloemenweide, goed voor bijen en vlinders.",
        9_000,
        "julianapark",
        True,
        None,
    ),
    (
        "Bankjes en picknicktafels in de Tuinwijk",
        "Een plek om samen te zitten en te eten, midden in de wijk.",
        12_000,
        "tuinwijk",
        True,
        None,
    ),
    (
        "Kinderboerderij opknappen",
        "De stallen lekken en het hek is kapot. De kinderboerderij verdient een opknapbeurt.",
        25_000,
        "tuinwijk",
        True,
        27_500,
    ),
    (
        "Boekenkastjes in de buurt",
        "Kleine kastjes waar iedereen een boek kan brengen en halen.",
        3_000,
        "westerkwartier",
        True,
        None,
    ),
    (
        "Trapveldje in het Westerkwartier",
        "Het oude trapveld is overwoekerd. Met nieuw gras en "
        "doeltjes kunnen kinderen weer voetballen.",
        18_000,
        "westerkwartier",
        True,
        None,
    ),
    (
        "Buitenfitness bij de brede school",
        "Toestellen om buiten te sporten, voor ouders en buurtbewoners.",
        22_000,
        "westerkwartier",
        True,
        None,
    ),
    (
        "Insectenhotels en nestkastjes",
        "Kinderen van de brede school bouwen en hangen ze op.",
        4_000,
        "julianapark",
        True,
        None,
    ),
    (
        "Elk jaar een groot buurtfeest",
        "Een feest voor de hele wijk, elk jaar in juni.",
        10_000,
        "tuinwijk",
        False,
        "Dit budget is voor projecten die één keer geld kosten. Voor een feest "
        "kunt u elk jaar een bijdrage uit het wijkfonds vragen.",
    ),
]
CENTRUM_PROJECTS = [
    (
        "Plantenbakken op het Marktplein",
        "Groen op het plein, met bankjes aan de randen.",
        8_000,
        "marktkwartier",
        True,
        None,
    ),
    (
        "Fietsnietjes in de Stationsbuurt",
        "Meer plekken om de fiets netjes neer te zetten.",
        6_000,
        "stationsbuurt",
        True,
        None,
    ),
    (
        "Buitenbibliotheek in de Binnenstad",
        "Een kast met boeken onder een afdak, voor iedereen.",
        5_000,
        "binnenstad",
        True,
        None,
    ),
    (
        "Speelplek op het Stadhuisplein",
        "Een paar speeltoestellen, zodat kinderen kunnen spelen terwijl ouders boodschappen doen.",
        18_000,
        "binnenstad",
        True,
        16_500,
    ),
    (
        "Watertappunt bij het station",
        "Gratis drinkwater voor reizigers en sporters.",
        7_000,
        "stationsbuurt",
        True,
        None,
    ),
    (
        "Veilige oversteek in het Marktkwartier",
        "Een verlichte oversteekplaats bij de school.",
        15_000,
        "marktkwartier",
        True,
        None,
    ),
    (
        "Gratis parkeergarage op zaterdag",
        "Dan komen er meer mensen naar de winkels.",
        30_000,
        "binnenstad",
        False,
        "Dit kost elk jaar opnieuw geld en past daarom niet in het buurtbudget.",
    ),
]

REVIEW_REASON = (
    "Het project past in de regels van het budget, de grond is van de gemeente en het kan binnen "
    "een jaar klaar zijn."
)
CHANGED_COST_REASON = (
    " De kosten zijn anders dan geschat: wij hebben de prijs nagevraagd bij een aannemer."
)


@dataclass(frozen=True)
class BudgetPlan:
    title: str
    description: str
    wijk: str | None  # None: the whole town
    amount: int
    ballot_type: str
    rule: str
    projects: list
    max_choices: int | None = None
    points: int | None = None
    #: Turnout: the share of eligible account holders who vote online; letters with a vote code
    #: (per wijk for a city-wide budget) and the share of them used; paper ballots.
    online_share: float = 0.5
    letters: int = 0
    letters_used: float = 0.0
    paper: int = 0


PLANS = [
    BudgetPlan(
        title="Voor de hele stad",
        description="Projecten voor heel Voorbeeldstad. U kiest hoogstens vijf projecten.",
        wijk=None,
        amount=500_000,
        ballot_type=BallotType.APPROVAL,
        max_choices=5,
        rule=OutcomeRule.MES_ADD1_GREEDY,
        projects=CITY_PROJECTS,
        online_share=0.55,
        letters=30,
        letters_used=0.33,
        paper=30,
    ),
    BudgetPlan(
        title="Wijkbudget Oost",
        description="Projecten voor de wijk Oost. Kies projecten tot het geld op is.",
        wijk="oost",
        amount=100_000,
        ballot_type=BallotType.KNAPSACK,
        rule=OutcomeRule.GREEDY,
        projects=OOST_PROJECTS,
        online_share=0.6,
        letters=80,
        letters_used=0.33,
        paper=10,
    ),
    BudgetPlan(
        title="Wijkbudget West",
        description="Projecten voor de wijk West. Verdeel 10 punten over de projecten.",
        wijk="west",
        amount=60_000,
        ballot_type=BallotType.CUMULATIVE,
        points=10,
        rule=OutcomeRule.MES_ADD1_GREEDY,
        projects=WEST_PROJECTS,
        online_share=0.6,
        letters=80,
        letters_used=0.3,
        paper=8,
    ),
]
RUNNING_PLAN = BudgetPlan(
    title="Buurtbudget Centrum",
    description="Projecten voor de wijk Centrum. U kiest hoogstens drie projecten.",
    wijk="centrum",
    amount=40_000,
    ballot_type=BallotType.APPROVAL,
    max_choices=3,
    rule=OutcomeRule.MES_ADD1_GREEDY,
    projects=CENTRUM_PROJECTS,
    online_share=0.3,
    letters=60,
    letters_used=0.15,
)

#: The town size the turnout numbers of the plans are written for (the demo's default).
POPULATION = 300
CITY_TITLE = "Burgerbegroting Voorbeeldstad 2026"
#: Where the processes stand today, in days after their first day (see the templates' phases):
#: the city-wide vote closed three days ago (the result is published today); the Centrum vote
#: opened six days ago.
CITY_DAY_TODAY = 105 + 3
RUNNING_DAY_TODAY = 63 + 6


# --- helpers ----------------------------------------------------------------------------------


def _at(phase, fraction: float) -> datetime.datetime:
    """A moment `fraction` (0..1) of the way through a phase."""
    return phase.starts_at + (phase.ends_at - phase.starts_at) * fraction


def _day(moment) -> datetime.date:
    return timezone.localtime(moment).date()


def _point_in(area, rng) -> tuple[float | None, float | None]:
    """A random point inside a (rectangular) demo area, away from its edges."""
    try:
        ring = area.shape["coordinates"][0]
        lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    except (TypeError, KeyError, IndexError):
        return None, None
    lon = min(lons) + (max(lons) - min(lons)) * rng.uniform(0.15, 0.85)
    lat = min(lats) + (max(lats) - min(lats)) * rng.uniform(0.15, 0.85)
    return round(lat, 6), round(lon, 6)


def _weighted_sample(rng, items: list, weights: list[float], k: int) -> list:
    """k distinct items, each drawn with probability proportional to its weight
    (Efraimidis-Spirakis keys: one pass, deterministic for a seeded rng)."""
    keyed = sorted(
        ((rng.random() ** (1 / w), index) for index, w in enumerate(weights)), reverse=True
    )
    return [items[index] for _key, index in keyed[:k]]


def _choices_for(plan: BudgetPlan, rng, projects, weights) -> dict[int, int]:
    """One voter's ballot as the voting services take it: {project pk: value}."""
    if plan.ballot_type == BallotType.APPROVAL:
        most = min(plan.max_choices or len(projects), len(projects))
        k = rng.choice([1, 2, 3, 3, 4, 5, 5, 5])
        return {p.pk: 1 for p in _weighted_sample(rng, projects, weights, min(k, most))}
    if plan.ballot_type == BallotType.KNAPSACK:
        order = _weighted_sample(rng, projects, weights, len(projects))
        left, chosen = Decimal(plan.amount), {}
        for project in order[: rng.randint(2, len(projects))]:
            if project.cost <= left:
                chosen[project.pk] = 1
                left -= project.cost
        return chosen or {order[0].pk: 1}
    if plan.ballot_type == BallotType.CUMULATIVE:
        total = plan.points or 10
        k = min(rng.choice([1, 2, 2, 3, 3, 4]), len(projects))
        chosen = _weighted_sample(rng, projects, weights, k)
        cuts = sorted(rng.sample(range(1, total), k - 1))
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        return {p.pk: n for p, n in zip(chosen, parts, strict=True)}
    raise ValueError(plan.ballot_type)


def _eligible(ctx, budget: Budget) -> list:
    """The residents who may vote on this budget, in a fixed order, from everyone's verified
    attributes in one query."""
    if not budget.required_attributes:
        return list(ctx.residents)
    now = timezone.now()
    held: dict[int, set] = {}
    valid = VerifiedAttribute.objects.filter(
        user__in=ctx.residents, expires_at__gt=now, verified_at__lte=now
    ).values_list("user_id", "kind", "area_id")
    for user_id, kind, area_id in valid:
        held.setdefault(user_id, set()).update({kind, (kind, area_id)})
    required = set(budget.required_attributes)
    if budget.area_id is not None:
        required.add((AttributeKind.RESIDENT_OF_AREA, budget.area_id))
    # The voting service checks each voter again (budgets.selectors.eligibility_problem) and refuses
    # anyone this first pass lets through by mistake.
    return [r for r in ctx.residents if required <= held.get(r.pk, set())]


def _home_wijk(ctx) -> dict[int, int]:
    """Resident pk -> the pk of the wijk they live in (verified), for realistic preferences."""
    districts = [a.pk for a in ctx.districts]
    return dict(
        VerifiedAttribute.objects.filter(
            user__in=ctx.residents, kind=AttributeKind.RESIDENT_OF_AREA, area_id__in=districts
        ).values_list("user_id", "area_id")
    )


# --- the process: started today, then moved back in time --------------------------------------


def _start_process(ctx, *, template_key: str, title: str, areas, actor):
    """A published process from a shipped template whose proposal phase runs today."""
    template = ProcessTemplate.objects.filter(municipality__isnull=True, key=template_key).first()
    if template is None:
        return None
    process = process_services.process_start_from_template(
        actor=actor,
        template=template,
        municipality=ctx.municipality,
        start_date=timezone.localdate(),
        title=title,
    )
    process_services.process_update(actor=actor, process=process, areas=areas)
    process_services.process_publish(actor=actor, process=process)
    return process


def _move_back(process, days: int, *, actor) -> dict:
    """Move every phase `days` back, earliest first (so they never overlap on the way)."""
    delta = datetime.timedelta(days=days)
    for phase in process.phases.order_by("starts_at"):
        process_services.phase_update(
            actor=actor,
            phase=phase,
            starts_at=phase.starts_at - delta,
            ends_at=phase.ends_at - delta,
        )
    return {p.kind: p for p in process.phases.all()}


# --- one budget: set up, proposals, reviews -----------------------------------------------------


def _budget_with_proposals(ctx, process, plan: BudgetPlan, *, actor):
    """The budget, its proposals by residents (with supports) and their reviews, all today."""
    rng = ctx.rng
    by_slug = {a.slug: a for a in ctx.areas}
    area = by_slug.get(plan.wijk) if plan.wijk else None
    phase = next(p for p in process.phases.all() if p.kind == PROPOSE)
    required = [AttributeKind.AGE_16_PLUS]
    required.append(
        AttributeKind.RESIDENT_OF_AREA if area else AttributeKind.RESIDENT_OF_MUNICIPALITY
    )
    budget = budget_services.budget_save(
        actor=actor,
        process=process,
        title=plan.title,
        description=plan.description,
        area=area,
        amount=Decimal(plan.amount),
        required_attributes=required,
        ballot_type=plan.ballot_type,
        max_choices=plan.max_choices,
        points=plan.points,
        rule=plan.rule,
    )
    eligible = _eligible(ctx, budget)
    home = _home_wijk(ctx)
    projects = []
    for title, body, cost, place, _feasible, _note in plan.projects:
        where = by_slug.get(place) if place else None
        lat, lon = _point_in(where, rng) if where is not None else (None, None)
        wijk_pk = where.parent_id or where.pk if where is not None else None
        local = [r for r in eligible if wijk_pk is None or home.get(r.pk) == wijk_pk]
        projects.append(
            proposals.project_submit(
                author=rng.choice(local or eligible or ctx.residents),
                phase=phase,
                budget=budget,
                title=title,
                body=body,
                estimated_cost=Decimal(cost),
                latitude=lat,
                longitude=lon,
            )
        )
    # Supports from residents who may vote on it (never the author), written in bulk as the
    # consultation demo does; the counter is recounted from the rows.
    supports = []
    for project in projects:
        for user in rng.sample(eligible, min(len(eligible), rng.randint(2, 25))):
            if user.pk != project.input.author_id:
                supports.append(Support(input=project.input, user=user))
    Support.objects.bulk_create(supports, ignore_conflicts=True)
    counts = Support.objects.filter(input=OuterRef("pk")).values("input").annotate(n=Count("pk"))
    Input.objects.filter(budget_project__budget=budget).update(
        support_count=Coalesce(Subquery(counts.values("n")[:1]), 0)
    )
    managers = _managers(ctx)
    for project, row in zip(projects, plan.projects, strict=True):
        _title, _body, _cost, _place, feasible, note = row
        if feasible:
            reason = REVIEW_REASON + (CHANGED_COST_REASON if note else "")
            final_cost = Decimal(note) if note else None
        else:
            reason, final_cost = note, None
        proposals.project_review(
            actor=rng.choice(managers),
            project=project,
            feasibility=Feasibility.FEASIBLE if feasible else Feasibility.NOT_FEASIBLE,
            reason=reason,
            final_cost=final_cost,
        )
    return budget, eligible, home


# --- one budget: the vote ---------------------------------------------------------------------


def _vote(ctx, budget: Budget, plan: BudgetPlan, eligible, home, *, skip=()) -> None:
    """Ballots over the three channels, cast through the voting services inside the vote
    phase (`at`), so every ballot passes the same checks as a real one."""
    rng = ctx.rng
    on_ballot = voting.ballot_projects(budget)
    popularity = {p.pk: rng.uniform(0.4, 3.0) for p in on_ballot}
    place = {
        p.pk: (p.input.area_id, p.input.area.parent_id if p.input.area else None) for p in on_ballot
    }

    def weights_for(wijk_pk):
        # Residents like projects in their own wijk three times as much.
        return [
            popularity[p.pk] * (3.0 if wijk_pk and wijk_pk in place[p.pk] else 1.0)
            for p in on_ballot
        ]

    phase = voting.vote_phase(budget)
    end = min(phase.ends_at, timezone.now() - datetime.timedelta(minutes=1))

    def moment():
        # More people vote early, and again just before the end.
        fraction = rng.triangular(0, 1, 0.1 if rng.random() < 0.7 else 0.95)
        return phase.starts_at + (end - phase.starts_at) * fraction

    voters = [r for r in eligible if r.pk not in skip]
    for user in sorted(
        rng.sample(voters, int(len(voters) * plan.online_share)), key=lambda u: u.pk
    ):
        choices = _choices_for(plan, rng, on_ballot, weights_for(home.get(user.pk)))
        voting.cast_online(
            budget=budget, user=user, choices=choices, at=moment(), projects=on_ballot
        )

    # Letters and paper grow with the town (the numbers in the plans are for 300 residents).
    scale = len(ctx.residents) / POPULATION
    letters_per_wijk, sheets = round(plan.letters * scale), round(plan.paper * scale)
    managers = _managers(ctx)
    wijken = [budget.area] if budget.area else list(ctx.districts)
    for wijk in wijken:
        if not letters_per_wijk:
            break
        _batch, letters = codes.generate_batch(
            budget=budget,
            label=f"Brief aan alle adressen in {wijk.name}",
            created_by=managers[0],
            count=letters_per_wijk,
            area=wijk,
        )
        # The codes themselves are random; which letter is used does not matter.
        for letter in letters[: round(letters_per_wijk * plan.letters_used)]:
            choices = _choices_for(plan, rng, on_ballot, weights_for(wijk.pk))
            voting.cast_with_code(
                budget=budget,
                code=letter["code"],
                choices=choices,
                at=moment(),
                projects=on_ballot,
            )

    clerks = managers[:2]
    if len(clerks) == 2:
        for number in range(1, sheets + 1):
            wijk = budget.area or rng.choice(ctx.districts)
            choices = _choices_for(plan, rng, on_ballot, weights_for(wijk.pk))
            sheet = f"{number:04d}"
            at = phase.starts_at + (end - phase.starts_at) * rng.uniform(0.5, 1)
            for clerk in clerks:
                paper.enter_sheet(budget=budget, sheet=sheet, choices=choices, user=clerk, at=at)


def _for_voting(budget: Budget) -> Budget:
    """The budget as the voting services read it, with its process's phases loaded once (they
    look up the vote phase for every ballot)."""
    return (
        Budget.objects.select_related("process", "area")
        .prefetch_related("process__phases")
        .get(pk=budget.pk)
    )


def _managers(ctx) -> list:
    """Staff who manage processes: the process manager first, then the administrator."""
    return [*ctx.staff.get("process_manager", []), *ctx.staff.get("administrator", [])]


def _spread_timestamps(ctx, process, phases: dict) -> None:
    """The services stamp "now"; spread those moments over the phases they happened in."""
    rng = ctx.rng
    inputs = list(Input.objects.filter(process=process).order_by("pk"))
    for number, item in enumerate(inputs):
        item.created_at = _at(phases[PROPOSE], (number + rng.random()) / (len(inputs) + 1))
        item.due_date = _day(item.created_at) + datetime.timedelta(days=process.answer_days)
        item.answered_at = _at(phases[REVIEW], rng.uniform(0.1, 0.9))
    Input.objects.bulk_update(inputs, ["created_at", "due_date", "answered_at"])
    answers = list(OfficialAnswer.objects.filter(input__process=process).select_related("input"))
    for answer in answers:
        answer.published_at = answer.input.answered_at
    OfficialAnswer.objects.bulk_update(answers, ["published_at"])

    vote = phases[VOTE]
    first, last = _day(vote.starts_at), _day(min(vote.ends_at, timezone.now()))
    span = (
        max(0, (last - first).days - 1) if vote.ends_at <= timezone.now() else (last - first).days
    )

    def day():
        return first + datetime.timedelta(days=int(rng.triangular(0, span, 0)))

    # One UPDATE per day (a few dozen) instead of a CASE over every row.
    for queryset, field in (
        (VoterRegister.objects.filter(budget__process=process), "voted_on"),
        (VoteCode.objects.filter(batch__budget__process=process, used_on__isnull=False), "used_on"),
    ):
        by_day: dict[datetime.date, list] = {}
        for pk in queryset.order_by("pk").values_list("pk", flat=True):
            by_day.setdefault(day(), []).append(pk)
        for when, pks in sorted(by_day.items()):
            queryset.model.objects.filter(pk__in=pks).update(**{field: when})
    PaperEntry.objects.filter(budget__process=process).update(
        entered_at=vote.ends_at - datetime.timedelta(hours=20)
    )
    Budget.objects.filter(process=process, locked_at__isnull=False).update(locked_at=vote.starts_at)


@chapter("budgeting.budgets", order=600)
def budgets(ctx):
    managers = _managers(ctx)
    if len(managers) < 2 or not ctx.residents:
        return
    manager = managers[0]
    by_slug = {a.slug: a for a in ctx.areas}

    # The city-wide process: proposals and reviews today, then moved back so the vote is over.
    city = _start_process(
        ctx, template_key="burgerbegroting", title=CITY_TITLE, areas=[], actor=manager
    )
    if city is not None:
        built = [(plan, *_budget_with_proposals(ctx, city, plan, actor=manager)) for plan in PLANS]
        phases = _move_back(city, CITY_DAY_TODAY - 1, actor=manager)
        city_budgets = []
        for plan, budget, eligible, home in built:
            budget = _for_voting(budget)
            _vote(ctx, budget, plan, eligible, home)
            city_budgets.append(budget)
            # In a tiny demo town (--residents) a budget may get no votes: no result then.
            if budget.ballots.exists():
                result = results.result_compute(budget, actor=manager)
                results.result_publish(result, actor=manager)
        _spread_timestamps(ctx, city, phases)
        ctx.data["budget_processes"] = [city]
        ctx.data["budgets"] = city_budgets

    # A Buurtbudget whose vote runs now. The two hand-testing residents of the base chapter
    # (listed first; the verified one lives in the Binnenstad, in Centrum) have not voted.
    centrum = by_slug.get(RUNNING_PLAN.wijk)
    running = _start_process(
        ctx,
        template_key="buurtbudget",
        title=RUNNING_PLAN.title,
        areas=[centrum] if centrum else [],
        actor=manager,
    )
    if running is not None and centrum is not None:
        budget, eligible, home = _budget_with_proposals(ctx, running, RUNNING_PLAN, actor=manager)
        phases = _move_back(running, RUNNING_DAY_TODAY - 1, actor=manager)
        budget = _for_voting(budget)
        _vote(ctx, budget, RUNNING_PLAN, eligible, home, skip={r.pk for r in ctx.residents[:2]})
        _spread_timestamps(ctx, running, phases)
        ctx.data.setdefault("budget_processes", []).append(running)
        ctx.data["running_budget"] = budget
