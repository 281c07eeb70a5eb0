"""Input.search_vector: a stored Dutch text-search document of title and body.

On PostgreSQL a trigger fills it on every insert and on every update of title or body (also for
bulk_create and queryset updates, which bypass Python), existing rows are filled once, and a
GIN index serves `search_vector @@ query`. Other databases keep the column empty: their search
falls back to matching words (core.search.text_search).
"""

import django.contrib.postgres.search
from django.db import migrations

TRIGGER = "consultation_input_search_vector"
INDEX = "input_search_vector"


def create_trigger_and_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OF title, body "
        "ON consultation_input FOR EACH ROW EXECUTE FUNCTION "
        "tsvector_update_trigger(search_vector, 'pg_catalog.dutch', title, body)"
    )
    schema_editor.execute(
        "UPDATE consultation_input SET search_vector = "
        "to_tsvector('pg_catalog.dutch', coalesce(title, '') || ' ' || coalesce(body, ''))"
    )
    schema_editor.execute(
        f"CREATE INDEX {INDEX} ON consultation_input USING gin (search_vector)"
    )


def drop_trigger_and_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON consultation_input")


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0008_answer_template_outcome"),
    ]

    operations = [
        migrations.AddField(
            model_name="input",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_trigger_and_index, drop_trigger_and_index),
    ]
