"""Forms for budget setup, proposals and the review. They turn text into values (Dutch amounts,
'categorie = bedrag' lines); the rules live in budgets.py and proposals.py, whose messages the
views put next to the right field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspraak.accounts.models import AttributeKind
from samenspraak.budgeting.budgets import format_money, parse_category_budgets
from samenspraak.budgeting.models import BallotType, Feasibility, OutcomeRule
from samenspraak.consultation.services import BODY_MAX, TITLE_MAX
from samenspraak.core.forms import LimitedTextField
from samenspraak.core.money import format_amount
from samenspraak.core.place_forms import AreaChoiceField, PlaceAndImageForm
from samenspraak.core.text import TEXT_SHORT


class MoneyField(LimitedTextField):
    """Euros as typed in the Netherlands ('12.500', '12500,50'). Cleans to the text: the service
    reads it (budgets.parse_money), so a bad amount is reported together with every other
    problem of the form, and the text comes back as typed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        return attrs


def money_initial(amount) -> str:
    """A Decimal as the form shows it: '12.500' or '12.500,50'."""
    return format_amount(amount)


class BudgetForm(forms.Form):
    title = LimitedTextField(
        label=_("Naam"),
        max_length=TITLE_MAX,
        help_text=_("Bijvoorbeeld: Buurtbudget Noord 2026."),
    )
    description = LimitedTextField(
        label=_("Toelichting (niet verplicht)"),
        required=False,
        max_length=TEXT_SHORT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    area = AreaChoiceField(
        label=_("Gebied"),
        queryset=None,
        required=False,
        empty_label=_("De hele gemeente"),
    )
    amount = MoneyField(label=_("Bedrag in euro"), help_text=_("Bijvoorbeeld 250.000 of 12500,50."))
    required_attributes = forms.MultipleChoiceField(
        label=_("Wie mag stemmen?"),
        required=False,
        choices=AttributeKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Wat moet gecontroleerd zijn voordat iemand stemt? 'Woont in gebied' betekent: "
            "woont in het gebied van dit budget. Kies niets: iedereen met een account."
        ),
    )
    support_threshold = forms.IntegerField(
        label=_("Benodigde steun"),
        min_value=0,
        initial=0,
        help_text=_(
            "Hoeveel inwoners een voorstel moeten steunen voordat het op het stembiljet kan. "
            "0: geen drempel."
        ),
    )
    ballot_type = forms.ChoiceField(
        label=_("Soort stembiljet"), choices=BallotType.choices, widget=forms.RadioSelect
    )
    max_choices = forms.IntegerField(
        label=_("Hoogstens kiezen (niet altijd nodig)"),
        required=False,
        min_value=0,
        help_text=_(
            "Bij 'kies projecten': het maximum aantal projecten (leeg: zoveel als u wilt). "
            "Bij 'in volgorde': hoeveel projecten in de top. Anders leeg laten."
        ),
    )
    points = forms.IntegerField(
        label=_("Punten per stemmer (niet altijd nodig)"),
        required=False,
        min_value=0,
        help_text=_("Alleen bij 'verdeel punten', bijvoorbeeld 10. Anders leeg laten."),
    )
    rule = forms.ChoiceField(
        label=_("Regel voor de uitslag"),
        choices=OutcomeRule.choices,
        initial=OutcomeRule.MES_ADD1_GREEDY,
        help_text=_("Deze regel staat vast zodra het stemmen begint."),
    )
    min_score = forms.IntegerField(
        label=_("Minimum aantal stemmen (niet altijd nodig)"),
        required=False,
        min_value=0,
        help_text=_("Alleen bij de regel 'met een minimum aantal stemmen'. Anders leeg laten."),
    )
    category_budgets = LimitedTextField(
        label=_("Budget per categorie (niet verplicht)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Eén categorie per regel: 'categorie = bedrag', bijvoorbeeld 'Groen = 20.000'. "
            "Samen niet meer dan het budget."
        ),
    )

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas

    def clean_category_budgets(self):
        try:
            return parse_category_budgets(self.cleaned_data.get("category_budgets", ""))
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class ProjectForm(PlaceAndImageForm):
    field_order = ["budget", "title", "body", "estimated_cost", "category"]  # then place, picture

    budget = forms.TypedChoiceField(
        label=_("Voor welk budget?"),
        coerce=int,
        help_text=_("Het gebied van het budget is ook het gebied van uw project."),
    )
    title = LimitedTextField(
        label=_("Naam van het project"),
        max_length=TITLE_MAX,
        help_text=_("Kort en duidelijk, 5 tot 120 tekens."),
    )
    body = LimitedTextField(
        label=_("Wat wilt u doen?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=BODY_MAX,
        help_text=_("Beschrijf het project: wat, waar en voor wie. Schrijf 10 tot 5000 tekens."),
    )
    estimated_cost = MoneyField(
        label=_("Wat kost het ongeveer? (in euro)"),
        help_text=_("Een schatting is goed, bijvoorbeeld 12.500. De gemeente rekent het na."),
    )
    category = forms.ChoiceField(label=_("Categorie"), required=False)

    def __init__(self, *args, budgets=None, **kwargs):
        super().__init__(*args, **kwargs)
        budgets = list(budgets or [])
        self._budgets = {budget.pk: budget for budget in budgets}
        self.fields["budget"].choices = [("", _("Kies een budget"))] + [
            (budget.pk, _budget_label(budget)) for budget in budgets
        ]
        if len(budgets) == 1:
            self.fields["budget"].initial = budgets[0].pk
        groups = [
            (budget.title, [(name, name) for name in budget.category_budgets])
            for budget in budgets
            if budget.category_budgets
        ]
        if groups:
            self.fields["category"].choices = [("", _("Kies een categorie"))] + (
                groups if len(groups) > 1 else groups[0][1]
            )
            self.fields["category"].help_text = _(
                "Elke categorie heeft een eigen deel van het budget."
            )
        else:
            del self.fields["category"]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "budget": self._budgets.get(data["budget"]),
            "title": data["title"],
            "body": data["body"],
            "estimated_cost": data["estimated_cost"],
            "category": data.get("category") or "",
            "latitude": data.get("latitude"),
            "longitude": data.get("longitude"),
            "image": data.get("image"),
            "image_alt": data.get("image_alt", ""),
        }


def _budget_label(budget) -> str:
    place = budget.area.name if budget.area_id else _("hele gemeente")
    return f"{budget.title} ({place}, {format_money(budget.amount)})"


class ReviewForm(forms.Form):
    feasibility = forms.ChoiceField(
        label=_("Is het project haalbaar?"),
        choices=[
            (Feasibility.FEASIBLE, _("Haalbaar: het komt op het stembiljet")),
            (Feasibility.NOT_FEASIBLE, _("Niet haalbaar")),
        ],
        widget=forms.RadioSelect,
    )
    final_cost = MoneyField(
        label=_("Kosten na de toets (in euro)"),
        required=False,
        help_text=_("Leeg bij een haalbaar project: de schatting van de indiener."),
    )
    reason = LimitedTextField(
        label=_("Reden (openbaar)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_SHORT,
        help_text=_(
            "Waarom is het haalbaar of niet, en hoe komt u aan de kosten? Iedereen leest dit, "
            "ook de indiener. Schrijf in eenvoudige taal."
        ),
    )
