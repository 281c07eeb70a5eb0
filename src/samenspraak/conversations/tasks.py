"""Computing a conversation's opinion groups in the background, debounced.

Every vote and every moderation decision asks for a recomputation (`schedule_recompute`); it never
happens in the request. One `OpinionGroups` row per conversation holds the state: a request while
one is already queued adds nothing (that run will see the new vote), and with a queue that can run
tasks later (the database queue) the run waits `DEBOUNCE` so a burst of votes costs one run. A run
that finds a newer request when it finishes leaves the row queued for the run that request started.
"""

from __future__ import annotations

import datetime
import logging
import random

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from opinionmap import compute
from opinionmap.kmeans import smooth_k
from samenspraak.conversations import selectors
from samenspraak.conversations.events import OpinionGroupsComputed
from samenspraak.conversations.models import ComputationState, Conversation, OpinionGroups
from samenspraak.core import events

logger = logging.getLogger(__name__)

DEBOUNCE = datetime.timedelta(seconds=20)
#: A queued or running computation that has not changed for this long is taken as lost.
STUCK_AFTER = datetime.timedelta(minutes=15)


def schedule_recompute(conversation: Conversation) -> OpinionGroups:
    now = timezone.now()
    with transaction.atomic():
        row = OpinionGroups.objects.select_for_update().filter(conversation=conversation).first()
        if (
            row is not None
            and row.state == ComputationState.QUEUED
            and row.updated_at > now - STUCK_AFTER
        ):
            return row
        if row is None:
            row = OpinionGroups(conversation=conversation)
        row.state = ComputationState.QUEUED
        row.requested_at = row.updated_at = now
        row.save()
    backend = compute_opinion_groups.get_backend()
    runner = (
        compute_opinion_groups.using(run_after=now + DEBOUNCE)
        if backend.supports_defer
        else compute_opinion_groups
    )
    transaction.on_commit(lambda: runner.enqueue(conversation.pk))
    return row


def result_payload(result, statements: dict[int, str]) -> dict:
    """What the pages and the API show: no participant ids, no votes."""

    def entries(items):
        return [
            {
                "statement": e["tid"],
                "text": statements.get(e["tid"], ""),
                "for": e.get("repful-for", "agree"),
                "n_success": e["n-success"],
                "n_trials": e["n-trials"],
                "p_success": round(e["p-success"], 4),
            }
            for e in items
        ]

    points = [
        [round(float(x), 3), round(float(y), 3), result.groups[pid]]
        for pid, (x, y) in zip(result.participant_ids, result.pca.projections, strict=True)
        if pid in result.groups
    ]
    random.Random(0).shuffle(points)  # noqa: S311 (an order that says nothing, not a secret)
    return {
        "k": result.k,
        "participants": len(result.participant_ids),
        "in_conversation": len(result.in_conv),
        "groups": [
            {
                "id": g,
                "size": result.group_sizes[g],
                "centre": [round(float(c), 3) for c in result.group_centres[g]],
                "representative": entries(result.repness[g]),
            }
            for g in range(result.k)
        ],
        "consensus": {
            side: entries([{**e, "repful-for": side} for e in result.consensus[side]])
            for side in ("agree", "disagree")
        },
        "points": points,
        # The axes the centres and points are on (per statement, never per participant): the
        # next run turns its start centres to match (warm start).
        "axes": {
            "statements": [int(tid) for tid in result.statement_ids],
            "components": [[round(float(v), 6) for v in row] for row in result.pca.components],
        },
    }


def previous_centres(result: dict | None) -> np.ndarray | None:
    """The group centres of the last stored result (in group order), to warm-start the next
    clustering; None when there is no usable earlier result. The clustering uses them only when
    it tries the same number of groups."""
    groups = (result or {}).get("groups") or []
    centres = [g.get("centre") for g in groups if isinstance(g, dict)]
    if len(centres) < 2 or len(centres) != len(groups):
        return None
    try:
        array = np.asarray(centres, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    if array.shape != (len(groups), 2) or not np.isfinite(array).all():
        return None
    return array


def previous_axes(result: dict | None) -> tuple[list[int], np.ndarray] | None:
    """The PCA axes the stored centres were measured on ((statement ids, components)), so a sign
    that turned since can be turned back; None when missing or odd."""
    axes = (result or {}).get("axes")
    if not isinstance(axes, dict):
        return None
    try:
        ids = [int(tid) for tid in axes.get("statements") or []]
        components = np.asarray(axes.get("components"), dtype=np.float64)
    except (TypeError, ValueError):
        return None
    if components.ndim != 2 or components.shape != (2, len(ids)) or not ids:
        return None
    return ids, components


@task()
def compute_opinion_groups(conversation_id: int) -> str:
    """The queued run: see `compute_now`."""
    return compute_now(conversation_id)


def compute_now(conversation_id: int) -> str:
    """Compute and store the opinion groups of a conversation that has a requested
    `OpinionGroups` row; returns the state it leaves. Problems are stored in Dutch, never raised."""
    row = OpinionGroups.objects.select_related("conversation").get(conversation_id=conversation_id)
    seen = row.requested_at
    OpinionGroups.objects.filter(pk=row.pk).update(
        state=ComputationState.RUNNING, updated_at=timezone.now()
    )
    fields: dict = {}
    try:
        conversation = row.conversation
        data = selectors.math_input(conversation)
        # As Polis: the group k-means starts from the groups found last time, so groups (and
        # their letters) stay put while votes come in.
        init = previous_centres(row.result)
        axes = previous_axes(row.result) if init is not None else None
        result = compute(data, group_init=init, group_init_axes=axes)
        smoothing = row.smoothing
        if result.k >= 2:
            # As Polis: a new number of groups is shown only after it wins four runs in a row.
            k, smoothing = smooth_k(row.smoothing or None, result.k)
            if k != result.k:
                result = compute(data, k=k, group_init=init, group_init_axes=axes)
        texts = {sid: st.text for sid, st in data.statements.items()}
        fields = {
            "result": result_payload(result, texts),
            "computed_at": timezone.now(),
            "votes_counted": data.n_votes,
            "seconds": result.seconds,
            "smoothing": smoothing,
            "error": "",
        }
        state = ComputationState.DONE
    except Exception:
        logger.exception("Computing the opinion groups of conversation %s failed", conversation_id)
        fields = {
            "error": _(
                "Er ging iets mis bij het berekenen van de meningsgroepen. Het wordt opnieuw "
                "geprobeerd bij de volgende stem."
            )
        }
        state = ComputationState.FAILED
    with transaction.atomic():
        current = OpinionGroups.objects.select_for_update().get(pk=row.pk)
        newer = current.requested_at != seen
        OpinionGroups.objects.filter(pk=row.pk).update(
            state=ComputationState.QUEUED if newer else state,
            updated_at=timezone.now(),
            **fields,
        )
        if state == ComputationState.DONE:
            events.emit(
                OpinionGroupsComputed(
                    conversation_id=conversation_id,
                    process_id=row.conversation.process_id,
                    groups=fields["result"]["k"],
                    participants=fields["result"]["participants"],
                )
            )
    return str(state)
