"""Picture cards on a budget's project list, and the running budget bar of a knapsack ballot as
the server writes it (without JavaScript)."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from samenspraak.budgeting.factories import BudgetProjectFactory

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_project_with_a_picture_gets_a_picture_card(client, city_budget):
    project = BudgetProjectFactory(budget=city_budget)
    project.input.image_alt = "Een kapot klimrek"
    project.input.image.save("klimrek.png", ContentFile(png_bytes()), save=True)
    BudgetProjectFactory(budget=city_budget)
    url = reverse("budgeting:budget_detail", args=[city_budget.process.slug, city_budget.pk])
    html = client.get(url).content.decode()
    tags = re.findall(r'<img class="card-picture"[^>]*>', html)
    assert len(tags) == 1
    assert 'alt="Een kapot klimrek"' in tags[0]
    assert 'width="320" height="240"' in tags[0] and 'loading="lazy"' in tags[0]


def test_the_budget_bar_is_written_by_the_server_before_and_after_calculating(client):
    """Without JavaScript: the bar shows what is chosen and what is left on the first page,
    and again after 'Bereken wat over is'; the text is a polite live region."""
    from samenspraak.accounts.factories import UserFactory
    from samenspraak.budgeting.models import BallotType
    from samenspraak.budgeting.tests.test_voting_helpers import vote_budget

    budget, projects = vote_budget(ballot_type=BallotType.KNAPSACK)
    client.force_login(UserFactory())
    url = reverse("budgeting:ballot", args=[budget.pk])
    first = client.get(url).content.decode()
    assert "Gekozen: € 0 van € 100.000." in first and "Nog € 100.000 over." in first
    assert re.search(r'id="ballot-remaining"[^>]*role="status" aria-live="polite"', first)
    assert '<progress class="budget-bar__meter" max="100000.00" value="0.00"' in first

    chosen = [p.pk for p in projects[:4]]  # € 120.000
    over = client.post(url, {"projects": chosen, "calculate": "1"}).content.decode()
    assert "Gekozen: € 120.000 van € 100.000." in over
    assert "U zit € 20.000 boven het budget." in over
    assert 'class="budget-bar budget-bar--over"' in over
