from django import forms
from django.utils.translation import gettext_lazy as _

from samenspraak.core.audit import Action
from samenspraak.core.forms import DayField

ACTION_LABELS = {
    Action.ADMIN_ADDITION: _("Toegevoegd in Django-beheer"),
    Action.ADMIN_CHANGE: _("Gewijzigd in Django-beheer"),
    Action.ADMIN_DELETION: _("Verwijderd in Django-beheer"),
    Action.ROLE_CHANGED: _("Rol gewijzigd"),
    Action.STAFF_LOGGED_IN: _("Ingelogd"),
    Action.STAFF_LOGGED_OUT: _("Uitgelogd"),
    Action.STAFF_LOGIN_FAILED: _("Inloggen mislukt"),
}


class AuditLogFilterForm(forms.Form):
    actor = forms.CharField(
        label=_("Door (e-mailadres of deel ervan)"), required=False, max_length=254
    )
    action = forms.ChoiceField(
        label=_("Handeling"),
        required=False,
        choices=[("", _("Alle handelingen")), *ACTION_LABELS.items()],
    )
    date_from = DayField(label=_("Vanaf datum"), required=False)
    date_to = DayField(label=_("Tot en met datum"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Deze datum ligt vóór de begindatum."))
        return data
