"""Secret ballots.

The register says *who* voted (user or code, channel, day), the ballot says *what* was voted, and
nothing in the database joins the two: a ballot has a random UUID, its budget and its choices; no
user, no code, no channel, no day. While the vote is open, a ballot an account holder may change
carries `voter_key`, an HMAC of budget and user under a key that is not in the database
(settings.SAMENSPRAAK_BALLOT_KEY), so only the running application, asked by that same person,
can find it again; the close (`voting.vote_close`) sets it to NULL. See docs/ballot-secrecy.md.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenspraak.budgeting.models.budgets import Budget, BudgetProject


class BallotChannel(models.TextChoices):
    ONLINE = "online", _("Online met account")
    CODE = "code", _("Online met stemcode")
    PAPER = "paper", _("Op papier")


class Ballot(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("budget")
    )
    #: Only while the vote is open, only for a ballot cast with an account; NULL after the close.
    voter_key = models.CharField(_("sleutel"), max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("stembiljet")
        verbose_name_plural = _("stembiljetten")

    def __str__(self) -> str:
        return str(self.id)


class BallotChoice(models.Model):
    ballot = models.ForeignKey(
        Ballot, on_delete=models.CASCADE, related_name="choices", verbose_name=_("stembiljet")
    )
    project = models.ForeignKey(
        BudgetProject, on_delete=models.CASCADE, related_name="+", verbose_name=_("project")
    )
    #: Approval and knapsack: 1. Cumulative: the points. Ranking: the position, 1 is first.
    value = models.PositiveSmallIntegerField(_("waarde"), default=1)

    class Meta:
        verbose_name = _("keuze")
        verbose_name_plural = _("keuzes")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "project"], name="choice_once_per_ballot"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.value}"


class VoterRegister(models.Model):
    """Who voted (never what). One row per voter per budget."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="register", verbose_name=_("budget")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inwoner"),
    )
    code = models.OneToOneField(
        "VoteCode",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stemcode"),
    )
    channel = models.CharField(_("kanaal"), max_length=8, choices=BallotChannel.choices)
    #: Area of the voter for the turnout figures (from the verified attribute, if any).
    area = models.ForeignKey(
        "organisations.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebied"),
    )
    voted_on = models.DateField(_("datum"))

    class Meta:
        verbose_name = _("stemregister")
        verbose_name_plural = _("stemregister")
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "user"],
                condition=models.Q(user__isnull=False),
                name="register_once_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.budget_id} · {self.voted_on}"


class CodeBatch(models.Model):
    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="code_batches", verbose_name=_("budget")
    )
    label = models.CharField(_("omschrijving"), max_length=120)
    size = models.PositiveIntegerField(_("aantal codes"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("reeks stemcodes")
        verbose_name_plural = _("reeksen stemcodes")

    def __str__(self) -> str:
        return self.label


class VoteCode(models.Model):
    """A single-use code sent by letter. Only its hash is stored."""

    batch = models.ForeignKey(
        CodeBatch, on_delete=models.CASCADE, related_name="codes", verbose_name=_("reeks")
    )
    code_hash = models.CharField(_("hash"), max_length=64, unique=True)
    area = models.ForeignKey(
        "organisations.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebied"),
    )
    used_on = models.DateField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("stemcode")
        verbose_name_plural = _("stemcodes")

    def __str__(self) -> str:
        return f"{self.batch_id} · {self.code_hash[:8]}"


class PaperEntry(models.Model):
    """One staff member's entry of one paper ballot. A ballot counts once a second person has
    entered the same sheet with the same choices."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="paper_entries", verbose_name=_("budget")
    )
    sheet = models.CharField(_("nummer op het biljet"), max_length=30)
    #: {"project pk": value}, as on the sheet.
    choices = models.JSONField(_("keuzes"), default=dict)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ingevoerd door"),
    )
    entered_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)
    #: Set on both entries once they agree and the ballot is counted.
    confirmed = models.BooleanField(_("bevestigd"), default=False)

    class Meta:
        verbose_name = _("invoer papieren stembiljet")
        verbose_name_plural = _("invoer papieren stembiljetten")
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "sheet", "entered_by"], name="paper_entry_once_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.budget_id} · {self.sheet}"
