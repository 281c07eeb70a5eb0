from django import forms
from django.utils.translation import gettext_lazy as _

from samenspraak.core.forms import DayField, LimitedTextField, limited_formfield
from samenspraak.dialogue.models import (
    COMMENT_MAX_LENGTH,
    MUTE_REASON_MAX_LENGTH,
    REPORT_REASON_MAX_LENGTH,
    HouseRule,
    Position,
)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Uw reactie"),
        help_text=_("Maximaal %(max)s tekens. Houd u aan de huisregels.")
        % {"max": COMMENT_MAX_LENGTH},
        widget=forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea"}),
        required=True,
        error_messages={"required": _("Schrijf eerst uw reactie.")},
    )

    position = forms.ChoiceField(
        label=_("Uw standpunt"),
        choices=Position.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    quoted = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, positions: bool = False, **kwargs):
        """`positions`: the target takes a position (for, against, neutral)."""
        super().__init__(*args, **kwargs)
        if not positions:
            del self.fields["position"]

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) > COMMENT_MAX_LENGTH:
            raise forms.ValidationError(
                _("Uw tekst is %(length)s tekens lang. Er mogen maximaal %(max)s tekens in.")
                % {"length": len(body), "max": COMMENT_MAX_LENGTH}
            )
        return body


class CommentEditForm(forms.Form):
    body = CommentForm.base_fields["body"]

    clean_body = CommentForm.clean_body


class MuteForm(forms.Form):
    until = DayField(
        label=_("Gedempt tot en met"),
        help_text=_("Tot en met deze dag kan de deelnemer geen reacties plaatsen."),
    )
    reason = LimitedTextField(
        label=_("Reden"),
        help_text=_("De deelnemer ziet deze reden."),
        max_length=MUTE_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
        error_messages={"required": _("Schrijf kort waarom. De deelnemer ziet deze reden.")},
    )


class FilterWordForm(forms.Form):
    word = LimitedTextField(
        label=_("Woord of woordgroep"),
        help_text=_(
            "Reacties met dit woord wachten op controle door een moderator voordat anderen ze zien."
        ),
        max_length=60,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
        error_messages={"required": _("Vul een woord in.")},
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom meldt u dit?"),
        help_text=_("Bijvoorbeeld: het is beledigend, het is reclame, of het gaat over iemand."),
        widget=forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea"}),
        error_messages={"required": _("Schrijf kort waarom u dit meldt.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) > REPORT_REASON_MAX_LENGTH:
            raise forms.ValidationError(
                _("Uw tekst is %(length)s tekens lang. Er mogen maximaal %(max)s tekens in.")
                % {"length": len(reason), "max": REPORT_REASON_MAX_LENGTH}
            )
        return reason


class DecisionForm(forms.Form):
    HIDE, KEEP, RESTORE = "hide", "keep", "restore"

    action = forms.ChoiceField(
        label=_("Besluit"),
        choices=[
            (HIDE, _("Verbergen")),
            (KEEP, _("Laten staan")),
            (RESTORE, _("Weer tonen")),
        ],
    )
    rule = forms.ChoiceField(
        label=_("Huisregel"),
        required=False,
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    note = LimitedTextField(
        label=_("Notitie (alleen voor moderatoren)"),
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )

    def __init__(self, *args, rules=(), **kwargs):
        """`rules`: the municipality's house rules (a list, so many forms cost no queries)."""
        super().__init__(*args, **kwargs)
        self.rules = {str(rule.pk): rule for rule in rules}
        self.fields["rule"].choices = [("", _("Kies een huisregel"))] + [
            (str(rule.pk), rule.title) for rule in rules
        ]

    def clean_rule(self):
        value = self.cleaned_data.get("rule")
        return self.rules.get(value) if value else None

    def clean(self):
        data = super().clean()
        if data.get("action") == self.HIDE and not data.get("rule"):
            self.add_error("rule", _("Kies de huisregel die deze inhoud breekt."))
        return data


class HouseRuleForm(forms.ModelForm):
    class Meta:
        formfield_callback = limited_formfield
        model = HouseRule
        fields = ["title", "text", "order"]
        widgets = {
            "title": forms.TextInput(attrs={"class": "utrecht-textbox"}),
            "text": forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea"}),
            "order": forms.NumberInput(attrs={"class": "utrecht-textbox"}),
        }
