from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "samenspraak.conversations"
    verbose_name = _("Stellingen en meningsgroepen")

    def ready(self):
        from samenspraak.conversations.manifest import MANIFEST
        from samenspraak.core import components

        components.register(MANIFEST)
