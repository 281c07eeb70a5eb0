"""Forms of the conversation pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspraak.conversations.models import STATEMENT_MAX_LENGTH, VoteValue
from samenspraak.core.dates import format_day
from samenspraak.core.forms import LimitedTextField


class StatementForm(forms.Form):
    # No HTML `required`: Utrecht's textarea turns red on :invalid, so an empty, untouched field
    # would look wrong before anyone typed; the server says what is missing.
    use_required_attribute = False

    text = LimitedTextField(
        label=_("Uw stelling"),
        help_text=_(
            "Eén korte bewering waar anderen het mee eens of oneens kunnen zijn, hoogstens "
            "280 tekens. Een medewerker bekijkt hem eerst."
        ),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": STATEMENT_MAX_LENGTH}),
        max_length=STATEMENT_MAX_LENGTH,
        error_messages={"required": _("Schrijf een stelling.")},
    )


class VoteForm(forms.Form):
    stem = forms.TypedChoiceField(choices=VoteValue.choices, coerce=int)


class PolisImportForm(forms.Form):
    comments = forms.FileField(label="comments.csv")
    votes = forms.FileField(label="votes.csv", required=False)
    participants_votes = forms.FileField(label="participants-votes.csv", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("votes") and not data.get("participants_votes"):
            raise forms.ValidationError(
                _("Kies ook votes.csv of participants-votes.csv: daarin staan de stemmen.")
            )
        return data


class ConversationForm(forms.Form):
    phase = forms.ModelChoiceField(
        label=_("Fase"),
        queryset=None,
        help_text=_("Een fase van het soort 'Stellingen peilen' zonder gesprek."),
    )
    title = LimitedTextField(label=_("Titel"), max_length=160)
    intro = forms.CharField(
        label=_("Inleiding"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    allow_statements = forms.BooleanField(
        label=_("Inwoners mogen stellingen toevoegen"), required=False, initial=True
    )

    def __init__(self, *args, phases=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = phases
        self.fields["phase"].label_from_instance = _phase_label


def _phase_label(phase) -> str:
    days = f"{format_day(phase.starts_at)} – {format_day(phase.ends_at)}"
    return f"{phase.process.title}: {phase.title} ({days})"


class SeedForm(forms.Form):
    use_required_attribute = False  # see StatementForm

    text = LimitedTextField(
        label=_("Nieuwe stelling van de gemeente"),
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": STATEMENT_MAX_LENGTH}),
        max_length=STATEMENT_MAX_LENGTH,
        error_messages={"required": _("Schrijf een stelling.")},
    )
