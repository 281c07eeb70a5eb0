"""The report page ("melden") shows content only to whom its own page shows it.

Before, /melden/<type>/<id>/ fetched any reportable object by id and printed its text: a hidden
comment, or an input of a draft process, could be read by anyone who guessed the number.
"""

import pytest
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.consultation.factories import InputFactory
from samenspraak.dialogue import services
from samenspraak.dialogue.factories import CommentFactory, HouseRuleFactory
from samenspraak.dialogue.models import Report
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.processes.models import ProcessStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def report_url(obj):
    meta = obj._meta
    return reverse(
        "dialogue:report",
        kwargs={"content_type": f"{meta.app_label}.{meta.model_name}", "object_id": obj.pk},
    )


def _input(status=ProcessStatus.PUBLISHED, **fields):
    from samenspraak.consultation.models import COLLECT

    process = ProcessFactory(status=status)
    phase = PhaseFactory(process=process, kind=COLLECT)
    return InputFactory(phase=phase, process=process, **fields)


def _hide(target):
    services.content_hide(
        target=target, actor=StaffUserFactory(role=Role.MODERATOR), rule=HouseRuleFactory()
    )


def test_visible_input_and_comment_can_be_reported(client):
    item = _input(title="Meer bankjes", body="Op het plein")
    comment = CommentFactory(target=item, body="Eens!")
    client.force_login(UserFactory())
    for target, text in ((item, "Op het plein"), (comment, "Eens!")):
        response = client.get(report_url(target))
        assert response.status_code == 200
        assert text in response.content.decode()
    assert client.get(item.get_absolute_url()).status_code == 200


def test_hidden_comment_gives_404_and_cannot_be_reported(client):
    item = _input()
    comment = CommentFactory(target=item, body="Geheime scheldpartij")
    _hide(comment)
    client.force_login(UserFactory())

    assert client.get(report_url(comment)).status_code == 404
    response = client.post(report_url(comment), {"reason": "nog een keer"})
    assert response.status_code == 404
    assert not Report.objects.filter(reason="nog een keer").exists()
    # The target's page leaves the text out as well.
    assert "Geheime scheldpartij" not in client.get(item.get_absolute_url()).content.decode()


def test_hidden_input_gives_404(client):
    item = _input(body="Verborgen tekst van de inbreng")
    _hide(item)
    response = client.get(report_url(item))
    assert response.status_code == 404
    assert "Verborgen tekst" not in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_input_of_a_draft_process_gives_404_like_its_own_page(client, who):
    item = _input(status=ProcessStatus.DRAFT, body="Nog niet openbaar")
    if who == "resident":
        client.force_login(UserFactory())
    assert client.get(item.get_absolute_url()).status_code == 404
    response = client.get(report_url(item))
    assert response.status_code == 404
    assert "Nog niet openbaar" not in response.content.decode()


def test_comment_on_an_input_of_a_draft_process_gives_404(client):
    item = _input(status=ProcessStatus.DRAFT)
    comment = CommentFactory(target=item, body="Reactie in een concept")
    assert client.get(report_url(comment)).status_code == 404
    assert client.post(report_url(comment), {"reason": "Klopt niet"}).status_code == 404
    assert not Report.objects.exists()


def test_draft_process_itself_gives_404(client):
    process = ProcessFactory(status=ProcessStatus.DRAFT)
    assert client.get(report_url(process)).status_code == 404


def test_staff_who_see_the_draft_page_also_see_its_report_page(client):
    """Exactly the page's rule: a process manager sees a draft's inputs, so may report them."""
    from samenspraak.accounts.tests.conftest import log_in_staff

    item = _input(status=ProcessStatus.DRAFT)
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    log_in_staff(client, manager)
    assert client.get(item.get_absolute_url()).status_code == 200
    assert client.get(report_url(item)).status_code == 200


@pytest.mark.parametrize(("status", "expected"), [("published", 302), ("draft", 404)])
def test_no_comment_on_what_the_commenter_cannot_see(client, status, expected):
    """The same rule guards posting a comment: an input of a draft process takes none."""
    from samenspraak.dialogue.models import Comment

    item = _input(status=status)  # its collect phase runs now, so residents may comment
    client.force_login(UserFactory())
    url = reverse(
        "dialogue:comment_create",
        kwargs={"content_type": "consultation.input", "object_id": item.pk},
    )
    response = client.post(url, {"body": "Stiekem in een concept"})
    assert response.status_code == expected
    assert Comment.objects.filter(body="Stiekem in een concept").exists() is (status == "published")
