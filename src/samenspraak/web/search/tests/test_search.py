"""The search page: grouped results with marked matches, published and visible content only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.core.highlight import excerpt, highlight, stems
from samenspraak.dialogue import services as dialogue_services
from samenspraak.dialogue.factories import HouseRuleFactory
from samenspraak.processes.factories import ProcessFactory
from samenspraak.processes.models import ProcessStatus

pytestmark = pytest.mark.django_db

SEARCH_URL = "/zoeken/"


def search(client, query):
    return client.get(SEARCH_URL, {"q": query})


def input_factory():
    """Input search comes from the consultation app; skip those tests while it is absent."""
    try:
        from samenspraak.consultation import selectors
    except ImportError:
        selectors = None
    if not hasattr(selectors, "input_search"):
        pytest.skip("consultation.selectors.input_search is not there yet")
    module = pytest.importorskip("samenspraak.consultation.factories")
    return module.InputFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_search_url_is_zoeken():
    assert reverse("search:search") == SEARCH_URL


def test_empty_search_shows_only_the_form(client):
    response = search(client, "   ")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="q"' in html
    assert "resultaten" not in html
    assert html.count("<h1") == 1


def test_published_process_is_found_with_the_match_marked(client):
    ProcessFactory(title="Een veilig fietspad langs de Dorpsstraat", summary="Verkeer")
    response = search(client, "fietspad")
    html = response.content.decode()
    assert "1 resultaat voor" in html
    assert "<mark>fietspad</mark>" in html
    assert "Participatieprocessen (1)" in html


def test_draft_process_is_not_found(client):
    ProcessFactory(title="Geheim fietspad", status=ProcessStatus.DRAFT, published_at=None)
    html = search(client, "fietspad").content.decode()
    assert "Geheim" not in html
    assert "niets gevonden" in html


def test_nothing_found_shows_the_empty_state_with_tips(client):
    ProcessFactory(title="Speeltuin")
    html = search(client, "zwembad").content.decode()
    assert "We hebben niets gevonden voor ‘zwembad’." in html
    assert "Controleer de spelling." in html


def test_search_text_is_escaped_everywhere(client):
    ProcessFactory(title="Plein <b>plan</b>")
    html = search(client, "<script>plein").content.decode()
    assert "<script>plein" not in html
    assert "&lt;script&gt;plein" in html


def test_very_long_query_is_cut_with_a_message_not_an_error(client):
    response = search(client, "fiets " * 100)
    assert response.status_code == 200
    assert "ingekort tot 200 tekens" in response.content.decode()


def test_every_word_must_occur(client):
    """On SQLite (the fallback) and on PostgreSQL (a document with one of two words has a rank
    above zero, but does not match), as the page tells residents."""
    ProcessFactory(title="Nieuwe bomen in het park")
    ProcessFactory(title="Nieuwe bankjes in het park")
    html = search(client, "park bomen").content.decode()
    assert "1 resultaat voor" in html
    assert "bankjes" not in html


def test_postgresql_search_uses_dutch_stemming(client):
    """Plural finds singular through the Dutch text-search configuration: "speeltuinen" finds
    "speeltuin", "fietspaden" finds "fietspad", "bomen" finds "boom".

    (PostgreSQL's Dutch Snowball stemmer does not join "fietsen" and "fiets": fiets -> fiet,
    fietsen -> fiets.)
    """
    if connection.vendor != "postgresql":
        pytest.skip("Dutch stemming needs PostgreSQL (SQLite matches words as typed)")
    ProcessFactory(title="Een nieuwe speeltuin", summary="Spelen bij de school")
    ProcessFactory(title="Het fietspad langs het kanaal", summary="Verkeer")
    ProcessFactory(title="Een boom voor elke straat", summary="Groen")
    html = search(client, "speeltuinen").content.decode()
    assert "1 resultaat voor" in html
    assert "<mark>speeltuin</mark>" in html
    html = search(client, "fietspaden").content.decode()
    assert "1 resultaat voor" in html
    assert "kanaal" in html
    assert "1 resultaat voor" in search(client, "bomen").content.decode()


def test_inputs_are_found_and_hidden_ones_are_left_out(client):
    InputFactory = input_factory()
    visible = InputFactory(title="Betere verlichting op het fietspad", body="Het is er donker.")
    hidden = InputFactory(title="Fietspad vol idioten", body="Scheldpartij")
    dialogue_services.content_hide(
        target=hidden,
        actor=StaffUserFactory(role=Role.MODERATOR, totp=False),
        rule=HouseRuleFactory(title="Wees respectvol"),
    )
    html = search(client, "fietspad").content.decode()
    assert "Inbreng van inwoners (1)" in html
    assert "verlichting" in html
    assert "idioten" not in html
    assert f"Bij: {visible.process.title}" in html


def test_inputs_of_draft_processes_are_not_found(client):
    InputFactory = input_factory()
    item = InputFactory(title="Geheime parkeerplaats")
    item.process.status = ProcessStatus.DRAFT
    item.process.save()
    assert "Geheime" not in search(client, "parkeerplaats").content.decode()


def _fill(size):
    """`size` matches for "plein" for every provider: processes, inputs, news, documents, FAQ,
    citizen initiatives, discussion threads, delivery projects."""
    from samenspraak.consultation.factories import InputFactory
    from samenspraak.information.models import Document, FAQItem, Update

    for n in range(size):
        process = ProcessFactory(title=f"Plein plan {n}")
        Update.objects.create(process=process, title=f"Plein nieuws {n}", body="<p>Tekst</p>")
        Document.objects.create(
            process=process, title=f"Plein besluit {n}", organisation="Gemeente", url="https://x.nl"
        )
        FAQItem.objects.create(process=process, question=f"Waar komt het plein {n}?", answer="Hier")
    InputFactory.create_batch(size, title="Plein idee")
    from samenspraak.initiatives.factories import InitiativeFactory

    InitiativeFactory.create_batch(size, title="Plein initiatief")
    from samenspraak.discussions.factories import SpaceFactory, ThreadFactory

    ThreadFactory.create_batch(size, space=SpaceFactory(), title="Plein gesprek")
    from samenspraak.delivery.factories import DeliveryProjectFactory

    DeliveryProjectFactory.create_batch(size, title="Plein project")


@pytest.mark.parametrize("size", [1, 8])
def test_search_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    """Every provider finds something here: one query asks them all whether they did, then one
    query per provider (inputs: two, see the next test), plus the page's own (session, user,
    municipality), whatever the number of results."""
    from samenspraak.core import components

    _fill(size)
    search(client, "plein")
    providers = len(components.search_providers())
    with django_assert_max_num_queries(6 + providers):
        response = search(client, "plein")
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 8])
def test_each_search_provider_costs_a_fixed_number_of_queries(rf, size):
    """One query per provider, the count included, whatever the number of results."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext

    from samenspraak.core import components

    _fill(size)
    from samenspraak.organisations.selectors import current_municipality

    current_municipality()  # cached for the request, like the page does first
    for provider in components.search_providers():
        with CaptureQueriesContext(connection) as queries:
            found = provider.search("plein", AnonymousUser())
            html = "".join(
                render_to_string(provider.template, {"item": item, "query": "plein"})
                for item in found.items
            )
        # (Inputs' factory processes are called "Plannen voor het plein n" too.)
        assert found.count == len(found.items) >= size, provider.key
        assert "<mark>" in html, provider.key
        # Inputs ask first where their newest COUNT_LIMIT + 1 matches begin (core.search); what
        # a moderator hid is left out in the query. The count comes with the rows.
        assert len(queries) <= (2 if provider.key == "consultation.inputs" else 1), (
            provider.key,
            [q["sql"] for q in queries],
        )


def test_news_documents_and_questions_are_found_in_published_processes_only(client):
    from samenspraak.information.models import Document, FAQItem, Update

    process = ProcessFactory(title="Marktplein")
    draft = ProcessFactory(title="Geheim", status=ProcessStatus.DRAFT, published_at=None)
    for owner, word in ((process, "Open"), (draft, "Verborgen")):
        Update.objects.create(process=owner, title=f"{word} nieuws over de kermis", body="<p>x</p>")
        Document.objects.create(
            process=owner, title=f"{word} kermisbesluit", organisation="Raad", url="https://x.nl"
        )
        FAQItem.objects.create(
            process=owner, question=f"{word}: wanneer is de kermis?", answer="Mei"
        )
    html = search(client, "kermis").content.decode()
    assert "Nieuws (1)" in html
    assert "Veelgestelde vragen (1)" in html
    assert f'href="/processen/{process.slug}/nieuws/' in html
    assert f'href="/processen/{process.slug}/vragen/' in html
    assert "Verborgen" not in html
    html = search(client, "kermisbesluit").content.decode()
    assert "Documenten (1)" in html
    assert f'href="/processen/{process.slug}/documenten/' in html


def test_stems_drop_dutch_endings():
    assert stems("Fietsen bomen") == ["fiets", "bom"]
    assert stems("a") == []


def test_highlight_escapes_before_marking():
    assert str(highlight("<b>fiets</b> & fietsen", "fiets")) == (
        "&lt;b&gt;<mark>fiets</mark>&lt;/b&gt; &amp; <mark>fietsen</mark>"
    )


def test_excerpt_is_around_the_first_match():
    text = "woord " * 100 + "speeltuin hier " + "tekst " * 100
    result = excerpt(text, "speeltuin", length=100)
    assert "speeltuin" in result
    assert result.startswith("… ")
    assert result.endswith(" …")
    assert len(result) <= 110


def test_many_results_show_the_full_count_and_the_first_page(client, monkeypatch):
    from samenspraak.core import search as core_search

    monkeypatch.setattr(core_search, "LIMIT", 2)
    ProcessFactory.create_batch(3, title="Groen plan")
    html = search(client, "groen").content.decode()
    assert "3 resultaten voor ‘groen’." in html
    assert "Per groep ziet u de eerste 2." in html
    assert "Participatieprocessen (3)" in html
    assert html.count('class="search-result"') == 2


def test_compound_words_are_marked():
    assert "<mark>Marktplein</mark>" in str(highlight("Het Marktplein", "plein"))


def test_more_results_than_are_counted_say_meer_dan(
    client, monkeypatch, django_assert_max_num_queries
):
    """Past COUNT_LIMIT the page says "meer dan" instead of counting every match (#11)."""
    from samenspraak.core import search as core_search

    monkeypatch.setattr(core_search, "LIMIT", 1)
    monkeypatch.setattr(core_search, "COUNT_LIMIT", 2)
    ProcessFactory.create_batch(4, title="Groen plan")
    html = search(client, "groen").content.decode()
    assert "Meer dan 2 resultaten voor ‘groen’." in html
    assert "Participatieprocessen (meer dan 2)" in html
    assert html.count('class="search-result"') == 1
    ProcessFactory.create_batch(2, title="Blauw plan")
    html = search(client, "blauw").content.decode()
    assert "2 resultaten voor ‘blauw’." in html
    assert "Meer dan" not in html
    assert "Participatieprocessen (2)" in html


def test_a_group_with_more_results_links_to_its_own_pages(client, monkeypatch):
    """The search page shows the first LIMIT of every group; "Alle ... bekijken" opens that group
    alone, page by page, until every result has been shown once (#11)."""
    import re

    from samenspraak.core import search as core_search

    monkeypatch.setattr(core_search, "LIMIT", 2)
    ProcessFactory.create_batch(5, title="Groen plan")
    html = search(client, "groen").content.decode()
    assert html.count('class="search-result"') == 2
    assert "Per groep ziet u de eerste 2. Met de link onder een groep ziet u de rest." in html
    assert (
        '<a class="utrecht-link" href="?q=groen&amp;groep=processes-processes">'
        "Alle 5 resultaten bij ‘Participatieprocessen’ bekijken</a>"
    ) in html

    seen = []
    for number in (1, 2, 3):
        response = client.get(
            SEARCH_URL, {"q": "groen", "groep": "processes-processes", "pagina": number}
        )
        html = response.content.decode()
        assert f"Pagina {number} van 3" in html
        assert f'<ol class="search-results" start="{2 * number - 1}">' in html
        assert "Terug naar alle resultaten" in html and "Alle 5 resultaten" not in html
        assert ('rel="prev"' in html) == (number > 1)
        assert ('rel="next"' in html) == (number < 3)
        seen += re.findall(r'href="(/processen/[^"]+/)"', html)
    assert len(seen) == 5 and len(set(seen)) == 5

    # A page past the end (an old link) shows the first; an unknown group shows every group.
    html = client.get(SEARCH_URL, {"q": "groen", "groep": "processes-processes", "pagina": 9})
    assert "Pagina 1 van 3" in html.content.decode()
    html = client.get(SEARCH_URL, {"q": "groen", "groep": "x", "pagina": "y"}).content.decode()
    assert "Alle 5 resultaten bij ‘Participatieprocessen’ bekijken" in html
    assert "Pagina " not in html


def test_a_page_of_one_group_searches_that_group_alone(client, monkeypatch):
    from samenspraak.core import search as core_search

    monkeypatch.setattr(core_search, "LIMIT", 2)
    ProcessFactory.create_batch(5, title="Groen plan")
    url = f"{SEARCH_URL}?q=groen&groep=processes-processes&pagina=2"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    if connection.vendor == "postgresql":
        searched = [q["sql"] for q in queries.captured_queries if "ts_rank" in q["sql"]]
    else:  # the fallback has no rank: its search is a LIKE on the title
        searched = [q["sql"] for q in queries.captured_queries if "LIKE" in q["sql"]]
    assert len(searched) == 1 and "processes_process" in searched[0]


def test_the_count_comes_with_the_rows_and_hidden_inputs_are_left_out(client):
    """More matches than fit on a page: the number is still exact, in one query for the rows
    and their count (a window over the matches), and what a moderator hid is not counted."""
    from samenspraak.core import search as core_search
    from samenspraak.core.search import first_results

    factory = input_factory()
    items = factory.create_batch(core_search.LIMIT + 3, title="Bankje bij de vijver")
    dialogue_services.content_hide(
        target=items[-1], actor=StaffUserFactory(role=Role.MODERATOR), rule=HouseRuleFactory()
    )
    html = search(client, "vijver").content.decode()
    assert f"Inbreng van inwoners ({core_search.LIMIT + 2})" in html
    from samenspraak.processes.models import Process

    with CaptureQueriesContext(connection) as queries:
        found = first_results(Process.objects.order_by("pk"), limit=1)
    assert found.count == Process.objects.count() and len(found.items) == 1
    assert len(queries) == 1


def test_every_provider_takes_a_page_so_a_groups_own_pages_never_fail(client):
    """ "Alle resultaten bekijken" asks a provider for page 2 and on: every installed
    provider accepts `page=` (a component that forgets gives a 500 on that link)."""
    from django.contrib.auth.models import AnonymousUser

    from samenspraak.core import components

    _fill(1)
    for provider in components.search_providers():
        found = provider.search("plein", AnonymousUser(), page=2)
        assert found.count >= 1, provider.key
        key = provider.key.replace(".", "-")
        response = client.get(SEARCH_URL, {"q": "plein", "groep": key, "pagina": 2})
        assert response.status_code == 200, provider.key


def test_every_provider_matches_exactly_what_it_searches(client):
    """The page asks each group's `matches` whether to search it at all: it must find a row
    exactly when the group's search does (else a group with results would be left out), with
    hidden and unpublished content left out alike."""
    from django.contrib.auth.models import AnonymousUser

    from samenspraak.core import components

    _fill(1)
    hidden = input_factory()(title="Verstopt bankje")
    dialogue_services.content_hide(
        target=hidden, actor=StaffUserFactory(role=Role.MODERATOR), rule=HouseRuleFactory()
    )
    ProcessFactory(title="Verstopt concept", status=ProcessStatus.DRAFT, published_at=None)
    anonymous = AnonymousUser()
    for provider in components.search_providers():
        assert provider.matches is not None, provider.key
        for query in ("plein", "verstopt", "xylofoonklanken", "plein -nergens"):
            found = provider.search(query, anonymous)
            assert provider.matches(query, anonymous).exists() == (found.count > 0), (
                provider.key,
                query,
            )


@pytest.mark.parametrize("size", [1, 8])
def test_groups_without_results_cost_one_query_together(client, size):
    """Whether each group found anything is asked in one query; only the groups that did are
    searched, so a word found nowhere costs one query and a word found in one group that
    group's queries on top, whatever the data size."""
    from samenspraak.consultation.factories import InputFactory

    _fill(size)
    InputFactory.create_batch(size, title="Oude kastanje")
    search(client, "kastanje")

    def searching(query):
        with CaptureQueriesContext(connection) as queries:
            assert search(client, query).status_code == 200
        return len(queries)

    empty = searching("")
    assert searching("xylofoonklanken") == empty + 1
    # Inputs: where the newest COUNT_LIMIT + 1 matches begin (PostgreSQL), then the rows.
    inputs = 2 if connection.vendor == "postgresql" else 1
    assert searching("kastanje") == empty + 1 + inputs


def test_groups_with_matches_asks_once_and_not_for_empty_querysets(django_assert_num_queries):
    from samenspraak.core.search import groups_with_matches
    from samenspraak.processes.models import Process

    ProcessFactory(title="Marktplein")
    with django_assert_num_queries(1):
        found = groups_with_matches(
            {
                "all": Process.objects.all(),
                "market": Process.objects.filter(title__icontains="markt"),
                "other": Process.objects.filter(title__icontains="haven"),
                "none": Process.objects.none(),
            }
        )
    assert found == {"all", "market"}
    with django_assert_num_queries(0):
        assert groups_with_matches({"none": Process.objects.none()}) == set()
