from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "samenspraak.organisations"
    verbose_name = _("Gemeente en gebieden")

    def ready(self):
        # Connects the signal that clears the cached current municipality when it changes.
        from samenspraak.core import components
        from samenspraak.organisations import selectors  # noqa: F401
        from samenspraak.organisations.manifest import MANIFEST

        components.register(MANIFEST)
