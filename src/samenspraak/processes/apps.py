from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _install_shipped_templates(sender, using="default", **kwargs):
    """After migrate: load the shipped templates, unless the table is gone (migrated to zero)."""
    from django.db import connections

    from samenspraak.processes.models import ProcessTemplate
    from samenspraak.processes.services import shipped_templates_install

    with connections[using].cursor() as cursor:
        tables = connections[using].introspection.table_names(cursor)
    if ProcessTemplate._meta.db_table in tables:
        shipped_templates_install(using=using)


class ProcessesConfig(AppConfig):
    name = "samenspraak.processes"
    verbose_name = _("Participatieprocessen")

    def ready(self):
        from samenspraak.core import components
        from samenspraak.processes import checks  # noqa: F401 (registers its check)
        from samenspraak.processes.manifest import MANIFEST

        components.register(MANIFEST)

        post_migrate.connect(
            _install_shipped_templates, sender=self, dispatch_uid="processes.shipped_templates"
        )
