from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Pages for municipal staff under /beheer/ (not the Django admin)."""

    name = "samenspraak.web.staff"
    label = "staff"
    verbose_name = _("Beheer")
