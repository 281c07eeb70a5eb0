"""Conversations (opinion mapping): statements residents vote on, and the opinion groups in them.

A conversation belongs to a phase of kind "conversations.vote". Staff seed statements; residents
vote agree / disagree / pass (one vote per statement, which they may change) and may add statements
of their own, which staff accept or reject first. The opinion groups are computed in the background
(`OpinionGroups`, one row per conversation) by Polis' math (the `opinionmap` package).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samenspraak.core.models import TimeStampedModel
from samenspraak.processes.models import Phase, Process

PHASE_KIND = "conversations.vote"
#: The phase action conversations owns (declared in its manifest): voting on statements.
VOTE = "opinion_vote"
STATEMENT_MAX_LENGTH = 280


class Conversation(TimeStampedModel):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="conversations", verbose_name=_("proces")
    )
    phase = models.OneToOneField(
        Phase, on_delete=models.CASCADE, related_name="conversation", verbose_name=_("fase")
    )
    title = models.CharField(_("titel"), max_length=160)
    intro = models.TextField(_("inleiding"), blank=True)
    allow_statements = models.BooleanField(
        _("inwoners mogen stellingen toevoegen"),
        default=True,
        help_text=_(
            "Een medewerker beoordeelt elke nieuwe stelling voordat anderen erover stemmen."
        ),
    )

    class Meta:
        verbose_name = _("gesprek met stellingen")
        verbose_name_plural = _("gesprekken met stellingen")
        ordering = ["process", "phase__starts_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.phase_id and self.phase.kind != PHASE_KIND:
            raise ValidationError({"phase": _("Kies een fase van het soort 'Stellingen peilen'.")})
        if self.phase_id and self.process_id and self.phase.process_id != self.process_id:
            raise ValidationError({"phase": _("Deze fase hoort bij een ander proces.")})


class StatementStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op beoordeling")
    ACCEPTED = "accepted", _("Geplaatst")
    REJECTED = "rejected", _("Afgewezen")


class Statement(TimeStampedModel):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="statements"
    )
    text = models.CharField(_("stelling"), max_length=STATEMENT_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinion_statements",
    )
    #: Written by the municipality (staff) rather than a resident.
    seeded = models.BooleanField(default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=StatementStatus.choices, default=StatementStatus.PENDING
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: The statement's comment-id in the Polis export it was imported from.
    polis_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("stelling")
        verbose_name_plural = _("stellingen")
        ordering = ["conversation", "created_at", "pk"]
        indexes = [models.Index(fields=["conversation", "status"])]

    def __str__(self) -> str:
        return self.text


class VoteValue(models.IntegerChoices):
    """The Polis export's convention: +1 agree, -1 disagree, 0 pass."""

    AGREE = 1, _("Eens")
    DISAGREE = -1, _("Oneens")
    PASS = 0, _("Weet ik niet / sla over")


class Vote(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    #: The resident who voted; empty for votes imported from a Polis export (`imported_voter`).
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opinion_votes",
    )
    imported_voter = models.PositiveIntegerField(null=True, blank=True)
    value = models.SmallIntegerField(choices=VoteValue.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "participant"], name="conversations_one_vote_per_statement"
            ),
            models.UniqueConstraint(
                fields=["statement", "imported_voter"],
                name="conversations_one_imported_vote_per_statement",
            ),
            models.CheckConstraint(
                condition=Q(participant__isnull=False, imported_voter__isnull=True)
                | Q(participant__isnull=True, imported_voter__isnull=False),
                name="conversations_vote_has_one_voter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_value_display()}: {self.statement_id}"


class ComputationState(models.TextChoices):
    QUEUED = "queued", _("Staat in de wachtrij")
    RUNNING = "running", _("Wordt berekend")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class OpinionGroups(models.Model):
    """The latest opinion groups of a conversation and the state of their computation.

    `result` holds what the pages show, never who voted what: per group its size and representative
    statements (ids with Polis' statistics), the consensus statements, and the anonymous map
    positions (x, y, group) of the participants in a random order.
    """

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, related_name="opinion_groups"
    )
    state = models.CharField(max_length=10, choices=ComputationState.choices)
    requested_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    computed_at = models.DateTimeField(null=True, blank=True)
    votes_counted = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    result = models.JSONField(default=dict, blank=True)
    #: Polis' k-smoothing state (opinionmap.kmeans.smooth_k): the published k and its challenger.
    smoothing = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.conversation_id}: {self.state}"

    @property
    def in_progress(self) -> bool:
        return self.state in (ComputationState.QUEUED, ComputationState.RUNNING)
