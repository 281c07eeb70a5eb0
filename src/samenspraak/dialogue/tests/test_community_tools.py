"""Community-manager tools: pre-moderation, the word filter, muting, pinning and highlighting,
the moderation log; their permissions per role, events, audit and privacy."""

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
from samenspraak.core.models import AuditLogEntry, OutboxEvent
from samenspraak.dialogue import privacy, selectors, services
from samenspraak.dialogue.events import (
    CommentApproved,
    CommentMarked,
    CommentPosted,
    ParticipantMuted,
    WordFilterChanged,
)
from samenspraak.dialogue.factories import CommentFactory, HouseRuleFactory
from samenspraak.dialogue.models import Comment, CommentStatus, FilterWord, Mute, Reaction
from samenspraak.dialogue.permissions import register_comment_options, unregister_comment_options
from samenspraak.dialogue.tests.test_comments import comment_url, process_with_discussion
from samenspraak.organisations.factories import current_or_new_municipality
from samenspraak.processes.models import Process

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["mute_list", "word_filter", "moderation_log"]


def moderator():
    return StaffUserFactory(role=Role.MODERATOR)


def render_block(target, user, session=None):
    request = RequestFactory().get("/")
    request.user = user
    request.session = session if session is not None else {}
    return Template("{% load dialogue %}{% comments target %}").render(
        Context({"target": target, "request": request})
    )


def payloads(event_type):
    return list(
        OutboxEvent.objects.filter(type=event_type).order_by("pk").values_list("payload", flat=True)
    )


@pytest.fixture
def premoderated():
    register_comment_options(Process, premoderate=lambda process: True)
    yield
    unregister_comment_options(Process)


# Permissions per role --------------------------------------------------------------------------


@pytest.mark.parametrize("page", STAFF_PAGES)
@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 302),
        (Role.RESIDENT, 403),
        (Role.PROCESS_MANAGER, 403),
        (Role.COUNCIL_MEMBER, 403),
        (Role.CLERK, 403),
        (Role.MODERATOR, 200),
        (Role.ADMINISTRATOR, 200),
    ],
)
def test_staff_pages_by_role(client, page, role, status):
    current_or_new_municipality()
    if role == Role.RESIDENT:
        client.force_login(UserFactory(role=role))
    elif role is not None:
        client.force_login(StaffUserFactory(role=role))
    assert client.get(reverse(f"dialogue:{page}")).status_code == status


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.PROCESS_MANAGER, Role.COUNCIL_MEMBER])
def test_only_moderators_use_the_tools(client, role):
    comment = CommentFactory(status=CommentStatus.PENDING)
    user = UserFactory(role=role) if role == Role.RESIDENT else StaffUserFactory(role=role)
    calls = [
        lambda: services.comment_approve(comment=comment, actor=user),
        lambda: services.comment_mark(comment=comment, actor=user, mark="pinned", on=True),
        lambda: services.participant_mute(
            user=comment.author,
            actor=user,
            until=timezone.now() + datetime.timedelta(days=1),
            reason="Te veel",
        ),
        lambda: services.filter_word_add(
            actor=user, municipality=current_or_new_municipality(), word="spam"
        ),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    client.force_login(user)
    for name in ("moderation_approve", "moderation_mark", "mute_create"):
        response = client.post(reverse(f"dialogue:{name}", args=[comment.pk]), {"mark": "pinned"})
        assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING and not comment.pinned
    assert not Mute.objects.exists() and not FilterWord.objects.exists()


# Pre-moderation --------------------------------------------------------------------------------


def test_premoderated_comment_waits_and_only_author_and_moderators_see_it(client, premoderated):
    process = process_with_discussion()
    author = UserFactory()
    client.force_login(author)
    client.post(comment_url(process), {"body": "Mijn idee voor het plein."})
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert payloads(CommentPosted.type)[0]["published"] is False
    assert "Wacht op controle." in render_block(process, author)
    assert "Mijn idee" in render_block(process, moderator())
    for other in (UserFactory(), AnonymousUser()):
        html = render_block(process, other)
        assert "Mijn idee" not in html
        assert "Er zijn nog geen reacties." in html

    mod = moderator()
    client.force_login(mod)
    assert (
        "Mijn idee voor het plein."
        in client.get(reverse("dialogue:moderation_queue")).content.decode()
    )
    response = client.post(reverse("dialogue:moderation_approve", args=[comment.pk]))
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert "Mijn idee" in render_block(process, UserFactory())
    assert payloads(CommentApproved.type) == [
        {"comment_id": comment.pk, "target_type": "processes.process", "target_id": process.pk}
    ]
    assert AuditLogEntry.objects.filter(action=services.ModerationAction.APPROVE).exists()


def test_hiding_a_premoderated_comment_shows_the_broken_rule(premoderated):
    process = process_with_discussion()
    comment = services.comment_create(target=process, author=UserFactory(), body="Lelijk")
    rule = HouseRuleFactory(title="Wees aardig")
    services.content_hide(target=comment, actor=moderator(), rule=rule)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    html = render_block(process, UserFactory())
    assert "Lelijk" not in html
    assert "breekt huisregel 'Wees aardig'" in html


def test_moderators_are_never_premoderated(premoderated):
    comment = services.comment_create(
        target=process_with_discussion(), author=moderator(), body="Welkom allemaal."
    )
    assert comment.status == CommentStatus.PUBLISHED


def test_post_moderation_is_the_default():
    comment = services.comment_create(
        target=process_with_discussion(), author=UserFactory(), body="Meteen zichtbaar."
    )
    assert comment.status == CommentStatus.PUBLISHED


# Word filter -----------------------------------------------------------------------------------


def test_word_filter_sends_matching_comments_to_premoderation_with_the_reason():
    municipality = current_or_new_municipality()
    services.filter_word_add(actor=moderator(), municipality=municipality, word="Sukkel")
    process = process_with_discussion()
    caught = services.comment_create(
        target=process, author=UserFactory(), body="Wat een SUKKEL is dat."
    )
    assert caught.status == CommentStatus.PENDING
    assert "sukkel" in caught.pending_reason
    # Whole words only: a longer word that contains it passes.
    passed = services.comment_create(
        target=process, author=UserFactory(), body="De sukkelstraat is smal."
    )
    assert passed.status == CommentStatus.PUBLISHED
    html = render_block(process, moderator())
    assert "Bevat een woord uit het woordfilter" in html


def test_editing_in_a_filtered_word_sends_the_comment_back_to_control():
    services.filter_word_add(
        actor=moderator(), municipality=current_or_new_municipality(), word="oplichter"
    )
    comment = CommentFactory(body="Netjes")
    services.comment_edit(comment=comment, actor=comment.author, body="Jij oplichter")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_word_filter_page_adds_refuses_doubles_and_removes_after_confirmation(client):
    municipality = current_or_new_municipality()
    client.force_login(moderator())
    url = reverse("dialogue:word_filter")
    assert client.post(url, {"word": "  Reclame  "}).status_code == 302
    item = FilterWord.objects.get()
    assert item.word == "reclame"
    response = client.post(url, {"word": "reclame"})
    assert response.status_code == 400
    assert "staat al in het woordfilter" in response.content.decode()
    assert client.post(url, {"word": ""}).status_code == 400
    remove = reverse("dialogue:word_filter_remove", args=[item.pk])
    assert "Ja, verwijderen" in client.get(remove).content.decode()
    assert FilterWord.objects.filter(municipality=municipality).exists()
    assert client.post(remove).status_code == 302
    assert not FilterWord.objects.exists()
    assert [p["added"] for p in payloads(WordFilterChanged.type)] == [True, False]


# Muting ----------------------------------------------------------------------------------------


def test_a_muted_participant_sees_why_and_keeps_what_they_typed(client):
    process = process_with_discussion()
    comment = CommentFactory(target=process)
    mod = moderator()
    client.force_login(mod)
    response = client.post(
        reverse("dialogue:mute_create", args=[comment.pk]),
        {
            "until": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
            "reason": "Schelden",
        },
    )
    assert response.status_code == 302
    mute = Mute.objects.get()
    assert mute.user == comment.author
    assert payloads(ParticipantMuted.type) == [
        {"mute_id": mute.pk, "user_id": comment.author.pk, "muted": True}
    ]

    client.force_login(comment.author)
    client.post(comment_url(process), {"body": "Mijn tekst die niet verloren mag gaan"})
    assert Comment.objects.count() == 1
    html = render_block(process, comment.author, session=client.session)
    assert "Een moderator heeft u tijdelijk gedempt." in html
    assert "Reden: Schelden" in html
    assert "Mijn tekst die niet verloren mag gaan" in html
    assert 'name="body"' not in html  # no form while muted, the text stays readable

    services.mute_lift(mute=mute, actor=mod)
    assert selectors.active_mute(comment.author) is None
    services.comment_create(target=process, author=comment.author, body="Weer welkom")


def test_mute_form_refuses_a_day_in_the_past_and_a_missing_reason(client):
    comment = CommentFactory()
    client.force_login(moderator())
    url = reverse("dialogue:mute_create", args=[comment.pk])
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(url, {"until": yesterday, "reason": "Te veel"})
    assert response.status_code == 400
    assert "Kies een moment in de toekomst." in response.content.decode()
    response = client.post(url, {"until": "2030-01-01", "reason": ""})
    assert response.status_code == 400
    assert not Mute.objects.exists()


def test_a_moderator_cannot_be_muted():
    with pytest.raises(ValidationError):
        services.participant_mute(
            user=moderator(),
            actor=moderator(),
            until=timezone.now() + datetime.timedelta(days=1),
            reason="Nee",
        )


def test_an_expired_mute_no_longer_holds():
    user = UserFactory()
    Mute.objects.create(user=user, until=timezone.now() - datetime.timedelta(minutes=1), reason="x")
    assert selectors.active_mute(user) is None


def test_mute_list_shows_and_lifts(client):
    comment = CommentFactory()
    mod = moderator()
    mute = services.participant_mute(
        user=comment.author,
        actor=mod,
        until=timezone.now() + datetime.timedelta(days=2),
        reason="Spam",
    )
    client.force_login(mod)
    assert "Spam" in client.get(reverse("dialogue:mute_list")).content.decode()
    assert client.post(reverse("dialogue:mute_list"), {"mute": mute.pk}).status_code == 302
    mute.refresh_from_db()
    assert mute.lifted_at is not None


# Pin and highlight -----------------------------------------------------------------------------


def test_pinned_comment_comes_first_and_highlight_shows(client):
    process = process_with_discussion()
    first = CommentFactory(target=process, body="Eerste")
    later = CommentFactory(target=process, body="Samenvatting van de buurt")
    client.force_login(moderator())
    mark = reverse("dialogue:moderation_mark", args=[later.pk])
    assert client.post(mark, {"mark": "pinned", "on": "1"}).status_code == 302
    assert client.post(mark, {"mark": "highlighted", "on": "1"}).status_code == 302
    html = render_block(process, UserFactory())
    assert html.index("Samenvatting") < html.index("Eerste")
    assert "Vastgezet" in html and "Uitgelicht" in html
    assert [(p["mark"], p["on"]) for p in payloads(CommentMarked.type)] == [
        ("pinned", True),
        ("highlighted", True),
    ]
    client.post(mark, {"mark": "pinned", "on": "0"})
    assert selectors.comment_block(process)["comments"][0].pk == first.pk
    assert client.post(mark, {"mark": "bogus", "on": "1"}).status_code == 302
    assert AuditLogEntry.objects.filter(action=services.ModerationAction.UNPIN).count() == 1


def test_moderator_buttons_show_only_to_moderators():
    process = process_with_discussion()
    CommentFactory(target=process)
    assert "Bovenaan vastzetten" in render_block(process, moderator())
    assert "Bovenaan vastzetten" not in render_block(process, UserFactory())


# Moderation log --------------------------------------------------------------------------------


def test_moderation_log_lists_every_decision_filterable(client, django_assert_max_num_queries):
    mod, other = moderator(), moderator()
    rude, spam = HouseRuleFactory(title="Wees respectvol"), HouseRuleFactory(title="Geen reclame")
    services.content_hide(target=CommentFactory(), actor=mod, rule=rude, note="Schelden")
    services.content_hide(target=CommentFactory(), actor=other, rule=spam)
    services.comment_mark(comment=CommentFactory(), actor=mod, mark="pinned", on=True)
    services.participant_mute(
        user=UserFactory(),
        actor=other,
        until=timezone.now() + datetime.timedelta(days=1),
        reason="Herhaald schelden",
    )
    client.force_login(mod)
    url = reverse("dialogue:moderation_log")
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert "Inhoud verborgen door moderator" in page
    assert "Reactie bovenaan vastgezet" in page
    assert "Deelnemer gedempt" in page and "Herhaald schelden" in page
    assert "Schelden" in page

    page = client.get(url, {"huisregel": "Geen reclame"}).content.decode()
    assert page.count("Inhoud verborgen door moderator</td>") == 1
    assert "Wees respectvol</td>" not in page
    page = client.get(url, {"handeling": services.ModerationAction.MUTE}).content.decode()
    assert "Deelnemer gedempt</td>" in page and "Reactie bovenaan vastgezet</td>" not in page
    page = client.get(url, {"moderator": other.pk}).content.decode()
    assert "Reactie bovenaan vastgezet</td>" not in page
    # Nonsense in the query string is ignored, never a 500.
    assert client.get(url, {"moderator": "x", "periode": "y", "handeling": "z"}).status_code == 200


def test_moderation_log_costs_the_same_for_more_entries(client, django_assert_num_queries):
    mod = moderator()
    rule = HouseRuleFactory()
    client.force_login(mod)
    url = reverse("dialogue:moderation_log")
    services.content_hide(target=CommentFactory(), actor=mod, rule=rule)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _n in range(8):
        services.content_hide(target=CommentFactory(), actor=moderator(), rule=rule)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


# Privacy ---------------------------------------------------------------------------------------


def test_privacy_exports_and_erases_reactions_and_mutes():
    comment = CommentFactory()
    user = UserFactory()
    mod = moderator()
    services.reaction_toggle(comment=comment, user=user, kind="agree")
    services.participant_mute(
        user=user, actor=mod, until=timezone.now() + datetime.timedelta(days=1), reason="Spam"
    )
    data = privacy.export(user)
    assert data["reactions"][0]["kind"] == "agree"
    assert data["mutes"][0]["reason"] == "Spam"
    assert privacy.export(mod)["mutes_given"][0]["reason"] == "Spam"
    privacy.erase(user)
    privacy.erase(mod)
    assert not Reaction.objects.filter(user=user).exists()
    assert not Mute.objects.filter(user=user).exists()
    assert not Mute.objects.filter(muted_by=mod).exists()


def test_a_comment_waiting_for_control_cannot_be_reached_by_others(client, premoderated):
    process = process_with_discussion()
    comment = services.comment_create(target=process, author=UserFactory(), body="Nog geheim")
    url = reverse("dialogue:report", args=["dialogue.comment", comment.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    response = client.post(reverse("dialogue:comment_react", args=[comment.pk]), {"kind": "agree"})
    assert response.status_code == 302
    assert not Reaction.objects.exists()
    services.comment_approve(comment=comment, actor=moderator())
    assert client.get(url).status_code == 200  # once approved, anyone may report it


def test_mine_says_a_comment_waits_for_control(premoderated):
    from samenspraak.dialogue.sections import mine_comments

    author = UserFactory()
    services.comment_create(target=process_with_discussion(), author=author, body="Even wachten")
    html = Template("{% include 'dialogue/mine_comments.html' %}").render(
        Context({"section": mine_comments(author)})
    )
    assert "Een moderator bekijkt deze reactie eerst." in html


def test_queue_with_waiting_comments_costs_the_same_for_more_of_them(client, premoderated):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    process = process_with_discussion()
    HouseRuleFactory()
    client.force_login(moderator())
    url = reverse("dialogue:moderation_queue")
    services.comment_create(target=process, author=UserFactory(), body="Eerste")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert "1 reactie wacht op controle" in page
    for n in range(6):
        services.comment_create(target=process, author=UserFactory(), body=f"Meer {n}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert "7 reacties wachten op controle" in page
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_waiting_comment_counts_as_hidden_for_other_apps(premoderated):
    comment = services.comment_create(
        target=process_with_discussion(), author=UserFactory(), body="Wacht even"
    )
    assert selectors.is_hidden(comment) is True
    assert not selectors.published_comments().filter(pk=comment.pk).exists()
    services.comment_approve(comment=comment, actor=moderator())
    assert selectors.is_hidden(comment) is False
    assert selectors.published_comments().filter(pk=comment.pk).exists()
