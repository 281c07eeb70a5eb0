"""Forms: filling in a survey (one page, conditions evaluated on the server) and the builder."""

from __future__ import annotations

from django import forms
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspraak.core.dates import format_day
from samenspraak.core.forms import LimitedTextField, limited_formfield
from samenspraak.surveys.models import CHOICE_KINDS, OPTION_KINDS, Question, QuestionKind, Survey

OPEN_MAX = 5000


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def rank_field_name(question: Question, index: int) -> str:
    return f"q{question.pk}_r{index}"


class SurveyForm(forms.Form):
    """All questions on one page. A question with a show-if condition is only checked (and only
    stored) when the answer it depends on was given; otherwise whatever was typed there is
    ignored. Fields are never `required` at the HTML level, so the browser does not block a
    hidden question; `clean()` checks required questions that are visible."""

    def __init__(self, survey: Survey, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = list(survey.questions.all())
        for number, question in enumerate(self.questions, start=1):
            question.number = number
        numbers = {q.pk: q.number for q in self.questions}
        for question in self.questions:
            question.condition_number = numbers.get(question.show_if_question_id)
            self._add_fields(question)

    def _add_fields(self, question: Question) -> None:
        name = field_name(question)
        common = {"label": question.text, "help_text": self.help_for(question), "required": False}
        options = [(str(i), label) for i, label in enumerate(question.choices)]
        if question.kind == QuestionKind.SINGLE:
            self.fields[name] = forms.ChoiceField(
                choices=options, widget=forms.RadioSelect, **common
            )
        elif question.kind == QuestionKind.MULTIPLE:
            self.fields[name] = forms.MultipleChoiceField(
                choices=options, widget=forms.CheckboxSelectMultiple, **common
            )
        elif question.kind == QuestionKind.SCALE:
            scale = []
            for value in question.scale_values:
                label = str(value)
                if value == question.scale_min and question.scale_min_label:
                    label = f"{value} – {question.scale_min_label}"
                elif value == question.scale_max and question.scale_max_label:
                    label = f"{value} – {question.scale_max_label}"
                scale.append((str(value), label))
            self.fields[name] = forms.ChoiceField(choices=scale, widget=forms.RadioSelect, **common)
        elif question.kind == QuestionKind.OPEN:
            self.fields[name] = LimitedTextField(
                max_length=OPEN_MAX,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={
                    "max_length": _("Uw antwoord is te lang: hoogstens %(limit_value)d tekens.")
                },
                **common,
            )
        elif question.kind == QuestionKind.RANKING:
            count = len(question.choices)
            question.rank_fields = []
            for index, label in enumerate(question.choices):
                rank_name = rank_field_name(question, index)
                self.fields[rank_name] = forms.IntegerField(
                    label=label,
                    required=False,
                    min_value=1,
                    max_value=count,
                    widget=forms.NumberInput(
                        attrs={"min": 1, "max": count, "inputmode": "numeric"}
                    ),
                    error_messages={
                        "invalid": _("Vul een getal in."),
                        "min_value": _("Vul een getal van 1 tot en met %(count)d in.")
                        % {"count": count},
                        "max_value": _("Vul een getal van 1 tot en met %(count)d in.")
                        % {"count": count},
                    },
                )
                question.rank_fields.append(rank_name)

    @staticmethod
    def help_for(question: Question) -> str:
        """The question's explanation, plus when to answer it if it has a condition.

        HTML: the number of the question it depends on is a `data-question-ref` span, so
        survey.js can renumber it when hidden questions leave the count."""
        parts = [escape(question.help_text)] if question.help_text else []
        if question.show_if_question_id is not None:
            labels = " " + _("of") + " "
            number = format_html(
                '<span data-question-ref="q{}">{}</span>',
                question.show_if_question_id,
                question.condition_number,
            )
            parts.append(
                escape(_("Alleen invullen als u bij vraag %(number)s '%(answers)s' koos."))
                % {"number": number, "answers": escape(labels.join(question.condition_labels))}
            )
        return mark_safe(" ".join(parts))  # noqa: S308 - every part is escaped above

    def bound_fields(self):
        """(question, bound field or list of bound rank fields) in order, for the template."""
        for question in self.questions:
            if question.kind == QuestionKind.RANKING:
                question.help_text_full = self.help_for(question)
                question.rank_errors = (
                    self.errors.get(field_name(question), []) if self.is_bound else []
                )
                yield question, [self[name] for name in question.rank_fields]
            else:
                yield question, self[field_name(question)]

    def clean(self):
        cleaned = super().clean()
        self.answers: dict[int, object] = {}
        visible: dict[int, object] = {}
        for question in self.questions:
            if question.show_if_question_id is not None:
                given = visible.get(question.show_if_question_id)
                chosen = (
                    given if isinstance(given, list) else ([given] if given is not None else [])
                )
                if not set(chosen) & set(question.show_if_values):
                    continue  # hidden: not required, not stored
            value = self._value(question, cleaned)
            if value is None:
                if question.required and not self._has_field_error(question):
                    self.add_error(field_name(question), _("Beantwoord deze vraag."))
                continue
            visible[question.pk] = value
            self.answers[question.pk] = value
        return cleaned

    def _has_field_error(self, question) -> bool:
        if question.kind == QuestionKind.RANKING:
            return any(name in self.errors for name in question.rank_fields)
        return field_name(question) in self.errors

    def _value(self, question, cleaned):
        name = field_name(question)
        if question.kind == QuestionKind.SINGLE:
            raw = cleaned.get(name)
            return int(raw) if raw not in (None, "") else None
        if question.kind == QuestionKind.MULTIPLE:
            raw = cleaned.get(name) or []
            return sorted(int(v) for v in raw) or None
        if question.kind == QuestionKind.SCALE:
            raw = cleaned.get(name)
            return int(raw) if raw not in (None, "") else None
        if question.kind == QuestionKind.OPEN:
            text = (cleaned.get(name) or "").strip()
            return text or None
        # Ranking: every item a different number 1..n, or nothing at all.
        if any(n in self.errors for n in question.rank_fields):
            return None
        ranks = [cleaned.get(n) for n in question.rank_fields]
        if all(r is None for r in ranks):
            return None
        if any(r is None for r in ranks) or sorted(ranks) != list(range(1, len(ranks) + 1)):
            self.add_error(
                name,
                _(
                    "Geef elk onderdeel een ander nummer, van 1 tot en met %(count)d. "
                    "Elk nummer één keer."
                )
                % {"count": len(ranks)},
            )
            return None
        return ranks

    def add_error(self, field, error):
        # Ranking errors belong to the question as a whole, which has no single field.
        if field is not None and field not in self.fields:
            self._errors = self._errors if self._errors is not None else {}
            self._errors.setdefault(field, self.error_class(renderer=self.renderer)).extend(
                error if isinstance(error, list) else [error]
            )
            return
        super().add_error(field, error)


class SurveyMetaForm(forms.ModelForm):
    class Meta:
        formfield_callback = limited_formfield
        model = Survey
        fields = ["phase", "title", "intro", "allow_anonymous"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, phases=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["phase"]
        else:
            self.fields["phase"].queryset = phases
            self.fields["phase"].label_from_instance = lambda p: (
                f"{p.title} ({format_day(p.starts_at)} – {format_day(p.ends_at)})"
            )
            self.fields["phase"].error_messages["invalid_choice"] = _("Kies een fase uit de lijst.")


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Soort vraag"),
        choices=QuestionKind.choices,
        error_messages={"invalid_choice": gettext_lazy("Kies een soort vraag uit de lijst.")},
    )
    text = LimitedTextField(label=gettext_lazy("Vraag"), max_length=300)
    help_text = LimitedTextField(
        label=gettext_lazy("Uitleg bij de vraag"), max_length=300, required=False
    )
    required = forms.BooleanField(
        label=gettext_lazy("Verplicht om te beantwoorden"), required=False
    )
    choices = forms.CharField(
        label=gettext_lazy("Keuzes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Bij één keuze, meer keuzes en rangorde: elke keuze op een eigen regel."
        ),
    )
    scale_min = forms.IntegerField(
        label=gettext_lazy("Laagste waarde van de schaal"), initial=1, required=False
    )
    scale_max = forms.IntegerField(
        label=gettext_lazy("Hoogste waarde van de schaal"), initial=5, required=False
    )
    scale_min_label = LimitedTextField(
        label=gettext_lazy("Tekst bij de laagste waarde"), max_length=60, required=False
    )
    scale_max_label = LimitedTextField(
        label=gettext_lazy("Tekst bij de hoogste waarde"), max_length=60, required=False
    )
    show_if_question = forms.ModelChoiceField(
        label=gettext_lazy("Alleen tonen als bij deze vraag …"),
        queryset=Question.objects.none(),
        required=False,
        empty_label=gettext_lazy("(altijd tonen)"),
        help_text=gettext_lazy("Alleen vragen met keuzes die eerder in de enquête staan."),
    )
    show_if_values = forms.CharField(
        label=gettext_lazy("… een van deze antwoorden is gekozen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Elk antwoord op een eigen regel, precies zoals bij die vraag."),
    )

    def __init__(self, *args, survey: Survey, question: Question | None = None, **kwargs):
        if question is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "kind": question.kind,
                "text": question.text,
                "help_text": question.help_text,
                "required": question.required,
                "choices": "\n".join(question.choices),
                "scale_min": question.scale_min,
                "scale_max": question.scale_max,
                "scale_min_label": question.scale_min_label,
                "scale_max_label": question.scale_max_label,
                "show_if_question": question.show_if_question_id,
                "show_if_values": "\n".join(question.condition_labels),
            }
        elif "initial" not in kwargs:
            kwargs["initial"] = {"required": True}
        super().__init__(*args, **kwargs)
        self.survey, self.question = survey, question
        earlier = survey.questions.filter(kind__in=CHOICE_KINDS)
        if question is not None:
            earlier = earlier.filter(order__lt=question.order)
        self.fields["show_if_question"].queryset = earlier.order_by("order", "pk")
        self.fields["show_if_question"].error_messages["invalid_choice"] = _(
            "Kies een vraag uit de lijst."
        )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        lines = [line.strip() for line in (cleaned.get("choices") or "").splitlines()]
        cleaned["choices"] = [line for line in lines if line] if kind in OPTION_KINDS else []
        if kind == QuestionKind.SCALE:
            for name in ("scale_min", "scale_max"):
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Vul een getal in."))
        else:
            cleaned["scale_min"], cleaned["scale_max"] = 1, 5
        source = cleaned.get("show_if_question")
        wanted = [
            v.strip() for v in (cleaned.get("show_if_values") or "").splitlines() if v.strip()
        ]
        if source is not None:
            unknown = [v for v in wanted if v not in source.choices]
            if unknown:
                self.add_error(
                    "show_if_values",
                    _("Deze antwoorden staan niet bij die vraag: %(values)s.")
                    % {"values": ", ".join(unknown)},
                )
            elif not wanted:
                self.add_error("show_if_values", _("Geef minstens één antwoord van die vraag."))
            cleaned["show_if_values"] = [
                source.choices.index(v) for v in wanted if v in source.choices
            ]
        else:
            cleaned["show_if_values"] = []
        return cleaned
