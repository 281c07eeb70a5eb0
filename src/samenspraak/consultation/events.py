"""Consultation's domain events (see core.events): ids and labels only, never the text."""

from dataclasses import dataclass
from typing import ClassVar

from samenspraak.core.events import Event


@dataclass(frozen=True)
class InputSubmitted(Event):
    """New input: typed in by a resident, or registered by staff from paper, phone, ..."""

    type: ClassVar[str] = "nl.samenspraak.consultation.input.submitted"
    input_id: int
    process_id: int
    phase_id: int
    channel: str


@dataclass(frozen=True)
class InputAnswered(Event):
    """The municipality published (`first`) or changed its official answer to an input."""

    type: ClassVar[str] = "nl.samenspraak.consultation.input.answered"
    input_id: int
    process_id: int
    answer_id: int
    first: bool


EVENT_TYPES = (InputSubmitted, InputAnswered)
