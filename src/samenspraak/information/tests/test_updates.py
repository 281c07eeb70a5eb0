"""Updates: rich text stored as typed and shown sanitised, and e-mail to followers who want
it (through the queue)."""

import pytest
from django.core import mail
from django.urls import reverse

from samenspraak.accounts.factories import NotificationConsentFactory, UserFactory
from samenspraak.accounts.models import NotificationKind
from samenspraak.information import services
from samenspraak.information.models import Update

pytestmark = pytest.mark.django_db


ATTACK = (
    '<p onclick="x()">Hallo <strong>allen</strong></p><script>alert(1)</script>'
    '<a href="javascript:alert(1)">klik</a> [ook](javascript:alert(2)) <iframe src=x></iframe>'
    '<img src=x onerror="alert(3)"> ![foto](https://example.org/a.png)'
)


def test_update_body_is_kept_as_typed_and_shown_sanitised(client, manager, process):
    """The text is stored as the officer typed it (so editing shows it again), and every page
    renders it through core.richtext: scripts, handlers, images and javascript: links go."""
    update = services.update_create(actor=manager, process=process, title="Nieuws", body=ATTACK)
    update.refresh_from_db()
    assert update.body == ATTACK
    html = client.get(
        reverse("information:update_detail", args=[process.slug, update.pk])
    ).content.decode()
    body = html.split('<div class="prose">', 1)[1].split("</div>", 1)[0]
    for bad in ("<script", "onclick", "onerror", 'href="javascript', "<iframe", "<img", "alert(1)"):
        assert bad not in body
    assert "<strong>allen</strong>" in body


def test_editing_an_update_keeps_the_text_as_typed(manager, process):
    update = services.update_create(actor=manager, process=process, title="a", body="b")
    services.update_edit(actor=manager, update=update, title="a", body="**vet** & <iframe>")
    update.refresh_from_db()
    assert update.body == "**vet** & <iframe>"


def follower(process, *, consents):
    user = UserFactory()
    services.follow(user=user, process=process)
    if consents:
        NotificationConsentFactory(user=user, kind=NotificationKind.PROCESS_UPDATES)
    return user


def test_new_update_mails_only_followers_who_consented(
    manager, process, django_capture_on_commit_callbacks
):
    """Followers with consent get one e-mail each; followers without consent and people who
    consented but do not follow get nothing."""
    wants = [follower(process, consents=True) for _ in range(2)]
    follower(process, consents=False)
    bystander = UserFactory()
    NotificationConsentFactory(user=bystander, kind=NotificationKind.PROCESS_UPDATES)
    other_kind = follower(process, consents=False)
    NotificationConsentFactory(user=other_kind, kind=NotificationKind.ANSWERS)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.update_create(actor=manager, process=process, title="Ontwerp klaar", body="Zie")

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(user.email for user in wants)
    assert all(len(message.to) == 1 for message in mail.outbox)  # nobody sees other addresses
    assert "Ontwerp klaar" in mail.outbox[0].subject
    assert "Ontwerp klaar" in mail.outbox[0].body


def test_mail_is_queued_only_after_the_update_is_committed(manager, process):
    """The task is queued on commit only; without a commit nothing goes out."""
    follower(process, consents=True)
    mail.outbox.clear()
    services.update_create(actor=manager, process=process, title="t", body="b")
    assert mail.outbox == []


def test_posting_an_update_through_the_page_links_to_it_in_the_mail(
    client, manager, process, settings, django_capture_on_commit_callbacks
):
    """The e-mail links to the update on the site's public address (SITE_URL)."""
    settings.SAMENSPRAAK_SITE_URL = "https://doemee.voorbeeldstad.nl"
    follower(process, consents=True)
    mail.outbox.clear()
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("information:update_create", args=[process.slug]),
            {"title": "Planning", "body": "<p>Eerst de tekening.</p>"},
        )
    assert response.status_code == 302
    update = Update.objects.get()
    assert len(mail.outbox) == 1
    link = f"https://doemee.voorbeeldstad.nl/processen/{process.slug}/nieuws/{update.pk}/"
    assert link in mail.outbox[0].body


def test_empty_update_form_comes_back_with_messages(client, manager, process):
    client.force_login(manager)
    response = client.post(
        reverse("information:update_create", args=[process.slug]), {"title": "Alleen titel"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Alleen titel"' in html
    assert "utrecht-form-field-error-message" in html
    assert not Update.objects.exists()


def test_public_update_pages_show_the_news(client, manager, process):
    update = services.update_create(
        actor=manager, process=process, title="Eerste nieuws", body="<p>Welkom</p>"
    )
    listing = client.get(reverse("information:update_list", args=[process.slug]))
    assert listing.status_code == 200
    assert "Eerste nieuws" in listing.content.decode()
    detail = client.get(reverse("information:update_detail", args=[process.slug, update.pk]))
    assert "<p>Welkom</p>" in detail.content.decode()
    assert detail.content.decode().count("<h1") == 1


def test_updates_of_a_draft_process_are_not_public(client, manager):
    from samenspraak.processes.factories import ProcessFactory
    from samenspraak.processes.models import ProcessStatus

    draft = ProcessFactory(status=ProcessStatus.DRAFT, published_at=None)
    services.update_create(actor=manager, process=draft, title="Geheim", body="x")
    assert client.get(reverse("information:update_list", args=[draft.slug])).status_code == 404


def test_staff_can_delete_an_update_after_confirming(client, manager, process):
    update = services.update_create(actor=manager, process=process, title="Weg", body="x")
    client.force_login(manager)
    url = reverse("information:update_delete", args=[process.slug, update.pk])
    assert client.get(url).status_code == 200
    assert Update.objects.exists()
    assert client.post(url).status_code == 302
    assert not Update.objects.exists()
