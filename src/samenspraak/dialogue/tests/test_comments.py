import pytest
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.dialogue import services
from samenspraak.dialogue.factories import CommentFactory, HouseRuleFactory
from samenspraak.dialogue.models import COMMENT_MAX_LENGTH, Comment
from samenspraak.dialogue.permissions import can_comment, can_delete_comment
from samenspraak.dialogue.selectors import comment_context, comments_for
from samenspraak.dialogue.tests.conftest import DISCUSS, phase_window
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.processes.models import ProcessStatus

pytestmark = pytest.mark.django_db


def process_with_discussion(when="during", **kwargs):
    process = ProcessFactory(**kwargs)
    starts_at, ends_at = phase_window(when)
    PhaseFactory(process=process, kind=DISCUSS.key, starts_at=starts_at, ends_at=ends_at)
    return process


def comment_url(target):
    return reverse(
        "dialogue:comment_create",
        kwargs={
            "content_type": f"{target._meta.app_label}.{target._meta.model_name}",
            "object_id": target.pk,
        },
    )


ALL_ROLES = [None, *Role.values]


PHASES = [("before", False), ("during", True), ("after", False)]


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(("when", "allowed"), PHASES)
def test_comment_permission_matrix_follows_the_targets_rule(role, when, allowed):
    """Anyone logged in may comment while the owning app's rule allows it; anonymous never."""
    process = process_with_discussion(when)
    user = None if role is None else UserFactory(role=role)
    from django.contrib.auth.models import AnonymousUser

    assert can_comment(user or AnonymousUser(), process) is (allowed and role is not None)


def test_commenting_is_not_allowed_without_a_registered_rule():
    """A model whose app registered no rule cannot be commented on."""
    from samenspraak.organisations.factories import TopicFactory

    topic = TopicFactory()
    assert can_comment(UserFactory(), topic) is False


def test_comment_on_a_draft_process_is_not_allowed():
    process = process_with_discussion("during", status=ProcessStatus.DRAFT)
    assert can_comment(UserFactory(), process) is False


def test_comment_create_service_refuses_outside_the_phase():
    from django.core.exceptions import PermissionDenied

    process = process_with_discussion("after")
    with pytest.raises(PermissionDenied):
        services.comment_create(target=process, author=UserFactory(), body="Te laat")
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "message"),
    [("   ", "Schrijf eerst uw reactie."), ("x" * (COMMENT_MAX_LENGTH + 1), "maximaal 2000")],
)
def test_comment_create_service_rejects_empty_and_too_long_text(body, message):
    from django.core.exceptions import ValidationError

    process = process_with_discussion()
    with pytest.raises(ValidationError) as error:
        services.comment_create(target=process, author=UserFactory(), body=body)
    assert message in str(error.value.message_dict["body"])


def test_posting_a_comment_redirects_to_the_comment(client):
    """A resident posts; they land on the target with the comment's anchor."""
    process = process_with_discussion()
    client.force_login(UserFactory())
    response = client.post(comment_url(process), {"body": "Meer bomen graag.\n<b>echt</b>"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#reactie-{comment.pk}")
    assert comment.body == "Meer bomen graag.\n<b>echt</b>"
    assert comment.target == process


def test_anonymous_comment_post_goes_to_log_in(client):
    process = process_with_discussion()
    response = client.post(comment_url(process), {"body": "Hallo"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "content_type", ["organisations.topic", "nope.nothing", "processes", "dialogue.comment"]
)
def test_comment_on_an_unknown_or_unregistered_type_is_404(client, content_type):
    client.force_login(UserFactory())
    url = reverse("dialogue:comment_create", kwargs={"content_type": content_type, "object_id": 1})
    assert client.post(url, {"body": "Hallo"}).status_code == 404


def test_comment_on_a_missing_object_is_404(client):
    client.force_login(UserFactory())
    url = reverse(
        "dialogue:comment_create",
        kwargs={"content_type": "processes.process", "object_id": 999999},
    )
    assert client.post(url, {"body": "Hallo"}).status_code == 404


def test_comment_get_is_not_allowed(client):
    process = process_with_discussion()
    assert client.get(comment_url(process)).status_code == 405


def render_section(client, process, user):
    """Render the comment section as the target's page would, with the client's session."""
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    request.session = client.session
    html = Template("{% load dialogue %}{% comments target %}").render(
        Context({"target": process, "request": request})
    )
    request.session.save()
    return html


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Schrijf eerst uw reactie."),
        ("lang " * 500, "Er mogen maximaal 2000 tekens in."),
    ],
)
def test_invalid_comment_comes_back_with_the_typed_text_and_a_message(client, body, message):
    """Empty or too long: no comment; the form on the target's page shows text and message."""
    process = process_with_discussion()
    user = UserFactory()
    client.force_login(user)
    response = client.post(comment_url(process), {"body": body})
    assert response.status_code == 302
    assert response["Location"].endswith("#reageren")
    assert Comment.objects.count() == 0
    html = render_section(client, process, user)
    assert message in html
    assert 'aria-invalid="true"' in html
    assert "aria-describedby" in html
    if body:
        assert body.strip()[:50] in html
    # The draft is shown once.
    assert message not in render_section(client, process, user)


def test_comment_after_phase_end_keeps_the_text_and_says_why(client):
    process = process_with_discussion("after")
    user = UserFactory()
    client.force_login(user)
    client.post(comment_url(process), {"body": "Mijn mening over het plein"})
    html = render_section(client, process, user)
    assert "Mijn mening over het plein" in html
    assert "U kunt hier nu niet reageren." in html


def test_comments_are_escaped_and_keep_their_line_breaks(client):
    process = process_with_discussion()
    CommentFactory(target=process, body="Regel een\n<script>alert(1)</script>")
    html = render_section(client, process, UserFactory())
    assert "Regel een<br>&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html


def test_section_shows_log_in_hint_to_anonymous_people(client):
    from django.contrib.auth.models import AnonymousUser

    process = process_with_discussion()
    html = render_section(client, process, AnonymousUser())
    assert "Wilt u reageren?" in html
    assert "<textarea" not in html


def test_section_shows_the_form_during_the_phase_only(client):
    user = UserFactory()
    assert "<textarea" in render_section(client, process_with_discussion("during"), user)
    assert "<textarea" not in render_section(client, process_with_discussion("after"), user)


def test_hidden_comment_is_replaced_by_the_house_rule(client):
    process = process_with_discussion()
    hidden = CommentFactory(target=process, body="Iets gemeens")
    CommentFactory(target=process, body="Iets aardigs")
    rule = HouseRuleFactory(title="Geen scheldwoorden")
    services.content_hide(target=hidden, actor=StaffUserFactory(role=Role.MODERATOR), rule=rule)
    html = render_section(client, process, UserFactory())
    assert "Iets gemeens" not in html
    assert "Iets aardigs" in html
    assert "Verborgen door de moderator: breekt huisregel 'Geen scheldwoorden'" in html


@pytest.mark.parametrize("size", [1, 12])
def test_comments_for_costs_three_queries_whatever_the_number(django_assert_num_queries, size):
    """The comments with their authors, their moderation decisions, their reactions."""
    process = process_with_discussion()
    comments = CommentFactory.create_batch(size, target=process)
    moderator = StaffUserFactory(role=Role.MODERATOR, totp=False)
    services.content_hide(target=comments[0], actor=moderator, rule=HouseRuleFactory())
    comments_for(process)  # warms the content-type cache
    with django_assert_num_queries(3):
        result = comments_for(process)
        assert [c.author.display_name for c in result]
    assert result[0].hidden_rule is not None


@pytest.mark.parametrize("size", [1, 12])
def test_comment_context_costs_a_fixed_number_of_queries(django_assert_num_queries, size):
    """Comments, decisions, reactions, the person's mute and the process rule's phases."""
    process = process_with_discussion()
    CommentFactory.create_batch(size, target=process)
    user = UserFactory()
    comment_context(process, user, None)
    with django_assert_num_queries(5):
        context = comment_context(process, user, None)
    assert context["can_comment"] is True
    assert len(context["comments"]) == size


def test_author_and_moderator_may_delete_others_may_not():
    comment = CommentFactory()
    assert can_delete_comment(comment.author, comment)
    assert can_delete_comment(StaffUserFactory(role=Role.MODERATOR, totp=False), comment)
    assert not can_delete_comment(UserFactory(), comment)
    assert not can_delete_comment(StaffUserFactory(role=Role.PROCESS_MANAGER), comment)


def test_deleting_own_comment_through_the_view(client):
    comment = CommentFactory()
    client.force_login(comment.author)
    response = client.post(reverse("dialogue:comment_delete", args=[comment.pk]))
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_deleting_someone_elses_comment_is_refused(client):
    comment = CommentFactory()
    client.force_login(UserFactory())
    response = client.post(reverse("dialogue:comment_delete", args=[comment.pk]))
    assert response.status_code == 403
    assert Comment.objects.exists()


def test_moderator_deleting_a_comment_is_audited():
    from samenspraak.core.models import AuditLogEntry

    comment = CommentFactory()
    moderator = StaffUserFactory(role=Role.MODERATOR, totp=False)
    services.comment_delete(comment=comment, actor=moderator)
    entry = AuditLogEntry.objects.get(action="dialogue.comment_deleted")
    assert entry.actor == moderator
