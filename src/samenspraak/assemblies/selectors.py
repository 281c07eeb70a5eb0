"""Reads for the burgerberaad: pages, staff pages, letters and the publication.

The publication (`publication`) is built from the stored draw result and public ids only; it
never reads a registration.
"""

from __future__ import annotations

import csv
import hashlib
import io

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from samenspraak.assemblies import codes
from samenspraak.assemblies.letters import Letter, OutcomeLetter
from samenspraak.assemblies.models import (
    PHASE_KIND,
    Address,
    Assembly,
    Draw,
    DrawState,
    Invitation,
    PoolMember,
    Registration,
    Stage,
)
from samenspraak.processes.models import Phase, Process, ProcessStatus


def process_by_slug(slug: str) -> Process:
    return get_object_or_404(Process, slug=slug)


def assembly_detail(process: Process, pk: int) -> Assembly:
    assembly = get_object_or_404(
        Assembly.objects.select_related("phase").prefetch_related("quotas"), process=process, pk=pk
    )
    assembly.process = assembly.phase.process = process
    return assembly


def public_assemblies(municipality) -> QuerySet[Assembly]:
    """Assemblies of the municipality's published processes, in a fixed order."""
    if municipality is None:
        return Assembly.objects.none()
    return (
        Assembly.objects.filter(
            process__status=ProcessStatus.PUBLISHED, process__municipality=municipality
        )
        .select_related("process", "phase", "draw")
        .order_by("-phase__starts_at", "pk")
    )


def free_phases(municipality) -> QuerySet[Phase]:
    """Phases of kind "assemblies.assembly" that hold no assembly yet."""
    return (
        Phase.objects.filter(kind=PHASE_KIND, assembly__isnull=True)
        .filter(process__municipality=municipality)
        .select_related("process")
        .order_by("process__title", "starts_at")
    )


def staff_assemblies(municipality) -> QuerySet[Assembly]:
    """Every assembly of the municipality with its counts (one query)."""
    return (
        Assembly.objects.filter(process__municipality=municipality)
        .select_related("process", "phase")
        .annotate(
            n_invitations=Coalesce(_count(Invitation, assembly=OuterRef("pk")), 0),
            n_registrations=Coalesce(_count(Registration, assembly=OuterRef("pk")), 0),
        )
        .order_by("-phase__starts_at", "pk")
    )


def staff_assembly(pk: int) -> Assembly:
    return get_object_or_404(
        Assembly.objects.select_related("process", "phase").prefetch_related("quotas"), pk=pk
    )


def draw_of(assembly: Assembly) -> Draw | None:
    return Draw.objects.filter(assembly=assembly).first()


def draw_started(assembly: Assembly) -> bool:
    return Draw.objects.filter(
        assembly=assembly, state__in=[DrawState.QUEUED, DrawState.RUNNING, DrawState.DONE]
    ).exists()


def features(assembly: Assembly) -> dict[str, list[str]]:
    """{feature: [values]} in the order staff wrote them (uses the prefetched quotas)."""
    out: dict[str, list[str]] = {}
    for quota in assembly.quotas.all():
        out.setdefault(quota.feature, []).append(quota.value)
    return out


def feature_field(feature: str) -> str:
    """The form field name of a feature (stable, whatever characters the feature has)."""
    return "kenmerk_" + hashlib.sha256(feature.encode()).hexdigest()[:10]


def quota_text(rows) -> str:
    """Quota rows (Quota objects or tuples feature, value, population, min, max) as the
    editable text staff see: CSV lines, quoted where a value has a comma."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        if isinstance(row, tuple):
            writer.writerow(row)
        else:
            population = "" if row.population is None else row.population
            writer.writerow([row.feature, row.value, population, row.minimum, row.maximum])
    return buffer.getvalue().rstrip("\n")


def _count(model, **filters):
    """A correlated COUNT subquery (several counts on one row, without joining the tables)."""
    rows = model.objects.filter(**filters).order_by().values("assembly")
    return Subquery(rows.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField())


def counts(assembly: Assembly) -> dict:
    """What the staff page shows: addresses, areas, invitations, registrations (two queries,
    whatever the numbers)."""
    row = (
        Assembly.objects.filter(pk=assembly.pk)
        .annotate(
            n_addresses=_count(Address, assembly=OuterRef("pk")),
            n_invitations=_count(Invitation, assembly=OuterRef("pk")),
            n_registrations=_count(Registration, assembly=OuterRef("pk")),
        )
        .values("n_addresses", "n_invitations", "n_registrations")
        .get()
    )
    areas = Address.objects.filter(assembly=assembly).values("area_code").distinct().count()
    return {
        "addresses": row["n_addresses"] or 0,
        "areas": areas,
        "invitations": row["n_invitations"] or 0,
        "registrations": row["n_registrations"] or 0,
    }


def invitations_per_area(assembly: Assembly) -> list[dict]:
    """Per area: addresses and invitations (one query)."""
    rows = (
        assembly.addresses.values("area_code")
        .annotate(n_addresses=Count("pk"), n_invited=Count("invitation"))
        .order_by("area_code")
    )
    return [
        {"area_code": r["area_code"], "addresses": r["n_addresses"], "invited": r["n_invited"]}
        for r in rows
    ]


def letters(assembly: Assembly) -> list[Letter]:
    rows = assembly.invitations.select_related("address").order_by(
        "address__area_code", "address__postcode", "address__number", "address__addition"
    )
    return [
        Letter(
            street_line=f"{inv.address.street} {inv.address.house_number}",
            postcode_city=f"{inv.address.postcode}  {inv.address.city.upper()}",
            code=codes.shown(inv.code),
        )
        for inv in rows
    ]


def registrations_summary(assembly: Assembly) -> list[dict]:
    """How many volunteers have each value (for staff; one query)."""
    quotas = list(assembly.quotas.all())
    if not quotas:
        return []
    annotations = {
        f"q{q.pk}": Count("pk", filter=Q(**{f"characteristics__{q.feature}": q.value}))
        for q in quotas
    }
    row = Registration.objects.filter(assembly=assembly).aggregate(**annotations)
    return [{"quota": q, "volunteers": row[f"q{q.pk}"]} for q in quotas]


def staff_pool(assembly: Assembly) -> dict:
    """The panel and the reserve list with names and contact details (staff only; one query)."""
    members = list(
        PoolMember.objects.filter(assembly=assembly)
        .filter(Q(on_panel=True) | Q(reserve_rank__isnull=False))
        .select_related("registration")
        .order_by("reserve_rank", "public_id")
    )
    return {
        "panel": [m for m in members if m.on_panel],
        "reserves": sorted(
            (m for m in members if not m.on_panel), key=lambda m: m.reserve_rank or 0
        ),
    }


def _without_email(assembly: Assembly) -> QuerySet[PoolMember]:
    return PoolMember.objects.filter(
        assembly=assembly, registration__isnull=False, registration__email=""
    )


def outcome_reach(assembly: Assembly) -> dict:
    """How the volunteers hear the outcome: by e-mail, by letter (no e-mail address), and of
    those by phone too (a phone number). One query."""
    return PoolMember.objects.filter(assembly=assembly, registration__isnull=False).aggregate(
        email=Count("pk", filter=~Q(registration__email="")),
        letter=Count("pk", filter=Q(registration__email="")),
        phone=Count("pk", filter=Q(registration__email="") & ~Q(registration__phone="")),
        called=Count(
            "pk",
            filter=Q(registration__email="")
            & ~Q(registration__phone="")
            & Q(registration__outcome_called_at__isnull=False),
        ),
    )


def outcome_letters(assembly: Assembly) -> list[OutcomeLetter]:
    """A letter for every volunteer without an e-mail address, to the address of their
    invitation, by postcode (for the post). One query."""
    members = (
        _without_email(assembly)
        .select_related("registration__invitation__address")
        .order_by(
            "registration__invitation__address__postcode",
            "registration__invitation__address__number",
            "registration__invitation__address__addition",
            "public_id",
        )
    )
    letters = []
    for member in members:
        registration = member.registration
        if registration is None:  # erased since the draw: nobody to write to
            continue
        address = registration.invitation.address
        letters.append(
            OutcomeLetter(
                name=registration.name,
                street_line=f"{address.street} {address.house_number}",
                postcode_city=f"{address.postcode}  {address.city.upper()}",
                outcome=member.outcome,
                place=member.reserve_rank,
                public_id=member.public_id,
                language=registration.language,
            )
        )
    return letters


def call_list(assembly: Assembly) -> list[PoolMember]:
    """Volunteers with a phone number but no e-mail address, with their registration: the
    panel first, then the reserves in order, then the rest. One query."""
    members = list(
        _without_email(assembly).exclude(registration__phone="").select_related("registration")
    )
    rank = {"selected": 0, "reserve": 1, "not_selected": 2}
    return sorted(members, key=lambda m: (rank[m.outcome], m.reserve_rank or 0, m.public_id))


def publication(assembly: Assembly, draw: Draw | None) -> dict | None:
    """What anyone may see after publication: no names, no contact details, public ids only."""
    if assembly.stage != Stage.PUBLISHED or draw is None or draw.state != DrawState.DONE:
        return None
    result = draw.result
    probabilities = result["probabilities"]
    values = sorted(probabilities.values())
    return {
        "algorithm": result["algorithm"],
        "panel_size": result["panel_size"],
        "pool_size": len(probabilities),
        "seed": assembly.draw_seed,
        "commitment": assembly.seed_commitment,
        "panel": result["panel"],
        "reserves": result["reserves"],
        "u": result["u"],
        "lottery": result["lottery"],
        "probabilities": probabilities,
        "lowest": values[0] if values else 0,
        "highest": values[-1] if values else 0,
        "panel_counts": result["panel_counts"],
        "pool_counts": result["pool_counts"],
        "quotas": result["quotas"],
        "seconds": result["seconds"],
    }
