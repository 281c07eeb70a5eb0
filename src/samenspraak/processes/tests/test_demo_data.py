"""The demo's processes are spread over the town as a real one's would be (it used to tie 11 of
12 to Haven, which the calendar then called over-asked), and a wijk page shows its buurten's."""

from collections import Counter

import pytest
from django.urls import reverse

from samenspraak.demo import generator
from samenspraak.processes import selectors
from samenspraak.processes.models import Process

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_demo_processes_spread_over_areas_and_the_wijk_page_shows_its_buurten(client):
    ctx = generator.generate(residents=40)
    processes = list(Process.objects.prefetch_related("areas"))
    per_area = Counter(area.name for process in processes for area in process.areas.all())
    assert per_area, "the demo ties processes to areas"
    assert max(per_area.values()) <= 2, per_area
    assert len(per_area) >= 8, per_area
    city_wide = [p.title for p in processes if not p.areas.all()]
    # City-wide ones (the budget, the vision, a burgerberaad drawn from the whole city) stay few.
    assert 2 <= len(city_wide) <= len(processes) // 3, city_wide

    market = Process.objects.get(title="Ideeën voor het Marktplein")
    assert [(a.name, a.parent.name) for a in market.areas.all()] == [("Marktkwartier", "Centrum")]
    body = client.get(reverse("organisations:area_detail", args=["centrum"])).content.decode()
    assert "Ideeën voor het Marktplein" in body

    loads = selectors.area_load(selectors.calendar_rows(municipality=ctx.municipality))
    assert not [load.area.name for load in loads if load.over_asked]
