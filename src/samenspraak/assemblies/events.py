"""The burgerberaad's domain events (see core.events): ids and counts, never who registered."""

from dataclasses import dataclass
from typing import ClassVar

from samenspraak.core.events import Event


@dataclass(frozen=True)
class InvitationsSent(Event):
    type: ClassVar[str] = "nl.samenspraak.assemblies.invitations.sent"
    assembly_id: int
    process_id: int
    invitations: int


@dataclass(frozen=True)
class RegistrationClosed(Event):
    type: ClassVar[str] = "nl.samenspraak.assemblies.registration.closed"
    assembly_id: int
    process_id: int
    registrations: int


@dataclass(frozen=True)
class PanelDrawn(Event):
    type: ClassVar[str] = "nl.samenspraak.assemblies.panel.drawn"
    assembly_id: int
    process_id: int
    panel_size: int
    pool_size: int


@dataclass(frozen=True)
class PanelPublished(Event):
    type: ClassVar[str] = "nl.samenspraak.assemblies.panel.published"
    assembly_id: int
    process_id: int


@dataclass(frozen=True)
class RegistrationsErased(Event):
    type: ClassVar[str] = "nl.samenspraak.assemblies.registrations.erased"
    assembly_id: int
    process_id: int
    erased: int


EVENT_TYPES = (
    InvitationsSent,
    RegistrationClosed,
    PanelDrawn,
    PanelPublished,
    RegistrationsErased,
)
