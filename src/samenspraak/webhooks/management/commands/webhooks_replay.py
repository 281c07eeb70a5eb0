"""Send one webhook delivery again, by its id in the delivery log (as the API's replay)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from samenspraak.webhooks import services
from samenspraak.webhooks.models import Delivery


class Command(BaseCommand):
    help = "Verstuur een webhook-aflevering opnieuw (zelfde bericht, zelfde id)."

    def add_arguments(self, parser):
        parser.add_argument("delivery", type=int, help="id van de aflevering")

    def handle(self, *args, delivery, **options):
        try:
            item = Delivery.objects.select_related("subscription__integration").get(pk=delivery)
        except Delivery.DoesNotExist:
            raise CommandError(f"Geen aflevering {delivery}.") from None
        integration = item.subscription.integration
        try:
            services.delivery_replay(actor=integration.created_by, delivery=item)
        except (PermissionDenied, ValidationError) as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Aflevering {delivery} staat klaar om opnieuw te versturen.")
