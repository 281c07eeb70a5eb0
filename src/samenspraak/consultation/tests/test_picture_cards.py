"""Picture cards on the input list: an input with a picture shows it, with its author's alt text,
in a box the browser reserves before the picture loads; the page costs the same queries."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from samenspraak.consultation.factories import InputFactory
from samenspraak.consultation.tests.conftest import png_bytes

pytestmark = pytest.mark.django_db


def with_picture(phase, title, alt):
    item = InputFactory(phase=phase, title=title, image_alt=alt)
    item.image.save("plein.png", ContentFile(png_bytes()), save=True)
    return item


def test_an_input_with_a_picture_gets_a_picture_card(client, phase):
    item = with_picture(phase, "Bankjes bij de fontein", "Een lege fontein zonder bankjes")
    InputFactory(phase=phase, title="Zonder foto")
    html = client.get(reverse("consultation:input_list", args=[phase.process.slug]))
    html = html.content.decode()
    assert html.count('class="card-picture"') == 1
    tag = html.split('<img class="card-picture"', 1)[1].split(">", 1)[0]
    assert f'src="{item.image.url}"' in tag
    assert 'alt="Een lege fontein zonder bankjes"' in tag
    assert 'width="320" height="240"' in tag  # the box is known before the picture arrives
    assert 'loading="lazy"' in tag


def test_a_hidden_input_shows_no_picture(client, phase):
    item = with_picture(phase, "Verborgen met foto", "Iets wat weg moet")
    from samenspraak.dialogue.models import HouseRule
    from samenspraak.dialogue.services import content_hide

    rule = HouseRule.objects.create(
        municipality=phase.process.municipality, title="Geen reclame", text="Geen reclame."
    )
    from samenspraak.accounts.factories import StaffUserFactory
    from samenspraak.accounts.models import Role

    content_hide(target=item, actor=StaffUserFactory(role=Role.MODERATOR), rule=rule)
    html = client.get(reverse("consultation:input_list", args=[phase.process.slug]))
    assert "card-picture" not in html.content.decode()


@pytest.mark.parametrize("n", [2, 12])
def test_picture_cards_cost_no_extra_queries(client, phase, n, django_assert_max_num_queries):
    for i in range(n):
        with_picture(phase, f"Idee met foto {i}", f"Foto {i}")
    with django_assert_max_num_queries(10):  # the bound of the list without pictures
        response = client.get(reverse("consultation:input_list", args=[phase.process.slug]))
    assert response.content.decode().count('class="card-picture"') == n
