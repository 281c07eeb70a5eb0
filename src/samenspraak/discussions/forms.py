"""Forms of the discussion pages: a new thread, following, and the community manager's tools."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspraak.core.forms import LimitedTextField, RichTextField
from samenspraak.core.text import TEXT_SHORT
from samenspraak.discussions.models import (
    INTRO_MAX_LENGTH,
    REASON_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Frequency,
    Moderation,
    SpaceKind,
)


class ThreadForm(forms.Form):
    title = LimitedTextField(
        label=_("Onderwerp"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("Waar wilt u over praten? Bijvoorbeeld: Meer bankjes in het park."),
        error_messages={"required": _("Geef uw gesprek een onderwerp.")},
    )
    body = LimitedTextField(
        label=_("Uw openingstekst"),
        max_length=TEXT_SHORT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Vertel wat u bedoelt en waarom. Andere inwoners kunnen erop reageren."),
        error_messages={"required": _("Schrijf waar u over wilt praten.")},
    )


class FollowForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Hoe wilt u op de hoogte blijven?"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )


class SpaceForm(forms.Form):
    name = LimitedTextField(label=_("Naam"), max_length=120)
    kind = forms.ChoiceField(
        label=_("Soort gesprek"), choices=SpaceKind.choices, widget=forms.RadioSelect
    )
    area = forms.ModelChoiceField(
        label=_("Gebied (bij een buurtgesprek)"), queryset=None, required=False
    )
    topic = forms.ModelChoiceField(
        label=_("Thema (bij een stadsgesprek)"), queryset=None, required=False
    )
    intro = RichTextField(label=_("Inleiding"), max_length=INTRO_MAX_LENGTH, required=False, rows=6)
    house_rules = LimitedTextField(
        label=_("Eigen huisregels van deze ruimte"),
        max_length=TEXT_SHORT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Eén regel per regel, zo: 'Titel: uitleg'. Deze regels gelden naast de huisregels "
            "van de gemeente."
        ),
    )
    moderation = forms.ChoiceField(
        label=_("Moderatie"), choices=Moderation.choices, widget=forms.RadioSelect
    )
    is_open = forms.BooleanField(
        label=_("Open: inwoners kunnen gesprekken beginnen en reageren"), required=False
    )
    process = forms.ModelChoiceField(
        label=_("Hoort bij een participatieproces (mag leeg)"), queryset=None, required=False
    )

    def __init__(self, *args, municipality=None, **kwargs):
        from samenspraak.organisations.models import Area, Topic
        from samenspraak.processes.models import Process

        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(municipality=municipality)
        self.fields["topic"].queryset = Topic.objects.filter(municipality=municipality)
        self.fields["process"].queryset = Process.objects.filter(municipality=municipality)


class ReasonForm(forms.Form):
    reason = LimitedTextField(
        label=_("Reden (deelnemers zien deze)"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf de reden op.")},
    )


class SummaryForm(forms.Form):
    summary = LimitedTextField(
        label=_("Samenvatting van het gesprek"),
        max_length=SUMMARY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wat zijn de belangrijkste punten, voor en tegen? Leeg maken haalt hem weg."),
    )
