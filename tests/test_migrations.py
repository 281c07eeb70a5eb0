"""Migrations match the models, and ours can be undone and redone on a real schema."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader


def _our_app_labels() -> list[str]:
    return [
        config.label for config in apps.get_app_configs() if config.name.startswith("samenspraak.")
    ]


def test_no_model_change_lacks_a_migration(db):
    """`makemigrations --check` finds nothing to write (CI would otherwise ship a broken schema)."""
    out = StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, stdout=out, verbosity=1)
    except SystemExit:
        pytest.fail(f"Models have changes without a migration:\n{out.getvalue()}")


def test_every_operation_in_our_migrations_is_reversible():
    """A RunPython/RunSQL without a reverse makes a release impossible to roll back."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    ours = set(_our_app_labels())
    irreversible = [
        f"{app_label}.{name}: {operation.describe()}"
        for (app_label, name), migration in loader.disk_migrations.items()
        if app_label in ours
        for operation in migration.operations
        if not operation.reversible
    ]
    assert not irreversible, "Irreversible migration operations:\n" + "\n".join(irreversible)


@pytest.mark.django_db(transaction=True)
def test_our_apps_migrate_to_zero_and_forward_again():
    """Unapplying every migration of our apps (and what depends on them) and reapplying works."""
    labels = _our_app_labels()
    for label in reversed(labels):
        if label in MigrationLoader(connection).migrated_apps:
            call_command("migrate", label, "zero", verbosity=0, interactive=False)
    tables_after_zero = set(connection.introspection.table_names())
    user_table = apps.get_model("accounts", "User")._meta.db_table
    assert user_table not in tables_after_zero

    call_command("migrate", verbosity=0, interactive=False)
    assert user_table in set(connection.introspection.table_names())
    out = StringIO()
    call_command("showmigrations", "--plan", stdout=out)
    unapplied = [line for line in out.getvalue().splitlines() if line.startswith("[ ]")]
    assert not unapplied, "Still unapplied:\n" + "\n".join(unapplied)
