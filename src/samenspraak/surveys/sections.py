"""The survey section on a process page (registered in apps.ready as "surveys.survey")."""

from django.utils import timezone

from samenspraak.core.registry import once_per_request
from samenspraak.processes.phases import phase_allows
from samenspraak.surveys import permissions
from samenspraak.surveys.models import SURVEY, Survey


def process_section(request, process):
    """Each survey of the process: its intro plus "Vul de enquête in" while it runs, or a link
    to the results once they may be seen. One query."""
    now = timezone.now()
    surveys = _surveys(request, process)
    if not surveys:
        return None
    user = getattr(request, "user", None)
    items = []
    for survey in surveys:
        survey.process = survey.phase.process = process
        items.append(
            {
                "survey": survey,
                "open": phase_allows(survey.phase, SURVEY, now),
                "upcoming": survey.phase.is_upcoming(now),
                "results": permissions.can_view_results(user, survey, now),
            }
        )
    return {"process": process, "surveys": items}


def _surveys(request, process) -> list[Survey]:
    """The process's surveys with their phases, read once per request: the section and the
    "what you can do now" actions of one page share the query."""
    return once_per_request(
        request,
        ("surveys", process.pk),
        lambda: list(Survey.objects.filter(process=process).select_related("phase")),
    )


def process_actions(request, process):
    """ "Vul de enquête in" for each survey this visitor may fill in now (one query)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from samenspraak.core.components import ProcessAction

    now = timezone.now()
    user = request.user
    actions = []
    for survey in _surveys(request, process):
        survey.phase.process = process
        if not phase_allows(survey.phase, SURVEY, now):
            continue
        if user.is_authenticated and not permissions.can_respond(user, survey, now):
            continue
        label = _("Vul de enquête in: %(title)s") % {"title": survey.title}
        url = reverse("surveys:respond", args=[process.slug, survey.pk])
        actions.append(
            ProcessAction(
                label, url, until=survey.phase.last_day, needs_login=not survey.allow_anonymous
            )
        )
    return actions


def mine_responses(user):
    """Mijn Samenspraak: the surveys the person filled in, each with a link to the outcomes once
    they may be seen (after the survey). One query."""
    from django.utils.translation import gettext as _

    from samenspraak.core.registry import account_items
    from samenspraak.surveys import selectors

    responses, more = account_items(selectors.responses_by(user))
    if not responses:
        return None
    now = timezone.now()
    for response in responses:
        response.results_open = permissions.can_view_results(user, response.survey, now)
    return {
        "heading": _("Ingevulde enquêtes"),
        "anchor": "mijn-enquetes",
        "responses": responses,
        "more": more,
    }
