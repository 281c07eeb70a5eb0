from django import forms
from django.utils.translation import gettext_lazy as _

from samenspraak.core import components
from samenspraak.core.forms import DayField, LimitedTextField


class AuditLogFilterForm(forms.Form):
    actor = LimitedTextField(
        label=_("Door (e-mailadres of deel ervan)"), required=False, max_length=254
    )
    action = forms.ChoiceField(
        label=_("Handeling"),
        required=False,
        choices=[],
    )
    date_from = DayField(label=_("Vanaf datum"), required=False)
    date_to = DayField(label=_("Tot en met datum"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every action some installed app records, labelled by that app's manifest.
        labels = sorted(components.audit_action_labels().items(), key=lambda item: str(item[1]))
        self.fields["action"].choices = [("", _("Alle handelingen")), *labels]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Deze datum ligt vóór de begindatum."))
        return data
