"""Staff pages: create a conversation, seed and moderate statements, Polis import and export."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opinionmap.tests.shared import FIXTURES
from samenspraak.accounts.tests.conftest import log_in_staff
from samenspraak.conversations import services
from samenspraak.conversations.models import (
    PHASE_KIND,
    Conversation,
    OpinionGroups,
    Statement,
    StatementStatus,
)
from samenspraak.processes.factories import PhaseFactory

pytestmark = pytest.mark.django_db
LONDON = FIXTURES / "polis-export" / "london.youth.policing"


@pytest.fixture
def staff(client, manager):
    log_in_staff(client, manager)
    return client


def test_residents_and_visitors_get_no_staff_page(client, conversation, resident):
    urls = [
        reverse("conversations:manage_list"),
        reverse("conversations:manage", args=[conversation.pk]),
        reverse("conversations:export", args=[conversation.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # to log in
    client.force_login(resident)
    for url in urls:
        assert client.get(url).status_code == 403


def test_create_conversation_in_a_free_phase(staff):
    phase = PhaseFactory(kind=PHASE_KIND)
    url = reverse("conversations:manage_list")
    page = staff.get(url)
    assert page.status_code == 200 and phase.title in page.content.decode()
    response = staff.post(
        url, {"phase": phase.pk, "title": "Stellingen over de haven", "allow_statements": "on"}
    )
    created = Conversation.objects.get(title="Stellingen over de haven")
    assert response["Location"] == reverse("conversations:manage", args=[created.pk])
    assert created.process == phase.process and created.allow_statements


def test_seed_and_moderate(staff, conversation, resident):
    url = reverse("conversations:manage", args=[conversation.pk])
    response = staff.post(url, {"seed": "1", "text": "Meer bankjes in het park"})
    assert response.status_code == 302
    assert Statement.objects.get(text="Meer bankjes in het park").status == StatementStatus.ACCEPTED
    duplicate = staff.post(url, {"seed": "1", "text": "meer bankjes in het park!"})
    assert duplicate.status_code == 400 and "bestaat al" in duplicate.content.decode()
    waiting = services.statement_submit(
        user=resident, conversation=conversation, text="Een zwembad"
    )
    assert "Een zwembad" in staff.get(url).content.decode()
    moderate = reverse("conversations:moderate", args=[conversation.pk, waiting.pk])
    staff.post(moderate, {"besluit": "afwijzen"})
    waiting.refresh_from_db()
    assert waiting.status == StatementStatus.REJECTED


def test_import_bad_file_names_the_line_then_import_and_export(
    staff, conversation, django_capture_on_commit_callbacks
):
    url = reverse("conversations:manage", args=[conversation.pk])
    bad = staff.post(
        url,
        {
            "import": "1",
            "comments": SimpleUploadedFile("comments.csv", (LONDON / "comments.csv").read_bytes()),
            "votes": SimpleUploadedFile("votes.csv", b"comment-id,voter-id,vote\n1,2,ja\n"),
        },
    )
    assert bad.status_code == 400
    assert "votes.csv, line 2: column &#x27;vote&#x27; must be" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        good = staff.post(
            url,
            {
                "import": "1",
                "comments": SimpleUploadedFile(
                    "comments.csv", (LONDON / "comments.csv").read_bytes()
                ),
                "votes": SimpleUploadedFile("votes.csv", (LONDON / "votes.csv").read_bytes()),
            },
        )
    assert good.status_code == 302
    assert OpinionGroups.objects.get(conversation=conversation).result["k"] >= 2
    export = staff.get(reverse("conversations:export", args=[conversation.pk]))
    assert export["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(export.content)).namelist()
    assert sorted(names) == ["comments.csv", "participants-votes.csv", "votes.csv"]


def test_staff_pages_cost_fixed_queries(staff, conversation, django_assert_max_num_queries):
    from samenspraak.accounts.factories import UserFactory
    from samenspraak.conversations.factories import StatementFactory

    manage = reverse("conversations:manage", args=[conversation.pk])
    listing = reverse("conversations:manage_list")
    StatementFactory(conversation=conversation)
    staff.get(manage)
    staff.get(listing)
    with django_assert_max_num_queries(30) as few_manage:
        staff.get(manage)
    with django_assert_max_num_queries(30) as few_list:
        staff.get(listing)
    for n in range(15):
        StatementFactory(conversation=conversation)
        services.statement_submit(user=UserFactory(), conversation=conversation, text=f"Idee {n}")
    with django_assert_max_num_queries(len(few_manage.captured_queries)):
        staff.get(manage)
    with django_assert_max_num_queries(len(few_list.captured_queries)):
        staff.get(listing)
