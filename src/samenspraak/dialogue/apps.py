from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "samenspraak.dialogue"
    verbose_name = _("Gesprek en moderatie")

    def ready(self):
        from samenspraak.core import components
        from samenspraak.dialogue.manifest import MANIFEST

        components.register(MANIFEST)
