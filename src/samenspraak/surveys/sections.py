"""The survey section on a process page (registered in apps.ready as "surveys.survey")."""

from django.utils import timezone

from samenspraak.processes.phases import phase_allows
from samenspraak.surveys import permissions
from samenspraak.surveys.models import SURVEY, Survey


def process_section(request, process):
    """Each survey of the process: its intro plus "Vul de enquête in" while it runs, or a link
    to the results once they may be seen. One query."""
    now = timezone.now()
    surveys = list(Survey.objects.filter(process=process).select_related("phase"))
    if not surveys:
        return None
    user = getattr(request, "user", None)
    items = []
    for survey in surveys:
        survey.process = process
        items.append(
            {
                "survey": survey,
                "open": phase_allows(survey.phase, SURVEY, now),
                "upcoming": survey.phase.is_upcoming(now),
                "results": permissions.can_view_results(user, survey, now),
            }
        )
    return {"process": process, "surveys": items}
