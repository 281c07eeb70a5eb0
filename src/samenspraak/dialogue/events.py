"""Dialogue's domain events (see core.events). `target_type` is "app_label.model" of what the
comment or decision is about (e.g. "consultation.input"); never the text."""

from dataclasses import dataclass
from typing import ClassVar

from samenspraak.core.events import Event


@dataclass(frozen=True)
class CommentPosted(Event):
    type: ClassVar[str] = "nl.samenspraak.dialogue.comment.posted"
    comment_id: int
    target_type: str
    target_id: int
    #: False when it waits for a moderator (pre-moderation or the word filter).
    published: bool = True


@dataclass(frozen=True)
class ContentModerated(Event):
    """A moderator decided on a comment or other reportable content: `outcome` is "hidden",
    "kept" (reports unfounded) or "restored"; `hidden` says whether it is hidden now;
    `was_pending` whether it was a comment waiting for a moderator (pre-moderation)."""

    type: ClassVar[str] = "nl.samenspraak.dialogue.content.moderated"
    decision_id: int
    target_type: str
    target_id: int
    outcome: str
    hidden: bool
    was_pending: bool = False


@dataclass(frozen=True)
class CommentApproved(Event):
    """A moderator let a pre-moderated comment through: it is visible to everyone now."""

    type: ClassVar[str] = "nl.samenspraak.dialogue.comment.approved"
    comment_id: int
    target_type: str
    target_id: int


@dataclass(frozen=True)
class CommentMarked(Event):
    """A moderator pinned or highlighted a comment, or undid that: `mark` is "pinned" or
    "highlighted", `on` whether it holds now."""

    type: ClassVar[str] = "nl.samenspraak.dialogue.comment.marked"
    comment_id: int
    target_type: str
    target_id: int
    mark: str
    on: bool


@dataclass(frozen=True)
class ParticipantMuted(Event):
    """A moderator muted a participant (`muted` true) or lifted the mute (`muted` false)."""

    type: ClassVar[str] = "nl.samenspraak.dialogue.participant.muted"
    mute_id: int
    user_id: int
    muted: bool


@dataclass(frozen=True)
class WordFilterChanged(Event):
    """A moderator added a word to the word filter (`added`) or removed one."""

    type: ClassVar[str] = "nl.samenspraak.dialogue.wordfilter.changed"
    municipality_id: int
    added: bool


EVENT_TYPES = (
    CommentPosted,
    ContentModerated,
    CommentApproved,
    CommentMarked,
    ParticipantMuted,
    WordFilterChanged,
)
