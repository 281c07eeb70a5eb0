from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetingConfig(AppConfig):
    name = "samenspraak.budgeting"
    verbose_name = _("Begroten")

    def ready(self):
        from samenspraak.budgeting import signals
        from samenspraak.budgeting.manifest import MANIFEST
        from samenspraak.core import components

        components.register(MANIFEST)
        signals.connect()
