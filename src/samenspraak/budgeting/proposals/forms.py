"""Forms for proposals and the review. They turn text into values (Dutch amounts); the rules
live in `proposals.services`, whose messages the views put next to the right field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspraak.budgeting.budgets.forms import MoneyField
from samenspraak.budgeting.models import Feasibility
from samenspraak.consultation.services import BODY_MAX, TITLE_MAX
from samenspraak.core.forms import LimitedTextField
from samenspraak.core.money import format_money
from samenspraak.core.place_forms import PlaceAndImageForm
from samenspraak.core.text import TEXT_SHORT


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
