"""Forms of the initiative pages. The services check the rules; these keep what was typed."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspraak.core.dates import format_moment
from samenspraak.core.forms import DayField, LimitedTextField
from samenspraak.core.text import TEXT_SHORT
from samenspraak.initiatives.models import QUESTION_MAX, InitiativeKind, MinimumAge, Outcome
from samenspraak.initiatives.services import TEXT_MIN, TITLE_MAX, TITLE_MIN
from samenspraak.organisations.models import Area, Topic

TOO_SHORT = _("Schrijf minstens %(limit_value)d tekens.")


class InitiativeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat vraagt u de raad?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat u de raad vraagt.")},
    )
    title = LimitedTextField(
        label=_("Titel"),
        help_text=_("Kort en duidelijk, bijvoorbeeld: Een zebrapad bij de basisschool."),
        min_length=TITLE_MIN,
        max_length=TITLE_MAX,
        error_messages={
            "required": _("Geef uw initiatief een titel."),
            "min_length": _("Geef een titel van minstens %(limit_value)d tekens."),
        },
    )
    problem = LimitedTextField(
        label=_("Wat is het probleem?"),
        max_length=TEXT_SHORT,
        widget=forms.Textarea(attrs={"rows": 5}),
        min_length=TEXT_MIN,
        error_messages={"required": _("Beschrijf het probleem."), "min_length": TOO_SHORT},
    )
    proposal = LimitedTextField(
        label=_("Wat stelt u voor?"),
        max_length=TEXT_SHORT,
        widget=forms.Textarea(attrs={"rows": 5}),
        min_length=TEXT_MIN,
        error_messages={"required": _("Beschrijf uw voorstel."), "min_length": TOO_SHORT},
    )
    council_ask = LimitedTextField(
        label=_("Wat moet de gemeenteraad doen?"),
        help_text=_("Bijvoorbeeld: de raad besluit geld vrij te maken voor een zebrapad."),
        max_length=TEXT_SHORT,
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=TEXT_MIN,
        error_messages={"required": _("Schrijf wat u de raad vraagt."), "min_length": TOO_SHORT},
    )
    area = forms.ModelChoiceField(
        label=_("Gebied (niet verplicht)"),
        queryset=None,
        required=False,
        empty_label=_("Hele gemeente"),
    )

    def __init__(self, *args, bylaws, areas, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(InitiativeKind.choices)
        self.fields["kind"].choices = [
            (
                b.kind,
                _("%(kind)s (%(needed)s handtekeningen in %(days)s dagen)")
                % {"kind": labels[b.kind], "needed": b.signatures_needed, "days": b.collect_days},
            )
            for b in bylaws
        ]
        self.fields["area"].queryset = areas


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Uw besluit"),
        widget=forms.RadioSelect,
        choices=[
            ("admit", _("Toelaten: inwoners kunnen tekenen")),
            ("refuse", _("Niet toelaten")),
        ],
        error_messages={"required": _("Kies of u het initiatief toelaat.")},
    )
    reason = LimitedTextField(
        label=_("Toelichting"),
        help_text=_("Verplicht als u het niet toelaat. Dit is openbaar."),
        max_length=TEXT_SHORT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PaperListForm(forms.Form):
    received_on = DayField(label=_("Ontvangen op"))
    lines = forms.CharField(
        label=_("Handtekeningen"),
        help_text=_(
            "Eén persoon per regel: naam; postcode; huisnummer. Voeg het e-mailadres toe als het "
            "op de lijst staat (naam; postcode; huisnummer; e-mail): dan ziet u wie ook online "
            "tekende. Een tab mag ook in plaats van ;."
        ),
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": _("Typ minstens één regel van de lijst over.")},
    )


class MeetingForm(forms.Form):
    title = LimitedTextField(label=_("Naam"), max_length=120, initial=_("Raadsvergadering"))
    day = DayField(label=_("Datum"))
    time = forms.TimeField(
        label=_("Begintijd"),
        initial=datetime.time(19, 30),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Vul een tijd in, bijvoorbeeld 19:30.")},
    )
    location = LimitedTextField(label=_("Plaats"), max_length=120, required=False)
    agenda_url = forms.URLField(
        label=_("Link naar de officiële agenda"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een volledig webadres in, met https://.")},
    )

    def starts_at(self) -> datetime.datetime:
        data = self.cleaned_data
        return timezone.make_aware(datetime.datetime.combine(data["day"], data["time"]))


def _meeting_label(meeting) -> str:
    when = format_moment(meeting.starts_at)
    return f"{meeting.title}, {when}"


class ScheduleForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Vergadering"),
        queryset=None,
        empty_label=None,
        error_messages={"required": _("Kies een vergadering.")},
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = _meeting_label


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Besluit van de raad"),
        widget=forms.RadioSelect,
        choices=Outcome.choices,
        error_messages={"required": _("Kies het besluit van de raad.")},
    )
    motivation = LimitedTextField(
        label=_("Motivering"),
        help_text=_("Waarom besloot de raad zo? Dit is openbaar."),
        max_length=TEXT_SHORT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf kort waarom de raad zo besloot.")},
    )
    decided_on = DayField(label=_("Besloten op"))
    decision_url = forms.URLField(
        label=_("Link naar het officiële besluit"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een volledig webadres in, met https://.")},
    )


class ByLawForm(forms.Form):
    """One kind's rules; the page shows one form per kind (prefixed with the kind)."""

    signatures_needed = forms.IntegerField(
        label=_("Aantal handtekeningen nodig"),
        min_value=1,
        error_messages={
            "required": _("Vul een aantal in."),
            "invalid": _("Vul een heel getal in."),
        },
    )
    collect_days = forms.IntegerField(
        label=_("Dagen om handtekeningen te verzamelen"),
        min_value=1,
        error_messages={
            "required": _("Vul een aantal dagen in."),
            "invalid": _("Vul een heel getal in."),
        },
    )
    minimum_age = forms.TypedChoiceField(
        label=_("Minimumleeftijd om te tekenen"),
        choices=MinimumAge.choices,
        coerce=int,
        initial=MinimumAge.SIXTEEN,
    )
    postcodes = LimitedTextField(
        label=_("Postcodes in de gemeente (voor papieren lijsten)"),
        help_text=_("Bijvoorbeeld 9990-9999, 9801. Leeg: niet controleren."),
        required=False,
        max_length=200,
    )


class CouncilMemberForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Account van het raadslid"),
        queryset=None,
        error_messages={"required": _("Kies een account met de rol raadslid.")},
    )
    name = LimitedTextField(label=_("Naam (openbaar)"), max_length=120)
    party = LimitedTextField(label=_("Partij"), max_length=80)
    portfolio = LimitedTextField(
        label=_("Onderwerpen"),
        help_text=_("Bijvoorbeeld: verkeer, groen, wonen."),
        max_length=200,
        required=False,
    )
    bio = LimitedTextField(
        label=_("Over mij"),
        max_length=TEXT_SHORT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Gebieden"),
        help_text=_("Op de eigen pagina van het raadslid staan processen en initiatieven hier."),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Thema's in de portefeuille"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, accounts, areas=None, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = accounts
        self.fields["user"].label_from_instance = lambda u: f"{u.display_name} ({u.email})"
        self.fields["areas"].queryset = areas if areas is not None else Area.objects.none()
        self.fields["topics"].queryset = topics if topics is not None else Topic.objects.none()


class CouncilReactionForm(forms.Form):
    body = LimitedTextField(
        label=_("Uw reactie als raadslid"),
        help_text=_("Openbaar, met uw naam en partij."),
        max_length=TEXT_SHORT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf uw reactie.")},
    )


class CouncilQuestionForm(forms.Form):
    member = forms.ChoiceField(
        label=_("Aan wie stelt u uw vraag?"),
        error_messages={"required": _("Kies een raadslid of alle raadsleden.")},
    )
    body = LimitedTextField(
        label=_("Uw vraag"),
        help_text=_("Openbaar, met het antwoord. Uw naam staat er niet bij."),
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf uw vraag.")},
    )

    ALL = "alle"

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.pk): m for m in members}
        self.fields["member"].choices = [(self.ALL, _("Alle raadsleden"))] + [
            (str(m.pk), f"{m.name} ({m.party})") for m in members
        ]

    def chosen_member(self):
        """The member asked, or None for all members."""
        return self.members.get(self.cleaned_data["member"])


class CouncilAnswerForm(forms.Form):
    answer = LimitedTextField(
        label=_("Uw antwoord als raadslid"),
        help_text=_("Openbaar, met uw naam en partij. De vraagsteller krijgt een e-mail."),
        max_length=TEXT_SHORT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Schrijf uw antwoord.")},
    )


class QuestionCheckForm(forms.Form):
    """A moderator's decision on one waiting question (the button pressed is the decision)."""

    decision = forms.ChoiceField(
        choices=[("publish", _("Vraag plaatsen")), ("refuse", _("Niet plaatsen"))],
        widget=forms.HiddenInput,
    )
    reason = LimitedTextField(
        label=_("Reden als u de vraag niet plaatst"),
        help_text=_("De vraagsteller leest deze reden bij de vraag."),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
