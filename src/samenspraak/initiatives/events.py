"""Initiatives' domain events (see core.events): ids and labels only, never names or text.

One event per step of an initiative, so other systems (and the notifications) can follow it."""

from dataclasses import dataclass
from typing import ClassVar

from samenspraak.core.events import Event


@dataclass(frozen=True)
class InitiativeSubmitted(Event):
    """The initiators asked the clerk to check their initiative against the by-law."""

    type: ClassVar[str] = "nl.samenspraak.initiatives.initiative.submitted"
    initiative_id: int


@dataclass(frozen=True)
class InitiativeReviewed(Event):
    """The clerk admitted the initiative (collecting starts) or refused it (`admitted` false)."""

    type: ClassVar[str] = "nl.samenspraak.initiatives.initiative.reviewed"
    initiative_id: int
    admitted: bool


@dataclass(frozen=True)
class SignatureCounted(Event):
    """The number of signatures changed (signed online, withdrawn, or a paper list entered)."""

    type: ClassVar[str] = "nl.samenspraak.initiatives.signatures.counted"
    initiative_id: int
    signature_count: int
    channel: str


@dataclass(frozen=True)
class ThresholdReached(Event):
    """Enough signatures: the initiative is in the council agenda queue (agendering)."""

    type: ClassVar[str] = "nl.samenspraak.initiatives.initiative.threshold_reached"
    initiative_id: int
    signature_count: int


@dataclass(frozen=True)
class InitiativeExpired(Event):
    """The collecting period ended before the threshold was reached."""

    type: ClassVar[str] = "nl.samenspraak.initiatives.initiative.expired"
    initiative_id: int
    signature_count: int


@dataclass(frozen=True)
class InitiativeScheduled(Event):
    """The clerk put the initiative on a council meeting's agenda."""

    type: ClassVar[str] = "nl.samenspraak.initiatives.initiative.scheduled"
    initiative_id: int
    meeting_id: int


@dataclass(frozen=True)
class CouncilDecided(Event):
    """The council decided (adopted, rejected) or postponed (back to the agenda queue)."""

    type: ClassVar[str] = "nl.samenspraak.initiatives.council.decided"
    initiative_id: int
    decision_id: int
    outcome: str


EVENT_TYPES = (
    InitiativeSubmitted,
    InitiativeReviewed,
    SignatureCounted,
    ThresholdReached,
    InitiativeExpired,
    InitiativeScheduled,
    CouncilDecided,
)
#: The steps initiators and signers hear about.
NOTIFIED = (
    InitiativeReviewed,
    ThresholdReached,
    InitiativeExpired,
    InitiativeScheduled,
    CouncilDecided,
)


@dataclass(frozen=True)
class CouncilMemberReacted(Event):
    """A verified council member reacted publicly to an initiative."""

    type: ClassVar[str] = "nl.samenspraak.initiatives.council.reacted"
    initiative_id: int
    reaction_id: int


EVENT_TYPES = (*EVENT_TYPES, CouncilMemberReacted)


@dataclass(frozen=True)
class CouncilReactionPosted(Event):
    """A verified council member reacted publicly to an input or a process (`subject`:
    "input" or "process"; reactions on initiatives are CouncilMemberReacted)."""

    type: ClassVar[str] = "nl.samenspraak.initiatives.council.reaction_posted"
    reaction_id: int
    subject: str
    subject_id: int
    process_id: int


@dataclass(frozen=True)
class CouncilQuestionAsked(Event):
    """A resident asked a council member (`member_id`) or all members (`member_id` None) a
    public question on a process page."""

    type: ClassVar[str] = "nl.samenspraak.initiatives.council.question_asked"
    question_id: int
    process_id: int
    member_id: int | None


@dataclass(frozen=True)
class CouncilQuestionAnswered(Event):
    """A council member answered a question in public."""

    type: ClassVar[str] = "nl.samenspraak.initiatives.council.question_answered"
    question_id: int
    process_id: int
    member_id: int


EVENT_TYPES = (*EVENT_TYPES, CouncilReactionPosted, CouncilQuestionAsked, CouncilQuestionAnswered)
