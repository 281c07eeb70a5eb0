"""E-information's domain events (see core.events)."""

from dataclasses import dataclass
from typing import ClassVar

from samenspraak.core.events import Event


@dataclass(frozen=True)
class UpdatePublished(Event):
    """A news update on a process was published (imports and demo data emit none)."""

    type: ClassVar[str] = "nl.samenspraak.information.update.published"
    update_id: int
    process_id: int


EVENT_TYPES = (UpdatePublished,)
