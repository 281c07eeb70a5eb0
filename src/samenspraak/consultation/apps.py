from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "samenspraak.consultation"
    verbose_name = _("Inbreng en enquêtes")

    def ready(self):
        from samenspraak.consultation import registrations

        registrations.register_all()
