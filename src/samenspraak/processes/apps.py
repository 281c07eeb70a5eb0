from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "samenspraak.processes"
    verbose_name = _("Participatieprocessen")

    def ready(self):
        from samenspraak.processes import checks, phases  # noqa: F401  (registers kinds, checks)
