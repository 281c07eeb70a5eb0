"""Staff pages: who may see them, and the audit log's filters, pages and query cost."""

import datetime

import pytest
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.core.audit import Action, record
from samenspraak.core.models import AuditLogEntry

pytestmark = pytest.mark.django_db

STAFF_URL = "/beheer/"
AUDIT_URL = "/beheer/auditlog/"


@pytest.fixture
def administrator():
    return StaffUserFactory(role=Role.ADMINISTRATOR)


@pytest.mark.parametrize(
    ("role", "landing", "audit"),
    [
        (Role.RESIDENT, 403, 403),
        (Role.MODERATOR, 200, 403),
        (Role.PROCESS_MANAGER, 200, 403),
        (Role.COUNCIL_MEMBER, 200, 403),
        (Role.CLERK, 200, 403),
        (Role.ADMINISTRATOR, 200, 200),
    ],
)
def test_staff_pages_by_role(client, role, landing, audit):
    """Every staff role reaches /beheer/; only administrators the audit log."""
    user = UserFactory(role=role) if role == Role.RESIDENT else StaffUserFactory(role=role)
    client.force_login(user)
    assert client.get(STAFF_URL).status_code == landing
    assert client.get(AUDIT_URL).status_code == audit


def test_anonymous_people_are_sent_to_log_in(client):
    for url in (STAFF_URL, AUDIT_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_landing_page_links_to_audit_log_only_for_administrators(client, administrator):
    client.force_login(administrator)
    assert AUDIT_URL in client.get(STAFF_URL).content.decode()
    client.force_login(StaffUserFactory(role=Role.MODERATOR))
    assert AUDIT_URL not in client.get(STAFF_URL).content.decode()


@pytest.mark.parametrize(
    ("role", "processes", "inbox", "moderation"),
    [
        (Role.PROCESS_MANAGER, True, True, False),
        (Role.MODERATOR, False, False, True),
        (Role.CLERK, False, False, False),
        (Role.ADMINISTRATOR, True, True, True),
    ],
)
def test_landing_page_links_to_the_work_each_role_does(client, role, processes, inbox, moderation):
    """The staff landing page offers process management, the answer inbox and moderation
    exactly to the roles that may use them."""
    client.force_login(StaffUserFactory(role=role))
    html = client.get(STAFF_URL).content.decode()
    assert ("/beheer/processen/" in html) is processes
    assert ("/beheer/reacties/" in html) is inbox
    assert ("/beheer/moderatie/" in html) is moderation
    assert ("/beheer/budgetten/pabulib/" in html) is processes


def test_audit_log_lists_entries_newest_first(client, administrator):
    record(administrator, Action.STAFF_LOGGED_IN, target=administrator)
    record(administrator, Action.ADMIN_CHANGE, target=administrator, changes={"message": "x"})
    client.force_login(administrator)
    page = client.get(AUDIT_URL).context["page"]
    # force_login itself is the newest entry: a staff log-in.
    assert [e.action for e in page.object_list][:3] == [
        Action.STAFF_LOGGED_IN,
        Action.ADMIN_CHANGE,
        Action.STAFF_LOGGED_IN,
    ]
    ordered = list(page.object_list)
    assert ordered == sorted(ordered, key=lambda e: (e.at, e.pk), reverse=True)


def test_audit_log_filters_by_actor_action_and_date(client, administrator):
    other = StaffUserFactory(role=Role.CLERK, email="griffier@voorbeeldstad.nl")
    mine = record(administrator, Action.ADMIN_CHANGE)
    theirs = record(other, Action.ADMIN_CHANGE)
    login = record(other, Action.STAFF_LOGGED_IN)
    old = record(other, Action.ADMIN_DELETION)
    AuditLogEntry.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=30))
    client.force_login(administrator)

    def shown(**params):
        response = client.get(AUDIT_URL, params)
        assert response.status_code == 200
        return {e.pk for e in response.context["page"].object_list}

    assert {theirs.pk, login.pk, old.pk} <= shown(actor="griffier")
    assert mine.pk not in shown(actor="griffier")
    assert shown(actor="griffier", action=Action.STAFF_LOGGED_IN) == {login.pk}
    today = timezone.localdate().isoformat()
    assert old.pk not in shown(date_from=today)
    month_ago = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert shown(date_from=month_ago, date_to=month_ago) == {old.pk}


def test_invalid_filters_show_an_error_not_a_crash(client, administrator):
    client.force_login(administrator)
    response = client.get(
        AUDIT_URL, {"date_from": "2026-02-30", "action": "<script>", "pagina": "abc"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    response = client.get(AUDIT_URL, {"date_from": "2026-03-02", "date_to": "2026-03-01"})
    assert "date_to" in response.context["form"].errors


def test_audit_log_is_paginated_and_keeps_filters_in_page_links(client, administrator):
    for _ in range(120):
        record(administrator, Action.ADMIN_CHANGE)
    client.force_login(administrator)
    first = client.get(AUDIT_URL, {"action": Action.ADMIN_CHANGE})
    assert len(first.context["page"].object_list) == 50
    assert "action=admin.change&amp;pagina=2" in first.content.decode()
    last = client.get(AUDIT_URL, {"action": Action.ADMIN_CHANGE, "pagina": 3})
    assert len(last.context["page"].object_list) == 20


def test_audit_log_page_costs_a_fixed_number_of_queries(
    client, administrator, django_assert_max_num_queries
):
    actors = [StaffUserFactory(role=Role.MODERATOR) for _ in range(10)]
    for index in range(60):
        record(actors[index % 10], Action.ADMIN_CHANGE, target=actors[0])
    client.force_login(administrator)
    # session + user + count + page; a few spare for middleware (MFA check, messages).
    with django_assert_max_num_queries(8):
        response = client.get(AUDIT_URL)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 50


def test_audit_log_page_escapes_what_it_shows(client, administrator):
    record(administrator, "test.xss", changes={"message": "<script>alert(1)</script>"})
    client.force_login(administrator)
    body = client.get(AUDIT_URL).content.decode()
    assert "<script>alert(1)" not in body
