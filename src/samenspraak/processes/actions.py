""" "Wat kunt u nu doen?": the actions open to a visitor on a process now, from the installed
apps' manifests (`process_actions`). Shared by the process page and the pages of apps above
processes (budgeting's budget page), which may not import processes' views."""

import dataclasses
import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse


def for_visitor(request, actions) -> list:
    """The actions as this visitor sees them, soonest deadline first. A visitor who is not
    logged in gets the log-in page with ?next= for actions that need an account."""
    shown = []
    for action in actions:
        if action.needs_login and not request.user.is_authenticated:
            login = reverse(settings.LOGIN_URL)
            action = dataclasses.replace(action, url=f"{login}?{urlencode({'next': action.url})}")
        shown.append(action)
    far = datetime.date.max
    return sorted(shown, key=lambda action: (action.until or far, str(action.label)))


def open_actions(request, process) -> list:
    """What this visitor can do on the process now, from all installed apps."""
    from samenspraak.core import components

    return for_visitor(
        request,
        [
            action
            for provider in components.process_action_providers()
            for action in provider(request, process)
        ],
    )
