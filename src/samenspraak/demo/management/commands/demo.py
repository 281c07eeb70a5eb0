"""`samenspraak demo`: build the demo municipality Voorbeeldstad, or print its log-ins."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samenspraak.demo import generator
from samenspraak.demo.guard import require_demo_mode
from samenspraak.demo.logins import demo_logins, render_logins


class Command(BaseCommand):
    help = (
        "Maak de demogemeente Voorbeeldstad aan / build the demo municipality "
        "(never in production)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Niets doen als er al een gemeente is / do nothing when a municipality exists.",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=generator.DEFAULT_SEED,
            help="Startgetal: dezelfde seed geeft dezelfde demo / same seed, same demo.",
        )
        parser.add_argument(
            "--residents",
            type=int,
            default=generator.DEFAULT_RESIDENTS,
            help="Aantal gegenereerde inwoners / number of generated residents.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Eerst de bestaande demo verwijderen / remove the existing demo first.",
        )
        parser.add_argument(
            "--logins",
            action="store_true",
            help="Alleen de demo-inloggegevens tonen / only print the demo log-ins.",
        )

    def handle(self, *args, if_empty, seed, residents, reset, logins, **options):
        require_demo_mode()
        if logins:
            self.stdout.write(render_logins(demo_logins()), ending="")
            return
        if residents < 0:
            raise CommandError(_("Het aantal inwoners kan niet negatief zijn."))
        if reset:
            generator.remove_demo()
        if generator.demo_exists():
            if if_empty:
                self.stdout.write(_("Er is al een gemeente; de demo blijft zoals hij is."))
                return
            raise CommandError(
                _(
                    "Er is al een gemeente. Gebruik --if-empty om niets te doen of --reset om "
                    "de demo opnieuw te maken."
                )
            )
        started = time.monotonic()
        ctx = generator.generate(seed=seed, residents=residents)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demogemeente %(name)s gemaakt: %(districts)s wijken, %(neighbourhoods)s "
                    "buurten, %(residents)s inwoners, %(staff)s medewerkers (%(seconds).1f s)."
                )
                % {
                    "name": ctx.municipality.name,
                    "districts": len(ctx.districts),
                    "neighbourhoods": len(ctx.neighbourhoods),
                    "residents": len(ctx.residents),
                    "staff": sum(len(users) for users in ctx.staff.values()),
                    "seconds": time.monotonic() - started,
                }
            )
        )
