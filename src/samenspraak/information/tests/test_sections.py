"""Process page sections: each costs a fixed number of queries, whatever the data size."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory

from samenspraak.accounts.factories import UserFactory
from samenspraak.core.registry import process_sections
from samenspraak.information import sections
from samenspraak.information.models import Document, FAQItem, Follow, Update
from samenspraak.organisations.selectors import current_municipality

pytestmark = pytest.mark.django_db

KEYS = ["information.updates", "information.documents", "information.faq", "information.follow"]


def fill(process, size):
    Update.objects.bulk_create(
        Update(process=process, title=f"Nieuws {i}", body="<p>x</p>") for i in range(size)
    )
    Document.objects.bulk_create(
        Document(process=process, title=f"Stuk {i}", organisation="G", url=f"https://e.org/{i}")
        for i in range(size)
    )
    FAQItem.objects.bulk_create(
        FAQItem(process=process, question=f"Vraag {i}?", answer="a", order=i) for i in range(size)
    )
    Follow.objects.bulk_create(Follow(user=UserFactory(), process=process) for _ in range(size))


def render_sections(request, process):
    """Render only this app's sections (other apps' sections count their own queries)."""
    html = ""
    for template, context in sections.SECTIONS.values():
        data = context(request, process)
        if data:
            html += render_to_string(template, {"section": data}, request)
    return html


def test_all_four_sections_are_registered():
    assert set(KEYS) <= set(process_sections.keys())
    assert set(KEYS) == set(sections.SECTIONS)


@pytest.mark.parametrize("size", [2, 25])
def test_sections_cost_a_fixed_number_of_queries(process, size, django_assert_max_num_queries):
    """updates 1 + documents 1 + faq 1 + follow 2 (logged in) = 5, at 2 and at 25 items each.
    (Other apps' sections are not rendered here.)"""
    fill(process, size)
    request = RequestFactory().get("/")
    request.user = UserFactory()
    current_municipality()  # cached for every page by the site's context processor
    with django_assert_max_num_queries(5):
        html = render_sections(request, process)
    assert "Nieuws 0" in html or f"Nieuws {size - 1}" in html
    assert html.count("<details") == min(size, 5)
    assert html.count("information:update_detail") == 0  # urls resolved


def test_empty_sections_are_hidden_for_residents_but_shown_to_managers(process, manager):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    keys = {s.key for s in process_sections.collect(request, process)}
    assert "information.updates" not in keys and "information.follow" in keys
    request.user = manager
    keys = {s.key for s in process_sections.collect(request, process)}
    assert {"information.updates", "information.documents", "information.faq"} <= keys


def test_follow_section_invites_anonymous_visitors_to_log_in(process):
    request = RequestFactory().get("/processen/x/")
    request.user = AnonymousUser()
    html = render_sections(request, process)
    assert "Log in om dit proces te volgen" in html


@pytest.mark.parametrize("size", [2, 25])
def test_public_pages_cost_a_fixed_number_of_queries(
    client, process, size, django_assert_max_num_queries
):
    from django.urls import reverse

    fill(process, size)
    for name in ["update_list", "document_list", "faq"]:
        with django_assert_max_num_queries(8):
            assert (
                client.get(reverse(f"information:{name}", args=[process.slug])).status_code == 200
            )
