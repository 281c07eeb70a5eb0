"""Forms of the delivery pages. They read what people type; the checks that matter (status moves,
amounts, dates, origins) are the services', put back on the form by apply_service_errors."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspraak.core.forms import DayField, LimitedTextField, RichTextField
from samenspraak.core.money import format_amount
from samenspraak.core.place_forms import AreaChoiceField, PlaceAndImageForm
from samenspraak.core.text import TEXT_LONG, TEXT_SHORT
from samenspraak.delivery.models import ProjectStatus
from samenspraak.organisations.models import Area, Department, Topic


class MoneyText(LimitedTextField):
    """Euros as typed ('12.500', '12500,50'); cleans to the text, the service reads it
    (core.money.parse_money), so a bad amount comes back as typed with a clear message."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        return attrs


class ProjectForm(forms.Form):
    title = LimitedTextField(label=_("Titel"), max_length=120)
    description = RichTextField(
        label=_("Beschrijving"),
        required=False,
        max_length=TEXT_LONG,
        help_text=_("Wat wordt er gedaan, waarom en voor wie?"),
    )
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices)
    progress = LimitedTextField(
        label=_("Voortgang in procent"),
        max_length=5,
        required=False,
        help_text=_("Een heel getal van 0 tot en met 100."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    budget_planned = MoneyText(
        label=_("Geplande kosten in euro (niet verplicht)"),
        help_text=_("Bijvoorbeeld 250.000 of 12500,50."),
    )
    budget_spent = MoneyText(
        label=_("Uitgegeven in euro"),
        help_text=_("Tot nu toe uitgegeven. Leeg is 0."),
    )
    department = forms.ModelChoiceField(
        label=_("Verantwoordelijke afdeling (niet verplicht)"),
        queryset=Department.objects.none(),
        required=False,
    )
    area = AreaChoiceField(
        label=_("Gebied"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Hele gemeente"),
    )
    topic = forms.ModelChoiceField(
        label=_("Thema (niet verplicht)"), queryset=Topic.objects.none(), required=False
    )
    starts_on = DayField(label=_("Begint op (niet verplicht)"), required=False)
    ends_on = DayField(label=_("Gepland klaar op (niet verplicht)"), required=False)
    latitude = PlaceAndImageForm.base_fields["latitude"]
    longitude = PlaceAndImageForm.base_fields["longitude"]
    place_name = LimitedTextField(
        label=_("Naam van de plek (niet verplicht)"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: Stadspark, ingang Parkweg."),
    )
    is_public = forms.BooleanField(label=_("Openbaar: iedereen ziet dit project"), required=False)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(municipality=municipality)
        self.fields["area"].queryset = Area.objects.filter(
            municipality=municipality
        ).select_related("parent")
        self.fields["topic"].queryset = Topic.objects.filter(municipality=municipality)

    @staticmethod
    def initial_of(project) -> dict:
        return {
            "title": project.title,
            "description": project.description,
            "status": project.status,
            "progress": str(project.progress),
            "budget_planned": format_amount(project.budget_planned)
            if project.budget_planned is not None
            else "",
            "budget_spent": format_amount(project.budget_spent),
            "department": project.department_id,
            "area": project.area_id,
            "topic": project.topic_id,
            "starts_on": project.starts_on,
            "ends_on": project.ends_on,
            "latitude": project.latitude,
            "longitude": project.longitude,
            "place_name": project.place_name,
            "is_public": project.is_public,
        }


class MilestoneForm(forms.Form):
    title = LimitedTextField(label=_("Mijlpaal"), max_length=120)
    planned_on = DayField(label=_("Gepland op"))
    done_on = DayField(
        label=_("Gehaald op (niet verplicht)"),
        required=False,
        help_text=_("Vul in als de mijlpaal gehaald is."),
    )


class UpdateForm(forms.Form):
    body = LimitedTextField(
        label=_("Bericht"),
        max_length=TEXT_SHORT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat is er gebeurd? Schrijf in gewone taal."),
    )
    image = PlaceAndImageForm.base_fields["image"]
    image_alt = PlaceAndImageForm.base_fields["image_alt"]

    def ask_for_image_again(self, request) -> None:
        PlaceAndImageForm.ask_for_image_again(self, request)  # type: ignore[arg-type]


class OriginSearchForm(forms.Form):
    q = LimitedTextField(
        label=_("Zoek op titel"),
        max_length=100,
        required=False,
        help_text=_(
            "Inbreng, projecten uit de begroting van inwoners, burgerinitiatieven en "
            "raadsbesluiten."
        ),
    )


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle"))] + list(ProjectStatus.choices),
    )
    gebied = forms.ChoiceField(label=_("Gebied"), required=False)
    thema = forms.ChoiceField(label=_("Thema"), required=False)

    def __init__(self, *args, areas, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gebied"].choices = [("", _("Hele gemeente"))] + [
            (a.slug, f"{a.parent.name} – {a.name}" if a.parent_id else a.name) for a in areas
        ]
        self.fields["thema"].choices = [("", _("Alle thema's"))] + [
            (t.slug, t.name) for t in topics
        ]
