"""Forms of the conversation pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspraak.conversations.models import STATEMENT_MAX_LENGTH, VoteValue


class StatementForm(forms.Form):
    text = forms.CharField(
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
