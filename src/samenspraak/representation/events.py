"""Representation's domain events (see core.events): ids and numbers only, never who answered."""

from dataclasses import dataclass
from typing import ClassVar

from samenspraak.core.events import Event


@dataclass(frozen=True)
class TargetLagging(Event):
    """The daily check found groups of a process lagging their targets (at most once a day
    per process: the event's key holds the date)."""

    type: ClassVar[str] = "nl.samenspraak.representation.target.lagging"
    process_id: int
    lagging: int
    day: str


EVENT_TYPES = (TargetLagging,)
