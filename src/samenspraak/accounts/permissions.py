"""Who may do what. Views and services ask here; the role x page matrix is tested against it."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from samenspraak.accounts.models import STAFF_ROLES


def has_role(user, *roles: str) -> bool:
    return bool(user and user.is_authenticated and user.has_role(*roles))


def is_staff_member(user) -> bool:
    return has_role(user, *STAFF_ROLES)


def role_required(*roles: str):
    """View decorator: anonymous people go to log-in, people without the role get a 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
