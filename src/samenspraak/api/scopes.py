"""The scopes an integration token can hold; each write endpoint names the one it needs.

An endpoint declares ``required_scopes = ("inputs:answer",)`` on its view class; the default
permission class (``permissions.ScopesRequired``) checks it. Reads need no scope (they are public).
"""

from django.utils.translation import gettext_lazy as _

SCOPES = {
    "inputs:answer": _("Inbreng beantwoorden namens de gemeente"),
    "updates:publish": _("Nieuwsberichten bij een proces publiceren"),
    "webhooks:manage": _("Webhooks instellen en afleveringen opnieuw versturen"),
}
