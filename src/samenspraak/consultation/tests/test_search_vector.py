"""Input search on PostgreSQL reads a stored, indexed document that the database keeps itself."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenspraak.consultation import selectors
from samenspraak.consultation.factories import InputFactory
from samenspraak.consultation.models import Input

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the stored document is PostgreSQL's"
    ),
]


def found(query, municipality):
    return [item.pk for item in selectors.input_search(query, municipality=municipality)]


def test_the_document_follows_every_write_also_those_that_bypass_python(phase):
    item = InputFactory(phase=phase, title="Bankjes bij de fontein", body="Meer schaduw graag.")
    municipality = phase.process.municipality
    assert found("fonteinen", municipality) == [item.pk]  # Dutch stemming, from the column
    # A queryset update skips save(): the trigger still rewrites the document.
    Input.objects.filter(pk=item.pk).update(title="Een speeltuin", body="Voor de kinderen.")
    assert found("fontein", municipality) == []
    assert found("speeltuinen", municipality) == [item.pk]
    # bulk_create skips save() too.
    [bulk] = Input.objects.bulk_create(
        [
            Input(
                process=phase.process,
                phase=phase,
                title="Watertappunt",
                body="Een kraan op het plein.",
                due_date=item.due_date,
                created_at=item.created_at,
            )
        ]
    )
    assert found("kraan", municipality) == [bulk.pk]


def test_the_best_match_comes_first(phase):
    once = InputFactory(phase=phase, title="Een plein", body="Er mag een boom bij.")
    often = InputFactory(phase=phase, title="Bomen, bomen", body="Meer bomen op het plein, boom.")
    assert found("boom", phase.process.municipality) == [often.pk, once.pk]


def test_the_match_uses_the_index_not_every_row(phase):
    """The query plan may use the GIN index (it is there and the match is on the column)."""
    InputFactory(phase=phase, title="Bankjes")
    with CaptureQueriesContext(connection) as queries:
        queryset = selectors.input_search("bankjes", municipality=phase.process.municipality)
    # Where the newest COUNT_LIMIT + 1 matches begin is asked once, on the index too.
    (boundary,) = [query["sql"] for query in queries.captured_queries]
    assert '"search_vector" @@' in boundary and "LIMIT 1 OFFSET 500" in boundary
    sql, params = queryset.query.sql_with_params()
    assert '"search_vector" @@' in sql
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'input_search_vector'")
        (indexdef,) = cursor.fetchone()
    assert "gin (search_vector)" in indexdef


def test_only_the_newest_matches_are_ranked_and_counted(phase, monkeypatch):
    """Beyond COUNT_LIMIT matches the search ranks the newest COUNT_LIMIT + 1 only, so a word
    found in every input costs no more than one found in a few (core.search.COUNT_LIMIT)."""
    from samenspraak.core import search as core_search

    monkeypatch.setattr(core_search, "COUNT_LIMIT", 2)
    best_but_oldest = InputFactory(phase=phase, title="Bomen, bomen", body="Meer bomen, boom.")
    newer = [InputFactory(phase=phase, title="Een boom", body="Graag.") for _ in range(3)]
    assert set(found("boom", phase.process.municipality)) == {item.pk for item in newer}
    assert best_but_oldest.pk not in found("boom", phase.process.municipality)
    monkeypatch.setattr(core_search, "COUNT_LIMIT", 10)
    assert found("boom", phase.process.municipality)[0] == best_but_oldest.pk
