"""Demo: a burgerberaad about the energy transition, from the address file to the published
panel. 2,000 addresses in the demo's neighbourhoods, 600 invitations by lot, 150 registrations
that lean older and higher educated (as real volunteer pools do), quotas derived from population
figures, the panel of 24 drawn by LEXIMIN with 6 reserves, and the publication. The draw runs in
the chapter (no worker needed) and takes a few seconds."""

from __future__ import annotations

import datetime

from django.utils import timezone

from samenspraak.assemblies import selectors, services, tasks
from samenspraak.assemblies.models import PHASE_KIND, Assembly
from samenspraak.core.demo_registry import chapter

TITLE = "Burgerberaad over de warmte in onze wijken"
INTRO = (
    "Hoe verwarmen we onze huizen straks zonder aardgas? Een groep van 24 inwoners, gekozen "
    "door loting, praat daar vier zaterdagen over en geeft advies aan de gemeenteraad."
)
STREETS = [
    "Kerkstraat", "Dorpsstraat", "Molenweg", "Schoolstraat", "Stationsweg", "Beukenlaan",
    "Eikenlaan", "Julianastraat", "Wilhelminastraat", "Parkweg", "Nieuwstraat", "Havenkade",
]  # fmt: skip
# (feature, value, inhabitants, how much more or less often such people volunteer)
FEATURES = [
    ("Leeftijd", "16 tot 35 jaar", 15800, 0.5),
    ("Leeftijd", "35 tot 65 jaar", 24700, 1.0),
    ("Leeftijd", "65 jaar en ouder", 12100, 2.0),
    ("Geslacht", "Vrouw", 26400, 1.0),
    ("Geslacht", "Man", 25700, 1.0),
    ("Geslacht", "Anders of zeg ik liever niet", 500, 1.0),
    ("Opleiding", "Basisonderwijs, vmbo of mbo 1", 15600, 0.5),
    ("Opleiding", "Havo, vwo of mbo 2-4", 21000, 1.0),
    ("Opleiding", "Hbo of universiteit", 16000, 2.2),
]
ADDRESSES = 2000
INVITATIONS = 600
REGISTRATIONS = 150


def _address_file(ctx) -> bytes:
    areas = [a.cbs_code or a.slug for a in ctx.neighbourhoods] or ["BU-NOORD", "BU-ZUID"]
    rng = ctx.rng
    lines = ["straat;huisnummer;toevoeging;postcode;woonplaats;buurtcode"]
    used: set[tuple[str, int, str]] = set()
    while len(lines) <= ADDRESSES:
        # Some neighbourhoods are bigger than others.
        index = min(int(rng.paretovariate(1.2)) - 1, len(areas) - 1)
        area = areas[index]
        letters = rng.choice("ABCDEFGH") + rng.choice("ABCDEFGH")
        postcode = f"{1000 + 10 * (index % 800) + rng.randint(0, 9)} {letters}"
        number = rng.randint(1, 180)
        addition = rng.choice(["", "", "", "", "A", "B"])
        if (postcode, number, addition) in used:
            continue
        used.add((postcode, number, addition))
        name = ctx.municipality.name
        lines.append(f"{rng.choice(STREETS)};{number};{addition};{postcode};{name};{area}")
    return "\n".join(lines).encode()


def _volunteer(rng) -> dict[str, str]:
    chosen = {}
    for feature in dict.fromkeys(f for f, *_rest in FEATURES):
        options = [(v, pop * lean) for f, v, pop, lean in FEATURES if f == feature]
        chosen[feature] = rng.choices([v for v, _w in options], [w for _v, w in options])[0]
    return chosen


@chapter("assemblies.burgerberaad", order=440)
def burgerberaad(ctx):
    from samenspraak.processes.models import Phase, Process, ProcessStatus

    managers = ctx.staff.get("process_manager") or ctx.staff.get("administrator") or []
    if not managers or Assembly.objects.filter(title=TITLE).exists():
        return
    manager = managers[0]
    now = timezone.now()
    process = Process.objects.create(
        municipality=ctx.municipality,
        title="Warmte in onze wijken: een burgerberaad",
        slug="burgerberaad-warmte",
        summary="24 gelote inwoners geven advies over verwarmen zonder aardgas.",
        goal="Een advies van inwoners die samen lijken op alle inwoners van de gemeente.",
        level="advise",
        commitment="De gemeenteraad bespreekt het advies en legt uit wat zij met elk punt doet.",
        commitment_owner="De gemeenteraad",
        decision_maker="De gemeenteraad",
        policy_phase="policy_making",
        status=ProcessStatus.PUBLISHED,
        published_at=now - datetime.timedelta(days=30),
    )
    phase = Phase.objects.create(
        process=process,
        kind=PHASE_KIND,
        title="Uitnodigen, aanmelden en loten",
        starts_at=now - datetime.timedelta(days=28),
        ends_at=now + datetime.timedelta(days=14),
        order=10,
    )
    assembly = services.assembly_create(
        actor=manager,
        process=process,
        phase=phase,
        title=TITLE,
        intro=INTRO,
        panel_size=24,
        reserve_size=6,
    )
    quota_text = selectors.quota_text([(f, v, pop, 0, 24) for f, v, pop, _lean in FEATURES])
    services.quotas_save(actor=manager, assembly=assembly, text=quota_text, derive=True)
    services.addresses_upload(actor=manager, assembly=assembly, raw=_address_file(ctx))
    invitations = services.invitations_draw(
        actor=manager, assembly=assembly, count=INVITATIONS, seed="voorbeeldstad-2026"
    )
    rng = ctx.rng
    for number, invitation in enumerate(rng.sample(invitations, REGISTRATIONS), 1):
        by_phone = number % 15 == 0  # "bel de gemeente": staff enter these
        services.registration_create(
            assembly=assembly,
            code=invitation.code,
            name=f"Deelnemer {number}",
            email="" if by_phone else f"burgerberaad{number}@voorbeeld.invalid",
            phone=f"06 {10000000 + number}" if by_phone else "",
            characteristics=_volunteer(rng),
            consent=True,
            language="en" if number % 10 == 0 else "nl",
            actor=manager if by_phone else None,
        )
    services.registration_close(actor=manager, assembly=assembly)
    seed = services.seed_commit(actor=manager, assembly=assembly, seed=f"demo-{ctx.seed}-warmte")
    tasks.draw_schedule(actor=manager, assembly=assembly, seed=seed)
    assembly.refresh_from_db()
    if assembly.stage != "drawn":  # a queue that runs tasks later: draw here, without a worker
        tasks.compute_draw(assembly.pk)
        assembly.refresh_from_db()
    if assembly.stage == "drawn":
        services.publish(actor=manager, assembly=assembly)
    ctx.data["assemblies"] = [assembly]
