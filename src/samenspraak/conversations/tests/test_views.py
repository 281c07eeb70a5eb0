"""The resident pages: voting (without JavaScript), adding a statement, the opinion groups."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samenspraak.accounts.factories import UserFactory
from samenspraak.conversations import services
from samenspraak.conversations.factories import StatementFactory
from samenspraak.conversations.models import OpinionGroups, Statement, StatementStatus, Vote

pytestmark = pytest.mark.django_db


def page_url(conversation, name="conversation"):
    return reverse(f"conversations:{name}", args=[conversation.process.slug, conversation.pk])


def test_resident_votes_and_changes_the_vote(client, conversation, statements, resident):
    client.force_login(resident)
    url = reverse(
        "conversations:vote", args=[conversation.process.slug, conversation.pk, statements[1].pk]
    )
    response = client.post(url, {"stem": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#stelling-{statements[1].pk}")
    client.post(url, {"stem": "-1"})
    assert list(Vote.objects.values_list("value", flat=True)) == [-1]
    html = client.get(page_url(conversation)).content.decode()
    assert "U stemde: oneens." in html and 'aria-pressed="true"' in html


def test_bad_vote_value_is_a_message_not_a_500(client, conversation, statements, resident):
    client.force_login(resident)
    url = reverse(
        "conversations:vote", args=[conversation.process.slug, conversation.pk, statements[0].pk]
    )
    response = client.post(url, {"stem": "7"}, follow=True)
    assert response.status_code == 200
    assert "Kies eens, oneens of sla over." in response.content.decode()
    assert not Vote.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in(client, conversation, statements):
    html = client.get(page_url(conversation)).content.decode()
    assert "Log in om te stemmen." in html and 'name="stem"' not in html
    url = reverse(
        "conversations:vote", args=[conversation.process.slug, conversation.pk, statements[0].pk]
    )
    response = client.post(url, {"stem": "1"})
    assert response.status_code == 302 and "next=" in response["Location"]
    assert not Vote.objects.exists()


def test_duplicate_statement_keeps_the_text_and_names_the_existing_one(
    client, conversation, statements, resident
):
    client.force_login(resident)
    typed = statements[0].text.upper()
    response = client.post(page_url(conversation, "add_statement"), {"text": typed})
    assert response.status_code == 400
    html = response.content.decode()
    assert "bestaat al" in html and typed in html
    assert Statement.objects.count() == 3


def test_new_statement_waits_for_moderation(client, conversation, statements, resident):
    client.force_login(resident)
    response = client.post(page_url(conversation, "add_statement"), {"text": "Meer schaduw"})
    assert response.status_code == 302
    assert Statement.objects.get(text="Meer schaduw").status == StatementStatus.PENDING
    assert "Meer schaduw" not in client.get(page_url(conversation)).content.decode()


def test_conversation_page_costs_fixed_queries(
    client, conversation, resident, django_assert_max_num_queries
):
    client.force_login(resident)
    for _ in range(3):
        StatementFactory(conversation=conversation)
    client.get(page_url(conversation))
    with django_assert_max_num_queries(12) as few:
        client.get(page_url(conversation))
    for _ in range(30):
        statement = StatementFactory(conversation=conversation)
        Vote.objects.create(statement=statement, participant=resident, value=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(page_url(conversation))


def _camps(conversation, n=24, m=8):
    statements = [StatementFactory(conversation=conversation) for _ in range(m)]
    for i in range(n):
        user = UserFactory()
        for j, statement in enumerate(statements):
            camp = 1 if i < n // 2 else -1
            value = 1 if j == m - 1 else (camp if j % 2 == 0 else -camp)
            Vote.objects.create(statement=statement, participant=user, value=value)
    return statements


def test_opinion_groups_page_with_map_and_text_alternative(
    client, conversation, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    response = client.get(page_url(conversation, "opinion_groups"))
    assert "nog te weinig stemmen" in response.content.decode()
    statements = _camps(conversation)
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_cast(user=UserFactory(), statement=statements[0], value=1)
    assert OpinionGroups.objects.get().result["k"] == 2
    with django_assert_max_num_queries(8):
        response = client.get(page_url(conversation, "opinion_groups"))
    html = response.content.decode()
    assert 'role="img"' in html and "<desc" in html
    assert "Groep A: 12 mensen" in html and "Groep B: 12 mensen" in html
    assert html.count('class="opinion-map__dot') == 24
    assert f"Eens met “{statements[-1].text}”" in html  # the consensus statement


def test_unpublished_process_is_hidden(client, conversation):
    conversation.process.status = "draft"
    conversation.process.save()
    assert client.get(page_url(conversation)).status_code == 404


def test_process_page_shows_the_conversation_and_what_you_can_do(client, conversation, resident):
    client.force_login(resident)
    html = client.get(reverse("processes:process_detail", args=[conversation.process.slug]))
    page = html.content.decode()
    vote_url = page_url(conversation)
    assert conversation.title in page
    assert f'href="{vote_url}"' in page
    assert f"Stem op de stellingen: {conversation.title}" in page  # "Wat kunt u nu doen?"
    assert f'href="{page_url(conversation, "opinion_groups")}"' in page
