"""Surveys: a list of questions asked in a phase of kind "surveys.respond".

Answers are stored twice on purpose: `Answer.value` keeps what the person chose (for the CSV
export), and the `number`/`text` columns plus one `Selection` row per chosen or ranked option let
the results page count in the database, with one query per question kind.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenspraak.core.models import TimeStampedModel
from samenspraak.processes.models import Phase, Process

PHASE_KIND = "surveys.respond"
#: The phase action surveys owns (declared in its manifest): filling in a survey.
SURVEY = "survey"


class Survey(TimeStampedModel):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("proces")
    )
    phase = models.OneToOneField(
        Phase, on_delete=models.CASCADE, related_name="survey", verbose_name=_("fase")
    )
    title = models.CharField(_("titel"), max_length=160)
    intro = models.TextField(_("inleiding"), blank=True)
    allow_anonymous = models.BooleanField(
        _("invullen zonder inloggen"),
        default=False,
        help_text=_(
            "Aan: iedereen kan de enquête invullen. Uit: alleen ingelogde inwoners, één keer per "
            "persoon."
        ),
    )

    class Meta:
        verbose_name = _("enquête")
        verbose_name_plural = _("enquêtes")
        ordering = ["process", "phase__starts_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.phase_id and self.phase.kind != PHASE_KIND:
            raise ValidationError({"phase": _("Kies een fase van het soort 'Enquête'.")})
        if self.phase_id and self.process_id and self.phase.process_id != self.process_id:
            raise ValidationError({"phase": _("Deze fase hoort bij een ander proces.")})


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Eén keuze")
    MULTIPLE = "multiple", _("Meer keuzes")
    SCALE = "scale", _("Schaal")
    OPEN = "open", _("Open vraag")
    RANKING = "ranking", _("Rangorde")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
OPTION_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING)


class Question(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("enquête")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    kind = models.CharField(_("soort vraag"), max_length=12, choices=QuestionKind.choices)
    text = models.CharField(_("vraag"), max_length=300)
    help_text = models.CharField(_("uitleg"), max_length=300, blank=True)
    required = models.BooleanField(_("verplicht"), default=True)
    choices = models.JSONField(
        _("keuzes"), default=list, blank=True, help_text=_("De antwoorden om uit te kiezen.")
    )
    scale_min = models.SmallIntegerField(_("laagste waarde"), default=1)
    scale_max = models.SmallIntegerField(_("hoogste waarde"), default=5)
    scale_min_label = models.CharField(_("tekst bij laagste waarde"), max_length=60, blank=True)
    scale_max_label = models.CharField(_("tekst bij hoogste waarde"), max_length=60, blank=True)
    show_if_question = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependents",
        verbose_name=_("alleen tonen als bij vraag"),
    )
    show_if_values = models.JSONField(
        _("dit antwoord is gekozen"),
        default=list,
        blank=True,
        help_text=_("Nummers van de keuzes (vanaf 0) die deze vraag zichtbaar maken."),
    )

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["survey", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def scale_values(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))

    @property
    def condition_labels(self) -> list[str]:
        source = self.show_if_question
        if source is None:
            return []
        return [source.choices[i] for i in self.show_if_values if 0 <= i < len(source.choices)]

    def clean(self):
        errors = {}
        if self.kind in OPTION_KINDS:
            choices = [str(c).strip() for c in (self.choices or []) if str(c).strip()]
            if len(choices) < 2:
                errors["choices"] = _("Geef minstens twee keuzes.")
            elif len(set(choices)) != len(choices):
                errors["choices"] = _("Elke keuze mag maar één keer voorkomen.")
            self.choices = choices
        else:
            self.choices = []
        if self.kind == QuestionKind.SCALE:
            if self.scale_min is None or self.scale_max is None:
                errors["scale_max"] = _("Geef een laagste en een hoogste waarde.")
            elif self.scale_min >= self.scale_max:
                errors["scale_max"] = _("De hoogste waarde moet groter zijn dan de laagste.")
            elif self.scale_max - self.scale_min > 10:
                errors["scale_max"] = _("Een schaal heeft hoogstens elf waarden.")
        source = self.show_if_question
        if source is not None:
            if source.survey_id != self.survey_id:
                errors["show_if_question"] = _("Die vraag hoort bij een andere enquête.")
            elif source.pk == self.pk or (
                self.pk is not None and (source.order, source.pk) >= (self.order, self.pk)
            ):
                errors["show_if_question"] = _("Kies een vraag die eerder in de enquête staat.")
            elif source.kind not in CHOICE_KINDS:
                errors["show_if_question"] = _("Kies een vraag met keuzes (één of meer keuzes).")
            elif not self.show_if_values or any(
                not isinstance(i, int) or not 0 <= i < len(source.choices)
                for i in self.show_if_values
            ):
                errors["show_if_values"] = _("Kies een of meer antwoorden van die vraag.")
        else:
            self.show_if_values = []
        if errors:
            raise ValidationError(errors)


class Response(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("enquête")
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("ingevuld door"),
    )
    created_at = models.DateTimeField(_("ingevuld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("ingevulde enquête")
        verbose_name_plural = _("ingevulde enquêtes")
        ordering = ["survey", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=models.Q(respondent__isnull=False),
                name="survey_one_response_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("ingevulde enquête"),
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("vraag")
    )
    value = models.JSONField(_("antwoord"))
    number = models.SmallIntegerField(_("getal"), null=True, blank=True)
    text = models.TextField(_("tekst"), blank=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="answer_once_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value}"


class Selection(models.Model):
    """One chosen option (single/multiple choice) or one ranked item (ranking, with its rank)."""

    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="selections", verbose_name=_("antwoord")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="selections", verbose_name=_("vraag")
    )
    option = models.PositiveSmallIntegerField(_("keuze"))
    rank = models.PositiveSmallIntegerField(_("plaats"), null=True, blank=True)

    class Meta:
        verbose_name = _("gekozen antwoord")
        verbose_name_plural = _("gekozen antwoorden")
        indexes = [models.Index(fields=["question", "option"])]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.option}"
