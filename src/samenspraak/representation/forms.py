"""Forms: the questions about yourself, paper counts, a target, publishing, the CBS import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspraak.core.forms import LimitedTextField
from samenspraak.representation import selectors
from samenspraak.representation.models import (
    NOT_SAID,
    NOT_SAID_CHOICE,
    Characteristic,
    TargetKind,
)

QUESTIONS = {
    Characteristic.AGE: ("age", _("Hoe oud bent u?")),
    Characteristic.GENDER: ("gender", _("Wat is uw geslacht?")),
    Characteristic.EDUCATION: (
        "education",
        _("Wat is de hoogste opleiding die u heeft afgemaakt?"),
    ),
    Characteristic.AREA: ("area", _("Waar woont u?")),
}


class AnswerForm(forms.Form):
    """Four questions, each with "Wil ik niet zeggen" (chosen unless the person picks another)."""

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        for characteristic, (name, question) in QUESTIONS.items():
            self.fields[name] = forms.ChoiceField(
                label=question,
                choices=[*selectors.groups_of(characteristic, areas), NOT_SAID_CHOICE],
                widget=forms.RadioSelect,
                initial=NOT_SAID,
                error_messages={"required": _("Kies een antwoord of „Wil ik niet zeggen”.")},
            )


class PaperCountsForm(forms.Form):
    """One number per group (and "wil ik niet zeggen") of each characteristic."""

    def __init__(self, *args, areas, current: dict[tuple[str, str], int], **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        for characteristic in Characteristic:
            names = []
            for value, label in [*selectors.groups_of(characteristic, areas), NOT_SAID_CHOICE]:
                name = f"{characteristic}__{value}"
                self.fields[name] = forms.IntegerField(
                    label=label,
                    min_value=0,
                    max_value=1_000_000,
                    required=False,
                    initial=current.get((str(characteristic), value), 0),
                    error_messages={
                        "invalid": _("Vul een heel getal in."),
                        "min_value": _("Een aantal is 0 of meer."),
                        "max_value": _("Dat aantal is te groot."),
                    },
                )
                self.fields[name].key = (str(characteristic), value)
                names.append(name)
            self.groups.append((characteristic.label, names))

    def grouped(self):
        return [(label, [self[name] for name in names]) for label, names in self.groups]

    def counts(self) -> dict[tuple[str, str], int]:
        return {self.fields[name].key: self.cleaned_data.get(name) or 0 for name in self.fields}


class TargetForm(forms.Form):
    group = forms.ChoiceField(label=_("Groep"))
    kind = forms.ChoiceField(label=_("Soort doel"), choices=TargetKind.choices)
    number = forms.IntegerField(
        label=_("Getal"),
        help_text=_("Een percentage (bij minimaal) of een aantal procentpunten (bij hoogstens)."),
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": _("Vul een heel getal in."),
            "required": _("Vul een getal in."),
            "min_value": _("Het getal ligt tussen 0 en 100."),
            "max_value": _("Het getal ligt tussen 0 en 100."),
        },
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [
            (
                characteristic.label,
                [
                    (f"{characteristic}:{value}", label)
                    for value, label in selectors.groups_of(characteristic, areas)
                ],
            )
            for characteristic in Characteristic
        ]
        self.fields["group"].error_messages["required"] = _("Kies een groep.")

    def target_fields(self) -> dict:
        characteristic, value = self.cleaned_data["group"].split(":", 1)
        return {
            "characteristic": characteristic,
            "value": value,
            "kind": self.cleaned_data["kind"],
            "number": self.cleaned_data["number"],
        }


class ImportForm(forms.Form):
    table = forms.FileField(
        label=_("CSV-bestand van het CBS"),
        help_text=_(
            "De tabel Kerncijfers wijken en buurten als CSV, met de kolommen Codering en "
            "AantalInwoners, en zo mogelijk Mannen, Vrouwen, de leeftijdsgroepen en het "
            "opleidingsniveau."
        ),
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg.")},
    )
    source = LimitedTextField(
        label=_("Bron"),
        max_length=120,
        required=False,
        help_text=_("Bijvoorbeeld: CBS Kerncijfers wijken en buurten 2024."),
    )
