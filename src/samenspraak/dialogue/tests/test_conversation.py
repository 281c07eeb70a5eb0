"""Constructive comments: replies, positions, reactions, quotes, editing, the official badge,
and the limits on bad input (duplicates, floods, injected HTML)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.dialogue import selectors, services
from samenspraak.dialogue.factories import CommentFactory, HouseRuleFactory
from samenspraak.dialogue.models import Comment, Position, Reaction, ReactionKind
from samenspraak.dialogue.permissions import (
    register_comment_options,
    unregister_comment_options,
)
from samenspraak.dialogue.tests.test_comments import comment_url, process_with_discussion
from samenspraak.processes.models import Process

pytestmark = pytest.mark.django_db


@pytest.fixture
def positions():
    """Processes take positions in these tests, as a discussion space's view rule would say."""
    register_comment_options(
        Process,
        positions=True,
        house_rules=lambda process: [("Eén onderwerp", "Praat hier alleen over dit plan.")],
    )
    yield
    unregister_comment_options(Process)


def render_block(target, user, session=None, query=""):
    request = RequestFactory().get("/" + query)
    request.user = user
    request.session = session if session is not None else {}
    return Template("{% load dialogue %}{% comments target %}").render(
        Context({"target": target, "request": request})
    )


# Replies ---------------------------------------------------------------------------------------


def test_a_reply_hangs_under_its_comment_and_a_reply_to_a_reply_under_the_same_one():
    process = process_with_discussion()
    top = services.comment_create(target=process, author=UserFactory(), body="Eerst dit.")
    reply = services.comment_create(
        target=process, author=UserFactory(), body="Daarop dit.", parent=top
    )
    deeper = services.comment_create(
        target=process, author=UserFactory(), body="En nog wat.", parent=reply
    )
    assert reply.parent == top
    assert deeper.parent == top
    block = selectors.comment_block(process, AnonymousUser())
    assert [c.pk for c in block["comments"]] == [top.pk]
    assert [c.pk for c in block["comments"][0].thread_replies] == [reply.pk, deeper.pk]
    assert block["count"] == 3


def test_a_reply_or_quote_from_another_target_is_refused():
    process = process_with_discussion()
    elsewhere = CommentFactory()
    for field in ("parent", "quoted"):
        with pytest.raises(ValidationError) as error:
            services.comment_create(
                target=process, author=UserFactory(), body="Hallo", **{field: elsewhere}
            )
        assert field in error.value.message_dict
    assert not Comment.objects.filter(object_id=process.pk).exists()


def test_reply_through_the_form_and_the_answer_link_prefills_it(client):
    process = process_with_discussion()
    top = CommentFactory(target=process, body="Waar komt de bank?")
    user = UserFactory()
    html = render_block(process, user, query=f"?antwoord={top.pk}")
    assert f'name="parent" value="{top.pk}"' in html
    assert "U antwoordt op de reactie van" in html
    client.force_login(user)
    response = client.post(comment_url(process), {"body": "Bij de vijver.", "parent": top.pk})
    assert response.status_code == 302
    assert Comment.objects.get(body="Bij de vijver.").parent == top


# Positions -------------------------------------------------------------------------------------


def test_position_is_asked_where_the_rule_says_and_ignored_elsewhere(positions):
    process = process_with_discussion()
    with pytest.raises(ValidationError) as error:
        services.comment_create(target=process, author=UserFactory(), body="Hmm.")
    assert "voor, tegen of neutraal" in str(error.value.message_dict["position"])
    comment = services.comment_create(
        target=process, author=UserFactory(), body="Goed plan.", position=Position.FOR
    )
    assert comment.position == Position.FOR
    reply = services.comment_create(
        target=process, author=UserFactory(), body="Eens.", parent=comment, position="against"
    )
    assert reply.position == ""  # replies answer an argument; they take no side of their own


def test_position_is_dropped_where_the_target_takes_none():
    process = process_with_discussion()
    comment = services.comment_create(
        target=process, author=UserFactory(), body="Goed plan.", position=Position.FOR
    )
    assert comment.position == ""


def test_a_made_up_position_is_refused(positions):
    with pytest.raises(ValidationError):
        services.comment_create(
            target=process_with_discussion(), author=UserFactory(), body="x", position="maybe"
        )


def test_block_shows_for_and_against_side_by_side_with_counts(positions):
    process = process_with_discussion()
    for body, position in [
        ("Meer groen.", Position.FOR),
        ("Minder parkeren.", Position.AGAINST),
        ("Betaalbaar.", Position.FOR),
        ("Weet ik niet.", Position.NEUTRAL),
    ]:
        services.comment_create(target=process, author=UserFactory(), body=body, position=position)
    html = render_block(process, UserFactory())
    assert "Voor: 2 argumenten" in html
    assert "Tegen: 1 argument" in html
    assert "Neutraal: 1 reactie" in html
    assert html.index("Meer groen.") < html.index("Minder parkeren.")
    assert 'class="comment-columns"' in html
    assert "Eén onderwerp" in html  # the target's own house rules, next to the form
    assert 'name="position"' in html


def test_without_positions_the_block_is_one_list():
    process = process_with_discussion()
    CommentFactory(target=process)
    html = render_block(process, UserFactory())
    assert "comment-columns" not in html
    assert 'name="position"' not in html


def test_missing_position_through_the_view_keeps_the_text(client, positions):
    process = process_with_discussion()
    user = UserFactory()
    client.force_login(user)
    client.post(comment_url(process), {"body": "Mijn lange verhaal."})
    assert not Comment.objects.exists()
    html = render_block(process, user, session=client.session)
    assert "Kies of u voor, tegen of neutraal bent." in html
    assert "Mijn lange verhaal." in html


# Reactions -------------------------------------------------------------------------------------


def test_reaction_toggles_once_per_person_per_kind():
    comment = CommentFactory()
    user = UserFactory()
    assert services.reaction_toggle(comment=comment, user=user, kind=ReactionKind.AGREE) is True
    assert services.reaction_toggle(comment=comment, user=user, kind=ReactionKind.THANKS) is True
    assert Reaction.objects.filter(comment=comment, user=user).count() == 2
    assert services.reaction_toggle(comment=comment, user=user, kind=ReactionKind.AGREE) is False
    assert list(Reaction.objects.values_list("kind", flat=True)) == [ReactionKind.THANKS]


def test_unknown_reaction_kind_is_refused():
    with pytest.raises(ValidationError):
        services.reaction_toggle(comment=CommentFactory(), user=UserFactory(), kind="boe")


def test_reactions_work_as_a_plain_form_post_and_show_counts(client):
    process = process_with_discussion()
    comment = CommentFactory(target=process)
    others = UserFactory.create_batch(2)
    for other in others:
        services.reaction_toggle(comment=comment, user=other, kind=ReactionKind.GOOD_POINT)
    user = UserFactory()
    client.force_login(user)
    url = reverse("dialogue:comment_react", args=[comment.pk])
    response = client.post(url, {"kind": "agree"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#reactie-{comment.pk}")
    html = render_block(process, user)
    assert 'aria-pressed="true">Eens (1)</button>' in html
    assert 'aria-pressed="false">Goed punt (2)</button>' in html
    assert 'aria-pressed="false">Dank je (0)</button>' in html


def test_anonymous_reaction_goes_to_log_in(client):
    process = process_with_discussion()
    comment = CommentFactory(target=process)
    response = client.post(reverse("dialogue:comment_react", args=[comment.pk]), {"kind": "agree"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Reaction.objects.exists()


def test_no_reaction_on_a_hidden_comment():
    comment = CommentFactory()
    services.content_hide(
        target=comment, actor=StaffUserFactory(role=Role.MODERATOR), rule=HouseRuleFactory()
    )
    with pytest.raises(PermissionDenied):
        services.reaction_toggle(comment=comment, user=UserFactory(), kind="agree")


# Quotes ----------------------------------------------------------------------------------------


def test_a_quote_shows_a_short_excerpt_linked_to_the_quoted_comment():
    process = process_with_discussion()
    quoted = CommentFactory(target=process, body="Het fietspad is te smal. " * 20)
    services.comment_create(
        target=process, author=UserFactory(), body="Precies, en donker.", quoted=quoted
    )
    html = render_block(process, UserFactory())
    # The link also opens the page of a long block that holds the quoted comment.
    assert f'<a href="?reactie={quoted.pk}#reactie-{quoted.pk}">' in html
    assert "schreef:" in html
    assert "…" in html


def test_a_quote_of_a_hidden_comment_does_not_show_its_text():
    process = process_with_discussion()
    quoted = CommentFactory(target=process, body="Iets geheims en lelijks.")
    services.comment_create(target=process, author=UserFactory(), body="Nou!", quoted=quoted)
    services.content_hide(
        target=quoted, actor=StaffUserFactory(role=Role.MODERATOR), rule=HouseRuleFactory()
    )
    html = render_block(process, UserFactory())
    assert "geheims" not in html
    assert "Citaat uit een reactie die niet meer te zien is." in html


# Editing ---------------------------------------------------------------------------------------


def test_author_edits_within_the_window_and_the_comment_says_bewerkt(client):
    process = process_with_discussion()
    comment = CommentFactory(target=process, body="Eerste versie")
    client.force_login(comment.author)
    url = reverse("dialogue:comment_edit", args=[comment.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"body": "Tweede versie"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Tweede versie"
    assert comment.edited_at is not None
    assert "bewerkt</span>" in render_block(process, UserFactory())


def test_editing_after_the_window_is_refused_and_keeps_the_text(client, settings):
    settings.DIALOGUE_EDIT_MINUTES = 15
    comment = CommentFactory(body="Oud")
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    client.force_login(comment.author)
    response = client.post(
        reverse("dialogue:comment_edit", args=[comment.pk]), {"body": "Mijn nieuwe tekst"}
    )
    assert response.status_code == 400
    assert "alleen in de eerste 15 minuten" in response.content.decode()
    assert "Mijn nieuwe tekst" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Oud"
    assert comment.edited_at is None


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.MODERATOR])
def test_nobody_else_edits_a_comment(client, role):
    comment = CommentFactory(body="Van mij")
    other = UserFactory(role=role) if role == Role.RESIDENT else StaffUserFactory(role=role)
    client.force_login(other)
    url = reverse("dialogue:comment_edit", args=[comment.pk])
    assert client.post(url, {"body": "Van jou"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.comment_edit(comment=comment, actor=other, body="Van jou")
    comment.refresh_from_db()
    assert comment.body == "Van mij"


def test_edit_link_only_for_the_author_in_the_window():
    process = process_with_discussion()
    comment = CommentFactory(target=process)
    edit = reverse("dialogue:comment_edit", args=[comment.pk])
    assert edit in render_block(process, comment.author)
    assert edit not in render_block(process, UserFactory())
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert edit not in render_block(process, comment.author)


# The official badge ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "official"),
    [
        (Role.RESIDENT, False),
        (Role.MODERATOR, True),
        (Role.PROCESS_MANAGER, True),
        (Role.COUNCIL_MEMBER, True),
        (Role.CLERK, True),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_official_badge_for_staff_and_council_members(role, official):
    process = process_with_discussion()
    author = UserFactory(role=role)
    comment = services.comment_create(target=process, author=author, body="Wij kijken ernaar.")
    assert comment.official is official
    assert ("Officiële reactie" in render_block(process, UserFactory())) is official


# Bad input -------------------------------------------------------------------------------------


def test_the_same_text_twice_in_a_short_time_is_refused():
    process = process_with_discussion()
    author = UserFactory()
    services.comment_create(target=process, author=author, body="Koop nu!")
    with pytest.raises(ValidationError) as error:
        services.comment_create(target=process, author=author, body="  Koop nu!  ")
    assert "net al geplaatst" in str(error.value.message_dict["body"])
    # Someone else may say the same; the author may say it again later.
    services.comment_create(target=process, author=UserFactory(), body="Koop nu!")
    Comment.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1))
    services.comment_create(target=process, author=author, body="Koop nu!")


def test_a_burst_of_comments_is_stopped_with_a_message_that_keeps_the_text(client, settings):
    settings.DIALOGUE_COMMENT_RATES = ("3/m", "30/h")
    process = process_with_discussion()
    user = UserFactory()
    client.force_login(user)
    for n in range(3):
        assert client.post(comment_url(process), {"body": f"Spam {n}"}).status_code == 302
    client.post(comment_url(process), {"body": "Nog eentje die ik kwijt zou raken"})
    assert Comment.objects.count() == 3
    html = render_block(process, user, session=client.session)
    assert "U plaatst veel reacties kort na elkaar." in html
    assert "Nog eentje die ik kwijt zou raken" in html


def test_moderators_are_not_flood_limited(settings):
    settings.DIALOGUE_COMMENT_RATES = ("1/m",)
    process = process_with_discussion()
    moderator = StaffUserFactory(role=Role.MODERATOR)
    for n in range(3):
        services.comment_create(target=process, author=moderator, body=f"Bericht {n}")


def test_script_and_html_in_a_comment_render_escaped(client):
    process = process_with_discussion()
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)> <b>vet</b>'
    comment = services.comment_create(target=process, author=UserFactory(), body=evil)
    services.comment_create(target=process, author=UserFactory(), body="Ja", quoted=comment)
    html = render_block(process, UserFactory())
    assert "<script>" not in html
    assert "<img" not in html
    assert "<b>vet</b>" not in html
    assert "&lt;script&gt;" in html


# Queries ---------------------------------------------------------------------------------------


def _busy_target(size):
    process = process_with_discussion()
    people = UserFactory.create_batch(3)
    for n in range(size):
        top = services.comment_create(
            target=process,
            author=people[n % 3],
            body=f"Argument {n}",
            position=[Position.FOR, Position.AGAINST, Position.NEUTRAL][n % 3],
        )
        reply = services.comment_create(
            target=process, author=people[(n + 1) % 3], body=f"Antwoord {n}", parent=top
        )
        if n % 2:
            services.comment_create(
                target=process,
                author=people[(n + 2) % 3],
                body=f"Citaat {n}",
                parent=top,
                quoted=reply,
            )
        for person in people:
            services.reaction_toggle(comment=top, user=person, kind=ReactionKind.AGREE)
        services.reaction_toggle(comment=reply, user=people[0], kind=ReactionKind.THANKS)
    return process, people


@pytest.mark.parametrize("size", [2, 9])
def test_comment_block_costs_a_fixed_number_of_queries(
    django_assert_num_queries, positions, settings, size
):
    """With positions, replies, quotes and reactions, the whole rendered block costs the same
    queries for 2 as for 9 threads: comments, decisions, reactions, the person's mute and the
    process rule's phases."""
    settings.DIALOGUE_COMMENT_RATES = ()
    process, people = _busy_target(size)
    moderator = StaffUserFactory(role=Role.MODERATOR)
    services.content_hide(
        target=Comment.objects.filter(object_id=process.pk).last(),
        actor=moderator,
        rule=HouseRuleFactory(),
    )
    viewer = people[0]
    render_block(process, viewer)  # warms the content-type cache
    with django_assert_num_queries(5):
        html = render_block(process, viewer)
    assert html.count('class="comment') >= size * 2
    assert "Eens (3)" in html


def test_deleting_a_comment_keeps_the_replies_others_wrote():
    process = process_with_discussion()
    top = CommentFactory(target=process)
    reply = services.comment_create(
        target=process, author=UserFactory(), body="Mijn antwoord", parent=top
    )
    services.comment_delete(comment=top, actor=top.author)
    reply.refresh_from_db()
    assert reply.parent is None
    assert [c.pk for c in selectors.comment_block(process)["comments"]] == [reply.pk]
