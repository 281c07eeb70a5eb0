"""Discussions' domain events (see core.events). Ids and labels only, never text."""

from dataclasses import dataclass
from typing import ClassVar

from samenspraak.core.events import Event


@dataclass(frozen=True)
class ThreadOpened(Event):
    type: ClassVar[str] = "nl.samenspraak.discussions.thread.opened"
    thread_id: int
    space_id: int


@dataclass(frozen=True)
class ThreadClosed(Event):
    type: ClassVar[str] = "nl.samenspraak.discussions.thread.closed"
    thread_id: int
    space_id: int


@dataclass(frozen=True)
class ThreadReopened(Event):
    type: ClassVar[str] = "nl.samenspraak.discussions.thread.reopened"
    thread_id: int
    space_id: int


@dataclass(frozen=True)
class SummaryWritten(Event):
    type: ClassVar[str] = "nl.samenspraak.discussions.summary.written"
    thread_id: int
    space_id: int


@dataclass(frozen=True)
class DigestDue(Event):
    """Time for the daily digest of `day` (ISO date); emitted once per day by the clock."""

    type: ClassVar[str] = "nl.samenspraak.discussions.digest.due"
    day: str


EVENT_TYPES = (ThreadOpened, ThreadClosed, ThreadReopened, SummaryWritten, DigestDue)
