"""Places people can read and the input list as a map.

- The street near an input's point is looked up once, in the worker, after the input is saved
  (a subscriber of InputSubmitted), against a replayed Locatieserver answer on 127.0.0.1; the
  list and detail pages show it and never look anything up themselves.
- `?weergave=kaart` shows the same filtered inputs on a map with the list as text under it,
  for a fixed number of queries; the list stays the default."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.consultation import services
from samenspraak.consultation.factories import InputFactory
from samenspraak.consultation.models import Input
from samenspraak.consultation.tests.conftest import INSIDE
from samenspraak.core import maps
from samenspraak.core.tests.test_places import Replay
from samenspraak.dialogue import services as dialogue_services
from samenspraak.dialogue.factories import HouseRuleFactory


def list_url(process, **query):
    url = reverse("consultation:input_list", args=[process.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def locatieserver(settings):
    replay = Replay()
    settings.SAMENSPRAAK_PLACE_LOOKUP_URL = replay.url
    settings.SAMENSPRAAK_PLACE_ADDRESSES = ""
    yield replay
    replay.stop()


@pytest.mark.real_queue
@pytest.mark.django_db(transaction=True)
def test_the_street_is_looked_up_once_in_the_worker_and_pages_only_show_it(
    client, phase, locatieserver
):
    from django.utils import timezone

    phase.starts_at = timezone.now() - timezone.timedelta(days=1)
    phase.ends_at = timezone.now() + timezone.timedelta(days=5)
    phase.save()
    item = services.input_submit(
        author=UserFactory(),
        phase=phase,
        title="Bankje bij de boom",
        body="Een bankje in de schaduw.",
        latitude=INSIDE[0],
        longitude=INSIDE[1],
    )
    assert locatieserver.queries == []  # not in the request that saved it
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    item.refresh_from_db()
    assert item.place_name == "Domplein, Utrecht"
    assert len(locatieserver.queries) == 1

    detail = client.get(reverse("consultation:input_detail", args=[phase.process.slug, item.pk]))
    assert "Bij Domplein, Utrecht" in detail.content.decode()
    assert f"{INSIDE[0]:.5f}".replace(".", ",") not in detail.content.decode()
    for url in (list_url(phase.process), list_url(phase.process, weergave="kaart")):
        assert "Bij Domplein, Utrecht" in client.get(url).content.decode()
    assert len(locatieserver.queries) == 1  # pages never look anything up

    # Running the subscriber again (a retry) asks nothing more.
    from samenspraak.consultation.events import InputSubmitted
    from samenspraak.consultation.places import describe_input

    event = InputSubmitted(
        input_id=item.pk, process_id=item.process_id, phase_id=phase.pk, channel="online"
    )
    assert describe_input(event) == "nothing to do"
    assert len(locatieserver.queries) == 1


@pytest.mark.django_db
def test_a_lookup_service_that_is_down_makes_the_event_try_again(phase, locatieserver):
    from samenspraak.consultation.events import InputSubmitted
    from samenspraak.consultation.places import describe_input
    from samenspraak.core.places import LookupUnavailable

    item = InputFactory(phase=phase, latitude=INSIDE[0], longitude=INSIDE[1])
    event = InputSubmitted(
        input_id=item.pk, process_id=item.process_id, phase_id=phase.pk, channel="online"
    )
    locatieserver.status = 503
    with pytest.raises(LookupUnavailable):  # core.events retries the subscriber with backoff
        describe_input(event)
    locatieserver.status = 200
    assert describe_input(event) == "Domplein, Utrecht"
    item.refresh_from_db()
    assert item.place_name == "Domplein, Utrecht"


@pytest.mark.django_db
def test_without_a_street_the_place_is_still_shown_as_numbers(client, phase, settings):
    settings.SAMENSPRAAK_PLACE_LOOKUP_URL = ""
    item = InputFactory(phase=phase, latitude=52.085, longitude=5.11)
    html = client.get(
        reverse("consultation:input_detail", args=[phase.process.slug, item.pk])
    ).content.decode()
    assert "52,08500, 5,11000" in html


def make_placed(phase, n):
    for i in range(n):
        InputFactory(
            phase=phase,
            title=f"Idee {i}",
            latitude=INSIDE[0] + i / 10_000,
            longitude=INSIDE[1],
            place_name="Marktplein, Voorbeeldstad" if i % 2 else "",
        )


@pytest.mark.django_db
def test_the_list_is_the_default_and_the_toggle_says_which_is_shown(client, phase):
    make_placed(phase, 2)
    html = client.get(list_url(phase.process)).content.decode()
    assert 'aria-label="Weergave van de inbreng"' in html
    assert re.search(r'href="\?"\s+aria-current="page">Lijst<', html)
    assert 'href="?weergave=kaart">Kaart<' in html
    assert 'id="inputs-map"' not in html and "leaflet.js" not in html

    html = client.get(list_url(phase.process, weergave="kaart")).content.decode()
    assert re.search(r'weergave=kaart"\s+aria-current="page">Kaart<', html)
    assert 'id="inputs-map"' in html and "leaflet.js" in html
    # The map is hidden until the script draws it; the text list is always there.
    assert re.search(r'<div id="inputs-map"[^>]*\bhidden\b', html)
    assert "Dezelfde bijdragen als lijst" in html
    assert "Idee 0" in html and "Idee 1" in html and "Bij Marktplein, Voorbeeldstad" in html
    assert f'data-tiles="{maps.PDOK_TILES}"' in html
    assert 'data-attribution="Kaartgegevens © Kadaster"' in html
    # Filtering keeps the map view.
    assert '<input type="hidden" name="weergave" value="kaart">' in html

    # Anything else is the list.
    assert (
        'id="inputs-map"' not in client.get(list_url(phase.process, weergave="x")).content.decode()
    )


@pytest.mark.django_db
def test_the_map_shows_only_placed_visible_inputs_of_the_filter(client, phase):
    make_placed(phase, 2)
    InputFactory(phase=phase, title="Zonder plek")
    hidden = InputFactory(
        phase=phase, title="Verborgen idee", latitude=INSIDE[0], longitude=INSIDE[1]
    )
    dialogue_services.content_hide(
        target=hidden, actor=StaffUserFactory(role=Role.MODERATOR), rule=HouseRuleFactory()
    )
    response = client.get(list_url(phase.process, weergave="kaart"))
    titles = [point["title"] for point in response.context["points"]]
    assert sorted(titles) == ["Idee 0", "Idee 1"]
    html = response.content.decode()
    assert "Zonder plek" not in html and "Verborgen idee" not in html
    assert "2 bijdragen met een plek" in html

    answered = Input.objects.get(title="Idee 0")
    Input.objects.filter(pk=answered.pk).update(status="answered")
    response = client.get(list_url(phase.process, weergave="kaart", status="answered"))
    assert [point["title"] for point in response.context["points"]] == ["Idee 0"]


@pytest.mark.django_db
def test_an_empty_map_says_so_without_a_map(client, phase):
    InputFactory(phase=phase, title="Zonder plek")
    html = client.get(list_url(phase.process, weergave="kaart")).content.decode()
    assert "Er is (nog) geen inbreng met een plek die past bij uw keuze." in html
    assert 'id="inputs-map"' not in html


@pytest.mark.parametrize("n", [3, 30])
@pytest.mark.django_db
def test_the_map_view_costs_a_fixed_number_of_queries(
    client, phase, n, django_assert_max_num_queries
):
    make_placed(phase, n)
    with django_assert_max_num_queries(8):
        response = client.get(list_url(phase.process, weergave="kaart"))
    assert len(response.context["points"]) == n


@pytest.mark.django_db
def test_the_map_is_capped_and_says_so(client, phase, monkeypatch):
    from samenspraak.consultation import selectors

    monkeypatch.setattr(selectors, "MAP_LIMIT", 2)
    monkeypatch.setattr(selectors.input_map, "__defaults__", (2,))
    make_placed(phase, 3)
    response = client.get(list_url(phase.process, weergave="kaart"))
    assert len(response.context["points"]) == 2
    html = response.content.decode()
    assert "3 bijdragen met een plek" in html
    assert "De kaart en de lijst tonen de 2 nieuwste" in html


@pytest.mark.django_db
def test_the_map_page_allows_images_from_pdok_alone(client, phase):
    make_placed(phase, 1)
    policy = client.get(list_url(phase.process, weergave="kaart"))["Content-Security-Policy"]
    img_src = next(part for part in policy.split(";") if part.strip().startswith("img-src"))
    origins = set(img_src.split()[1:])
    assert "https://service.pdok.nl" in origins
    assert {o for o in origins if o.startswith("http")} <= {"https://service.pdok.nl"} | (
        {o for o in origins if "media" in o}
    )
    assert "connect-src 'self'" in policy and "script-src 'self'" in policy


def test_pdok_is_the_default_tile_source_with_its_attribution(settings):
    from django.conf import settings as live

    assert maps.PDOK_TILES.startswith("https://service.pdok.nl/brt/achtergrondkaart/wmts/")
    assert "{z}/{x}/{y}.png" in maps.PDOK_TILES
    assert maps.tile_origin(maps.PDOK_TILES) == "https://service.pdok.nl"
    assert maps.tile_origin("") == ""
    # What the settings read from an environment without SAMENSPRAAK_MAP_TILES:
    import os

    if "SAMENSPRAAK_MAP_TILES" not in os.environ:
        assert live.SAMENSPRAAK_MAP_TILES == maps.PDOK_TILES
        assert live.SAMENSPRAAK_MAP_ATTRIBUTION == maps.PDOK_ATTRIBUTION


@pytest.mark.django_db
def test_every_dot_is_on_the_map_and_the_text_list_pages_through_all_of_them(
    client, phase, monkeypatch
):
    """The map gets every point (up to MAP_LIMIT) in one JSON blob; the list under it, which
    screen-reader users read, shows them page by page, each once, in the same order (#11)."""
    import json

    from samenspraak.consultation import views

    monkeypatch.setattr(views, "MAP_LIST_SIZE", 2)
    make_placed(phase, 5)
    response = client.get(list_url(phase.process, weergave="kaart"))
    html = response.content.decode()
    blob = re.search(r'<script id="map-points" type="application/json">(.*?)</script>', html)
    dots = json.loads(blob.group(1))
    assert len(dots) == 5 and {"lat", "lon", "title", "url", "place"} <= set(dots[0])
    assert "5 bijdragen met een plek" in html

    listed = []
    for number in (1, 2, 3):
        html = client.get(list_url(phase.process, weergave="kaart", pagina=number)).content
        html = html.decode()
        assert f"Pagina {number} van 3" in html
        assert 'aria-label="Paginering van de lijst onder de kaart"' in html
        assert ('rel="next"' in html) == (number < 3)
        assert 'href="?weergave=kaart&amp;pagina=' in html
        listed += re.findall(
            r'<li class="place-list__item"><a class="utrecht-link" href="[^"]+">'
            r"([^<]+)</a>",
            html,
        )
    assert listed == [dot["title"] for dot in dots]


@pytest.mark.django_db
def test_coordinates_on_the_map_read_as_floatformat_writes_them(client, phase):
    InputFactory(phase=phase, title="Ergens", latitude=52.085, longitude=5.11, place_name="")
    response = client.get(list_url(phase.process, weergave="kaart"))
    assert [point["place"] for point in response.context["points"]] == ["52,08500, 5,11000"]
    assert "52,08500, 5,11000" in response.content.decode()


@pytest.mark.django_db
def test_a_restored_input_is_on_the_map_again(client, phase):
    """The latest decision counts: hidden, then shown again."""
    item = InputFactory(
        phase=phase, title="Weer zichtbaar", latitude=INSIDE[0], longitude=INSIDE[1]
    )
    moderator = StaffUserFactory(role=Role.MODERATOR)
    dialogue_services.content_hide(target=item, actor=moderator, rule=HouseRuleFactory())
    response = client.get(list_url(phase.process, weergave="kaart"))
    assert response.context["points"] == []
    dialogue_services.content_restore(target=item, actor=moderator)
    response = client.get(list_url(phase.process, weergave="kaart"))
    assert [point["title"] for point in response.context["points"]] == ["Weer zichtbaar"]
    dialogue_services.content_hide(target=item, actor=moderator, rule=HouseRuleFactory())
    response = client.get(list_url(phase.process, weergave="kaart"))
    assert response.context["points"] == []
