"""The outcome of a budget's vote: computed by the engine, checked by staff, then published."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenspraak.budgeting.models.budgets import Budget, OutcomeRule


class BudgetResult(models.Model):
    budget = models.OneToOneField(
        Budget, on_delete=models.CASCADE, related_name="result", verbose_name=_("budget")
    )
    rule = models.CharField(_("regel"), max_length=32, choices=OutcomeRule.choices)
    #: BudgetProject pks in the order the rule selected them.
    selected = models.JSONField(_("gekozen projecten"), default=list)
    #: {"project pk": engine explanation dict}.
    explanations = models.JSONField(_("uitleg"), default=dict)
    #: {"project pk": votes or points}, and the number of ballots per channel.
    tally = models.JSONField(_("telling"), default=dict)
    ballots = models.PositiveIntegerField(_("aantal stembiljetten"), default=0)
    #: The ballots as counted and the outcome, as an anonymised Pabulib file (shuffled, numbered
    #: 1..n), written when the result is computed. Exports serve this, never the live tables.
    snapshot = models.TextField(_("momentopname van de telling"), blank=True)
    #: Per offered rule, what it would fund on these ballots (results.spend): [{"rule",
    #: "funded", "spent", "satisfied", "problem"}]; computed with the result, in the worker.
    rule_spend = models.JSONField(_("besteding per regel"), default=list, blank=True)
    computed_at = models.DateTimeField(_("berekend op"))
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gepubliceerd door"),
    )

    class Meta:
        verbose_name = _("uitslag")
        verbose_name_plural = _("uitslagen")

    def __str__(self) -> str:
        return f"{self.budget}: {self.get_rule_display()}"


class ComputationState(models.TextChoices):
    QUEUED = "queued", _("wacht op de verwerking")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


class ComputationStage(models.TextChoices):
    """What a running computation is doing; set outside the count's transaction so staff see it."""

    CLOSING = "closing", _("De stemming wordt gesloten.")
    COUNTING = "counting", _("De stemmen worden geteld en de regel wordt toegepast.")
    COMPARING = "comparing", _("Voor elke regel wordt berekend hoeveel die zou uitgeven.")


class ResultComputation(models.Model):
    """The background computation of a budget's result (budgeting.tasks.compute_result): one row
    per budget, reused for every run. No person is stored here (the audit log records who
    started it and who computed the result)."""

    budget = models.OneToOneField(
        Budget, on_delete=models.CASCADE, related_name="computation", verbose_name=_("budget")
    )
    state = models.CharField(
        _("status"),
        max_length=16,
        choices=ComputationState.choices,
        default=ComputationState.QUEUED,
    )
    stage = models.CharField(_("stap"), max_length=16, choices=ComputationStage.choices, blank=True)
    #: Why it failed, in plain Dutch, for staff.
    error = models.TextField(_("foutmelding"), blank=True)
    queued_at = models.DateTimeField(_("gestart op"))
    updated_at = models.DateTimeField(_("bijgewerkt op"))
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("berekening van de uitslag")
        verbose_name_plural = _("berekeningen van de uitslag")

    def __str__(self) -> str:
        return f"{self.budget}: {self.get_state_display()}"

    @property
    def in_progress(self) -> bool:
        return self.state in (ComputationState.QUEUED, ComputationState.RUNNING)
