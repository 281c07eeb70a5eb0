"""A participation process: why we ask (goal), how much say residents get (level), what we
promise to do with the input (commitment), and when (phases)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspraak.core.models import TimeStampedModel
from samenspraak.organisations.models import Area, Department, Municipality, Topic


class ParticipationLevel(models.TextChoices):
    """The participation ladder (participatieladder)."""

    INFORM = "inform", _("Informeren")
    CONSULT = "consult", _("Raadplegen")
    ADVISE = "advise", _("Adviseren")
    CO_PRODUCE = "co_produce", _("Coproduceren")
    CO_DECIDE = "co_decide", _("Meebeslissen")


#: What each level means for a resident, in plain Dutch (B1).
LEVEL_EXPLANATIONS = {
    ParticipationLevel.INFORM: _(
        "De gemeente vertelt u wat er gaat gebeuren. U kunt vragen stellen, maar niet meebeslissen."
    ),
    ParticipationLevel.CONSULT: _(
        "De gemeente vraagt uw mening. Die neemt zij mee, maar de gemeente beslist zelf."
    ),
    ParticipationLevel.ADVISE: _(
        "U geeft advies. De gemeente neemt het advies over, of legt uit waarom niet."
    ),
    ParticipationLevel.CO_PRODUCE: _(
        "U maakt samen met de gemeente het plan. De gemeente neemt de uitkomst zoveel mogelijk "
        "over."
    ),
    ParticipationLevel.CO_DECIDE: _(
        "U beslist mee. De gemeente voert uit wat inwoners samen besluiten, binnen de afgesproken "
        "regels."
    ),
}


class PolicyPhase(models.TextChoices):
    """Where in the policy cycle (beleidscyclus) the process sits."""

    AGENDA_SETTING = "agenda_setting", _("Agendavorming")
    POLICY_MAKING = "policy_making", _("Beleidsvorming")
    DECISION = "decision", _("Besluitvorming")
    EXECUTION = "execution", _("Uitvoering")
    EVALUATION = "evaluation", _("Evaluatie")


class ProcessStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    PUBLISHED = "published", _("Gepubliceerd")


DEFAULT_ANSWER_DAYS = 21


class Process(TimeStampedModel):
    # Not fields: what selectors work out for a page (running_processes, processes_for_area).
    current: "Phase | None"
    state: str

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="processes", verbose_name=_("gemeente")
    )
    title = models.CharField(_("titel"), max_length=160)
    slug = models.SlugField(_("korte naam"), max_length=80)
    summary = models.CharField(_("samenvatting"), max_length=300)
    description = models.TextField(_("toelichting"), blank=True)
    goal = models.TextField(_("doel"), help_text=_("Waarom vraagt de gemeente dit?"))
    level = models.CharField(
        _("participatieniveau"), max_length=20, choices=ParticipationLevel.choices
    )
    commitment = models.TextField(
        _("toezegging"), help_text=_("Wat doet de gemeente met de inbreng?")
    )
    commitment_owner = models.CharField(
        _("wie doet dat"), max_length=160, help_text=_("Bijvoorbeeld: het college, de wethouder.")
    )
    commitment_due = models.DateField(_("wanneer"), null=True, blank=True)
    decision_maker = models.CharField(_("wie beslist"), max_length=160)
    decision_rule = models.TextField(
        _("beslisregel"),
        blank=True,
        help_text=_("Bij meebeslissen: hoe de uitkomst wordt bepaald."),
    )
    policy_phase = models.CharField(
        _("fase in de beleidscyclus"), max_length=20, choices=PolicyPhase.choices
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="processes",
        verbose_name=_("verantwoordelijke afdeling"),
    )
    areas = models.ManyToManyField(
        Area, blank=True, related_name="processes", verbose_name=_("gebieden")
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="processes", verbose_name=_("thema's")
    )
    answer_days = models.PositiveSmallIntegerField(
        _("antwoordtermijn in dagen"),
        default=DEFAULT_ANSWER_DAYS,
        help_text=_("Binnen zoveel dagen krijgt elke inbreng een openbaar antwoord."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ProcessStatus.choices, default=ProcessStatus.DRAFT
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    outcome = models.TextField(
        _("wat is er met de uitkomst gedaan"),
        blank=True,
        help_text=_("Vul dit in als het proces voorbij is: wat heeft de inbreng opgeleverd?"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemaakt door"),
    )

    class Meta:
        verbose_name = _("participatieproces")
        verbose_name_plural = _("participatieprocessen")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="process_unique_slug"),
        ]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == ProcessStatus.PUBLISHED

    @property
    def level_explanation(self) -> str:
        return LEVEL_EXPLANATIONS[ParticipationLevel(self.level)]


class Phase(models.Model):
    """One step on the process timeline. `kind` is a stable key declared by the app that
    provides the phase (see processes.phases), e.g. "consultation.collect"."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="phases", verbose_name=_("proces")
    )
    kind = models.CharField(_("soort fase"), max_length=64)
    title = models.CharField(_("titel"), max_length=120)
    description = models.TextField(_("toelichting"), blank=True)
    starts_at = models.DateTimeField(_("begint op"))
    ends_at = models.DateTimeField(_("eindigt op"))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        ordering = ["process", "order", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="phase_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process}: {self.title}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Een fase moet eindigen na het begin.")})

    def is_active(self, at=None) -> bool:
        at = at or timezone.now()
        return self.starts_at <= at < self.ends_at

    def is_past(self, at=None) -> bool:
        return (at or timezone.now()) >= self.ends_at

    def is_upcoming(self, at=None) -> bool:
        return (at or timezone.now()) < self.starts_at

    @property
    def last_day(self):
        """The last day the phase runs (a phase ends at midnight after its last day)."""
        return timezone.localtime(self.ends_at - datetime.timedelta(microseconds=1)).date()


class ProcessTemplate(TimeStampedModel):
    """A reusable process design. `design` is the JSON that export/import exchange: the
    process fields plus phases with offsets in days (see processes.designs)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="process_templates",
        verbose_name=_("gemeente"),
        help_text=_("Leeg: een sjabloon dat met Samenspraak wordt meegeleverd."),
    )
    key = models.SlugField(_("sleutel"), max_length=80)
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("beschrijving"), blank=True)
    design = models.JSONField(_("ontwerp"))

    class Meta:
        verbose_name = _("processjabloon")
        verbose_name_plural = _("processjablonen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="template_unique_key"),
        ]

    def __str__(self) -> str:
        return self.name
