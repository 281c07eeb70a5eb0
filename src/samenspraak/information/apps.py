from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationConfig(AppConfig):
    name = "samenspraak.information"
    verbose_name = _("Informatie")

    def ready(self):
        from samenspraak.information.sections import register_sections

        register_sections()

        from samenspraak.information import privacy

        privacy.register()

        from samenspraak.core import events
        from samenspraak.information.events import EVENT_TYPES, UpdatePublished

        for event_type in EVENT_TYPES:
            events.register_type(event_type)
        events.subscribe(UpdatePublished, "samenspraak.information.notifications.update_published")
