from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The search page; it reads other apps through their selectors."""

    name = "samenspraak.web.search"
    label = "search"
    verbose_name = _("Zoeken")
