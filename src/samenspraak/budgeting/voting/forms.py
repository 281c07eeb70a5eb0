"""Forms for the ballot (one field per project, by ballot type), vote codes and paper entry.

The ballot markup is written out in the templates (a row per project), so these forms parse
and keep what the person chose; the ballot's rules live in `voting.validate_ballot`.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspraak.budgeting.models import BallotType
from samenspraak.core.forms import LimitedTextField

POINTS_MAX = 10_000
RANK_MAX = 1_000


def field_name(budget, project) -> str:
    if budget.ballot_type == BallotType.CUMULATIVE:
        return f"points_{project.pk}"
    if budget.ballot_type == BallotType.RANKING:
        return f"rank_{project.pk}"
    return "projects"


class BallotForm(forms.Form):
    """Approval/knapsack: a checkbox group `projects`; cumulative: `points_<pk>`;
    ranking: `rank_<pk>` (empty means: not in my top)."""

    def __init__(self, *args, budget, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget, self.projects = budget, list(projects)
        kind = budget.ballot_type
        if kind in (BallotType.APPROVAL, BallotType.KNAPSACK):
            self.fields["projects"] = forms.MultipleChoiceField(
                label=_("Projecten"),
                required=False,
                choices=[(str(p.pk), str(p.pk)) for p in self.projects],
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": _("Dit project staat niet op het stembiljet.")},
            )
        else:
            high = POINTS_MAX if kind == BallotType.CUMULATIVE else RANK_MAX
            low = 0 if kind == BallotType.CUMULATIVE else 1
            for project in self.projects:
                self.fields[field_name(budget, project)] = forms.IntegerField(
                    label=str(project.pk), required=False, min_value=low, max_value=high
                )

    def choices(self) -> dict[int, int]:
        """{project pk: value} from the cleaned data (call after is_valid())."""
        data = self.cleaned_data
        if "projects" in self.fields:
            return {int(pk): 1 for pk in data.get("projects") or []}
        result = {}
        for project in self.projects:
            value = data.get(field_name(self.budget, project))
            if value:
                result[project.pk] = value
        return result

    def rows(self) -> list[dict]:
        """A row per project for the template: the project, its input's name and the value the
        person chose (from what they sent, or the initial choices)."""
        multiple = "projects" in self.fields
        if self.is_bound:
            chosen = set(self.data.getlist("projects")) if multiple else set()
        else:
            chosen = {str(pk) for pk in (self.initial.get("projects") or [])}
        rows = []
        for project in self.projects:
            name = field_name(self.budget, project)
            if multiple:
                value, checked = str(project.pk), str(project.pk) in chosen
            else:
                value = self.data.get(name, "") if self.is_bound else self.initial.get(name, "")
                checked = False
            rows.append(
                {
                    "project": project,
                    "name": name,
                    "id": f"keuze-{project.pk}",
                    "value": "" if value is None else value,
                    "checked": checked,
                    "errors": self.errors.get(name) if self.is_bound and not multiple else None,
                }
            )
        return rows

    def hidden_pairs(self) -> list[tuple[str, str]]:
        """The valid choices as (name, value) pairs, for the hidden fields of the confirm step."""
        if "projects" in self.fields:
            return [("projects", str(pk)) for pk in self.choices()]
        return [
            (field_name(self.budget, p), str(v))
            for p in self.projects
            if (v := self.choices().get(p.pk))
        ]


def initial_from_choices(budget, projects, choices: dict[int, int]) -> dict:
    if budget.ballot_type in (BallotType.APPROVAL, BallotType.KNAPSACK):
        return {"projects": [str(pk) for pk in choices]}
    return {field_name(budget, p): choices[p.pk] for p in projects if p.pk in choices}


class CodeBallotForm(BallotForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"] = LimitedTextField(
            label=_("Uw stemcode"),
            help_text=_("Staat in uw brief. Hoofdletters of kleine letters, streepjes mag."),
            max_length=40,
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        )


class PaperForm(BallotForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sheet"] = LimitedTextField(
            label=_("Nummer op het stembiljet"), max_length=30, required=False
        )


class CodeBatchForm(forms.Form):
    label = LimitedTextField(label=_("Naam van de reeks"), max_length=120, required=False)
    count = forms.IntegerField(
        label=_("Aantal codes"),
        help_text=_("Of laat leeg en kies een bestand met adressen: één code per adres."),
        required=False,
        min_value=1,
        max_value=100_000,
    )
    addresses = forms.FileField(
        label=_("Adressen (CSV)"),
        help_text=_("Eén adres per regel; kolommen worden regels op de brief."),
        required=False,
    )
    area = forms.ModelChoiceField(
        label=_("Gebied"), queryset=None, required=False, empty_label=_("Geen (hele gemeente)")
    )
    format = forms.ChoiceField(
        label=_("Bestand voor de drukker"),
        choices=[("pdf", _("PDF: één brief per pagina")), ("csv", _("CSV: voor samenvoegen"))],
        initial="pdf",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas

    def clean(self):
        data = super().clean()
        if not data.get("count") and not data.get("addresses") and not self.errors:
            self.add_error("count", _("Vul een aantal in of kies een bestand met adressen."))
        return data
