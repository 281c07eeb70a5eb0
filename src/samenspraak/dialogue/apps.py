from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "samenspraak.dialogue"
    verbose_name = _("Gesprek en moderatie")
