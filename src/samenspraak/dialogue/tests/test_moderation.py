import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.core.models import AuditLogEntry
from samenspraak.dialogue import services
from samenspraak.dialogue.factories import CommentFactory, HouseRuleFactory, ReportFactory
from samenspraak.dialogue.models import HouseRule, ModerationDecision, Report
from samenspraak.dialogue.moderation import register_reportable, unregister_reportable
from samenspraak.dialogue.permissions import can_moderate
from samenspraak.dialogue.selectors import hidden_rules_for, open_report_groups
from samenspraak.organisations.factories import current_or_new_municipality
from samenspraak.processes.factories import ProcessFactory
from samenspraak.processes.models import Process

pytestmark = pytest.mark.django_db


def moderator(role=Role.MODERATOR):
    return StaffUserFactory(role=role)


def report_url(obj):
    meta = obj._meta
    return reverse(
        "dialogue:report",
        kwargs={"content_type": f"{meta.app_label}.{meta.model_name}", "object_id": obj.pk},
    )


def decide_url(obj):
    meta = obj._meta
    return reverse(
        "dialogue:moderation_decide",
        kwargs={"content_type": f"{meta.app_label}.{meta.model_name}", "object_id": obj.pk},
    )


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (None, False),
        (Role.RESIDENT, False),
        (Role.MODERATOR, True),
        (Role.PROCESS_MANAGER, False),
        (Role.COUNCIL_MEMBER, False),
        (Role.CLERK, False),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_only_moderators_and_administrators_moderate(role, allowed):
    """The permission, the service and the queue page agree, for every role."""
    user = AnonymousUser() if role is None else UserFactory(role=role)
    assert can_moderate(user) is allowed
    comment = CommentFactory()
    rule = HouseRuleFactory()
    if allowed:
        services.content_hide(target=comment, actor=user, rule=rule)
        assert hidden_rules_for([comment]) == {comment.pk: rule}
    else:
        with pytest.raises(PermissionDenied):
            services.content_hide(target=comment, actor=user, rule=rule)
        assert hidden_rules_for([comment]) == {}


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 302), (Role.RESIDENT, 403), (Role.PROCESS_MANAGER, 403), (Role.MODERATOR, 200)],
)
def test_moderation_queue_page_by_role(client, role, status):
    if role == Role.RESIDENT:
        client.force_login(UserFactory(role=role))
    elif role is not None:
        client.force_login(StaffUserFactory(role=role))
    assert client.get(reverse("dialogue:moderation_queue")).status_code == status


def test_anonymous_visitor_can_report_a_comment(client):
    comment = CommentFactory(body="Jullie zijn allemaal dom")
    page = client.get(report_url(comment))
    assert page.status_code == 200
    assert "Jullie zijn allemaal dom" in page.content.decode()
    response = client.post(report_url(comment), {"reason": "Beledigend"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.target == comment
    assert report.reporter is None
    assert report.reason == "Beledigend"


def test_logged_in_report_remembers_the_reporter(client):
    comment = CommentFactory()
    resident = UserFactory()
    client.force_login(resident)
    client.post(report_url(comment), {"reason": "Reclame"})
    assert Report.objects.get().reporter == resident


@pytest.mark.parametrize(
    ("reason", "message"),
    [("  ", "Schrijf kort waarom u dit meldt."), ("x" * 1001, "maximaal 1000 tekens")],
)
def test_bad_report_comes_back_with_the_text_and_a_message(client, reason, message):
    comment = CommentFactory()
    response = client.post(report_url(comment), {"reason": reason})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'aria-invalid="true"' in html
    if reason.strip():
        assert reason in html
    assert not Report.objects.exists()


def test_reporting_is_rate_limited_and_keeps_the_text(client):
    comment = CommentFactory()
    for _ in range(5):
        client.post(report_url(comment), {"reason": "Spam"})
    response = client.post(report_url(comment), {"reason": "Nog een keer spam"})
    assert response.status_code == 429
    assert "Nog een keer spam" in response.content.decode()
    assert Report.objects.count() == 5


def test_content_that_is_not_reportable_gives_404(client):
    process = ProcessFactory()
    assert client.get(report_url(process)).status_code == 404


def test_other_apps_register_their_objects_as_reportable(client):
    """A registered model can be reported, shown in the queue with its text, and hidden."""
    register_reportable(Process, "proces", text=lambda p: f"Proces: {p.title}")
    try:
        process = ProcessFactory(title="Het plein")
        client.post(report_url(process), {"reason": "Klopt niet"})
        [group] = open_report_groups()
        assert group["target"] == process
        assert group["label"] == "proces"
        assert group["text"] == "Proces: Het plein"
    finally:
        unregister_reportable(Process)


def test_queue_groups_open_reports_by_content_most_reported_first(client):
    once = CommentFactory(body="Een keer gemeld")
    twice = CommentFactory(body="Twee keer gemeld")
    ReportFactory(target=once)
    ReportFactory.create_batch(2, target=twice)
    groups = open_report_groups()
    assert [g["target"] for g in groups] == [twice, once]
    assert [len(g["reports"]) for g in groups] == [2, 1]
    client.force_login(moderator())
    html = client.get(reverse("dialogue:moderation_queue")).content.decode()
    assert "Twee keer gemeld" in html
    assert html.index("Twee keer gemeld") < html.index("Een keer gemeld")


def test_moderator_hides_content_with_a_house_rule(client):
    """Hiding closes the reports, is audited and replaces the comment for everyone."""
    comment = CommentFactory()
    ReportFactory.create_batch(2, target=comment)
    rule = HouseRuleFactory(title="Geen scheldwoorden")
    user = moderator()
    client.force_login(user)
    response = client.post(
        decide_url(comment), {"action": "hide", "rule": rule.pk, "note": "duidelijk"}
    )
    assert response.status_code == 302
    assert hidden_rules_for([comment]) == {comment.pk: rule}
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    assert open_report_groups() == []
    entry = AuditLogEntry.objects.get(action="dialogue.hide")
    assert entry.actor == user
    assert entry.changes["rule"] == "Geen scheldwoorden"


def test_hiding_without_a_rule_is_refused_with_a_message(client):
    comment = CommentFactory(body="Twijfelgeval")
    ReportFactory(target=comment)
    HouseRuleFactory()
    client.force_login(moderator())
    response = client.post(decide_url(comment), {"action": "hide", "note": "mijn notitie"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Kies de huisregel die deze inhoud breekt." in html
    assert "mijn notitie" in html
    assert not ModerationDecision.objects.exists()


def test_keep_dismisses_the_reports_and_leaves_the_content_visible(client):
    comment = CommentFactory()
    ReportFactory(target=comment)
    client.force_login(moderator())
    client.post(decide_url(comment), {"action": "keep"})
    assert hidden_rules_for([comment]) == {}
    assert open_report_groups() == []
    assert AuditLogEntry.objects.filter(action="dialogue.keep").exists()


def test_restore_shows_hidden_content_again_latest_decision_counts(client):
    comment = CommentFactory(body="Toch niet zo erg")
    user = moderator()
    services.content_hide(target=comment, actor=user, rule=HouseRuleFactory())
    client.force_login(user)
    html = client.get(reverse("dialogue:moderation_queue")).content.decode()
    assert "Toch niet zo erg" in html  # in the hidden-content table
    client.post(decide_url(comment), {"action": "restore"})
    assert hidden_rules_for([comment]) == {}
    assert AuditLogEntry.objects.filter(action="dialogue.restore").exists()


def test_resident_cannot_post_a_decision(client):
    comment = CommentFactory()
    client.force_login(UserFactory())
    response = client.post(decide_url(comment), {"action": "keep"})
    assert response.status_code == 403
    assert not ModerationDecision.objects.exists()


@pytest.mark.parametrize("size", [2, 20])
def test_hidden_rules_for_a_list_is_one_query(django_assert_num_queries, size):
    """However long the list, which items are hidden (and why) costs one query."""
    comments = CommentFactory.create_batch(size)
    user = moderator()
    rule = HouseRuleFactory()
    for comment in comments[::2]:
        services.content_hide(target=comment, actor=user, rule=rule)
    services.content_restore(target=comments[0], actor=user)
    hidden_rules_for(comments[:1])  # content-type cache
    with django_assert_num_queries(1):
        rules = hidden_rules_for(comments)
    assert set(rules) == {c.pk for c in comments[2::2]}
    assert all(r.title == rule.title for r in rules.values())


def test_hidden_rules_for_an_empty_list_costs_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert hidden_rules_for([]) == {}


@pytest.mark.parametrize("size", [1, 6])
def test_queue_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    for _ in range(size):
        ReportFactory.create_batch(2)
    rule = HouseRuleFactory()
    user = moderator()
    for comment in CommentFactory.create_batch(size):
        services.content_hide(target=comment, actor=user, rule=rule)
    client.force_login(user)
    client.get(reverse("dialogue:moderation_queue"))
    with django_assert_max_num_queries(16):
        assert client.get(reverse("dialogue:moderation_queue")).status_code == 200


def test_moderator_manages_house_rules(client):
    current_or_new_municipality()
    user = moderator()
    client.force_login(user)
    response = client.post(
        reverse("dialogue:house_rule_create"),
        {"title": "Geen reclame", "text": "Maak hier geen reclame.", "order": 1},
    )
    assert response.status_code == 302
    rule = HouseRule.objects.get()
    response = client.post(
        reverse("dialogue:house_rule_edit", args=[rule.pk]),
        {"title": "Geen reclame of spam", "text": "Maak hier geen reclame.", "order": 1},
    )
    rule.refresh_from_db()
    assert rule.title == "Geen reclame of spam"
    assert AuditLogEntry.objects.filter(action="dialogue.house_rule_saved").count() == 2
    page = client.get(reverse("dialogue:house_rule_list"))
    assert "Geen reclame of spam" in page.content.decode()


def test_house_rule_without_title_comes_back_with_the_text(client):
    current_or_new_municipality()
    client.force_login(moderator())
    response = client.post(
        reverse("dialogue:house_rule_create"), {"title": "", "text": "Mijn uitleg", "order": 0}
    )
    assert response.status_code == 400
    assert "Mijn uitleg" in response.content.decode()
    assert not HouseRule.objects.exists()


def test_house_rule_service_refuses_non_moderators():
    with pytest.raises(PermissionDenied):
        services.house_rule_save(
            actor=UserFactory(role=Role.PROCESS_MANAGER),
            municipality=HouseRuleFactory().municipality,
            title="x",
            text="y",
        )


def test_hide_service_requires_a_rule():
    with pytest.raises(ValidationError):
        services.content_hide(target=CommentFactory(), actor=moderator(), rule=None)
