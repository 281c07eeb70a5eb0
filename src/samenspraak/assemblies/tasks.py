"""The draw in the background, and the retention clock.

`draw_schedule` (the service staff call) checks that the draw may start, records it and queues
`run_draw`; the request never computes. `compute_draw` builds the pool from the registrations
(each under a fresh random public id), computes the lottery with sortition_engine (the assembly's
method, the household rule on the addresses), draws the panel from it with the committed seed
and orders the reserves. Anyone can re-run the draw from what is published:

- the panel: `sortition_engine.lottery.draw(lottery, seed)` (or `samenspraak panel-draw`);
- the reserves: everyone in the pool not on the panel, ordered by
  sha256("reserve:<seed>:<public id>") (hex, ascending), the first `reserve_size`.

`retention_clock` deletes the registrations of assemblies whose phase ended `RETENTION` ago.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets

import numpy as np
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from samenspraak.assemblies import permissions, services
from samenspraak.assemblies.events import PanelDrawn
from samenspraak.assemblies.models import (
    Assembly,
    Draw,
    DrawState,
    PoolMember,
    Registration,
    Stage,
)
from samenspraak.core import events
from samenspraak.core.audit import record
from sortition_engine import lottery as engine_lottery
from sortition_engine import select as engine_select
from sortition_engine.data import Feature, Instance, Pool
from sortition_engine.errors import InfeasibleQuotas

logger = logging.getLogger(__name__)

#: After the assembly's phase ends, the volunteers' data is kept this long, then deleted.
RETENTION = datetime.timedelta(days=30)
#: A queued or running draw that has not changed for this long is taken as lost.
STUCK_AFTER = datetime.timedelta(minutes=30)
#: Panels the solver gives a smaller probability than this are numerical noise: left out.
MIN_PANEL_PROBABILITY = 1e-7


def draw_schedule(*, actor, assembly: Assembly, seed: str, request=None) -> Draw:
    """Queue the draw. Staff enter the secret seed here; it must match the published
    commitment, and only from now on is it stored (it is revealed at publication)."""
    if not permissions.can_manage(actor):
        raise PermissionDenied
    services.draw_check(assembly)
    seed = services.seed_check(assembly, seed)
    now = timezone.now()
    with transaction.atomic():
        row = Draw.objects.select_for_update().filter(assembly=assembly).first()
        if row is not None and row.in_progress and row.updated_at > now - STUCK_AFTER:
            return row
        if row is not None and row.state == DrawState.DONE:
            return row
        if row is None:
            row = Draw(assembly=assembly)
        if assembly.draw_seed != seed:
            assembly.draw_seed = seed
            assembly.save(update_fields=["draw_seed", "updated_at"])
        row.state = DrawState.QUEUED
        row.requested_at = row.updated_at = now
        row.error = ""
        row.relaxation = []
        row.save()
        record(actor, "assemblies.draw_requested", target=assembly, request=request)
        transaction.on_commit(lambda: run_draw.enqueue(assembly.pk))
    return row


@task()
def run_draw(assembly_id: int) -> str:
    """The queued run: see `compute_draw`."""
    return compute_draw(assembly_id)


def build_instance(assembly: Assembly, registrations: list[Registration], ids: list[str]):
    """The engine's instance: features from the quotas, one person per registration (under the
    public ids), households by address when the household rule is on."""
    quotas = list(assembly.quotas.all())
    features: list[Feature] = []
    for name in dict.fromkeys(q.feature for q in quotas):
        mine = [q for q in quotas if q.feature == name]
        features.append(
            Feature(
                name=name,
                values=tuple(q.value for q in mine),
                mins=tuple(q.minimum for q in mine),
                maxs=tuple(q.maximum for q in mine),
            )
        )
    lookup = [{v: j for j, v in enumerate(f.values)} for f in features]
    profile = np.empty((len(registrations), len(features)), dtype=np.int64)
    for i, registration in enumerate(registrations):
        for f, feature in enumerate(features):
            profile[i, f] = lookup[f][registration.characteristics[feature.name]]
    households: list[list[int]] = []
    if assembly.household_rule:
        by_address: dict[int, list[int]] = {}
        for i, registration in enumerate(registrations):
            by_address.setdefault(registration.invitation.address_id, []).append(i)
        households = [group for group in by_address.values() if len(group) > 1]
    pool = Pool(ids=ids, features=features, profile=profile, households=households)
    return Instance(pool=pool, k=assembly.panel_size)


def reserve_order(seed: str, public_ids: list[str]) -> list[str]:
    return sorted(
        public_ids, key=lambda pid: hashlib.sha256(f"reserve:{seed}:{pid}".encode()).hexdigest()
    )


def publishable(lottery: list[dict], ids: list[str]) -> tuple[list[dict], dict[str, float]]:
    """The lottery as published: in canonical order, without panels whose probability is LP
    noise (below MIN_PANEL_PROBABILITY, renormalised), and each person's probability as the
    marginal of exactly that lottery, so the two always agree."""
    kept = [e for e in lottery if e["probability"] >= MIN_PANEL_PROBABILITY]
    total = sum(e["probability"] for e in kept)
    rows = engine_lottery.canonical(
        [{"panel": e["panel"], "probability": e["probability"] / total} for e in kept]
    )
    probabilities = dict.fromkeys(sorted(ids), 0.0)
    for entry in rows:
        for pid in entry["panel"]:
            probabilities[pid] += entry["probability"]
    return rows, probabilities


def _counts(features: list[Feature], profile: np.ndarray, rows: list[int]) -> dict:
    out = {}
    for f, feature in enumerate(features):
        column = np.bincount(profile[rows, f], minlength=len(feature.values)) if rows else []
        out[feature.name] = {v: int(column[j]) if rows else 0 for j, v in enumerate(feature.values)}
    return out


def compute_draw(assembly_id: int) -> str:
    """Compute the lottery, draw the panel and the reserves, and store them; returns the state.
    Problems are stored in Dutch (with the smallest relaxation of quotas that cannot be met)."""
    assembly = Assembly.objects.select_related("process").get(pk=assembly_id)
    current = Draw.objects.filter(assembly=assembly).first()
    if current is None or assembly.stage != Stage.CLOSED or current.state == DrawState.DONE:
        # Drawn already (a second task for the same request), or nothing asked: never redraw.
        return str(current.state) if current is not None else "none"
    Draw.objects.filter(assembly=assembly).update(
        state=DrawState.RUNNING, updated_at=timezone.now()
    )
    registrations = list(
        Registration.objects.filter(assembly=assembly).select_related("invitation").order_by("pk")
    )
    # Public ids in a random order, so the number says nothing about when someone registered.
    numbers = list(range(1, len(registrations) + 1))
    secrets.SystemRandom().shuffle(numbers)
    width = max(3, len(str(len(registrations))))
    ids = [f"P{n:0{width}d}" for n in numbers]
    fields: dict = {}
    try:
        instance = build_instance(assembly, registrations, ids)
        result = engine_select.select(instance, assembly.algorithm)
        published = result.as_json()
        lottery, probabilities = publishable(published["lottery"], ids)
        drawn = engine_lottery.draw(lottery, assembly.draw_seed)
        panel = drawn["panel"]
        on_panel = set(panel)
        rest = [pid for pid in ids if pid not in on_panel]
        reserves = reserve_order(assembly.draw_seed, rest)[: assembly.reserve_size]
        index = {pid: i for i, pid in enumerate(ids)}
        features = instance.pool.features
        fields = {
            "result": {
                "algorithm": result.algorithm,
                "panel_size": assembly.panel_size,
                "probabilities": probabilities,
                "lottery": lottery,
                "seconds": published["seconds"],
                "panel": panel,
                "reserves": reserves,
                "u": drawn["u"],
                "panel_counts": _counts(features, instance.pool.profile, [index[p] for p in panel]),
                "pool_counts": _counts(
                    features, instance.pool.profile, list(range(len(registrations)))
                ),
                "quotas": [
                    {"feature": f.name, "value": v, "min": lo, "max": hi}
                    for f in features
                    for v, lo, hi in zip(f.values, f.mins, f.maxs, strict=True)
                ],
            },
            "error": "",
            "relaxation": [],
        }
        state = DrawState.DONE
    except InfeasibleQuotas as problem:
        fields = {
            "relaxation": problem.relaxation,
            "error": _(
                "Met deze aanmeldingen kunnen de quota niet allemaal gehaald worden. Hieronder "
                "staat de kleinste aanpassing van de quota waarmee het wel kan."
            )
            if problem.relaxation
            else _(
                "Er is geen panel van deze grootte mogelijk, wat de quota ook zijn: er zijn te "
                "weinig aanmeldingen (of te weinig adressen)."
            ),
        }
        state = DrawState.FAILED
    except Exception:
        logger.exception("The draw of assembly %s failed", assembly_id)
        fields = {"error": _("Er ging iets mis bij het loten. Probeer het opnieuw.")}
        state = DrawState.FAILED
    with transaction.atomic():
        now = timezone.now()
        Draw.objects.filter(assembly=assembly).update(
            state=state, updated_at=now, finished_at=now, **fields
        )
        if state == DrawState.DONE:
            result_fields = fields["result"]
            rank = {pid: i + 1 for i, pid in enumerate(result_fields["reserves"])}
            PoolMember.objects.filter(assembly=assembly).delete()
            PoolMember.objects.bulk_create(
                [
                    PoolMember(
                        assembly=assembly,
                        registration=registration,
                        public_id=pid,
                        probability=result_fields["probabilities"][pid],
                        on_panel=pid in on_panel,
                        reserve_rank=rank.get(pid),
                    )
                    for registration, pid in zip(registrations, ids, strict=True)
                ],
                batch_size=5000,
            )
            Assembly.objects.filter(pk=assembly.pk).update(
                stage=Stage.DRAWN, drawn_at=now, updated_at=now
            )
            events.emit(
                PanelDrawn(
                    assembly_id=assembly.pk,
                    process_id=assembly.process_id,
                    panel_size=len(result_fields["panel"]),
                    pool_size=len(ids),
                )
            )
    return str(state)


def retention_clock(now: datetime.datetime) -> int:
    """Delete the registrations of every assembly whose phase ended RETENTION ago (once);
    returns the number of events emitted (one per assembly)."""
    due = Assembly.objects.filter(
        phase__ends_at__lte=now - RETENTION, registrations_erased_at__isnull=True
    ).select_related("process")
    emitted = 0
    for assembly in due:
        services.registrations_erase(assembly=assembly)
        emitted += 1
    return emitted
