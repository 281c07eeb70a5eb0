"""Dialogue's section of Mijn Samenspraak: the person's comments, where they stand and whether a
moderator hid them, in a fixed number of queries."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenspraak.accounts.factories import UserFactory
from samenspraak.consultation.factories import InputFactory
from samenspraak.dialogue import sections
from samenspraak.dialogue.factories import CommentFactory, HouseRuleFactory
from samenspraak.dialogue.models import Comment, ModerationDecision
from samenspraak.organisations.selectors import current_municipality
from samenspraak.processes.factories import ProcessFactory

pytestmark = pytest.mark.django_db


def queries(user) -> tuple[int, dict]:
    ContentType.objects.get_for_model(Comment)
    current_municipality()
    with CaptureQueriesContext(connection) as context:
        result = sections.mine_comments(user)
    return len(context), result


def test_comments_link_to_their_place_on_the_input_page():
    user = UserFactory()
    item = InputFactory(title="Bankjes op het plein")
    comment = CommentFactory(author=user, target=item, body="Ja, graag bij de fontein.")
    CommentFactory(target=item)  # someone else's

    [row] = sections.mine_comments(user)["rows"]

    assert row["comment"] == comment
    assert row["subject"] == "Bankjes op het plein" and row["kind"] == "inbreng"
    assert row["url"] == f"{item.get_absolute_url()}?reactie={comment.pk}#reactie-{comment.pk}"
    assert row["hidden_rule"] is None


def test_a_hidden_comment_says_which_house_rule_it_broke():
    user = UserFactory()
    comment = CommentFactory(author=user, target=InputFactory())
    rule = HouseRuleFactory(title="Blijf bij het onderwerp")
    ModerationDecision.objects.create(
        content_type=ContentType.objects.get_for_model(Comment),
        object_id=comment.pk,
        hidden=True,
        rule=rule,
    )
    [row] = sections.mine_comments(user)["rows"]
    assert row["hidden_rule"] == rule


def test_a_comment_on_something_not_shown_gets_no_link():
    user = UserFactory()
    draft = InputFactory(phase__process=ProcessFactory(status="draft"))
    CommentFactory(author=user, target=draft)
    [row] = sections.mine_comments(user)["rows"]
    assert row["url"] == "" and row["subject"] == draft.title


def test_nothing_written_shows_no_section():
    CommentFactory(target=InputFactory())
    assert sections.mine_comments(UserFactory()) is None


def test_queries_do_not_grow_with_the_number_of_comments():
    few, many = UserFactory(), UserFactory()
    CommentFactory(author=few, target=InputFactory())
    for _ in range(12):
        CommentFactory(author=many, target=InputFactory())

    count_few, _ = queries(few)
    count_many, result = queries(many)

    assert count_few == count_many == 3  # comments, the inputs (process joined), decisions
    assert len(result["rows"]) == 12
