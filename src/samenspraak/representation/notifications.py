"""The e-mail to a process's manager when groups lag their targets (a subscriber to
TargetLagging, run by the task worker; rendered in the manager's language)."""

from django.urls import reverse

from samenspraak.core.links import absolute_url
from samenspraak.core.mail import mail_person
from samenspraak.representation.events import TargetLagging

SUBJECT = "representation/email/lagging_subject.txt"
BODY = "representation/email/lagging_body.txt"


def managers_of(process) -> list:
    """Who hears about the process: the staff member who made it, when they still manage
    processes; otherwise every active process manager."""
    from samenspraak.accounts.models import Role, User
    from samenspraak.representation.permissions import can_manage

    owner = process.created_by
    if owner is not None and owner.is_active and can_manage(owner):
        return [owner]
    return list(User.objects.filter(role=Role.PROCESS_MANAGER, is_active=True).order_by("pk"))


def lagging_alert(event: TargetLagging) -> int:
    """One mail per manager listing the groups that lag (shares shown with small cells hidden,
    as on the staff page). Returns the number queued."""
    from samenspraak.processes.models import Process
    from samenspraak.representation import selectors

    process = Process.objects.select_related("created_by").filter(pk=event.process_id).first()
    if process is None:
        return 0
    checks = selectors.target_checks(selectors.targets(process), selectors.process_figures(process))
    lagging = [check for check in checks if check.lagging]
    if not lagging:
        return 0  # caught up since the check

    def context():
        path = reverse("representation:process", args=[process.slug])
        return {"process": process, "checks": lagging, "link": absolute_url(path)}

    recipients = managers_of(process)
    for person in recipients:
        mail_person(person, subject_template=SUBJECT, body_template=BODY, context=context)
    return len(recipients)
