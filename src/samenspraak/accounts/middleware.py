"""Staff act for the municipality: every staff session has passed the second factor.

Not "has set up TOTP" but "passed it in *this* session" (accounts.selectors
.session_passed_second_factor): whatever logged the session in (our log-in, a password reset,
Django's admin log-in, a future OpenID Connect, a forged cookie), a staff session without that
mark is logged out and sent to the log-in, which asks for password and second factor. Staff
who have no second factor yet reach only its set-up, and only after a password log-in in this
session.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from samenspraak.accounts import selectors

# Always reachable: log-out, static files and the language switch.
_ALWAYS_ALLOWED_URL_NAMES = ("account_logout",)
# Reachable for staff without a second factor after a password log-in in this session:
# (re)authentication and the set-up of the first authenticator.
_SET_UP_URL_NAMES = (
    "account_reauthenticate",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_activate_totp",
)


def _prefixes(names) -> list[str]:
    prefixes = []
    for name in names:
        try:
            prefixes.append(reverse(name))
        except NoReverseMatch:
            continue
    return prefixes


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or not user.is_staff_role
            or self._starts_with(request.path_info, self._always_allowed())
        ):
            return self.get_response(request)
        has_totp = selectors.user_has_totp(user)
        if has_totp and selectors.session_passed_second_factor(request, user):
            return self.get_response(request)
        if not has_totp and (
            selectors.session_passed_password(request, user)
            or selectors.session_passed_second_factor(request, user)
        ):
            if self._starts_with(request.path_info, _prefixes(_SET_UP_URL_NAMES)):
                return self.get_response(request)
            messages.warning(
                request,
                _(
                    "Als medewerker van de gemeente heeft u een tweede factor nodig. Stel eerst "
                    "een authenticator-app in; daarna kunt u verder."
                ),
            )
            return redirect("mfa_activate_totp")
        # A staff session that never passed the second factor: end it, and start again.
        logout(request)
        messages.warning(
            request,
            _(
                "Medewerkers van de gemeente loggen in met hun wachtwoord en een tweede factor. "
                "Log opnieuw in."
            ),
        )
        target = reverse("account_login")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)

    @staticmethod
    def _always_allowed() -> list[str]:
        return [
            settings.STATIC_URL,
            settings.MEDIA_URL,
            "/i18n/",
            *_prefixes(_ALWAYS_ALLOWED_URL_NAMES),
        ]

    @staticmethod
    def _starts_with(path: str, prefixes) -> bool:
        return any(prefix and path.startswith(prefix) for prefix in prefixes)
