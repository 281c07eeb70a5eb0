"""Survey pages: filling in and results (public), builder, preview and CSV export (staff)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspraak.accounts.permissions import role_required
from samenspraak.core import csvsafe
from samenspraak.core.confirm import confirm_delete
from samenspraak.core.dates import format_moment
from samenspraak.core.forms import apply_service_errors
from samenspraak.core.ratelimit import rate_limit
from samenspraak.surveys import charts, permissions, selectors, services
from samenspraak.surveys.forms import QuestionForm, SurveyForm, SurveyMetaForm
from samenspraak.surveys.models import Question, QuestionKind
from samenspraak.surveys.permissions import MANAGER_ROLES


def _data(request):
    """The POST data, also when it is empty (an empty POST must still be validated)."""
    return request.POST if request.method == "POST" else None


def _survey(process_slug, pk):
    process = selectors.process_by_slug(process_slug)
    return selectors.survey_detail(process, pk)


def _public_survey(request, process_slug, pk):
    survey = _survey(process_slug, pk)
    if not survey.process.is_published and not permissions.is_staff_member(request.user):
        raise Http404
    return survey


# --- residents -------------------------------------------------------------------------------


@rate_limit("10/m")
def respond(request, process_slug, pk):
    survey = _public_survey(request, process_slug, pk)
    now = timezone.now()
    context = {"survey": survey, "process": survey.process}
    if selectors.has_responded(survey, request.user):
        context["reason"] = services.ALREADY_RESPONDED
        return render(request, "surveys/closed.html", context)
    if not permissions.can_respond(request.user, survey, now):
        context["reason"] = _closed_reason(request.user, survey, now)
        context["login_needed"] = (
            not request.user.is_authenticated
            and not survey.allow_anonymous
            and survey.phase.is_active(now)
        )
        return render(request, "surveys/closed.html", context, status=403)
    form = SurveyForm(survey, _data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(survey=survey, respondent=request.user, answers=form.answers)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Dank u wel! Uw antwoorden zijn opgeslagen."))
            return redirect("surveys:thanks", process_slug=process_slug, pk=survey.pk)
    context["form"] = form
    return render(request, "surveys/respond.html", context)


def _closed_reason(user, survey, now):
    if permissions.is_staff_member(user):
        return _(
            "Medewerkers van de gemeente vullen de enquête niet in. Bekijk hem als voorbeeld "
            "in het beheer."
        )
    if survey.phase.is_upcoming(now):
        return _("De enquête begint op %(date)s.") % {"date": format_moment(survey.phase.starts_at)}
    if survey.phase.is_past(now):
        return _("De enquête is gesloten. Bedankt voor uw belangstelling.")
    return _("Log in om de enquête in te vullen. Zo vult iedereen hem maar één keer in.")


def thanks(request, process_slug, pk):
    survey = _public_survey(request, process_slug, pk)
    return render(request, "surveys/thanks.html", {"survey": survey, "process": survey.process})


def results(request, process_slug, pk):
    survey = _public_survey(request, process_slug, pk)
    if not permissions.can_view_results(request.user, survey):
        return render(
            request,
            "surveys/closed.html",
            {
                "survey": survey,
                "process": survey.process,
                "reason": _("De uitkomsten ziet u hier als de enquête is afgelopen."),
            },
            status=403,
        )
    total, question_results = selectors.survey_results(survey)
    for number, result in enumerate(question_results, start=1):
        result.number = number
        if result.question.kind == QuestionKind.RANKING:
            # Shorter bar = ranked higher is confusing; show how often it was placed first-ish:
            # bar length = (n + 1 - average position), the table has the average itself.
            n = len(result.question.choices)
            result.chart = charts.bar_chart(
                result.bars, value=lambda bar, n=n: (n + 1 - bar.average) if bar.average else 0
            )
        elif result.bars:
            result.chart = charts.bar_chart(result.bars)
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "process": survey.process,
            "total": total,
            "results": question_results,
            "can_export": permissions.can_export(request.user),
        },
    )


def open_answers(request, process_slug, pk, question_pk):
    survey = _public_survey(request, process_slug, pk)
    if not permissions.can_view_results(request.user, survey):
        raise PermissionDenied
    question = next((q for q in survey.questions.all() if q.pk == question_pk), None)
    if question is None or question.kind != QuestionKind.OPEN:
        raise Http404
    page = Paginator(selectors.open_answers(question), 25).get_page(request.GET.get("pagina"))
    return render(
        request,
        "surveys/open_answers.html",
        {"survey": survey, "process": survey.process, "question": question, "page": page},
    )


# --- staff -----------------------------------------------------------------------------------


@role_required(*MANAGER_ROLES)
def manage_list(request, process_slug):
    process = selectors.process_by_slug(process_slug)
    phases = selectors.survey_phases(process).filter(survey__isnull=True)
    form = SurveyMetaForm(_data(request), phases=phases)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                actor=request.user, process=process, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De enquête is gemaakt. Voeg nu vragen toe."))
            return redirect("surveys:manage", process_slug=process.slug, pk=survey.pk)
    return render(
        request,
        "surveys/manage_list.html",
        {
            "process": process,
            "surveys": selectors.surveys_for_process(process),
            "form": form,
            "has_phases": phases.exists(),
        },
    )


@role_required(*MANAGER_ROLES)
def manage(request, process_slug, pk):
    survey = _survey(process_slug, pk)
    form = SurveyMetaForm(_data(request), instance=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(
                actor=request.user, survey=survey, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De enquête is opgeslagen."))
            return redirect("surveys:manage", process_slug=process_slug, pk=survey.pk)
    questions = list(survey.questions.all())
    for number, question in enumerate(questions, start=1):
        question.number = number
    return render(
        request,
        "surveys/manage.html",
        {
            "survey": survey,
            "process": survey.process,
            "form": form,
            "questions": questions,
            "editable": permissions.can_edit(request.user, survey),
        },
    )


@role_required(*MANAGER_ROLES)
def question_edit(request, process_slug, pk, question_pk=None):
    survey = _survey(process_slug, pk)
    question = None
    if question_pk is not None:
        question = get_object_or_404(Question, survey=survey, pk=question_pk)
    if not permissions.can_edit(request.user, survey):
        messages.error(
            request, _("De enquête is al begonnen. De vragen kunnen niet meer worden gewijzigd.")
        )
        return redirect("surveys:manage", process_slug=process_slug, pk=survey.pk)
    form = QuestionForm(_data(request), survey=survey, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_save(
                actor=request.user,
                survey=survey,
                question=question,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De vraag is opgeslagen."))
            return redirect("surveys:manage", process_slug=process_slug, pk=survey.pk)
    return render(
        request,
        "surveys/question_form.html",
        {"survey": survey, "process": survey.process, "form": form, "question": question},
    )


@require_http_methods(["GET", "POST"])
@role_required(*MANAGER_ROLES)
def question_delete(request, process_slug, pk, question_pk):
    survey = _survey(process_slug, pk)
    question = get_object_or_404(Question, survey=survey, pk=question_pk)
    if request.method != "POST":
        back = reverse("surveys:manage", kwargs={"process_slug": process_slug, "pk": survey.pk})
        return confirm_delete(request, name=question.text, back_url=back)
    try:
        services.question_delete(actor=request.user, question=question, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De vraag is verwijderd."))
    return redirect("surveys:manage", process_slug=process_slug, pk=survey.pk)


@require_POST
@role_required(*MANAGER_ROLES)
def question_move(request, process_slug, pk, question_pk):
    survey = _survey(process_slug, pk)
    question = get_object_or_404(Question, survey=survey, pk=question_pk)
    direction = -1 if request.POST.get("richting") == "omhoog" else 1
    try:
        services.question_move(
            actor=request.user, question=question, direction=direction, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("surveys:manage", process_slug=process_slug, pk=survey.pk)


@role_required(*MANAGER_ROLES)
def preview(request, process_slug, pk):
    """The survey as residents see it; "check" validates without saving anything."""
    survey = _survey(process_slug, pk)
    form = SurveyForm(survey, _data(request))
    checked = request.method == "POST" and form.is_valid()
    return render(
        request,
        "surveys/respond.html",
        {
            "survey": survey,
            "process": survey.process,
            "form": form,
            "preview": True,
            "checked": checked,
        },
    )


def export_csv(request, process_slug, pk):
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not permissions.can_export(request.user):
        raise PermissionDenied
    survey = _survey(process_slug, pk)
    questions = list(survey.questions.all())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="enquete-{survey.pk}.csv"'
    response.write("\ufeff")  # BOM: Excel then reads the file as UTF-8
    writer = csvsafe.writer(response, delimiter=";")
    writer.writerow(
        [_("Nummer"), _("Ingevuld op")] + [f"{i}. {q.text}" for i, q in enumerate(questions, 1)]
    )
    for row in selectors.responses_for_export(survey):
        values = {answer.question_id: answer.value for answer in row.answers.all()}
        writer.writerow(
            [row.pk, timezone.localtime(row.created_at).strftime("%Y-%m-%d %H:%M")]
            + [selectors.answer_text(q, values.get(q.pk)) for q in questions]
        )
    return response
