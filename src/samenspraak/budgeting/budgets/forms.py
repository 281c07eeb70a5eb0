"""Forms for the budget setup. They turn text into values (Dutch amounts, 'categorie = bedrag'
lines); the rules live in `budgets.services`, whose messages the views put next to the right
field."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samenspraak.accounts.models import AttributeKind
from samenspraak.budgeting.budgets.services import CATEGORY_MAX
from samenspraak.budgeting.models import BallotType, OutcomeRule
from samenspraak.consultation.services import TITLE_MAX
from samenspraak.core.forms import LimitedTextField
from samenspraak.core.money import format_amount, parse_money
from samenspraak.core.place_forms import AreaChoiceField
from samenspraak.core.text import TEXT_SHORT


def parse_category_budgets(text: str) -> dict[str, str]:
    """Lines 'categorie = bedrag' into {"categorie": "12500.00"}. Raises ValueError with the
    first problem (Dutch, naming the line)."""
    result: dict[str, str] = {}
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, sep, amount_text = line.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ValueError(
                gettext("Regel %(n)s: schrijf 'categorie = bedrag', bijvoorbeeld 'Groen = 20.000'.")
                % {"n": number}
            )
        if len(name) > CATEGORY_MAX:
            raise ValueError(
                gettext("Regel %(n)s: de naam van de categorie mag hoogstens %(max)s tekens zijn.")
                % {"n": number, "max": CATEGORY_MAX}
            )
        if name.casefold() in {key.casefold() for key in result}:
            raise ValueError(
                gettext("Regel %(n)s: de categorie '%(name)s' staat er al.")
                % {"n": number, "name": name}
            )
        try:
            amount = parse_money(amount_text)
        except ValueError as error:
            raise ValueError(
                gettext("Regel %(n)s: %(problem)s") % {"n": number, "problem": error}
            ) from None
        if amount <= 0:
            raise ValueError(
                gettext("Regel %(n)s: het bedrag moet meer dan € 0 zijn.") % {"n": number}
            )
        result[name] = str(amount.quantize(Decimal("0.01")))
    return result


def format_category_budgets(categories: dict) -> str:
    lines = []
    for name, amount in (categories or {}).items():
        text = format_amount(amount)
        lines.append(f"{name} = {text}")
    return "\n".join(lines)


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
