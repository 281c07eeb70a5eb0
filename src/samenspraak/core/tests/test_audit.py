"""The audit log: staff actions are recorded, and nobody can edit the record."""

import datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import authenticate, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory

from samenspraak.accounts.factories import STAFF_PASSWORD, StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.core.audit import Action, record
from samenspraak.core.models import AuditLogEntry

pytestmark = pytest.mark.django_db


def entries(action):
    return list(AuditLogEntry.objects.filter(action=action).order_by("pk"))


@pytest.fixture
def admin_user():
    return StaffUserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


def test_record_stores_actor_target_changes_and_ip():
    actor = StaffUserFactory()
    target = UserFactory()
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    entry = record(
        actor,
        "test.something",
        target=target,
        changes={"when": datetime.date(2026, 1, 2), "why": "test"},
        request=request,
    )
    entry.refresh_from_db()
    assert entry.actor == actor
    assert entry.target_type == "accounts.user"
    assert entry.target_id == str(target.pk)
    assert entry.target_repr == str(target)
    assert entry.changes == {"when": "2026-01-02", "why": "test"}
    assert entry.ip_address == "203.0.113.7"


def test_record_without_actor_or_target_is_a_system_entry():
    entry = record(None, "system.cleanup")
    assert entry.actor is None and entry.target_repr == "" and entry.ip_address is None


def test_record_takes_the_actor_from_the_request_when_not_given():
    actor = StaffUserFactory()
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.8")
    request.user = actor
    assert record(None, "x.y", request=request).actor == actor


def test_admin_log_entry_becomes_an_audit_entry_with_its_change_message(admin_user):
    target = UserFactory()
    LogEntry.objects.log_actions(
        user_id=admin_user.pk,
        queryset=[target],
        action_flag=CHANGE,
        change_message=[{"changed": {"fields": ["Publieke naam"]}}],
    )
    [entry] = entries(Action.ADMIN_CHANGE)
    assert entry.actor == admin_user
    assert entry.target_type == "accounts.user"
    assert entry.target_id == str(target.pk)
    assert "Publieke naam" in entry.changes["message"]


def test_additions_and_changes_in_django_admin_are_recorded_with_ip(client, admin_user):
    from django.contrib.auth.models import Group

    client.force_login(admin_user)
    response = client.post(
        "/beheer/django/auth/group/add/", {"name": "Redactie"}, REMOTE_ADDR="198.51.100.20"
    )
    assert response.status_code == 302
    group = Group.objects.get(name="Redactie")
    response = client.post(
        f"/beheer/django/auth/group/{group.pk}/change/",
        {"name": "Eindredactie"},
        REMOTE_ADDR="198.51.100.21",
    )
    assert response.status_code == 302
    [added] = entries(Action.ADMIN_ADDITION)
    [changed] = entries(Action.ADMIN_CHANGE)
    assert (added.actor, added.ip_address, added.target_type) == (
        admin_user,
        "198.51.100.20",
        "auth.group",
    )
    assert (changed.actor, changed.ip_address, changed.target_id) == (
        admin_user,
        "198.51.100.21",
        str(group.pk),
    )
    assert "Name" in changed.changes["message"] or "Naam" in changed.changes["message"]


def test_bulk_deletion_in_django_admin_records_every_object(client, admin_user):
    """'Delete selected' writes admin log entries with bulk_create (no signal); still logged."""
    from allauth.account.models import EmailAddress

    people = [UserFactory() for _ in range(3)]
    addresses = EmailAddress.objects.filter(user__in=people)
    client.force_login(admin_user)
    response = client.post(
        "/beheer/django/account/emailaddress/",
        {
            "action": "delete_selected",
            "_selected_action": [str(a.pk) for a in addresses],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not EmailAddress.objects.filter(user__in=people).exists()
    deleted = entries(Action.ADMIN_DELETION)
    assert len(deleted) == 3
    assert {e.actor for e in deleted} == {admin_user}
    assert {e.target_type for e in deleted} == {"account.emailaddress"}


def test_single_admin_entry_is_not_recorded_twice(client, admin_user):
    """The post_save hook and the bulk sweep must not both record one LogEntry."""
    from allauth.account.models import EmailAddress

    person = UserFactory()
    address = EmailAddress.objects.get(user=person)
    client.force_login(admin_user)
    response = client.post(
        f"/beheer/django/account/emailaddress/{address.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert len(entries(Action.ADMIN_DELETION)) == 1


def test_role_change_is_recorded_with_old_and_new_role():
    person = UserFactory()
    person.role = Role.MODERATOR
    person.save()
    [entry] = entries(Action.ROLE_CHANGED)
    assert entry.target_id == str(person.pk)
    assert entry.changes == {"role": [Role.RESIDENT, Role.MODERATOR]}


def test_new_account_with_a_staff_role_is_recorded_as_a_role_change():
    person = get_user_model().objects.create_user("nieuw@voorbeeldstad.nl", role=Role.CLERK)
    [entry] = entries(Action.ROLE_CHANGED)
    assert entry.target_id == str(person.pk)
    assert entry.changes == {"role": [None, Role.CLERK]}


def test_saving_without_role_change_records_nothing():
    person = UserFactory()
    person.display_name = "Andere naam"
    person.save()
    person.save(update_fields=["last_login"])
    assert entries(Action.ROLE_CHANGED) == []


def test_staff_log_in_and_log_out_are_recorded(client):
    staff = StaffUserFactory(role=Role.MODERATOR)
    client.force_login(staff)
    client.post("/account/logout/")
    client.logout()
    assert [e.actor for e in entries(Action.STAFF_LOGGED_IN)] == [staff]
    assert [e.actor for e in entries(Action.STAFF_LOGGED_OUT)] == [staff]


def test_resident_log_in_is_not_recorded(client):
    client.force_login(UserFactory())
    client.logout()
    assert AuditLogEntry.objects.exclude(action=Action.ROLE_CHANGED).count() == 0


def test_failed_log_in_for_a_staff_account_is_recorded_without_the_password():
    staff = StaffUserFactory(role=Role.ADMINISTRATOR)
    request = RequestFactory().post("/account/login/", REMOTE_ADDR="192.0.2.50")
    assert authenticate(request, email=staff.email.upper(), password="fout-wachtwoord") is None
    [entry] = entries(Action.STAFF_LOGIN_FAILED)
    assert entry.target_id == str(staff.pk)
    assert entry.actor is None
    assert entry.ip_address == "192.0.2.50"
    assert "fout-wachtwoord" not in str(entry.changes)


def test_failed_log_in_for_a_resident_or_unknown_address_is_not_recorded():
    resident = UserFactory()
    assert authenticate(None, email=resident.email, password=STAFF_PASSWORD) is None
    assert authenticate(None, email="niemand@example.org", password="x") is None
    assert entries(Action.STAFF_LOGIN_FAILED) == []


def test_audit_log_cannot_be_added_changed_or_deleted_in_the_admin(client, admin_user):
    entry = record(admin_user, "test.readonly")
    client.force_login(admin_user)
    base = "/beheer/django/core/auditlogentry/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}{entry.pk}/change/", {"action": "vervalst"}).status_code == 403
    assert client.post(f"{base}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.action == "test.readonly"
    content_type = ContentType.objects.get_for_model(AuditLogEntry)
    assert not LogEntry.objects.filter(content_type=content_type).exists()


def test_missing_or_garbage_client_address_is_stored_as_no_address(settings):
    """A request without a usable IP (e.g. a forged proxy header) must not break the write."""
    settings.SAMENSPRAAK_TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = RequestFactory().post("/", HTTP_X_FORWARDED_FOR="niet-een-ip", REMOTE_ADDR="")
    entry = record(None, "test.ip", request=request)
    entry.refresh_from_db()
    assert entry.ip_address is None


def test_role_change_during_a_request_records_who_did_it_and_from_where():
    """Signals have no request; the audit middleware supplies the acting person and address."""
    from django.http import HttpResponse

    from samenspraak.core.audit import AuditRequestMiddleware, current_request

    administrator = StaffUserFactory(role=Role.ADMINISTRATOR)
    person = UserFactory()

    def view(request):
        person.role = Role.CLERK
        person.save()
        return HttpResponse("ok")

    request = RequestFactory().post("/beheer/rollen/", REMOTE_ADDR="203.0.113.99")
    request.user = administrator
    AuditRequestMiddleware(view)(request)
    [entry] = [e for e in entries(Action.ROLE_CHANGED) if e.target_id == str(person.pk)]
    assert entry.actor == administrator
    assert entry.ip_address == "203.0.113.99"
    assert entry.changes == {"role": [Role.RESIDENT, Role.CLERK]}
    assert current_request() is None  # nothing leaks into the next request or task
