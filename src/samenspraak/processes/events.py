"""Processes' domain events (see core.events): a phase started or ended. Emitted once per
phase by the clock `processes.services.phase_clock`, which `samenspraak events_dispatch` runs."""

from dataclasses import dataclass
from typing import ClassVar

from samenspraak.core.events import Event


@dataclass(frozen=True)
class PhaseStarted(Event):
    type: ClassVar[str] = "nl.samenspraak.processes.phase.started"
    phase_id: int
    process_id: int
    kind: str


@dataclass(frozen=True)
class PhaseEnded(Event):
    type: ClassVar[str] = "nl.samenspraak.processes.phase.ended"
    phase_id: int
    process_id: int
    kind: str


EVENT_TYPES = (PhaseStarted, PhaseEnded)
