"""Send the webhook deliveries whose task was lost or whose retry is due (run every minute)."""

from django.core.management.base import BaseCommand

from samenspraak.webhooks import tasks
from samenspraak.webhooks.selectors import due_deliveries


class Command(BaseCommand):
    help = "Verstuur webhooks die nog wachten (taak verloren of nieuwe poging aan de beurt)."

    def handle(self, *args, **options):
        counts: dict[str, int] = {}
        for pk in list(due_deliveries().values_list("pk", flat=True)):
            result = tasks.attempt(pk)
            counts[result] = counts.get(result, 0) + 1
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "0")
