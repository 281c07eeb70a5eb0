import re

import pytest
from django.urls import reverse

from samenspraak.organisations import selectors
from samenspraak.organisations.factories import SQUARE, AreaFactory, MunicipalityFactory


def _make_areas(municipality, wijken: int, buurten_per_wijk: int):
    for w in range(wijken):
        wijk = AreaFactory(municipality=municipality, name=f"Wijk {w}", slug=f"wijk-{w}")
        for b in range(buurten_per_wijk):
            AreaFactory(parent=wijk, name=f"Buurt {w}-{b}", slug=f"buurt-{w}-{b}")


def _queries_for(client, django_assert_max_num_queries, path, limit):
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def _page_queries(client, django_assert_max_num_queries, size, path_for, budget=None):
    """Queries to render the page after making `size` areas, in a fresh municipality."""
    from samenspraak.organisations.models import Area, Municipality

    Area.objects.all().delete()
    Municipality.objects.all().delete()
    _make_areas(MunicipalityFactory(), wijken=size, buurten_per_wijk=size)
    client.get("/")  # warm the cached municipality, as every later request finds it
    client.get(path_for())  # and the content types the pages' sections look up once
    return _queries_for(client, django_assert_max_num_queries, path_for(), budget or QUERY_BUDGET)


# Cached municipality: 0; areas: 1; their buurten: 1. A little room for middleware.
# The home page also holds delivery's section (its counts, one query).
QUERY_BUDGET = 4
# An area's page adds its sections: the processes about it (1), delivery's "Uitvoering in deze
# buurt" (1) and its timeline (core.trace.area_memory: processes 1, answered inputs 1 and the
# hidden check's content type once, funded projects 1 or 2, initiatives and decisions 2,
# delivery projects 1).
AREA_PAGE_BUDGET = 12


@pytest.mark.parametrize(
    "path_for",
    [
        lambda: reverse("organisations:area_list"),
        lambda: reverse("organisations:area_detail", args=["wijk-0"]),
        lambda: reverse("web:home"),
    ],
    ids=["area_list", "area_detail", "home"],
)
def test_area_pages_cost_the_same_queries_for_3_or_30_areas(
    client, db, django_assert_max_num_queries, path_for
):
    """3 or 30 wijken with as many buurten each: the same, small number of queries."""
    budget = AREA_PAGE_BUDGET if "wijk-0" in path_for() else QUERY_BUDGET
    few = _page_queries(client, django_assert_max_num_queries, 3, path_for, budget)
    many = _page_queries(client, django_assert_max_num_queries, 30, path_for, budget)
    assert few == many


def test_area_list_shows_wijken_with_their_buurten(client, db):
    """Each wijk is listed with links to its buurten; buurten are not listed as wijken."""
    municipality = MunicipalityFactory()
    wijk = AreaFactory(municipality=municipality, name="Binnenstad", slug="binnenstad")
    AreaFactory(parent=wijk, name="Oude Gracht", slug="oude-gracht")
    html = client.get(reverse("organisations:area_list")).content.decode()
    assert "Binnenstad" in html
    assert reverse("organisations:area_detail", args=["oude-gracht"]) in html
    assert html.count('<h2 class="utrecht-heading-3">') == 1


def test_area_list_empty_state(client, db):
    """Without areas the page says none have been entered yet."""
    MunicipalityFactory()
    html = client.get(reverse("organisations:area_list")).content.decode()
    assert "Er zijn nog geen wijken ingevoerd." in html


def test_area_detail_shows_description_code_parent_and_children(client, db):
    """A buurt's page shows its description, CBS code and the wijk it lies in."""
    wijk = AreaFactory(municipality=MunicipalityFactory(), name="Noordwest", slug="noordwest")
    buurt = AreaFactory(
        parent=wijk,
        name="Zuilen",
        slug="zuilen",
        cbs_code="BU99990201",
        description="Oud en nieuw.",
    )
    html = client.get(reverse("organisations:area_detail", args=[buurt.slug])).content.decode()
    assert "Zuilen" in html and "BU99990201" in html and "Oud en nieuw." in html
    assert reverse("organisations:area_detail", args=["noordwest"]) in html

    html = client.get(reverse("organisations:area_detail", args=["noordwest"])).content.decode()
    assert "Buurten in Noordwest" in html
    assert reverse("organisations:area_detail", args=["zuilen"]) in html


def test_area_detail_draws_the_shape_as_an_accessible_svg(client, db):
    """With a shape, the page holds an inline SVG with role=img, a title and a description."""
    AreaFactory(municipality=MunicipalityFactory(), name="Oost", slug="oost", shape=SQUARE)
    html = client.get(reverse("organisations:area_detail", args=["oost"])).content.decode()
    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="shape-title shape-desc"' in svg
    assert re.search(r'<title id="shape-title">[^<]*Oost', svg)
    assert '<desc id="shape-desc">' in svg
    assert re.search(r'<path class="area-shape__path" d="M[\d. LZ]+"', svg)
    # Numbers in SVG attributes use a decimal point, also on Dutch pages ("400,0" is invalid).
    assert re.search(r'width="[\d.]+" height="[\d.]+"', svg)
    assert re.search(r'viewBox="0 0 [\d.]+ [\d.]+"', svg)


def test_area_detail_without_shape_has_no_svg(client, db):
    """No shape, no drawing (and no error)."""
    AreaFactory(municipality=MunicipalityFactory(), slug="zonder-vorm", shape=None)
    html = client.get(reverse("organisations:area_detail", args=["zonder-vorm"])).content.decode()
    assert "<svg" not in html


def test_area_detail_with_broken_shape_still_renders(client, db):
    """A shape typed wrong in the admin never breaks the page."""
    AreaFactory(municipality=MunicipalityFactory(), slug="kapot", shape={"type": "Polygon"})
    response = client.get(reverse("organisations:area_detail", args=["kapot"]))
    assert response.status_code == 200
    assert "<svg" not in response.content.decode()


def test_area_detail_history_empty_state(client, db):
    """Nothing registered yet: the history section says nothing has happened here yet."""
    AreaFactory(municipality=MunicipalityFactory(), name="West", slug="west")
    html = client.get(reverse("organisations:area_detail", args=["west"])).content.decode()
    assert "Wat speelt en speelde hier" in html
    assert "Er zijn nog geen plannen, vragen of projecten voor West." in html


def test_area_detail_renders_registered_area_sections(client, db, settings, tmp_path):
    """A section in core.registry.area_sections is rendered with the area it is shown for."""
    from samenspraak.core.registry import area_sections

    (tmp_path / "area_section.html").write_text("<p>Project in {{ section.area.name }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    AreaFactory(municipality=MunicipalityFactory(), name="Zuid", slug="zuid")
    area_sections.register(
        "tests.projects", template="area_section.html", context=lambda r, area: {"area": area}
    )
    try:
        html = client.get(reverse("organisations:area_detail", args=["zuid"])).content.decode()
    finally:
        area_sections.unregister("tests.projects")
    assert "<p>Project in Zuid</p>" in html
    assert "Er zijn nog geen plannen" not in html


def test_unknown_area_is_not_found(client, db):
    """An area slug that does not exist is a friendly 404."""
    MunicipalityFactory()
    response = client.get(reverse("organisations:area_detail", args=["bestaat-niet"]))
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_area_of_another_municipality_is_not_found(client, db):
    """Only the current municipality's areas are shown."""
    MunicipalityFactory()
    other = MunicipalityFactory(name="Andere Stad")
    AreaFactory(municipality=other, slug="elders")
    response = client.get(reverse("organisations:area_detail", args=["elders"]))
    assert response.status_code == 404


def test_area_pages_render_in_english(client, db):
    """The area pages exist under /en/ too."""
    AreaFactory(municipality=MunicipalityFactory(), slug="centrum")
    assert client.get("/en/gebieden/").status_code == 200
    response = client.get("/en/gebieden/centrum/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_current_municipality_is_cached_and_refreshed_on_save(db, django_assert_num_queries):
    """One query fills the cache; later calls cost none; saving the municipality refreshes it."""
    municipality = MunicipalityFactory(name="Voorbeeldstad")
    with django_assert_num_queries(1):
        assert selectors.current_municipality() == municipality
    with django_assert_num_queries(0):
        assert selectors.current_municipality() == municipality
    municipality.name = "Nieuwstad"
    municipality.save()
    assert selectors.current_municipality().name == "Nieuwstad"


def test_current_municipality_is_none_on_a_fresh_installation(db, django_assert_num_queries):
    """Without a municipality the selector answers None, and remembers that too."""
    with django_assert_num_queries(1):
        assert selectors.current_municipality() is None
    with django_assert_num_queries(0):
        assert selectors.current_municipality() is None
    MunicipalityFactory()
    assert selectors.current_municipality() is not None


def test_current_municipality_is_asked_of_the_cache_once_per_request(db, monkeypatch):
    """Within a request the answer is kept after the first ask (a page asks up to ten times);
    saving a municipality forgets it there too, and outside a request nothing is kept."""
    from django.core.cache import cache

    municipality = MunicipalityFactory(name="Voorbeeldstad")
    selectors.current_municipality()  # in the cache now
    asked = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *a, **k: asked.append(key) or real_get(key))
    selectors._start_request_memo()
    try:
        for _ in range(5):
            assert selectors.current_municipality() == municipality
        assert len(asked) == 1
        municipality.name = "Nieuwstad"
        municipality.save()
        assert selectors.current_municipality().name == "Nieuwstad"
    finally:
        selectors._end_request_memo()
    asked.clear()
    selectors.current_municipality()
    selectors.current_municipality()
    assert len(asked) == 2
