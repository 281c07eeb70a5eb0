"""Writes for surveys: permission check, full_clean, one transaction, audit for staff actions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspraak.core import events
from samenspraak.core.audit import record
from samenspraak.surveys import permissions
from samenspraak.surveys.events import SurveyResponseSubmitted
from samenspraak.surveys.models import (
    Answer,
    Question,
    QuestionKind,
    Response,
    Selection,
    Survey,
)

ALREADY_RESPONDED = gettext_lazy(
    "U heeft deze enquête al ingevuld. Dank u wel! U kunt dat één keer doen."
)

QUESTION_FIELDS = (
    "kind",
    "text",
    "help_text",
    "required",
    "choices",
    "scale_min",
    "scale_max",
    "scale_min_label",
    "scale_max_label",
    "show_if_question",
    "show_if_values",
)


def _check_editable(actor, survey: Survey) -> None:
    if not permissions.can_manage_surveys(actor):
        raise PermissionDenied
    if not permissions.can_edit(actor, survey):
        raise ValidationError(
            _("De enquête is al begonnen. De vragen kunnen niet meer worden gewijzigd.")
        )


def survey_create(*, actor, process, phase, title, intro="", allow_anonymous=False, request=None):
    if not permissions.can_manage_surveys(actor):
        raise PermissionDenied
    survey = Survey(
        process=process, phase=phase, title=title, intro=intro, allow_anonymous=allow_anonymous
    )
    survey.full_clean()
    with transaction.atomic():
        survey.save()
        record(actor, "surveys.survey_created", target=survey, request=request)
    return survey


def survey_update(*, actor, survey: Survey, request=None, **fields) -> Survey:
    if not permissions.can_manage_surveys(actor):
        raise PermissionDenied
    changes = {}
    for name in ("title", "intro", "allow_anonymous"):
        if name in fields and getattr(survey, name) != fields[name]:
            changes[name] = fields[name]
            setattr(survey, name, fields[name])
    survey.full_clean()
    with transaction.atomic():
        survey.save()
        record(actor, "surveys.survey_changed", target=survey, changes=changes, request=request)
    return survey


def question_save(
    *, actor, survey: Survey, question: Question | None = None, request=None, **fields
):
    """Add a question at the end, or change one. `fields` are Question fields."""
    _check_editable(actor, survey)
    if question is None:
        question = Question(survey=survey)
        last = survey.questions.aggregate(m=Max("order"))["m"]
        question.order = 0 if last is None else last + 1
    for name in QUESTION_FIELDS:
        if name in fields:
            setattr(question, name, fields[name])
    question.full_clean(exclude=["survey"])
    with transaction.atomic():
        question.save()
        record(
            actor,
            "surveys.question_saved",
            target=question,
            changes={"survey": survey.pk, "kind": question.kind},
            request=request,
        )
    return question


def question_delete(*, actor, question: Question, request=None) -> None:
    survey = question.survey
    _check_editable(actor, survey)
    with transaction.atomic():
        # A question that others depend on takes their conditions with it.
        Question.objects.filter(show_if_question=question).update(show_if_values=[])
        record(actor, "surveys.question_deleted", target=question, request=request)
        question.delete()
        _renumber(survey)


def question_move(*, actor, question: Question, direction: int, request=None) -> None:
    """Swap a question with its neighbour (direction -1 up, +1 down). A question never moves
    above the question its condition refers to, nor below one that depends on it."""
    survey = question.survey
    _check_editable(actor, survey)
    with transaction.atomic():
        questions = list(survey.questions.select_for_update().order_by("order", "pk"))
        index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
        other = index + direction
        if not 0 <= other < len(questions):
            return
        first, second = sorted([questions[index], questions[other]], key=questions.index)
        if second.show_if_question_id == first.pk:
            raise ValidationError(
                _("Een vraag met een voorwaarde moet na de vraag staan waar die naar verwijst.")
            )
        questions[index], questions[other] = questions[other], questions[index]
        for i, q in enumerate(questions):
            q.order = i
        Question.objects.bulk_update(questions, ["order"])
        record(actor, "surveys.question_moved", target=question, request=request)


def _renumber(survey: Survey) -> None:
    questions = list(survey.questions.order_by("order", "pk"))
    for i, q in enumerate(questions):
        q.order = i
    Question.objects.bulk_update(questions, ["order"])


def response_submit(*, survey: Survey, respondent, answers: dict[int, object]) -> Response:
    """Store a filled-in survey. `answers` maps question pk to the cleaned value (see
    forms.SurveyForm): option index, list of indices, scale number, text, or ranks per item.
    Only visible, answered questions are in it."""
    user = respondent if respondent is not None and respondent.is_authenticated else None
    if not permissions.can_respond(respondent, survey):
        raise PermissionDenied
    questions = {q.pk: q for q in survey.questions.all()}
    if not answers:
        raise ValidationError(_("Beantwoord minstens één vraag."))
    try:
        with transaction.atomic():
            if (
                user is not None
                and Response.objects.filter(survey=survey, respondent=user).exists()
            ):
                raise ValidationError(ALREADY_RESPONDED)
            response = Response.objects.create(survey=survey, respondent=user)
            _store_answers(response, questions, answers)
            events.emit(
                SurveyResponseSubmitted(
                    response_id=response.pk, survey_id=survey.pk, process_id=survey.process_id
                )
            )
    except IntegrityError:
        # Two submissions at the same moment: the unique constraint lets only one through.
        raise ValidationError(ALREADY_RESPONDED) from None
    return response


def survey_import(*, actor, process, phase, design: dict, request=None) -> Survey:
    """Create a survey with all its questions in one go from a design (a dict as a process
    template or the demo holds it): {"title", "intro", "allow_anonymous", "questions": [{"kind",
    "text", ..., "show_if": {"question": <index of an earlier question>, "values": [indices]}}]}.
    A new survey has no responses yet, so this is allowed whether or not its phase has started."""
    if not permissions.can_manage_surveys(actor):
        raise PermissionDenied
    with transaction.atomic():
        survey = survey_create(
            actor=actor,
            process=process,
            phase=phase,
            title=design["title"],
            intro=design.get("intro", ""),
            allow_anonymous=design.get("allow_anonymous", False),
            request=request,
        )
        made: list[Question] = []
        for order, spec in enumerate(design.get("questions", [])):
            fields = {k: v for k, v in spec.items() if k in QUESTION_FIELDS}
            condition = spec.get("show_if")
            if condition:
                fields["show_if_question"] = made[condition["question"]]
                fields["show_if_values"] = condition["values"]
            question = Question(survey=survey, order=order, **fields)
            question.full_clean()
            question.save()
            made.append(question)
    return survey


def responses_import(*, survey: Survey, rows) -> int:
    """Store many responses at once (demo data, or answers received on paper): `rows` is a list
    of (respondent or None, answers) with answers as `response_submit` takes them. Each
    respondent at most once. Returns the number stored."""
    questions = {q.pk: q for q in survey.questions.all()}
    seen = set(
        Response.objects.filter(survey=survey, respondent__isnull=False).values_list(
            "respondent_id", flat=True
        )
    )
    keep = []
    for respondent, answers in rows:
        if respondent is not None:
            if respondent.pk in seen:
                continue
            seen.add(respondent.pk)
        keep.append((Response(survey=survey, respondent=respondent), answers))
    with transaction.atomic():
        Response.objects.bulk_create([response for response, _ in keep])
        _store_many(questions, keep)
    return len(keep)


def _store_answers(response, questions, answers) -> None:
    _store_many(questions, [(response, answers)])


def _store_many(questions, pairs) -> None:
    rows, selections = [], []
    for response, answers in pairs:
        for question_id, value in answers.items():
            question = questions[question_id]
            answer = Answer(response=response, question=question, value=value)
            if question.kind == QuestionKind.SCALE:
                answer.number = int(value)
            elif question.kind == QuestionKind.OPEN:
                answer.text = str(value)
            rows.append(answer)
    Answer.objects.bulk_create(rows)
    for answer in rows:
        question = questions[answer.question_id]
        if question.kind == QuestionKind.SINGLE:
            selections.append(Selection(answer=answer, question=question, option=answer.value))
        elif question.kind == QuestionKind.MULTIPLE:
            selections += [
                Selection(answer=answer, question=question, option=i) for i in answer.value
            ]
        elif question.kind == QuestionKind.RANKING:
            selections += [
                Selection(answer=answer, question=question, option=i, rank=rank)
                for i, rank in enumerate(answer.value)
            ]
    Selection.objects.bulk_create(selections)
