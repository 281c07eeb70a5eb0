"""Budgeting listens to one lower-app change: a vote phase that is added or moved.

Imported by BudgetingConfig.ready(), once the app registry is loaded."""

from django.db.models.signals import post_save

from samenspraak.budgeting import tasks
from samenspraak.budgeting.phases import VOTE
from samenspraak.processes.models import Phase


def _vote_phase_saved(sender, instance, **kwargs) -> None:
    """A vote phase was added or moved: close its votes when it ends (tasks.schedule_close)."""
    if instance.kind == VOTE:
        tasks.schedule_close(instance)


def connect() -> None:
    post_save.connect(_vote_phase_saved, sender=Phase, dispatch_uid="budgeting.close_at_end")
