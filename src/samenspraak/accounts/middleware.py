"""Staff act for the municipality: without a second factor they reach nothing but its set-up."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from samenspraak.accounts import selectors

# Paths a staff member without TOTP may still reach: log-out, (re)authentication and the
# MFA set-up itself, static files and the language switch.
_ALLOWED_URL_NAMES = (
    "account_logout",
    "account_reauthenticate",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_activate_totp",
)


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_staff_role
            and not self._allowed(request.path_info)
            and not selectors.user_has_totp(user)
        ):
            messages.warning(
                request,
                _(
                    "Als medewerker van de gemeente heeft u een tweede factor nodig. Stel eerst "
                    "een authenticator-app in; daarna kunt u verder."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _allowed(self, path: str) -> bool:
        prefixes = [settings.STATIC_URL, settings.MEDIA_URL, "/i18n/"]
        for name in _ALLOWED_URL_NAMES:
            try:
                prefixes.append(reverse(name))
            except NoReverseMatch:
                continue
        return any(prefix and path.startswith(prefix) for prefix in prefixes)
