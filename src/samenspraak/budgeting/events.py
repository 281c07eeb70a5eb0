"""Budgeting's domain events (see core.events)."""

from dataclasses import dataclass
from typing import ClassVar

from samenspraak.core.events import Event


@dataclass(frozen=True)
class BudgetResultPublished(Event):
    type: ClassVar[str] = "nl.samenspraak.budgeting.result.published"
    result_id: int
    budget_id: int
    process_id: int


EVENT_TYPES = (BudgetResultPublished,)
