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


@dataclass(frozen=True)
class ContentModerated(Event):
    """A moderator decided on a comment or other reportable content: `outcome` is "hidden",
    "kept" (reports unfounded) or "restored"; `hidden` says whether it is hidden now."""

    type: ClassVar[str] = "nl.samenspraak.dialogue.content.moderated"
    decision_id: int
    target_type: str
    target_id: int
    outcome: str
    hidden: bool


EVENT_TYPES = (CommentPosted, ContentModerated)
