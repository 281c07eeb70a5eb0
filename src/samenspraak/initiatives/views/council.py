"""Council members on the rest of the site: their reactions on inputs and processes, residents'
questions to them on a process page and their answers, the member's own page and the public
record of decisions. The forms live in sections on other apps' pages, so a refused post goes
back there with what was typed and why (sections.keep_draft), never a 500."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenspraak.accounts.models import Role
from samenspraak.accounts.permissions import role_required
from samenspraak.core.forms import apply_service_errors
from samenspraak.core.ratelimit import rate_limit
from samenspraak.initiatives import permissions, selectors, services
from samenspraak.initiatives.forms import (
    CouncilAnswerForm,
    CouncilQuestionForm,
    CouncilReactionForm,
    QuestionCheckForm,
)
from samenspraak.initiatives.models import CouncilQuestion
from samenspraak.initiatives.permissions import QUESTION_MODERATOR_ROLES
from samenspraak.initiatives.sections import keep_draft
from samenspraak.initiatives.views.common import municipality_or_404

DECISIONS_PAGE_SIZE = 25


def _process_or_404(slug):
    from samenspraak.processes.models import Process

    try:
        return Process.objects.get(municipality=municipality_or_404(), slug=slug)
    except Process.DoesNotExist:
        raise Http404 from None


def _input_or_404(pk):
    from samenspraak.consultation.models import Input

    try:
        return Input.objects.select_related("process").get(
            pk=pk, process__municipality=municipality_or_404()
        )
    except Input.DoesNotExist:
        raise Http404 from None


def _process_url(process, anchor="raad") -> str:
    return reverse("processes:process_detail", args=[process.slug]) + f"#{anchor}"


def _refused(request, form, error, key, target):
    """Put the service's refusal on the form, keep the text for the page, go back there."""
    if isinstance(error, PermissionDenied):
        # Said above the page too: who may not act here does not see the form at all.
        messages.error(request, str(error) or _("Dit mag u hier niet doen."))
    if isinstance(error, (ValidationError, PermissionDenied)):
        apply_service_errors(form, error, default_field="body")
    keep_draft(
        request,
        key,
        {name: form.data.get(name, "") for name in form.fields},
        {name: [str(m) for m in messages_] for name, messages_ in form.errors.items()},
    )
    return redirect(target)


@require_POST
@rate_limit("10/m")
def react(request, subject, pk):
    """A verified council member's public reaction on an input or a process."""
    if subject not in ("inbreng", "proces"):
        raise Http404
    if subject == "inbreng":
        item = _input_or_404(pk)
        target, key, kwargs = item.get_absolute_url() + "#raad", f"input:{item.pk}", {"input": item}
    else:
        from samenspraak.processes.models import Process

        try:
            item = Process.objects.get(municipality=municipality_or_404(), pk=pk)
        except Process.DoesNotExist:
            raise Http404 from None
        target, key, kwargs = _process_url(item), f"process:{item.pk}", {"process": item}
    if not request.user.is_authenticated:
        return redirect_to_login(target)
    form = CouncilReactionForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, None, key, target)
    try:
        services.council_reaction_post(user=request.user, body=form.cleaned_data["body"], **kwargs)
    except (ValidationError, PermissionDenied) as error:
        return _refused(request, form, error, key, target)
    messages.success(request, _("Uw reactie als raadslid staat op de pagina."))
    return redirect(target)


@require_POST
@rate_limit("5/m")
def ask(request, slug):
    """A resident's question to one council member or to all of them."""
    process = _process_or_404(slug)
    target = _process_url(process)
    if not request.user.is_authenticated:
        return redirect_to_login(target)
    form = CouncilQuestionForm(
        request.POST, members=selectors.council_members_of(process.municipality_id)
    )
    key = f"question:{process.pk}"
    if not form.is_valid():
        return _refused(request, form, None, key, target)
    try:
        services.question_ask(
            user=request.user,
            process=process,
            member=form.chosen_member(),
            body=form.cleaned_data["body"],
        )
    except (ValidationError, PermissionDenied) as error:
        return _refused(request, form, error, key, target)
    if services.premoderated():
        messages.success(
            request,
            _(
                "Dank u wel. Een moderator bekijkt uw vraag eerst; daarna staat hij op de "
                "pagina. U krijgt een e-mail als er een antwoord is."
            ),
        )
    else:
        messages.success(
            request,
            _("Uw vraag staat op de pagina. U krijgt een e-mail als er een antwoord is."),
        )
    return redirect(target)


@role_required(Role.COUNCIL_MEMBER)
@rate_limit("10/m")
def answer(request, pk):
    """The council member answers a question, on its own page."""
    try:
        question = selectors.question_get(pk)
    except CouncilQuestion.DoesNotExist:
        raise Http404 from None
    if question.process.municipality_id != municipality_or_404().pk:
        raise Http404
    member = selectors.council_member_of(request.user)
    if not permissions.can_answer(request.user, question, member):
        if question.answered_at is not None:
            messages.info(request, _("Deze vraag heeft al een antwoord."))
            return redirect(question.get_absolute_url())
        raise PermissionDenied
    form = CouncilAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_answer(
                user=request.user, question=question, answer=form.cleaned_data["answer"]
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error, default_field="answer")
        else:
            messages.success(request, _("Uw antwoord staat bij de vraag."))
            return redirect(question.get_absolute_url())
    return render(request, "initiatives/council/answer.html", {"question": question, "form": form})


@role_required(Role.COUNCIL_MEMBER)
def dashboard(request):
    """The council member's own page (their landing after log-in)."""
    municipality_or_404()
    member = selectors.council_member_of(request.user, with_portfolio=True)
    context = {"member": member}
    if member is not None:
        context.update(selectors.council_dashboard(member))
    return render(request, "initiatives/council/dashboard.html", context)


def decisions(request):
    """The public record of the council's decisions on initiatives."""
    page = Paginator(selectors.decisions(municipality_or_404()), DECISIONS_PAGE_SIZE)
    return render(
        request,
        "initiatives/council/decisions.html",
        {"page": page.get_page(request.GET.get("pagina"))},
    )


@role_required(*QUESTION_MODERATOR_ROLES)
def question_check(request):
    """Moderators and the clerk publish waiting questions (when questions are pre-moderated),
    or do not, with a reason. A refused decision comes back with its message and text."""
    municipality = municipality_or_404()
    questions = selectors.questions_to_check(municipality)
    failed = None
    if request.method == "POST":
        try:
            question = next(q for q in questions if str(q.pk) == request.POST.get("question"))
        except StopIteration:
            messages.info(request, _("Over deze vraag is al besloten."))
            return redirect("initiatives:question_check")
        form = QuestionCheckForm(request.POST, auto_id=f"check-{question.pk}-%s")
        if form.is_valid():
            try:
                services.question_moderate(
                    actor=request.user,
                    question=question,
                    publish=form.cleaned_data["decision"] == "publish",
                    reason=form.cleaned_data["reason"],
                )
            except (ValidationError, PermissionDenied) as error:
                apply_service_errors(form, error, default_field="reason")
            else:
                messages.success(request, _("Uw besluit over de vraag is opgeslagen."))
                return redirect("initiatives:question_check")
        failed = (question.pk, form)
    for question in questions:
        if failed and failed[0] == question.pk:
            question.check_form = failed[1]
        else:
            question.check_form = QuestionCheckForm(auto_id=f"check-{question.pk}-%s")
    return render(
        request,
        "initiatives/staff/question_check.html",
        {"questions": questions, "premoderated": services.premoderated()},
    )
