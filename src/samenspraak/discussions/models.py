"""Permanent discussion spaces (gespreksruimtes) and their threads.

A space belongs to the municipality, not to a project: a neighbourhood's conversation
("Buurtgesprek Oost", kind area) or a city-wide one about a topic ("Stadsgesprek Klimaat", kind
theme). Residents open threads in it; the comments on a thread are dialogue's Comments (the
view rule in the manifest says who may comment and how moderation works there).
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samenspraak.core.models import TimeStampedModel
from samenspraak.core.text import TEXT_SHORT
from samenspraak.organisations.models import Area, Municipality, Topic
from samenspraak.processes.models import Process

if TYPE_CHECKING:
    from samenspraak.dialogue.models import HouseRule

TITLE_MAX_LENGTH = 160
REASON_MAX_LENGTH = 1000
SUMMARY_MAX_LENGTH = TEXT_SHORT
INTRO_MAX_LENGTH = TEXT_SHORT


class SpaceKind(models.TextChoices):
    AREA = "area", _("Buurtgesprek (een gebied)")
    THEME = "theme", _("Stadsgesprek (een thema)")


class Moderation(models.TextChoices):
    POST = "post", _("Achteraf: reacties staan meteen online, de moderator kijkt daarna")
    PRE = "pre", _("Vooraf: de moderator bekijkt reacties voordat ze online komen")


class Space(TimeStampedModel):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("gemeente")
    )
    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("korte naam"), max_length=80)
    intro = models.TextField(_("inleiding"), blank=True, max_length=INTRO_MAX_LENGTH)
    kind = models.CharField(
        _("soort gesprek"), max_length=10, choices=SpaceKind.choices, default=SpaceKind.AREA
    )
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
    #: The space's own house rules besides the municipality's: [{"title": ..., "text": ...}].
    house_rules = models.JSONField(_("eigen huisregels"), default=list, blank=True)
    moderation = models.CharField(
        _("moderatie"), max_length=4, choices=Moderation.choices, default=Moderation.POST
    )
    is_open = models.BooleanField(_("open voor nieuwe gesprekken en reacties"), default=True)
    process = models.ForeignKey(
        Process,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hoort bij proces"),
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
        verbose_name = _("gespreksruimte")
        verbose_name_plural = _("gespreksruimtes")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="space_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("discussions:space", args=[self.slug])

    def rule_list(self) -> list[tuple[str, str]]:
        return [
            (str(rule.get("title", "")), str(rule.get("text", "")))
            for rule in (self.house_rules or [])
            if isinstance(rule, dict) and rule.get("title")
        ]


class Thread(models.Model):
    """A conversation (onderwerp) in a space, opened by a resident or staff member."""

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="threads", verbose_name=_("gespreksruimte")
    )
    title = models.CharField(_("onderwerp"), max_length=TITLE_MAX_LENGTH)
    #: The title folded for the duplicate check (lower case, letters and digits only).
    title_key = models.CharField(max_length=TITLE_MAX_LENGTH, db_index=True, editable=False)
    body = models.TextField(_("openingstekst"), max_length=TEXT_SHORT)
    # Empty once the author erased their account: the thread stays, without a name.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="discussion_threads",
        verbose_name=_("gestart door"),
    )
    by_staff = models.BooleanField(_("gestart door de gemeente"), default=False)
    created_at = models.DateTimeField(_("gestart op"), auto_now_add=True, db_index=True)
    is_open = models.BooleanField(_("open"), default=True)
    closed_reason = models.TextField(_("reden van sluiten"), blank=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    pinned = models.BooleanField(_("vastgezet"), default=False)
    summary = models.TextField(_("samenvatting"), blank=True, max_length=SUMMARY_MAX_LENGTH)
    summary_at = models.DateTimeField(_("samenvatting geschreven op"), null=True, blank=True)
    summary_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("samenvatting geschreven door"),
    )

    # Not a field: the house rule that hides it, set by selectors.threads_page.
    hidden_rule: "HouseRule | None"

    class Meta:
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["space", "-pinned", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("discussions:thread", args=[self.space.slug, self.pk])


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Meteen een e-mail bij elke nieuwe bijdrage")
    DAILY = "daily", _("Eén e-mail per dag met een overzicht")
    NONE = "none", _("Geen e-mail, alleen in Mijn Samenspraak")


class Follow(models.Model):
    """Someone follows a space (new threads and comments in it) or one thread (its comments)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="discussion_follows",
        verbose_name=_("persoon"),
    )
    space = models.ForeignKey(
        Space,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("gespreksruimte"),
    )
    thread = models.ForeignKey(
        Thread,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("gesprek"),
    )
    frequency = models.CharField(
        _("e-mail"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    created_at = models.DateTimeField(_("volgt sinds"), auto_now_add=True)

    class Meta:
        verbose_name = _("volger van een gesprek")
        verbose_name_plural = _("volgers van gesprekken")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(space__isnull=False) & models.Q(thread__isnull=True))
                | (models.Q(space__isnull=True) & models.Q(thread__isnull=False)),
                name="discussion_follow_space_xor_thread",
            ),
            models.UniqueConstraint(
                fields=["user", "space"],
                condition=models.Q(space__isnull=False),
                name="discussion_follow_unique_space",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=models.Q(thread__isnull=False),
                name="discussion_follow_unique_thread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.space_id or ''}{self.thread_id or ''}"


class NoticeKind(models.TextChoices):
    THREAD = "thread", _("nieuw gesprek")
    COMMENT = "comment", _("nieuwe reactie")


class PendingNotice(models.Model):
    """Something new for someone who chose the daily digest; the digest mails and removes it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("persoon"),
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="+", verbose_name=_("gesprek")
    )
    kind = models.CharField(_("soort"), max_length=10, choices=NoticeKind.choices)
    comment_id = models.PositiveBigIntegerField(_("reactie-id"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bericht voor het dagoverzicht")
        verbose_name_plural = _("berichten voor het dagoverzicht")
        ordering = ["user", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "thread", "kind", "comment_id"],
                name="pending_notice_once",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} {self.thread_id}"
