"""Delivery (uitvoering): what the municipality builds or does after a decision, and how far it is.

A DeliveryProject has a status, a progress percentage, a planned and a spent budget, dated
milestones and public updates (with a picture). Its origins link it to what led to it: inputs,
budget projects, initiatives and council decisions (a whitelist, checked in services.py), so the
golden thread (core.trace) can go from an input to the delivered result.

Status moves (services.STATUS_MOVES):

    planned -> in_progress -> delivered
       |  \\        |  ^            |
       |   \\-> delayed             \\-> in_progress (reopened)
       \\-> stopped <-/ (from any open status)
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samenspraak.core.models import TimeStampedModel
from samenspraak.core.text import TEXT_LONG, TEXT_SHORT
from samenspraak.organisations.models import Area, Department, Municipality, Topic


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    IN_PROGRESS = "in_progress", _("In uitvoering")
    DELAYED = "delayed", _("Vertraagd")
    DELIVERED = "delivered", _("Opgeleverd")
    STOPPED = "stopped", _("Gestopt")


#: Statuses of a project that is still running (its milestones can be overdue).
OPEN_STATUSES = (ProjectStatus.PLANNED, ProjectStatus.IN_PROGRESS, ProjectStatus.DELAYED)


class DeliveryProject(TimeStampedModel):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("gemeente")
    )
    title = models.CharField(_("titel"), max_length=120)
    #: Rich text (core.richtext), stored as typed.
    description = models.TextField(_("beschrijving"), max_length=TEXT_LONG, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("voortgang (procent)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    budget_planned = models.DecimalField(
        _("geplande kosten (euro)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_spent = models.DecimalField(
        _("uitgegeven (euro)"), max_digits=14, decimal_places=2, default=0
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verantwoordelijke afdeling"),
    )
    #: None: the whole municipality.
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebied"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thema"),
    )
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    place_name = models.CharField(_("plek"), max_length=200, blank=True)
    starts_on = models.DateField(_("begint op"), null=True, blank=True)
    ends_on = models.DateField(_("klaar op (gepland)"), null=True, blank=True)
    #: The day the status became "delivered" (the result on the golden thread).
    delivered_on = models.DateField(_("opgeleverd op"), null=True, blank=True)
    is_public = models.BooleanField(_("openbaar"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemaakt door"),
    )

    class Meta:
        verbose_name = _("uitvoeringsproject")
        verbose_name_plural = _("uitvoeringsprojecten")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "is_public", "status"], name="delivery_public"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="delivery_progress_0_100"
            ),
            models.CheckConstraint(
                condition=Q(budget_spent__gte=0), name="delivery_spent_positive"
            ),
            models.CheckConstraint(
                condition=Q(budget_planned__isnull=True) | Q(budget_planned__gte=0),
                name="delivery_planned_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("delivery:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def budget_percent(self) -> int | None:
        """Spent as a percentage of planned (may pass 100), None without a plan."""
        if not self.budget_planned:
            return None
        return round(self.budget_spent * 100 / self.budget_planned)


class Milestone(models.Model):
    project = models.ForeignKey(
        DeliveryProject,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("uitvoeringsproject"),
    )
    title = models.CharField(_("titel"), max_length=120)
    planned_on = models.DateField(_("gepland op"))
    done_on = models.DateField(_("gehaald op"), null=True, blank=True)

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["planned_on", "pk"]

    def __str__(self) -> str:
        return self.title

    #: Set by selectors on the milestones of a page: planned before today and not done.
    overdue: bool


class Update(models.Model):
    """News about the project, with an optional picture (stored like an input's picture:
    re-encoded without metadata by core.uploads)."""

    project = models.ForeignKey(
        DeliveryProject,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("uitvoeringsproject"),
    )
    body = models.TextField(_("tekst"), max_length=TEXT_SHORT)
    image = models.ImageField(_("foto"), upload_to="uitvoering/%Y/%m/", blank=True)
    image_alt = models.CharField(_("beschrijving van de foto"), max_length=200, blank=True)
    # Empty once the author erased their account: the update stays, as the municipality's.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geschreven door"),
    )
    posted_at = models.DateTimeField(_("geplaatst op"))

    class Meta:
        verbose_name = _("bericht over de uitvoering")
        verbose_name_plural = _("berichten over de uitvoering")
        ordering = ["-posted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.project}: {self.posted_at:%Y-%m-%d}"


class Origin(models.Model):
    """What led to a project: an input, a budget project, an initiative or a council decision
    (services.ORIGIN_MODELS; checked there: public, of the same municipality)."""

    project = models.ForeignKey(
        DeliveryProject,
        on_delete=models.CASCADE,
        related_name="origins",
        verbose_name=_("uitvoeringsproject"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("soort")
    )
    object_id = models.PositiveIntegerField(_("nummer"))
    added_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("herkomst")
        verbose_name_plural = _("herkomst")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "content_type", "object_id"], name="delivery_origin_once"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="delivery_origin_obj")]

    def __str__(self) -> str:
        return f"{self.project}: {self.content_type.model} {self.object_id}"
