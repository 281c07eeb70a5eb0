"""Reads for surveys, each with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Prefetch, QuerySet
from django.http import Http404

from samenspraak.organisations.selectors import current_municipality
from samenspraak.processes.models import Process
from samenspraak.surveys.models import (
    PHASE_KIND,
    Answer,
    Question,
    QuestionKind,
    Response,
    Selection,
    Survey,
)


def process_by_slug(slug: str) -> Process:
    try:
        return Process.objects.get(municipality=current_municipality(), slug=slug)
    except Process.DoesNotExist:
        raise Http404 from None


def survey_phases(process: Process):
    return process.phases.filter(kind=PHASE_KIND).order_by("starts_at")


def surveys_for_process(process: Process) -> list[Survey]:
    """The process's surveys with their phases and question counts (one query)."""
    return list(
        Survey.objects.filter(process=process)
        .select_related("phase", "process")
        .annotate(question_count=Count("questions", distinct=True))
        .order_by("phase__starts_at", "pk")
    )


def survey_detail(process: Process, pk: int) -> Survey:
    """A survey with its phase, process and ordered questions (two queries)."""
    questions = Question.objects.select_related("show_if_question").order_by("order", "pk")
    try:
        survey = (
            Survey.objects.select_related("phase", "process")
            .prefetch_related(Prefetch("questions", queryset=questions))
            .get(process=process, pk=pk)
        )
    except Survey.DoesNotExist:
        raise Http404 from None
    survey.process = process
    return survey


def has_responded(survey: Survey, user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Response.objects.filter(survey=survey, respondent=user).exists()


@dataclass
class Bar:
    label: str
    count: int
    percent: float
    average: float | None = None  # ranking: average position


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    more_texts: bool = False


OPEN_PREVIEW = 5


def survey_results(survey: Survey) -> tuple[int, list[QuestionResult]]:
    """Counts per question, aggregated in the database: one query for all choice and ranking
    selections, one for scale values, one for the number of answers per question, one for the
    first open answers; so the cost does not grow with the number of responses."""
    questions = list(survey.questions.all())
    total = Response.objects.filter(survey=survey).count()
    answered = dict(
        Answer.objects.filter(question__survey=survey)
        .values_list("question_id")
        .annotate(n=Count("pk"))
        .values_list("question_id", "n")
    )
    selections = {}
    for row in (
        Selection.objects.filter(question__survey=survey)
        .values("question_id", "option")
        .annotate(n=Count("pk"), avg=Avg("rank"))
    ):
        selections[(row["question_id"], row["option"])] = (row["n"], row["avg"])
    scales = dict(
        (((row["question_id"], row["number"]), row["n"]))
        for row in Answer.objects.filter(question__survey=survey, question__kind=QuestionKind.SCALE)
        .values("question_id", "number")
        .annotate(n=Count("pk"))
    )
    open_ids = [q.pk for q in questions if q.kind == QuestionKind.OPEN]
    texts: dict[int, list[str]] = {pk: [] for pk in open_ids}
    if open_ids:
        # Newest first, at most OPEN_PREVIEW + 1 per question, in one query (window function).
        from django.db.models import F, Window
        from django.db.models.functions import RowNumber

        rows = (
            Answer.objects.filter(question_id__in=open_ids)
            .exclude(text="")
            .annotate(
                row=Window(
                    RowNumber(),
                    partition_by=[F("question_id")],
                    order_by=[F("pk").desc()],
                )
            )
            .values_list("question_id", "text", "row")
        )
        for question_id, text, row in rows:
            if row <= OPEN_PREVIEW + 1:
                texts[question_id].append(text)

    results = []
    for question in questions:
        n = answered.get(question.pk, 0)
        result = QuestionResult(question=question, answered=n)
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING):
            for index, label in enumerate(question.choices):
                count, avg = selections.get((question.pk, index), (0, None))
                if question.kind == QuestionKind.RANKING:
                    result.bars.append(
                        Bar(label, count, _percent(count, n), round(avg, 2) if avg else None)
                    )
                else:
                    result.bars.append(Bar(label, count, _percent(count, n)))
        elif question.kind == QuestionKind.SCALE:
            for value in question.scale_values:
                count = scales.get((question.pk, value), 0)
                label = str(value)
                if value == question.scale_min and question.scale_min_label:
                    label = f"{value} ({question.scale_min_label})"
                elif value == question.scale_max and question.scale_max_label:
                    label = f"{value} ({question.scale_max_label})"
                result.bars.append(Bar(label, count, _percent(count, n)))
        else:
            result.texts = texts.get(question.pk, [])[:OPEN_PREVIEW]
            result.more_texts = len(texts.get(question.pk, [])) > OPEN_PREVIEW
        results.append(result)
    return total, results


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def open_answers(question: Question):
    """All non-empty open answers to a question, newest first (for a paginator)."""
    return (
        Answer.objects.filter(question=question)
        .exclude(text="")
        .order_by("-pk")
        .values_list("text", flat=True)
    )


def responses_for_export(survey: Survey):
    """Every response with its answers (two queries), oldest first."""
    return Response.objects.filter(survey=survey).prefetch_related("answers").order_by("pk")


def answer_text(question, value) -> str:
    """One stored answer as text, as the CSV export and the data download show it."""
    if value is None:
        return ""
    try:
        if question.kind == QuestionKind.SINGLE:
            return question.choices[value]
        if question.kind == QuestionKind.MULTIPLE:
            return " | ".join(question.choices[i] for i in value)
        if question.kind == QuestionKind.RANKING:
            order = sorted(range(len(value)), key=lambda i: value[i])
            return " > ".join(question.choices[i] for i in order)
    except (IndexError, TypeError):
        return str(value)
    return str(value)


def responses_by(user) -> QuerySet[Response]:
    """The surveys `user` filled in (logged in), newest first, with survey, phase and process
    joined: one query."""
    return (
        Response.objects.filter(respondent=user)
        .select_related("survey__phase", "survey__process")
        .order_by("-created_at", "-pk")
    )
