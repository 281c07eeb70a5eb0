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
    response = client.post(
        reverse(LIST), {"title": "Bedankt", "outcome": "adopted", "body": "Dank voor uw inbreng."}
    )
    assert response.status_code == (302 if status == 200 else 403)
    assert AnswerTemplate.objects.exists() is (status == 200)


def test_manager_adds_edits_and_deletes_a_standard_answer_and_it_is_audited(client, phase, manager):
    client.force_login(manager)
    client.post(
        reverse(LIST), {"title": "Bedankt", "outcome": "adopted", "body": "Dank voor uw inbreng."}
    )
    template = AnswerTemplate.objects.get()
    assert template.municipality == phase.process.municipality
    edit = reverse("consultation:answer_template_edit", args=[template.pk])
    client.post(
        edit, {"title": "Bedankt!", "outcome": "adopted", "body": "Hartelijk dank voor uw inbreng."}
    )
    template.refresh_from_db()
    assert template.title == "Bedankt!"
    client.post(reverse("consultation:answer_template_delete", args=[template.pk]))
    assert not AnswerTemplate.objects.exists()
    actions = list(AuditLogEntry.objects.values_list("action", flat=True))
    assert actions.count("consultation.answer_template_saved") == 2
    assert "consultation.answer_template_deleted" in actions


def test_empty_title_comes_back_with_a_message_and_the_typed_text(client, phase, manager):
    client.force_login(manager)
    response = client.post(
        reverse(LIST), {"title": "", "outcome": "adopted", "body": "Mijn lange tekst"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mijn lange tekst" in html
    assert 'aria-invalid="true"' in html
    assert not AnswerTemplate.objects.exists()


def test_a_saved_standard_answer_fills_the_answer_form(client, phase, manager):
    from samenspraak.consultation.factories import InputFactory

    client.force_login(manager)
    client.post(
        reverse(LIST), {"title": "Bedankt", "outcome": "adopted", "body": "Dank voor uw inbreng."}
    )
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


def test_a_standard_answer_needs_an_outcome_and_keeps_what_was_typed(client, phase, manager):
    client.force_login(manager)
    response = client.post(reverse(LIST), {"title": "Nee", "outcome": "", "body": "Helaas niet."})
    html = response.content.decode()
    assert "Kies de uitkomst die bij dit antwoord hoort." in html
    assert "Helaas niet." in html and 'value="Nee"' in html
    assert not AnswerTemplate.objects.exists()


def test_the_outcome_of_a_standard_answer_is_saved_shown_and_audited(client, phase, manager):
    client.force_login(manager)
    data = {"title": "Niet overgenomen", "outcome": "not_adopted", "body": "Helaas niet, omdat"}
    assert client.post(reverse(LIST), data).status_code == 302
    template = AnswerTemplate.objects.get()
    assert template.outcome == "not_adopted"
    assert "Niet overgenomen" in client.get(reverse(LIST)).content.decode()
    entry = AuditLogEntry.objects.get(action="consultation.answer_template_saved")
    assert entry.changes["outcome"] == "not_adopted"


def test_choosing_not_adopted_fills_the_text_and_sets_the_outcome_keeping_the_reason(
    client, phase, manager
):
    """ "Standaardantwoord invullen" in the answer form: the text and the outcome come from the
    standard answer, the reason typed before stays, nothing is published yet."""
    from samenspraak.consultation.factories import AnswerTemplateFactory, InputFactory
    from samenspraak.consultation.models import OfficialAnswer

    template = AnswerTemplateFactory(
        municipality=phase.process.municipality,
        title="Niet overgenomen",
        outcome="not_adopted",
        body="Dank u wel. We nemen uw idee **niet** over, omdat ...",
    )
    item = InputFactory(phase=phase)
    client.force_login(manager)
    url = reverse("consultation:answer", args=[item.pk])
    typed = {"outcome": "adopted", "body": "", "reason": "Het past niet in het budget."}
    response = client.post(url, {**typed, "sjabloon": template.pk, "invullen": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert not OfficialAnswer.objects.exists()
    assert '<option value="not_adopted" selected>' in html
    assert "We nemen uw idee **niet** over" in html  # in the text area, to edit
    assert "Het past niet in het budget." in html
    assert "De uitkomst is nu: Niet overgenomen." in html
    assert "utrecht-form-field-error-message" not in html  # filling in is no failed submit

    edited = "Dank u wel. We nemen uw idee **niet** over, omdat het plein te klein is."
    published = client.post(url, {"outcome": "not_adopted", "body": edited, "reason": "Te klein."})
    assert published.status_code == 302
    answer = OfficialAnswer.objects.get()
    assert (answer.outcome, answer.body) == ("not_adopted", edited)


def test_the_outcome_can_be_changed_after_filling_in(client, phase, manager):
    from samenspraak.consultation.factories import AnswerTemplateFactory, InputFactory
    from samenspraak.consultation.models import OfficialAnswer

    template = AnswerTemplateFactory(municipality=phase.process.municipality, outcome="adopted")
    item = InputFactory(phase=phase)
    client.force_login(manager)
    url = reverse("consultation:answer", args=[item.pk])
    client.post(url, {"sjabloon": template.pk, "invullen": "1"})
    data = {"outcome": "partly_adopted", "body": template.body, "reason": "Deels."}
    assert client.post(url, data).status_code == 302
    assert OfficialAnswer.objects.get().outcome == "partly_adopted"


def test_a_standard_answer_of_another_municipality_cannot_be_filled_in(client, phase, manager):
    from samenspraak.consultation.factories import AnswerTemplateFactory, InputFactory
    from samenspraak.organisations.factories import MunicipalityFactory

    AnswerTemplateFactory(municipality=phase.process.municipality, body="Van ons.")
    other = AnswerTemplateFactory(municipality=MunicipalityFactory(), body="Van een ander.")
    item = InputFactory(phase=phase)
    client.force_login(manager)
    url = reverse("consultation:answer", args=[item.pk])
    response = client.post(url, {"sjabloon": other.pk, "invullen": "1", "reason": "Getypt"})
    html = response.content.decode()
    assert "Van een ander." not in html
    assert "Kies een standaardantwoord uit de lijst." in html
    assert "Getypt" in html


def test_staff_without_the_second_factor_cannot_manage_standard_answers(client, phase):
    """The staff pages need the second factor (accounts.middleware): a staff session without
    it is sent away before the page, and nothing is saved."""
    staff = StaffUserFactory(role=Role.PROCESS_MANAGER, totp=False)
    client.force_login(staff)
    response = client.get(reverse(LIST))
    assert response.status_code == 302
    data = {"title": "Bedankt", "outcome": "adopted", "body": "Dank."}
    assert client.post(reverse(LIST), data).status_code == 302
    assert not AnswerTemplate.objects.exists()


def test_the_choice_list_names_the_outcome_each_standard_answer_sets(client, phase, manager):
    from samenspraak.consultation.factories import AnswerTemplateFactory, InputFactory

    municipality = phase.process.municipality
    AnswerTemplateFactory(municipality=municipality, title="Bedankt", outcome="adopted")
    AnswerTemplateFactory(
        municipality=municipality, title="Niet overgenomen", outcome="not_adopted"
    )
    client.force_login(manager)
    html = client.get(reverse("consultation:answer", args=[InputFactory(phase=phase).pk]))
    html = html.content.decode()
    assert ">Bedankt (uitkomst: Overgenomen)</option>" in html
    assert ">Niet overgenomen</option>" in html
