from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo municipality Voorbeeldstad: generated data and demo log-ins, never in production."""

    name = "samenspraak.demo"
    verbose_name = _("Demogemeente")
