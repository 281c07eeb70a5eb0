"""Reads for conversations: statements to vote on, a voter's votes, the stored opinion groups."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import numpy as np
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from opinionmap.model import Conversation as MathConversation
from opinionmap.model import Statement as MathStatement
from opinionmap.polis_io import COMMENTS, PARTICIPANTS_VOTES, VOTES, write_polis_export
from samenspraak.conversations.models import (
    Conversation,
    OpinionGroups,
    Statement,
    StatementStatus,
    Vote,
)
from samenspraak.core import csvsafe
from samenspraak.processes.models import Process, ProcessStatus


def process_by_slug(slug: str) -> Process:
    return get_object_or_404(Process, slug=slug)


def conversation_detail(process: Process, pk: int) -> Conversation:
    conversation = get_object_or_404(
        Conversation.objects.select_related("phase"), process=process, pk=pk
    )
    conversation.process = conversation.phase.process = process
    return conversation


def conversations_for_process(process: Process) -> list[Conversation]:
    conversations = list(Conversation.objects.filter(process=process).select_related("phase"))
    for conversation in conversations:
        conversation.process = conversation.phase.process = process
    return conversations


def public_conversations(municipality):
    """Conversations of the municipality's published processes, in a fixed order."""
    if municipality is None:
        return Conversation.objects.none()
    return (
        Conversation.objects.filter(
            process__status=ProcessStatus.PUBLISHED, process__municipality=municipality
        )
        .select_related("process", "phase")
        .order_by("-phase__starts_at", "pk")
    )


def accepted_statements(conversation: Conversation):
    """The statements residents vote on, with their vote counts (one query)."""
    return (
        Statement.objects.filter(conversation=conversation, status=StatementStatus.ACCEPTED)
        .annotate(
            n_agree=Count("votes", filter=Q(votes__value=1)),
            n_disagree=Count("votes", filter=Q(votes__value=-1)),
            n_pass=Count("votes", filter=Q(votes__value=0)),
        )
        .order_by("created_at", "pk")
    )


def pending_statements(conversation: Conversation):
    return Statement.objects.filter(
        conversation=conversation, status=StatementStatus.PENDING
    ).select_related("author")


def votes_of(user, conversation: Conversation) -> dict[int, int]:
    """statement id -> this person's vote (one query)."""
    if user is None or not user.is_authenticated:
        return {}
    return dict(
        Vote.objects.filter(statement__conversation=conversation, participant=user).values_list(
            "statement_id", "value"
        )
    )


def normalised(text: str) -> str:
    return " ".join(text.split()).casefold().rstrip(".!? ")


def duplicate_of(conversation: Conversation, text: str) -> Statement | None:
    """An existing (not rejected) statement with the same words, if there is one."""
    wanted = normalised(text)
    candidates = Statement.objects.filter(conversation=conversation).exclude(
        status=StatementStatus.REJECTED
    )
    for statement in candidates.only("pk", "text", "status"):
        if normalised(statement.text) == wanted:
            return statement
    return None


def opinion_groups(conversation: Conversation) -> OpinionGroups | None:
    return OpinionGroups.objects.filter(conversation=conversation).first()


def participant_key(user_id: int | None, imported_voter: int | None) -> int:
    """One integer id space for the math: residents even, imported Polis voters odd."""
    return 2 * user_id if user_id is not None else 2 * int(imported_voter or 0) + 1


def math_input(conversation: Conversation) -> MathConversation:
    """The conversation as opinionmap reads it: accepted statements, rejected ones moderated out
    (their votes stay in the matrix, zeroed, as Polis does), every vote (two queries)."""
    statements = {
        s.pk: MathStatement(
            id=s.pk, text=s.text, moderated=-1 if s.status == StatementStatus.REJECTED else 1
        )
        for s in Statement.objects.filter(conversation=conversation).exclude(
            status=StatementStatus.PENDING
        )
    }
    rows = list(
        Vote.objects.filter(statement_id__in=list(statements)).values_list(
            "participant_id", "imported_voter", "statement_id", "value"
        )
    )
    participants = np.fromiter(
        (participant_key(u, i) for u, i, _, _ in rows), dtype=np.int64, count=len(rows)
    )
    return MathConversation(
        statements=statements,
        participant_ids=sorted(set(participants.tolist())),
        vote_participants=participants,
        vote_statements=np.fromiter((r[2] for r in rows), dtype=np.int64, count=len(rows)),
        vote_values=np.fromiter((r[3] for r in rows), dtype=np.int8, count=len(rows)),
    )


def polis_export_zip(conversation: Conversation) -> bytes:
    """The conversation in Polis' export format (comments.csv, votes.csv, participants-votes.csv)
    as a zip. Voters are numbered 0, 1, 2, ..., never named."""
    data = math_input(conversation)
    for statement in pending_statements(conversation):
        data.statements[statement.pk] = MathStatement(id=statement.pk, text=statement.text)
    numbering = {pid: n for n, pid in enumerate(data.participant_ids)}
    data.vote_participants = np.fromiter(
        (numbering[p] for p in data.vote_participants.tolist()),
        dtype=np.int64,
        count=data.n_votes,
    )
    data.participant_ids = list(range(len(numbering)))
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        write_polis_export(data, folder, make_writer=csvsafe.writer)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in (COMMENTS, VOTES, PARTICIPANTS_VOTES):
                archive.write(Path(folder, name), name)
    return buffer.getvalue()


def free_phases(municipality):
    """Phases of kind "conversations.vote" that hold no conversation yet."""
    from samenspraak.conversations.models import PHASE_KIND
    from samenspraak.processes.models import Phase

    return (
        Phase.objects.filter(kind=PHASE_KIND, conversation__isnull=True)
        .filter(process__municipality=municipality)
        .select_related("process")
        .order_by("process__title", "starts_at")
    )


def staff_conversations(municipality):
    """Every conversation of the municipality with the number of statements waiting (one query)."""
    return (
        Conversation.objects.filter(process__municipality=municipality)
        .select_related("process", "phase")
        .annotate(
            waiting=Count("statements", filter=Q(statements__status=StatementStatus.PENDING)),
            placed=Count("statements", filter=Q(statements__status=StatementStatus.ACCEPTED)),
        )
        .order_by("-phase__starts_at", "pk")
    )


def staff_conversation(pk: int) -> Conversation:
    return get_object_or_404(Conversation.objects.select_related("process", "phase"), pk=pk)
