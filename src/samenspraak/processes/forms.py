"""Forms for the public filters and the process wizard. Plain forms: every step works without
JavaScript; the service does the checks that need the whole process."""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspraak.core.forms import DayField, LimitedTextField, RichTextField, limited_formfield
from samenspraak.organisations.models import Area, Department, Topic
from samenspraak.processes.models import ParticipationLevel, PolicyPhase, Process
from samenspraak.processes.phases import phase_kinds

WHEN_CHOICES = [
    ("", _("Alles")),
    ("current", _("Loopt nu")),
    ("upcoming", _("Binnenkort")),
    ("past", _("Afgelopen")),
]


class _MunicipalityForm:
    """Limits area/topic/department choices to one municipality."""

    def _limit(self, municipality):
        for name, model in (
            ("area", Area),
            ("areas", Area),
            ("topic", Topic),
            ("topics", Topic),
            ("department", Department),
        ):
            if name in self.fields:
                self.fields[name].queryset = model.objects.filter(municipality=municipality)


class _AreaTopicFilterForm(_MunicipalityForm, forms.Form):
    """The area and topic filters the process list and the calendar share."""

    area = forms.ModelChoiceField(
        label=_("Gebied"),
        queryset=Area.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("Alle gebieden"),
    )
    topic = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Topic.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("Alle thema's"),
    )

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit(municipality)


class ProcessFilterForm(_AreaTopicFilterForm):
    level = forms.ChoiceField(
        label=_("Participatieniveau"),
        choices=[("", _("Alle niveaus")), *ParticipationLevel.choices],
        required=False,
    )
    when = forms.ChoiceField(label=_("Wanneer"), choices=WHEN_CHOICES, required=False)


class CalendarFilterForm(_AreaTopicFilterForm):
    department = forms.ModelChoiceField(
        label=_("Afdeling"),
        queryset=Department.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("Alle afdelingen"),
    )


class AreaTreeSelect(forms.CheckboxSelectMultiple):
    """Checkboxes for areas as a tree: each wijk a group with its buurten nested under it."""

    template_name = "processes/widgets/area_tree.html"


def area_tree_choices(areas) -> list:
    """(wijk name, [(wijk id, "De hele wijk ..."), (buurt id, buurt name), ...]) per wijk, for
    AreaTreeSelect; `areas` is evaluated once (one query). A buurt whose wijk is not among
    `areas` gets a group of its own."""
    areas = list(areas)
    wijken = {area.pk: area for area in areas if area.parent_id is None}
    buurten: dict[int, list] = {}
    for area in areas:
        if area.parent_id is not None:
            buurten.setdefault(area.parent_id, []).append(area)
    groups = []
    for wijk in sorted(wijken.values(), key=lambda a: a.name):
        options = [(wijk.pk, _("De hele wijk %(name)s") % {"name": wijk.name})]
        options += [(b.pk, b.name) for b in sorted(buurten.pop(wijk.pk, []), key=lambda a: a.name)]
        groups.append((wijk.name, options))
    for orphans in buurten.values():
        groups += [(b.name, [(b.pk, b.name)]) for b in orphans]
    return groups


class GoalForm(_MunicipalityForm, forms.ModelForm):
    goal = RichTextField(
        label=_("Waarom vraagt de gemeente dit?"),
        rows=4,
        top=3,
        help_text=_("Schrijf in gewone taal wat u wilt bereiken en waarom inwoners meedoen."),
    )
    description = RichTextField(label=_("Toelichting"), rows=6, top=3, required=False)

    class Meta:
        formfield_callback = limited_formfield
        model = Process
        fields = [
            "title",
            "summary",
            "goal",
            "description",
            "policy_phase",
            "areas",
            "topics",
            "department",
        ]
        help_texts = {"summary": _("Eén of twee zinnen die op de overzichten staan.")}
        widgets = {
            "areas": AreaTreeSelect,
            "topics": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit(municipality)
        self.fields["areas"].widget.choices = area_tree_choices(self.fields["areas"].queryset)
        self.fields["areas"].help_text = _(
            "Kies een hele wijk of losse buurten. Niets gekozen: het gaat over de hele gemeente."
        )
        self.fields["policy_phase"].choices = PolicyPhase.choices


class LevelForm(forms.ModelForm):
    class Meta:
        formfield_callback = limited_formfield
        model = Process
        fields = ["level", "decision_rule"]
        widgets = {"level": forms.RadioSelect, "decision_rule": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = ParticipationLevel.choices


class CommitmentForm(forms.ModelForm):
    answer_days = forms.IntegerField(
        label=_("Antwoordtermijn in dagen"),
        help_text=_("Binnen zoveel dagen krijgt elke inbreng een openbaar antwoord (1 tot 90)."),
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        error_messages={
            "invalid": _("Vul een heel getal in, bijvoorbeeld 21."),
            "required": _("Vul in binnen hoeveel dagen elke inbreng een antwoord krijgt."),
            "min_value": _("De antwoordtermijn is minstens 1 dag."),
            "max_value": _("De antwoordtermijn is hoogstens 90 dagen."),
        },
    )

    class Meta:
        formfield_callback = limited_formfield
        model = Process
        fields = [
            "commitment",
            "commitment_owner",
            "commitment_due",
            "decision_maker",
            "answer_days",
        ]
        labels = {
            "commitment": _("Wat doet de gemeente met de inbreng?"),
            "commitment_owner": _("Wie doet dat?"),
            "commitment_due": _("Wanneer is dat klaar?"),
        }
        widgets = {"commitment": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"commitment_due": DayField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("commitment", "commitment_owner", "decision_maker"):
            self.fields[name].required = True


def day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class PhaseForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort fase"),
        error_messages={
            "required": _("Kies een soort fase."),
            "invalid_choice": _("Kies een soort fase uit de lijst."),
        },
    )
    title = LimitedTextField(label=_("Titel"), max_length=120)
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    first_day = DayField(label=_("Eerste dag"))
    last_day = DayField(
        label=_("Laatste dag"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2027-03-31.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Kies een soort")), *phase_kinds.choices()]
        self.fields["kind"].help_text = _("Wat inwoners in deze fase kunnen doen.")

    def clean(self):
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", _("De laatste dag ligt op of na de eerste dag."))
        return data

    def phase_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "description": data["description"],
            "starts_at": day_start(data["first_day"]),
            "ends_at": day_start(data["last_day"] + datetime.timedelta(days=1)),
        }

    @classmethod
    def initial_for(cls, phase) -> dict:
        return {
            "kind": phase.kind,
            "title": phase.title,
            "description": phase.description,
            "first_day": timezone.localtime(phase.starts_at).date(),
            "last_day": phase.last_day,
        }


class OutcomeForm(forms.ModelForm):
    outcome = RichTextField(label=_("Uitkomst"), rows=6, top=3)

    class Meta:
        formfield_callback = limited_formfield
        model = Process
        fields = ["outcome"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True


class SaveTemplateForm(forms.Form):
    name = LimitedTextField(label=_("Naam van het sjabloon"), max_length=120)
    description = forms.CharField(
        label=_("Beschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class StartFromTemplateForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Sjabloon"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Kies een sjabloon."),
            "invalid_choice": _("Kies een sjabloon uit de lijst."),
        },
    )
    title = LimitedTextField(
        label=_("Titel van het proces"),
        max_length=160,
        required=False,
        help_text=_("Leeg laten: de titel uit het sjabloon."),
    )
    start_date = DayField(
        label=_("Begindatum"),
        help_text=_("De fasen beginnen vanaf deze dag, in de volgorde van het sjabloon."),
        error_messages={"required": _("Vul een begindatum in.")},
    )

    def __init__(self, *args, templates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        self.fields["template"].label_from_instance = lambda t: (
            f"{t.name} ({_('eigen sjabloon') if t.municipality_id else _('meegeleverd')})"
        )


class ImportTemplateForm(forms.Form):
    file = forms.FileField(
        label=_("JSON-bestand"),
        help_text=_("Een sjabloon dat u uit Samenspraak heeft geëxporteerd."),
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg.")},
    )
