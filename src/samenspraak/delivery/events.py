"""Delivery's domain events (see core.events): ids, flags and short labels only."""

from dataclasses import dataclass
from typing import ClassVar

from samenspraak.core.events import Event


@dataclass(frozen=True)
class ProjectCreated(Event):
    """Staff made a delivery project (public or not yet)."""

    type: ClassVar[str] = "nl.samenspraak.delivery.project.created"
    project_id: int
    status: str
    public: bool


@dataclass(frozen=True)
class ProjectStatusChanged(Event):
    """The project moved from one status to another (planned, in_progress, delayed, ...)."""

    type: ClassVar[str] = "nl.samenspraak.delivery.project.status_changed"
    project_id: int
    old_status: str
    status: str


@dataclass(frozen=True)
class MilestoneReached(Event):
    """A milestone of the project was marked as done."""

    type: ClassVar[str] = "nl.samenspraak.delivery.milestone.reached"
    project_id: int
    milestone_id: int


@dataclass(frozen=True)
class UpdatePosted(Event):
    """Staff posted news about the project."""

    type: ClassVar[str] = "nl.samenspraak.delivery.update.posted"
    project_id: int
    update_id: int


@dataclass(frozen=True)
class ProjectCompleted(Event):
    """The project is delivered (opgeleverd): the result at the end of the golden thread."""

    type: ClassVar[str] = "nl.samenspraak.delivery.project.completed"
    project_id: int


EVENT_TYPES = (
    ProjectCreated,
    ProjectStatusChanged,
    MilestoneReached,
    UpdatePosted,
    ProjectCompleted,
)
