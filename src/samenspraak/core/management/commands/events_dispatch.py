"""Run every minute (cron, systemd timer): emit time-based events, deliver what was missed."""

from django.core.management.base import BaseCommand

from samenspraak.core import events


class Command(BaseCommand):
    help = (
        "Emit time-based domain events (a phase started or ended) and deliver every outbox "
        "event whose task was lost or whose retry is due. Safe to run often and in parallel."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace",
            type=int,
            default=events.SWEEP_GRACE_SECONDS,
            help="Leave events younger than this many seconds to their own task "
            f"(default {events.SWEEP_GRACE_SECONDS}).",
        )

    def handle(self, *args, grace, **options):
        counts = events.sweep(grace_seconds=max(grace, 0))
        summary = ", ".join(f"{name}={count}" for name, count in sorted(counts.items()))
        self.stdout.write(f"events_dispatch: {summary}")
