"""Conversations' domain events (see core.events): never who voted or what."""

from dataclasses import dataclass
from typing import ClassVar

from samenspraak.core.events import Event


@dataclass(frozen=True)
class StatementSubmitted(Event):
    type: ClassVar[str] = "nl.samenspraak.conversations.statement.submitted"
    statement_id: int
    conversation_id: int
    process_id: int


@dataclass(frozen=True)
class StatementModerated(Event):
    type: ClassVar[str] = "nl.samenspraak.conversations.statement.moderated"
    statement_id: int
    conversation_id: int
    status: str


@dataclass(frozen=True)
class OpinionGroupsComputed(Event):
    type: ClassVar[str] = "nl.samenspraak.conversations.opinion_groups.computed"
    conversation_id: int
    process_id: int
    groups: int
    participants: int


EVENT_TYPES = (StatementSubmitted, StatementModerated, OpinionGroupsComputed)
