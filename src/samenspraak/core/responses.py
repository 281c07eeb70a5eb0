"""Page responses shared by apps (no app imports another app's views)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def once_response(request, target, act, *, refused: str, thanks: str, already: str):
    """For something a person does once (support an input or a budget project): anyone not
    signed in logs in first; else `act()` runs (True: done now, False: done before,
    PermissionDenied: not allowed now), the person is told how it went, and goes to `target`
    (a redirect response)."""
    if not request.user.is_authenticated:
        return redirect_to_login(target.url)
    try:
        new = act()
    except PermissionDenied:
        messages.error(request, refused)
        return target
    if new:
        messages.success(request, thanks)
    else:
        messages.info(request, already)
    return target
