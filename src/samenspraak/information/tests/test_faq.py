"""Frequently asked questions: managed by staff, shown to everyone in order."""

import pytest
from django.urls import reverse

from samenspraak.information import services
from samenspraak.information.models import FAQItem

pytestmark = pytest.mark.django_db


def test_questions_are_shown_in_their_order(client, manager, process):
    services.faq_create(actor=manager, process=process, question="Tweede?", answer="b", order=2)
    services.faq_create(actor=manager, process=process, question="Eerste?", answer="a", order=1)
    html = client.get(reverse("information:faq", args=[process.slug])).content.decode()
    assert html.index("Eerste?") < html.index("Tweede?")
    assert html.count("<h1") == 1


def test_staff_adds_and_edits_a_question_through_the_form(client, manager, process):
    client.force_login(manager)
    response = client.post(
        reverse("information:faq_create", args=[process.slug]),
        {"question": "Wanneer begint de bouw?", "answer": "In 2027.", "order": "1"},
    )
    assert response.status_code == 302
    item = FAQItem.objects.get()
    client.post(
        reverse("information:faq_edit", args=[process.slug, item.pk]),
        {
            "question": "Wanneer begint de bouw?",
            "answer": "In het voorjaar van 2027.",
            "order": "1",
        },
    )
    item.refresh_from_db()
    assert item.answer == "In het voorjaar van 2027."


def test_question_without_answer_comes_back_with_a_message(client, manager, process):
    client.force_login(manager)
    response = client.post(
        reverse("information:faq_create", args=[process.slug]),
        {"question": "Wat kost het?", "answer": "", "order": "x"},
    )
    assert response.status_code == 200
    assert 'value="Wat kost het?"' in response.content.decode()
    assert not FAQItem.objects.exists()


def test_manage_page_lists_everything(client, manager, process):
    services.faq_create(actor=manager, process=process, question="Vraag één?", answer="a")
    services.update_create(actor=manager, process=process, title="Bericht één", body="b")
    client.force_login(manager)
    html = client.get(reverse("information:manage", args=[process.slug])).content.decode()
    assert "Vraag één?" in html and "Bericht één" in html
    assert html.count("<h1") == 1
