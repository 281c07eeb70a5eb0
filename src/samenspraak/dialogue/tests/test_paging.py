"""Long comment blocks come in pages of top-level comments, replies with their parent; a link
to a comment opens the page that holds it; the cost stays the same whatever the page."""

import pytest

from samenspraak.accounts.factories import UserFactory
from samenspraak.dialogue import services
from samenspraak.dialogue.factories import CommentFactory
from samenspraak.dialogue.selectors import comment_block, comment_context
from samenspraak.dialogue.tests.test_comments import process_with_discussion

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_block(settings):
    settings.DIALOGUE_COMMENTS_PER_PAGE = 5
    process = process_with_discussion()
    top = CommentFactory.create_batch(12, target=process)
    reply = services.comment_create(
        target=process, author=UserFactory(), body="Een antwoord op de zevende.", parent=top[6]
    )
    return process, top, reply


def pks(block):
    return [c.pk for c in block["comments"]]


def test_pages_hold_top_level_comments_oldest_first(long_block):
    process, top, reply = long_block
    first = comment_block(process)
    assert pks(first) == [c.pk for c in top[:5]]
    assert first["count"] == 13  # the whole block, the reply included
    assert first["paging"] == {"number": 1, "pages": 3, "previous": None, "next": 2}
    second = comment_block(process, page="2")
    assert pks(second) == [c.pk for c in top[5:10]]
    assert [r.pk for r in second["comments"][1].thread_replies] == [reply.pk]
    assert second["paging"] == {"number": 2, "pages": 3, "previous": 1, "next": 3}
    assert pks(comment_block(process, page=3)) == [c.pk for c in top[10:]]


@pytest.mark.parametrize("asked", ["0", "-4", "abc", "", None, "1.5"])
def test_an_odd_page_number_means_the_first_page(long_block, asked):
    process, top, reply = long_block
    assert comment_block(process, page=asked)["paging"]["number"] == 1


def test_a_page_past_the_end_is_the_last_page(long_block):
    process, top, reply = long_block
    assert comment_block(process, page="99")["paging"]["number"] == 3


def test_the_page_of_a_linked_comment_wins_also_for_a_reply(long_block):
    process, top, reply = long_block
    assert comment_block(process, focus=top[11].pk)["paging"]["number"] == 3
    assert comment_block(process, page="1", focus=reply.pk)["paging"]["number"] == 2
    # An unknown comment leaves the page asked for.
    assert comment_block(process, page="3", focus=999999)["paging"]["number"] == 3


def test_a_pinned_comment_opens_the_first_page(long_block):
    from samenspraak.accounts.factories import StaffUserFactory
    from samenspraak.accounts.models import Role

    process, top, reply = long_block
    services.comment_mark(
        comment=top[11],
        actor=StaffUserFactory(role=Role.MODERATOR, totp=False),
        mark="pinned",
        on=True,
    )
    assert pks(comment_block(process))[0] == top[11].pk


def test_comment_link_carries_its_page():
    comment = CommentFactory(target=process_with_discussion())
    assert comment.get_absolute_url().endswith(f"?reactie={comment.pk}#reactie-{comment.pk}")


@pytest.mark.parametrize("page", ["1", "3"])
def test_a_page_costs_the_same_as_a_short_block(django_assert_num_queries, long_block, page):
    process, top, reply = long_block
    user = UserFactory()
    comment_context(process, user, None)
    with django_assert_num_queries(5):  # as test_comment_context_costs_a_fixed_number_of_queries
        context = comment_context(process, user, None, page=page)
    assert len(context["comments"]) == (5 if page == "1" else 2)
