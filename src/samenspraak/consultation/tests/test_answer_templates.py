"""Standard answers: process managers write them, pick one while answering, and nobody else
can change them."""

import pytest
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.consultation.models import AnswerTemplate
from samenspraak.core.models import AuditLogEntry

pytestmark = pytest.mark.django_db

LIST = "consultation:answer_templates"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.RESIDENT, 403),
        (Role.MODERATOR, 403),
        (Role.COUNCIL_MEMBER, 403),
        (Role.CLERK, 403),
        (Role.PROCESS_MANAGER, 200),
        (Role.ADMINISTRATOR, 200),
    ],
)
def test_only_those_who_answer_manage_standard_answers(client, phase, role, status):
    user = UserFactory() if role == Role.RESIDENT else StaffUserFactory(role=role)
    client.force_login(user)
    assert client.get(reverse(LIST)).status_code == status
    response = client.post(reverse(LIST), {"title": "Bedankt", "body": "Dank voor uw inbreng."})
    assert response.status_code == (302 if status == 200 else 403)
    assert AnswerTemplate.objects.exists() is (status == 200)


def test_manager_adds_edits_and_deletes_a_standard_answer_and_it_is_audited(client, phase, manager):
    client.force_login(manager)
    client.post(reverse(LIST), {"title": "Bedankt", "body": "Dank voor uw inbreng."})
    template = AnswerTemplate.objects.get()
    assert template.municipality == phase.process.municipality
    edit = reverse("consultation:answer_template_edit", args=[template.pk])
    client.post(edit, {"title": "Bedankt!", "body": "Hartelijk dank voor uw inbreng."})
    template.refresh_from_db()
    assert template.title == "Bedankt!"
    client.post(reverse("consultation:answer_template_delete", args=[template.pk]))
    assert not AnswerTemplate.objects.exists()
    actions = list(AuditLogEntry.objects.values_list("action", flat=True))
    assert actions.count("consultation.answer_template_saved") == 2
    assert "consultation.answer_template_deleted" in actions


def test_empty_title_comes_back_with_a_message_and_the_typed_text(client, phase, manager):
    client.force_login(manager)
    response = client.post(reverse(LIST), {"title": "", "body": "Mijn lange tekst"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mijn lange tekst" in html
    assert 'aria-invalid="true"' in html
    assert not AnswerTemplate.objects.exists()


def test_a_saved_standard_answer_fills_the_answer_form(client, phase, manager):
    from samenspraak.consultation.factories import InputFactory

    client.force_login(manager)
    client.post(reverse(LIST), {"title": "Bedankt", "body": "Dank voor uw inbreng."})
    template = AnswerTemplate.objects.get()
    item = InputFactory(phase=phase)
    response = client.get(reverse("consultation:answer", args=[item.pk]), {"sjabloon": template.pk})
    assert "Dank voor uw inbreng." in response.content.decode()


def test_the_answer_preview_matches_the_public_page(client, phase, manager):
    """An answer in rich text: the preview saves nothing; the published answer on the input's
    page is rendered exactly as the preview showed it."""
    import re

    from samenspraak.consultation.factories import InputFactory
    from samenspraak.consultation.models import OfficialAnswer

    item = InputFactory(phase=phase)
    client.force_login(manager)
    url = reverse("consultation:answer", args=[item.pk])
    body = "Dank u.\n\n## Wat we doen\n\n- **eerst** meten\n- dan *bouwen*"
    data = {"outcome": "adopted", "body": body, "reason": "Het past in het plan."}
    preview = client.post(url, {**data, "voorbeeld": "1"})
    assert preview.status_code == 200
    assert not OfficialAnswer.objects.exists()
    shown = re.search(
        r'<div class="prose richtext-preview__text">(.*?)</div>',
        preview.content.decode(),
        flags=re.DOTALL,
    ).group(1)
    assert "<li><strong>eerst</strong> meten</li>" in shown
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("consultation:input_detail", args=[phase.process.slug, item.pk]))
    answer = page.content.decode().split('id="answer-heading"', 1)[1]
    public = re.search(r'<div class="prose">(.*?)</div>', answer, flags=re.DOTALL).group(1)
    assert "<h3>Wat we doen</h3>" in public  # under the page's h2 "Antwoord van de gemeente"
    assert public == shown
