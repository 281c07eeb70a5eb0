"""How long the texts people write may be: one set of limits for model, form and service.

The form, the service and the model field of one text use the same constant, so a text the
form accepts is never refused by the service (the answer body was 20000 in the form but 10000
in the service), and the one message names the real limit:

- TEXT_SHORT (5000): what a resident writes (an input, a project idea) and short staff texts
  (the reason for an outcome, a budget's description);
- TEXT_LONG (10000): the municipality's answer and the standard answers it starts from.

Forms use core.forms.LimitedTextField (it shows the message below); services call `too_long`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TEXT_SHORT = 5000
TEXT_LONG = 10000

# The params are those of Django's MaxLengthValidator, so forms and services share the message.
TOO_LONG = _("Maximaal %(limit_value)s tekens. Nu zijn het er %(show_value)s.")


def too_long(text: str, limit: int) -> str | None:
    """The Dutch (or English) message when `text` is longer than `limit`, else None."""
    if len(text) <= limit:
        return None
    return str(TOO_LONG) % {"limit_value": limit, "show_value": len(text)}
