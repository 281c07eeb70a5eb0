"""The burgerberaad section on a process page and "Wat kunt u nu doen?" (see the manifest)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.assemblies import permissions
from samenspraak.assemblies.models import Assembly
from samenspraak.core.components import ProcessAction
from samenspraak.core.registry import once_per_request


def _of(request, process):
    """The process's assemblies, read once per request (the section and the actions share it)."""

    def build():
        items = list(Assembly.objects.filter(process=process).select_related("phase"))
        for item in items:
            item.process = item.phase.process = process
        return items

    return once_per_request(request, ("assemblies", process.pk), build)


def process_section(request, process):
    """Each assembly of the process: what it is, where it stands, its links (one query)."""
    items = _of(request, process)
    if not items:
        return None
    now = timezone.now()
    return {
        "process": process,
        "assemblies": [
            {"assembly": item, "open": permissions.registration_open(item, now)} for item in items
        ],
    }


def process_actions(request, process):
    """ "Meld u aan" for each assembly whose registration is open now (one query)."""
    now = timezone.now()
    return [
        ProcessAction(
            _("Meld u aan voor het burgerberaad: %(title)s") % {"title": item.title},
            reverse("assemblies:register", args=[process.slug, item.pk]),
            until=item.phase.last_day,
            needs_login=False,
        )
        for item in _of(request, process)
        if permissions.registration_open(item, now)
    ]
