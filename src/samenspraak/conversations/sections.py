"""The conversation section on a process page and "Wat kunt u nu doen?" (see the manifest)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.conversations import permissions
from samenspraak.conversations.models import VOTE, Conversation
from samenspraak.core.components import ProcessAction
from samenspraak.core.registry import once_per_request
from samenspraak.processes.phases import phase_allows


def _of(request, process) -> list[Conversation]:
    """The process's conversations, read once per request (the section and the actions share it)."""

    def build():
        conversations = list(Conversation.objects.filter(process=process).select_related("phase"))
        for conversation in conversations:
            conversation.process = conversation.phase.process = process
        return conversations

    return once_per_request(request, ("conversations", process.pk), build)


def process_section(request, process):
    """Each conversation of the process with links to vote and to the opinion groups (one query)."""
    conversations = _of(request, process)
    if not conversations:
        return None
    now = timezone.now()
    items = []
    for conversation in conversations:
        items.append(
            {"conversation": conversation, "open": phase_allows(conversation.phase, VOTE, now)}
        )
    return {"process": process, "conversations": items}


def process_actions(request, process):
    """ "Stem op de stellingen" for each conversation this visitor may vote in now (one query)."""
    now = timezone.now()
    actions = []
    for conversation in _of(request, process):
        if not phase_allows(conversation.phase, VOTE, now):
            continue
        if request.user.is_authenticated and not permissions.can_vote(
            request.user, conversation, now
        ):
            continue
        actions.append(
            ProcessAction(
                _("Stem op de stellingen: %(title)s") % {"title": conversation.title},
                reverse("conversations:conversation", args=[process.slug, conversation.pk]),
                until=conversation.phase.last_day,
                needs_login=True,
            )
        )
    return actions
