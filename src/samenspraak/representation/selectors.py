"""Reads: who answered, paper counts, CBS figures, and the comparisons built from them.

Every function runs a fixed number of queries whatever the number of answers or areas.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from samenspraak.organisations.models import Area
from samenspraak.processes.models import Process
from samenspraak.representation import gaps
from samenspraak.representation.models import (
    ELSEWHERE,
    INHABITANTS,
    NOT_SAID,
    AgeBand,
    Answer,
    Characteristic,
    Education,
    Gender,
    PaperCount,
    PopulationFigure,
    ProcessSetting,
    Target,
    TargetKind,
)

Counts = dict[str, dict[str, int]]
ANSWER_FIELDS = {
    Characteristic.AGE: "age",
    Characteristic.GENDER: "gender",
    Characteristic.EDUCATION: "education",
    Characteristic.AREA: "area",
}
FIXED_GROUPS: dict[str, Any] = {
    Characteristic.AGE: AgeBand,
    Characteristic.GENDER: Gender,
    Characteristic.EDUCATION: Education,
}


def setting(process: Process) -> ProcessSetting:
    """The process's setting (unsaved defaults when there is none yet). One query."""
    found = ProcessSetting.objects.filter(process=process).first()
    return found or ProcessSetting(process=process)


def has_answered(process: Process, user) -> bool:
    if not user.is_authenticated:
        return False
    return Answer.objects.filter(process=process, user=user).exists()


def district_list(municipality) -> list[Area]:
    """The municipality's districts (its top-level areas), by name. One query."""
    return list(
        Area.objects.filter(municipality=municipality, parent__isnull=True).order_by("name")
    )


def process_areas(process: Process) -> list[Area]:
    """The areas a process is about, without those inside another one of them; the
    municipality's districts when the process names none. Two queries at most."""
    areas = list(process.areas.order_by("name"))
    if not areas:
        return district_list(process.municipality_id)
    pks = {area.pk for area in areas}
    return [area for area in areas if area.parent_id not in pks]


def area_groups(areas: list[Area]) -> list[tuple[str, str]]:
    return [(str(area.pk), area.name) for area in areas] + [(ELSEWHERE, _("Ergens anders"))]


def groups_of(characteristic: str, areas: list[Area]) -> list[tuple[str, str]]:
    if characteristic == Characteristic.AREA:
        return area_groups(areas)
    return [(value, str(label)) for value, label in FIXED_GROUPS[characteristic].choices]


def group_label(characteristic: str, value: str, areas: list[Area]) -> str:
    return dict(groups_of(characteristic, areas)).get(value, value)


def participant_counts(
    processes: list[int] | None, area_map: dict[str, str] | None = None
) -> Counts:
    """Counts per characteristic and group: online answers plus paper counts, for the given
    processes (None: all). `area_map` maps an answered area to the group it counts in (other
    answered areas count as ELSEWHERE). Two queries."""
    counts: Counts = {str(c): defaultdict(int) for c in Characteristic}
    answers = Answer.objects.all()
    paper = PaperCount.objects.all()
    if processes is not None:
        answers = answers.filter(process_id__in=processes)
        paper = paper.filter(process_id__in=processes)
    rows = answers.values(*ANSWER_FIELDS.values()).annotate(n=Count("pk")).order_by()
    for row in rows:
        for characteristic, field_name in ANSWER_FIELDS.items():
            value = row[field_name]
            if characteristic == Characteristic.AREA and area_map is not None:
                value = _area_group(value, area_map)
            counts[characteristic][value] += row["n"]
    for count in paper.values("characteristic", "value", "count"):
        value = count["value"]
        if count["characteristic"] == Characteristic.AREA and area_map is not None:
            value = _area_group(value, area_map)
        counts[count["characteristic"]][value] += count["count"]
    return {key: dict(value) for key, value in counts.items()}


def _area_group(value: str, area_map: dict[str, str]) -> str:
    if value in (NOT_SAID, ELSEWHERE):
        return value
    return area_map.get(value, ELSEWHERE)


def population_counts(areas: list[Area]) -> Counts:
    """CBS figures summed over `areas`: an area's own figures, or (for a characteristic the
    area has no figures for) the sum of its neighbourhoods'. The AREA characteristic holds
    each area's inhabitants. One query."""
    pks = [area.pk for area in areas]
    figures = PopulationFigure.objects.filter(area_id__in=pks) | PopulationFigure.objects.filter(
        area__parent_id__in=pks
    )
    own: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    children: dict[int, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    for figure in figures.values("area_id", "area__parent_id", "characteristic", "value", "count"):
        key = (figure["characteristic"], figure["value"])
        if figure["area_id"] in pks:
            own[figure["area_id"]][key] = figure["count"]
        if figure["area__parent_id"] in pks:
            children[figure["area__parent_id"]][key] += figure["count"]
    counts: Counts = {str(c): defaultdict(int) for c in Characteristic}
    for pk in pks:
        mine, theirs = own.get(pk, {}), children.get(pk, {})
        characteristics = {key[0] for key in mine} | {key[0] for key in theirs}
        for characteristic in characteristics:
            source = mine if any(key[0] == characteristic for key in mine) else theirs
            for (figure_characteristic, value), number in source.items():
                if figure_characteristic != characteristic:
                    continue
                if characteristic == INHABITANTS:
                    counts[Characteristic.AREA][str(pk)] += number
                else:
                    counts[characteristic][value] += number
    return {key: dict(value) for key, value in counts.items()}


def _comparisons(participants: Counts, population: Counts, areas: list[Area]):
    return [
        gaps.compare(
            str(characteristic),
            str(characteristic.label),
            groups_of(characteristic, areas),
            participants.get(characteristic, {}),
            population.get(characteristic) or None,
        )
        for characteristic in Characteristic
    ]


def _area_map(areas: list[Area], all_areas: list[Area]) -> dict[str, str]:
    """Answered area -> the group among `areas` it belongs to (itself or its parent)."""
    pks = {area.pk for area in areas}
    mapping = {}
    for area in all_areas:
        if area.pk in pks:
            mapping[str(area.pk)] = str(area.pk)
        elif area.parent_id in pks:
            mapping[str(area.pk)] = str(area.parent_id)
    return mapping


def _municipality_areas(municipality_id) -> list[Area]:
    return list(Area.objects.filter(municipality_id=municipality_id).only("pk", "parent_id"))


@dataclass
class Figures:
    comparisons: list[gaps.Comparison]
    areas: list[Area]
    respondents: int


def process_figures(process: Process) -> Figures:
    """Participants against the population of the process's areas. Six queries."""
    areas = process_areas(process)
    participants = participant_counts(
        [process.pk], _area_map(areas, _municipality_areas(process.municipality_id))
    )
    population = population_counts(areas)
    comparisons = _comparisons(participants, population, areas)
    return Figures(comparisons, areas, comparisons[0].total if comparisons else 0)


def municipality_figures(municipality) -> Figures:
    """Participants of every process against the municipality's districts. Five queries."""
    areas = district_list(municipality)
    participants = participant_counts(None, _area_map(areas, _municipality_areas(municipality)))
    population = population_counts(areas)
    comparisons = _comparisons(participants, population, areas)
    return Figures(comparisons, areas, comparisons[0].total if comparisons else 0)


def targets(process: Process) -> list[Target]:
    return list(Target.objects.filter(process=process))


@dataclass
class TargetCheck:
    target: Target
    label: str
    #: Exact shares (for deciding only; pages show the cell's suppressed values).
    share: float | None
    population_share: float | None
    cell: gaps.Cell | None
    lagging: bool

    @property
    def wanted(self) -> float | None:
        """The share the group should at least have, in percent."""
        if self.target.kind == TargetKind.AT_LEAST:
            return float(self.target.number)
        if self.population_share is None:
            return None
        return max(self.population_share - self.target.number, 0.0)


def target_checks(targets_: list[Target], figures: Figures) -> list[TargetCheck]:
    """Each target with whether its group lags. A group is judged only once at least
    MIN_CELL people answered the question (fewer say nothing yet)."""
    by_characteristic = {c.characteristic: c for c in figures.comparisons}
    checks = []
    for target in targets_:
        comparison = by_characteristic.get(target.characteristic)
        if comparison is None:
            continue
        share, population_share = gaps.known_share(comparison, target.value)
        cell = next((c for c in comparison.cells if c.value == target.value), None)
        check = TargetCheck(
            target=target,
            label=group_label(target.characteristic, target.value, figures.areas),
            share=share,
            population_share=population_share,
            cell=cell,
            lagging=False,
        )
        wanted = check.wanted
        check.lagging = share is not None and wanted is not None and share < wanted
        checks.append(check)
    return checks


def processes_with_targets() -> list[Process]:
    """Published processes that have targets. One query."""
    return list(
        Process.objects.filter(representation_targets__isnull=False, status="published")
        .distinct()
        .select_related("created_by")
    )


def paper_counts(process: Process) -> dict[tuple[str, str], int]:
    """The process's paper counts by (characteristic, value). One query."""
    return {
        (count.characteristic, count.value): count.count
        for count in PaperCount.objects.filter(process=process)
    }
