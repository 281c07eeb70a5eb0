"""Writes for conversations: permission check, validation, one transaction, audit for staff."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from opinionmap import OpinionMapInputError, read_polis_export
from opinionmap.polis_io import COMMENTS, PARTICIPANTS_VOTES, VOTES
from samenspraak.conversations import permissions, selectors
from samenspraak.conversations.events import StatementModerated, StatementSubmitted
from samenspraak.conversations.models import (
    STATEMENT_MAX_LENGTH,
    Conversation,
    Statement,
    StatementStatus,
    Vote,
    VoteValue,
)
from samenspraak.conversations.tasks import schedule_recompute
from samenspraak.core import events
from samenspraak.core.audit import record
from samenspraak.core.text import too_long

MAX_PENDING_PER_PERSON = 5


def _require_manager(actor) -> None:
    if not permissions.can_manage(actor):
        raise PermissionDenied


def conversation_create(
    *, actor, process, phase, title, intro="", allow_statements=True, request=None
) -> Conversation:
    _require_manager(actor)
    conversation = Conversation(
        process=process, phase=phase, title=title, intro=intro, allow_statements=allow_statements
    )
    conversation.full_clean()
    with transaction.atomic():
        conversation.save()
        record(actor, "conversations.conversation_created", target=conversation, request=request)
    return conversation


def _clean_statement(conversation: Conversation, text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": _("Schrijf een stelling.")})
    message = too_long(text, STATEMENT_MAX_LENGTH)
    if message:
        raise ValidationError({"text": message})
    existing = selectors.duplicate_of(conversation, text)
    if existing is not None:
        raise ValidationError(
            {
                "text": _(
                    "Deze stelling bestaat al: “%(text)s”. Stem daarop, of schrijf iets anders."
                )
                % {"text": existing.text}
            },
            code="duplicate",
            params={"statement": existing.pk},
        )
    return text


def statement_seed(*, actor, conversation: Conversation, text: str, request=None) -> Statement:
    """A statement of the municipality: placed at once."""
    _require_manager(actor)
    text = _clean_statement(conversation, text)
    with transaction.atomic():
        statement = Statement.objects.create(
            conversation=conversation,
            text=text,
            author=actor,
            seeded=True,
            status=StatementStatus.ACCEPTED,
            moderated_by=actor,
        )
        record(actor, "conversations.statement_seeded", target=statement, request=request)
    return statement


def statement_submit(*, user, conversation: Conversation, text: str) -> Statement:
    """A resident's statement: waits until staff accept it."""
    if not permissions.can_add_statement(user, conversation):
        raise PermissionDenied
    text = _clean_statement(conversation, text)
    waiting = Statement.objects.filter(
        conversation=conversation, author=user, status=StatementStatus.PENDING
    ).count()
    if waiting >= MAX_PENDING_PER_PERSON:
        raise ValidationError(
            {
                "text": _(
                    "U heeft al %(n)d stellingen die op beoordeling wachten. Wacht tot die "
                    "beoordeeld zijn."
                )
                % {"n": waiting}
            }
        )
    with transaction.atomic():
        statement = Statement.objects.create(conversation=conversation, text=text, author=user)
        events.emit(
            StatementSubmitted(
                statement_id=statement.pk,
                conversation_id=conversation.pk,
                process_id=conversation.process_id,
            )
        )
    return statement


def statement_moderate(*, actor, statement: Statement, accept: bool, request=None) -> Statement:
    _require_manager(actor)
    statement.status = StatementStatus.ACCEPTED if accept else StatementStatus.REJECTED
    statement.moderated_by = actor
    with transaction.atomic():
        statement.save(update_fields=["status", "moderated_by", "updated_at"])
        if accept:
            record(actor, "conversations.statement_accepted", target=statement, request=request)
        else:
            record(actor, "conversations.statement_rejected", target=statement, request=request)
        events.emit(
            StatementModerated(
                statement_id=statement.pk,
                conversation_id=statement.conversation_id,
                status=statement.status,
            )
        )
        if statement.votes.exists():  # a rejected statement with votes leaves the math
            schedule_recompute(statement.conversation)
    return statement


def vote_cast(*, user, statement: Statement, value: int) -> Vote:
    """One vote per person per statement; voting again changes it."""
    conversation = statement.conversation
    if not permissions.can_vote(user, conversation):
        raise PermissionDenied
    if statement.status != StatementStatus.ACCEPTED:
        raise ValidationError(_("Over deze stelling kunt u niet (meer) stemmen."))
    if value not in VoteValue.values:
        raise ValidationError(_("Kies eens, oneens of sla over."))
    try:
        with transaction.atomic():
            vote, _created = Vote.objects.update_or_create(
                statement=statement, participant=user, defaults={"value": value}
            )
            schedule_recompute(conversation)
    except IntegrityError:  # two clicks at once: the other one stored the vote
        vote = Vote.objects.get(statement=statement, participant=user)
    return vote


def polis_import(*, actor, conversation: Conversation, files: dict, request=None) -> dict:
    """Import a Polis export (comments.csv plus votes.csv and/or participants-votes.csv, as
    uploaded files or bytes) into a conversation that has no statements yet. Moderated-out
    statements come in rejected, the others accepted; the votes keep Polis' voter ids."""
    _require_manager(actor)
    if conversation.statements.exists():
        raise ValidationError(
            _("Dit gesprek heeft al stellingen. Importeer in een nieuw, leeg gesprek.")
        )
    with tempfile.TemporaryDirectory() as folder:
        for name in (COMMENTS, VOTES, PARTICIPANTS_VOTES):
            upload = files.get(name)
            if upload is None:
                continue
            data = upload if isinstance(upload, bytes) else upload.read()
            Path(folder, name).write_bytes(data)
        try:
            polis = read_polis_export(folder)
        except OpinionMapInputError as problem:
            raise ValidationError(str(problem)) from None
    too_long = [s.id for s in polis.statements.values() if len(s.text) > STATEMENT_MAX_LENGTH]
    if too_long:
        raise ValidationError(
            _("%(file)s: stelling %(id)s is langer dan %(max)d tekens.")
            % {"file": COMMENTS, "id": too_long[0], "max": STATEMENT_MAX_LENGTH}
        )
    with transaction.atomic():
        created = {
            sid: Statement(
                conversation=conversation,
                text=" ".join(st.text.split()) or f"({sid})",
                status=StatementStatus.REJECTED if st.moderated == -1 else StatementStatus.ACCEPTED,
                seeded=True,
                polis_id=sid,
            )
            for sid, st in sorted(polis.statements.items())
        }
        Statement.objects.bulk_create(created.values())
        Vote.objects.bulk_create(
            [
                Vote(statement=created[s], imported_voter=p, value=v)
                for p, s, v in zip(
                    polis.vote_participants.tolist(),
                    polis.vote_statements.tolist(),
                    polis.vote_values.tolist(),
                    strict=True,
                )
            ],
            batch_size=5000,
        )
        counts = {"statements": len(created), "votes": polis.n_votes}
        record(
            actor, "conversations.polis_imported", target=conversation, changes=counts,
            request=request,
        )  # fmt: skip
        schedule_recompute(conversation)
    return counts


def votes_import(*, conversation: Conversation, rows) -> int:
    """Residents' votes in bulk, as if each had voted (the demo uses it): rows of
    (user, statement, value) on accepted statements; the opinion groups are asked for once."""
    votes = [
        Vote(statement=statement, participant=user, value=value)
        for user, statement, value in rows
        if statement.status == StatementStatus.ACCEPTED and value in VoteValue.values
    ]
    with transaction.atomic():
        Vote.objects.bulk_create(votes, batch_size=5000, ignore_conflicts=True)
        schedule_recompute(conversation)
    return len(votes)
