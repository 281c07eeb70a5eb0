"""The input list's filter form is drawn once per language, values given and area and topic
choices (#11): the page shows what was chosen, a renamed or new area at once, and errors, and
costs the same number of queries whether the drawing was kept or not."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspraak.consultation import views
from samenspraak.organisations.factories import AreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_drawings():
    views._DRAWN_FILTERS.clear()
    yield
    views._DRAWN_FILTERS.clear()


def get(client, process, **query):
    return client.get(reverse("consultation:input_list", args=[process.slug]), query)


def test_the_form_shows_the_values_given(client, phase):
    html = get(client, phase.process, status="answered", sort="support").content.decode()
    assert '<option value="answered" selected>' in html
    assert '<option value="support" selected>' in html
    html = get(client, phase.process, sort="support").content.decode()
    assert '<option value="answered" selected>' not in html
    assert '<option value="support" selected>' in html
    html = get(client, phase.process).content.decode()
    assert '<option value="support" selected>' not in html


def test_a_renamed_or_new_area_is_in_the_form_at_once(client, phase, area):
    assert f">{area.name}</option>" in get(client, phase.process).content.decode()
    area.name = "Hoograven-Zuid"
    area.save()
    AreaFactory(municipality=area.municipality, name="Lombok")
    html = get(client, phase.process).content.decode()
    assert ">Hoograven-Zuid</option>" in html and ">Lombok</option>" in html


def test_a_wrong_value_is_drawn_with_its_error_and_not_kept(client, phase):
    html = get(client, phase.process, status="kwijt").content.decode()
    assert "utrecht-form-field--invalid" in html
    assert not views._DRAWN_FILTERS
    html = get(client, phase.process).content.decode()
    assert "utrecht-form-field--invalid" not in html


def test_kept_or_drawn_the_page_costs_the_same(client, phase):
    get(client, phase.process)  # the first request of all caches the municipality
    counts = []
    for _ in range(2):  # drawn, then kept
        with CaptureQueriesContext(connection) as queries:
            assert get(client, phase.process, sort="support").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert len(views._DRAWN_FILTERS) == 2
