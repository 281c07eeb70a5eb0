"""Forms for input, answers and the inbox. Validation that matters lives in services; forms
only turn text into values and show the services' messages next to the right field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspraak.consultation.models import OFFLINE_CHANNELS, Channel, InputStatus, Outcome
from samenspraak.consultation.services import BODY_MAX, TITLE_MAX
from samenspraak.core.forms import DayField, LimitedTextField, RichTextField
from samenspraak.core.place_forms import AreaChoiceField, PlaceAndImageForm
from samenspraak.core.text import TEXT_LONG, TEXT_SHORT


class InputForm(PlaceAndImageForm):
    field_order = ["title", "body", "area", "topic"]  # then the place and the picture

    title = LimitedTextField(
        label=_("Titel"),
        max_length=TITLE_MAX,
        help_text=_("Kort en duidelijk, 5 tot 120 tekens."),
    )
    body = LimitedTextField(
        label=_("Uw inbreng"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=BODY_MAX,
        help_text=_("Wat is uw idee of mening? Schrijf 10 tot 5000 tekens."),
    )
    area = AreaChoiceField(
        label=_("Over welk gebied gaat het?"),
        queryset=None,
        required=False,
        empty_label=_("Geen bepaald gebied"),
    )
    topic = forms.ModelChoiceField(
        label=_("Thema"), queryset=None, required=False, empty_label=_("Geen thema")
    )

    def __init__(self, *args, areas=None, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        # One query each for the areas and the topics: the choices are shown from these lists
        # (a model choice field asks the database again every time it is drawn), and
        # `render_key` names everything the drawn form depends on.
        self.fields["area"].queryset = areas
        self.fields["topic"].queryset = topics
        for name, rows in (("area", areas), ("topic", topics)):
            field = self.fields[name]
            field.choices = [("", field.empty_label)] + [
                (row.pk, field.label_from_instance(row))
                for row in (rows if rows is not None else [])
            ]

    def render_key(self) -> tuple | None:
        """What the drawn form depends on besides the language: the values given and the
        area and topic choices; None while it has errors (those are drawn too)."""
        if self.is_bound and self.errors:
            return None
        values = tuple((name, str(self[name].value() or "")) for name in self.fields)
        choices = tuple(
            tuple((str(value), str(label)) for value, label in self.fields[name].choices)
            for name in ("area", "topic")
        )
        return values, choices

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "body": data["body"],
            "area": data.get("area"),
            "topic": data.get("topic"),
            "latitude": data.get("latitude"),
            "longitude": data.get("longitude"),
            "image": data.get("image"),
            "image_alt": data.get("image_alt", ""),
        }


class OfflineInputForm(InputForm):
    field_order = ["channel", "received_on", "submitter_name"]

    channel = forms.ChoiceField(
        label=_("Hoe kwam de inbreng binnen?"),
        choices=[(c, label) for c, label in Channel.choices if c in OFFLINE_CHANNELS],
    )
    received_on = DayField(
        label=_("Ontvangen op"),
        help_text=_("De datum waarop de inbreng binnenkwam."),
    )
    submitter_name = LimitedTextField(
        label=_("Naam van de indiener (niet verplicht)"),
        required=False,
        max_length=80,
        help_text=_("Bijvoorbeeld: Mevrouw Jansen. Op de website staat alleen 'Mevrouw J.'."),
    )

    def __init__(self, *args, phases=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Inbreng")
        if phases and len(phases) > 1:
            self.fields["phase"] = forms.TypedChoiceField(
                label=_("Fase"), coerce=int, choices=[(p.pk, p.title) for p in phases]
            )


class InputFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle"))] + InputStatus.choices
    )
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), required=False, choices=[("", _("Alle"))] + Outcome.choices
    )
    area = AreaChoiceField(
        label=_("Gebied"), queryset=None, required=False, empty_label=_("Alle gebieden")
    )
    topic = forms.ModelChoiceField(
        label=_("Thema"), queryset=None, required=False, empty_label=_("Alle thema's")
    )
    sort = forms.ChoiceField(
        label=_("Sorteren op"),
        required=False,
        choices=[("new", _("Nieuwste eerst")), ("support", _("Meeste steun eerst"))],
    )

    def __init__(self, *args, areas=None, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        # One query each for the areas and the topics: the choices are shown from these lists
        # (a model choice field asks the database again every time it is drawn), and
        # `render_key` names everything the drawn form depends on.
        self.fields["area"].queryset = areas
        self.fields["topic"].queryset = topics
        for name, rows in (("area", areas), ("topic", topics)):
            field = self.fields[name]
            field.choices = [("", field.empty_label)] + [
                (row.pk, field.label_from_instance(row))
                for row in (rows if rows is not None else [])
            ]

    def render_key(self) -> tuple | None:
        """What the drawn form depends on besides the language: the values given and the
        area and topic choices; None while it has errors (those are drawn too)."""
        if self.is_bound and self.errors:
            return None
        values = tuple((name, str(self[name].value() or "")) for name in self.fields)
        choices = tuple(
            tuple((str(value), str(label)) for value, label in self.fields[name].choices)
            for name in ("area", "topic")
        )
        return values, choices


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), choices=[("", _("Kies een uitkomst"))] + Outcome.choices
    )
    body = RichTextField(
        label=_("Antwoord van de gemeente"),
        rows=8,
        top=3,
        max_length=TEXT_LONG,
        help_text=_("Dit antwoord is openbaar. Schrijf in eenvoudige taal en spreek met 'u'."),
    )
    reason = LimitedTextField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_SHORT,
        help_text=_("Waarom wordt de inbreng wel, deels of niet overgenomen?"),
    )


def _template_label(template) -> str:
    """'Bedankt (uitkomst: Overgenomen)'; just the title when it already is the outcome."""
    outcome = template.get_outcome_display() if template.outcome else ""
    if not outcome or outcome.lower() == template.title.strip().lower():
        return template.title
    return _("%(title)s (uitkomst: %(outcome)s)") % {"title": template.title, "outcome": outcome}


class TemplatePickForm(forms.Form):
    """The standard answer to start from; each option names the outcome it sets."""

    sjabloon = forms.ModelChoiceField(
        label=_("Standaardantwoord"),
        queryset=None,
        required=False,
        empty_label=_("Geen"),
        help_text=_("Vult de tekst en de uitkomst in. U kunt daarna alles nog aanpassen."),
    )

    def __init__(self, *args, templates=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["sjabloon"]
        field.queryset = templates
        field.label_from_instance = _template_label
        field.error_messages["invalid_choice"] = _("Kies een standaardantwoord uit de lijst.")


class AssignForm(forms.Form):
    owner = forms.ModelChoiceField(
        label=_("Behandelaar"), queryset=None, required=False, empty_label=_("Niemand")
    )

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff


class InboxFilterForm(forms.Form):
    mine = forms.BooleanField(label=_("Alleen mijn inbreng"), required=False)
    overdue = forms.BooleanField(label=_("Alleen te laat"), required=False)
    process = forms.ModelChoiceField(
        label=_("Proces"), queryset=None, required=False, empty_label=_("Alle processen")
    )

    def __init__(self, *args, processes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process"].queryset = processes


class AnswerTemplateForm(forms.Form):
    title = LimitedTextField(label=_("Titel"), max_length=120)
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[("", _("Kies een uitkomst"))] + Outcome.choices,
        help_text=_("Wie dit standaardantwoord kiest, krijgt deze uitkomst al ingevuld."),
        error_messages={"required": _("Kies de uitkomst die bij dit antwoord hoort.")},
    )
    body = RichTextField(
        label=_("Tekst"),
        rows=8,
        max_length=TEXT_LONG,
        help_text=_(
            "Schrijf in eenvoudige taal en spreek met 'u'. U past de tekst per inbreng aan."
        ),
    )
