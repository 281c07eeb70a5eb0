"""Budgeting listens to one lower-app change: a vote phase that is added or moved."""

from django.db.models.signals import post_save

from samenspraak.budgeting import tasks
from samenspraak.budgeting.phases import VOTE


def _vote_phase_saved(sender, instance, **kwargs) -> None:
    """A vote phase was added or moved: close its votes when it ends (tasks.schedule_close)."""
    if instance.kind == VOTE:
        tasks.schedule_close(instance)


def connect() -> None:
    from samenspraak.processes.models import Phase

    post_save.connect(_vote_phase_saved, sender=Phase, dispatch_uid="budgeting.close_at_end")
