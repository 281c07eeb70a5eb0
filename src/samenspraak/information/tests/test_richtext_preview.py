"""Writing news in rich text: 'Voorbeeld bekijken' shows the text as the page will, saves
nothing and keeps what was typed; the saved page shows exactly the same."""

import re

import pytest
from django.urls import reverse

from samenspraak.information.models import Update

pytestmark = pytest.mark.django_db

TEXT = (
    "Beste bewoners,\n\nDe **tekening** is klaar. Dit is *nieuw*:\n\n- meer groen\n- banken\n\n"
    "## Wat nu?\n\nLees [het plan](https://voorbeeldstad.nl/plan). <script>alert(1)</script>"
)


def _prose(html: str, css: str = "prose") -> str:
    match = re.search(rf'<div class="{css}[^"]*">(.*?)</div>', html, flags=re.DOTALL)
    assert match, html
    return match.group(1)


def test_the_preview_shows_what_the_page_will_show_and_saves_nothing(client, manager, process):
    client.force_login(manager)
    url = reverse("information:update_create", args=[process.slug])
    preview = client.post(url, {"title": "De tekening", "body": TEXT, "voorbeeld": "1"})
    assert preview.status_code == 200
    assert not Update.objects.exists()
    html = preview.content.decode()
    shown = _prose(html, "prose richtext-preview__text")
    assert "<strong>tekening</strong>" in shown and "<h2>Wat nu?</h2>" in shown
    assert "<script" not in shown
    assert "Beste bewoners," in html.split("<textarea", 1)[1]  # the typed text stays

    saved = client.post(url, {"title": "De tekening", "body": TEXT})
    assert saved.status_code == 302
    update = Update.objects.get()
    assert update.body == TEXT
    page = client.get(reverse("information:update_detail", args=[process.slug, update.pk]))
    assert _prose(page.content.decode()) == shown


def test_the_form_explains_the_formatting_and_offers_the_preview(client, manager, process):
    client.force_login(manager)
    html = client.get(reverse("information:update_create", args=[process.slug])).content.decode()
    assert "**vet**" in html
    assert 'name="voorbeeld"' in html
    assert "richtext-preview" not in html  # nothing to preview yet


def test_a_preview_with_a_missing_title_still_shows_the_text(client, manager, process):
    client.force_login(manager)
    url = reverse("information:update_create", args=[process.slug])
    response = client.post(url, {"title": "", "body": "**Alleen** tekst", "voorbeeld": "1"})
    html = response.content.decode()
    assert "<strong>Alleen</strong>" in _prose(html, "prose richtext-preview__text")
    assert not Update.objects.exists()
