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
