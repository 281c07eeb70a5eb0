"""Demo: CBS figures for the demo areas (read through the real CSV import), voluntary answers
about themselves from residents of the running processes (older and higher educated than the
population, as real participants are), paper counts from a meeting, published figures for one
process and a target that lags ("at least 20% of 15 to 25 year olds")."""

from __future__ import annotations

import csv
import io

from django.utils import timezone

from samenspraak.accounts.models import Role
from samenspraak.core import csvsafe
from samenspraak.core.demo_registry import chapter
from samenspraak.processes.models import Process, ProcessStatus
from samenspraak.representation import selectors, services
from samenspraak.representation.models import (
    NOT_SAID,
    AgeBand,
    Characteristic,
    Education,
    Gender,
    TargetKind,
)

#: Column names as in CBS's Kerncijfers wijken en buurten (the running numbers included).
HEADER = [
    "ID",
    "WijkenEnBuurten",
    "Gemeentenaam_1",
    "SoortRegio_2",
    "Codering_3",
    "AantalInwoners_5",
    "Mannen_6",
    "Vrouwen_7",
    "k_0Tot15Jaar_8",
    "k_15Tot25Jaar_9",
    "k_25Tot45Jaar_10",
    "k_45Tot65Jaar_11",
    "k_65JaarOfOuder_12",
    "OpleidingsniveauLaag_64",
    "OpleidingsniveauMiddelbaar_65",
    "OpleidingsniveauHoog_66",
]
#: Population shares the demo figures scatter around (roughly a mid-sized Dutch town).
AGE_SHARES = [0.16, 0.12, 0.25, 0.26, 0.21]
EDUCATION_SHARES = [0.28, 0.38, 0.34]
#: Participants: older and higher educated than the population.
PARTICIPANT_AGES = [
    (AgeBand.UNDER_15, 1),
    (AgeBand.FROM_15, 4),
    (AgeBand.FROM_25, 22),
    (AgeBand.FROM_45, 36),
    (AgeBand.FROM_65, 30),
    (NOT_SAID, 7),
]
PARTICIPANT_GENDERS = [(Gender.MAN, 50), (Gender.WOMAN, 44), (Gender.OTHER, 1), (NOT_SAID, 5)]
PARTICIPANT_EDUCATION = [
    (Education.LOW, 14),
    (Education.MIDDLE, 30),
    (Education.HIGH, 48),
    (NOT_SAID, 8),
]


def _round5(value: float) -> int:
    """CBS rounds its neighbourhood figures to fives."""
    return int(5 * round(value / 5))


def cbs_table(rng, districts, neighbourhoods) -> bytes:
    """A CSV in CBS's format for the demo areas (neighbourhoods add up to their district)."""
    out = io.StringIO()
    writer = csvsafe.writer(out, delimiter=";", quoting=csv.QUOTE_ALL)
    writer.writerow(HEADER)
    by_parent: dict[int, list] = {}
    for area in neighbourhoods:
        by_parent.setdefault(area.parent_id, []).append(area)
    line = 0
    for district in districts:
        rows = []
        for area in by_parent.get(district.pk, []):
            inhabitants = rng.randint(600, 4200)
            age_weights = [share * rng.uniform(0.75, 1.25) for share in AGE_SHARES]
            education_weights = [share * rng.uniform(0.7, 1.3) for share in EDUCATION_SHARES]
            ages = [_round5(inhabitants * w / sum(age_weights)) for w in age_weights]
            adults = inhabitants * 0.7  # CBS counts education for people of 15 to 75
            education = [_round5(adults * w / sum(education_weights)) for w in education_weights]
            men = _round5(inhabitants * rng.uniform(0.47, 0.52))
            rows.append((area, [sum(ages), men, sum(ages) - men, *ages, *education]))
        if not rows:
            continue
        totals = [sum(values[i] for _area, values in rows) for i in range(len(rows[0][1]))]
        for area, values in [(district, totals), *rows]:
            line += 1
            kind = "Wijk" if area is district else "Buurt"
            writer.writerow(
                [line, f"{area.cbs_code:<10}", "Voorbeeldstad", kind, area.cbs_code]
                + [f"{value:>8}" for value in values]
            )
    return out.getvalue().encode("utf-8")


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


@chapter("representation.figures", order=900)
def figures(ctx):
    managers = ctx.staff.get(Role.PROCESS_MANAGER) or ctx.staff.get(Role.ADMINISTRATOR) or []
    if not managers:
        return
    manager = managers[0]
    services.population_import(
        actor=manager,
        municipality=ctx.municipality,
        raw=cbs_table(ctx.rng, ctx.districts, ctx.neighbourhoods),
        source="Voorbeeldcijfers in het formaat van CBS Kerncijfers wijken en buurten",
    )
    now = timezone.now()
    running = list(
        Process.objects.filter(
            municipality=ctx.municipality,
            status=ProcessStatus.PUBLISHED,
            phases__starts_at__lte=now,
            phases__ends_at__gt=now,
        )
        .distinct()
        .order_by("pk")
    )
    residents = list(ctx.residents)
    for number, process in enumerate(running[:3]):
        areas = selectors.process_areas(process)
        area_values = [str(area.pk) for area in areas]
        people = ctx.rng.sample(residents, min(len(residents), ctx.rng.randint(60, 140)))
        for person in people:
            services.answer_submit(
                process=process,
                user=person,
                age=_pick(ctx.rng, PARTICIPANT_AGES),
                gender=_pick(ctx.rng, PARTICIPANT_GENDERS),
                education=_pick(ctx.rng, PARTICIPANT_EDUCATION),
                area=ctx.rng.choice(area_values) if ctx.rng.random() < 0.9 else NOT_SAID,
            )
        if number == 0:
            # A meeting with forms on paper, a target that lags, and the figures public.
            counts = {
                (str(Characteristic.AGE), str(AgeBand.FROM_45)): 8,
                (str(Characteristic.AGE), str(AgeBand.FROM_65)): 14,
                (str(Characteristic.GENDER), str(Gender.WOMAN)): 12,
                (str(Characteristic.GENDER), str(Gender.MAN)): 10,
            }
            services.paper_counts_save(actor=manager, process=process, counts=counts)
            services.target_add(
                actor=manager,
                process=process,
                characteristic=Characteristic.AGE,
                value=AgeBand.FROM_15,
                kind=TargetKind.AT_LEAST,
                number=20,
            )
            services.target_add(
                actor=manager,
                process=process,
                characteristic=Characteristic.EDUCATION,
                value=Education.LOW,
                kind=TargetKind.WITHIN,
                number=5,
            )
            services.publish_set(actor=manager, process=process, published=True)
    ctx.data["representation_processes"] = running[:3]
