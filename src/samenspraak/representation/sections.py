"""What representation adds to a process page: "Wie doen er mee?" (the public figures once the
manager published them; for managers also the targets that lag) and, in "Wat kunt u nu doen?",
the voluntary questions about yourself for a resident while the process runs."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.core.components import ProcessAction
from samenspraak.representation import permissions, selectors

#: Session key: the processes whose questions this visitor said "no thanks" to.
DECLINED = "representation_declined"


def process_section(request, process):
    """Managers: the lagging targets and a link to the staff page (about nine queries, fixed);
    everyone else: a link to the figures once published (one query)."""
    user = getattr(request, "user", None)
    setting = selectors.setting(process)
    if permissions.can_manage(user):
        figures = selectors.process_figures(process)
        checks = selectors.target_checks(selectors.targets(process), figures)
        return {
            "process": process,
            "setting": setting,
            "manager": True,
            "lagging": [check for check in checks if check.lagging],
            "targets": len(checks),
        }
    if not (process.is_published and setting.published):
        return None
    return {"process": process, "setting": setting, "manager": False}


def process_actions(request, process):
    """ "Vertel iets over uzelf" for a logged-in resident while a phase runs, until they
    answered or said no thanks (one query)."""
    user = request.user
    if not permissions.can_answer(user, process):
        return []
    session = getattr(request, "session", None)  # absent on requests built without middleware
    if session is not None and process.pk in session.get(DECLINED, []):
        return []
    now = timezone.now()
    running = [phase for phase in process.phases.all() if phase.is_active(now)]
    if not running or selectors.has_answered(process, user):
        return []
    url = reverse("representation:questions", args=[process.slug])
    label = _("Vertel ons kort wie u bent (vrijwillig, 4 vragen)")
    return [ProcessAction(label, url, until=max(p.last_day for p in running), needs_login=True)]
