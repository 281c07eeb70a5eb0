"""Staff builder: creating a survey, questions with choices and conditions, order, preview."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.core.models import AuditLogEntry
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.surveys import services
from samenspraak.surveys.models import Question, Survey
from samenspraak.surveys.tests.conftest import questions, set_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return StaffUserFactory(role=Role.PROCESS_MANAGER)


@pytest.fixture
def draft(survey):
    set_phase(survey, "before")
    return survey


def add_url(survey):
    return reverse("surveys:question_add", args=[survey.process.slug, survey.pk])


def test_manager_creates_a_survey_on_a_survey_phase(client, manager):
    process = ProcessFactory()
    phase = PhaseFactory(process=process, kind="surveys.respond")
    PhaseFactory(process=process, kind="processes.inform")
    client.force_login(manager)
    url = reverse("surveys:manage_list", args=[process.slug])
    page = client.get(url).content.decode()
    assert page.count("<option") == 2  # empty choice + the one survey phase
    response = client.post(url, {"phase": phase.pk, "title": "Het plein", "intro": "Uitleg"})
    survey = Survey.objects.get()
    assert response["Location"] == reverse("surveys:manage", args=[process.slug, survey.pk])
    assert AuditLogEntry.objects.filter(action="surveys.survey_created", actor=manager).exists()


def test_creating_a_survey_without_title_keeps_what_was_typed(client, manager):
    process = ProcessFactory()
    phase = PhaseFactory(process=process, kind="surveys.respond")
    client.force_login(manager)
    url = reverse("surveys:manage_list", args=[process.slug])
    response = client.post(url, {"phase": phase.pk, "title": "", "intro": "Mijn inleiding"})
    assert response.status_code == 200
    assert "Mijn inleiding" in response.content.decode()
    assert not Survey.objects.exists()


def test_survey_on_a_phase_of_another_kind_is_refused(manager):
    phase = PhaseFactory(kind="processes.inform")
    with pytest.raises(ValidationError):
        services.survey_create(actor=manager, process=phase.process, phase=phase, title="X")


def test_resident_cannot_create_a_survey():
    phase = PhaseFactory(kind="surveys.respond")
    with pytest.raises(PermissionDenied):
        services.survey_create(actor=UserFactory(), process=phase.process, phase=phase, title="X")


def test_manager_adds_a_choice_question_with_a_condition(client, manager, draft):
    client.force_login(manager)
    first = questions(draft)[0]
    response = client.post(
        add_url(draft),
        {
            "kind": "single",
            "text": "Hoe vaak komt u er?",
            "required": "on",
            "choices": "Elke dag\n\nElke week\n",
            "show_if_question": first.pk,
            "show_if_values": "Ja",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    question = draft.questions.order_by("-order").first()
    assert question.choices == ["Elke dag", "Elke week"]
    assert question.show_if_question == first and question.show_if_values == [0]
    assert question.order == 5


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "single", "choices": "Alleen"}, "choices", "minstens twee"),
        ({"kind": "multiple", "choices": "A\nA"}, "choices", "één keer"),
        ({"kind": "scale", "scale_min": "5", "scale_max": "5"}, "scale_max", "groter"),
        ({"kind": "scale", "scale_min": "1", "scale_max": "20"}, "scale_max", "elf"),
        ({"kind": "scale", "scale_min": "", "scale_max": "5"}, "scale_min", "getal"),
        ({"kind": "open", "show_if_values": "Ja"}, None, None),
        (
            {"kind": "open", "show_if_question": "FIRST", "show_if_values": "Misschien"},
            "show_if_values",
            "staan niet bij",
        ),
        (
            {"kind": "open", "show_if_question": "FIRST", "show_if_values": ""},
            "show_if_values",
            "minstens één",
        ),
        (
            {"kind": "open", "show_if_question": "SCALE", "show_if_values": "1"},
            "show_if_question",
            "Kies een vraag uit de lijst",
        ),
        ({"kind": "onbekend"}, "kind", "Kies een soort vraag"),
    ],
)
def test_builder_validation_keeps_input_and_names_the_problem(
    client, manager, draft, data, field, message
):
    client.force_login(manager)
    q = questions(draft)
    post = {"text": "Nieuwe vraag met tekst", **data}
    if post.get("show_if_question") == "FIRST":
        post["show_if_question"] = q[0].pk
    if post.get("show_if_question") == "SCALE":
        post["show_if_question"] = q[2].pk
    response = client.post(add_url(draft), post)
    if field is None:  # values without a question: condition simply ignored
        assert response.status_code == 302
        return
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert "Nieuwe vraag met tekst" in response.content.decode()
    assert draft.questions.count() == 5


def test_condition_must_point_to_an_earlier_question(manager, draft):
    q = questions(draft)
    with pytest.raises(ValidationError) as error:
        services.question_save(
            actor=manager, survey=draft, question=q[0], show_if_question=q[1], show_if_values=[0]
        )
    assert "show_if_question" in error.value.message_dict


def test_condition_from_another_survey_is_refused(manager, draft):
    from samenspraak.surveys.factories import QuestionFactory

    other = QuestionFactory()
    with pytest.raises(ValidationError):
        services.question_save(
            actor=manager,
            survey=draft,
            kind="open",
            text="X",
            show_if_question=other,
            show_if_values=[0],
        )


def test_editing_a_question_changes_it(client, manager, draft):
    client.force_login(manager)
    q = questions(draft)[2]
    url = reverse("surveys:question_edit", args=[draft.process.slug, draft.pk, q.pk])
    assert "Slecht" in client.get(url).content.decode()
    client.post(url, {"kind": "scale", "text": "Hoe blij?", "scale_min": "0", "scale_max": "10"})
    q.refresh_from_db()
    assert (q.text, q.scale_min, q.scale_max) == ("Hoe blij?", 0, 10)


def test_reordering_swaps_neighbours(client, manager, draft):
    client.force_login(manager)
    q = questions(draft)
    url = reverse("surveys:question_move", args=[draft.process.slug, draft.pk, q[3].pk])
    client.post(url, {"richting": "omhoog"})
    assert [x.pk for x in questions(draft)] == [q[0].pk, q[1].pk, q[3].pk, q[2].pk, q[4].pk]


def test_a_question_cannot_move_above_its_condition(client, manager, draft):
    client.force_login(manager)
    q = questions(draft)
    url = reverse("surveys:question_move", args=[draft.process.slug, draft.pk, q[1].pk])
    response = client.post(url, {"richting": "omhoog"}, follow=True)
    assert "na de vraag staan" in response.content.decode()
    assert [x.pk for x in questions(draft)] == [x.pk for x in q]


def test_deleting_a_question_renumbers_and_drops_conditions_on_it(client, manager, draft):
    client.force_login(manager)
    q = questions(draft)
    url = reverse("surveys:question_delete", args=[draft.process.slug, draft.pk, q[0].pk])
    client.post(url)
    remaining = questions(draft)
    assert [x.order for x in remaining] == [0, 1, 2, 3]
    assert remaining[0].show_if_question is None
    assert not Question.objects.filter(pk=q[0].pk).exists()


def test_preview_checks_answers_without_saving(client, manager, draft):
    from samenspraak.surveys.models import Response
    from samenspraak.surveys.tests.conftest import valid_post

    client.force_login(manager)
    url = reverse("surveys:preview", args=[draft.process.slug, draft.pk])
    assert "Voorbeeld" in client.get(url).content.decode()
    response = client.post(url, valid_post(draft))
    assert "Alles is goed ingevuld" in response.content.decode()
    assert not Response.objects.exists()


def test_manage_page_lists_questions_with_conditions(client, manager, draft):
    client.force_login(manager)
    html = client.get(
        reverse("surveys:manage", args=[draft.process.slug, draft.pk])
    ).content.decode()
    assert "Als bij 'Komt u op het plein?' gekozen: Ja" in html
    assert html.count("<h1") == 1
