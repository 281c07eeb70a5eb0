"""A budget to spend (city-wide or for one area) and the projects proposed for it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from samenspraak.core.models import TimeStampedModel
from samenspraak.organisations.models import Area
from samenspraak.processes.models import Process


class BallotType(models.TextChoices):
    APPROVAL = "approval", _("Kies projecten (eventueel een maximum aantal)")
    KNAPSACK = "knapsack", _("Verdeel het budget (kies projecten tot het geld op is)")
    CUMULATIVE = "cumulative", _("Verdeel punten over projecten")
    RANKING = "ranking", _("Zet projecten in volgorde (top)")


class OutcomeRule(models.TextChoices):
    """How the funded projects follow from the ballots. Keys are the engine's rule names."""

    GREEDY = "greedy", _("Meeste stemmen eerst; sla over wat niet past")
    GREEDY_NO_SKIP = "greedy-no-skip", _("Meeste stemmen eerst; stop bij het eerste dat niet past")
    GREEDY_THRESHOLD = "greedy-threshold", _("Meeste stemmen eerst, met een minimum aantal stemmen")
    MES = "mes", _("Gelijke delen (Method of Equal Shares), zonder aanvulling")
    MES_ADD1 = "mes-add1", _("Gelijke delen, aangevuld door het budget per stemmer te verhogen")
    MES_ADD1_GREEDY = (
        "mes-add1-greedy",
        _("Gelijke delen, aangevuld door het budget per stemmer te verhogen, rest op stemmen"),
    )
    MES_BUDGET_INCREASE_GREEDY = (
        "mes-budget-increase-greedy",
        _("Gelijke delen, aangevuld door het totale budget te verhogen, rest op stemmen"),
    )
    EES = "ees", _("Exact gelijke delen (Exact Equal Shares), zonder aanvulling")
    EES_ADD_OPT = (
        "ees-add-opt",
        _("Exact gelijke delen, aangevuld tot het hoogste deel per stemmer dat past (ADD-OPT)"),
    )
    EES_ADD_OPT_SKIP = (
        "ees-add-opt-skip",
        _("Exact gelijke delen, snel aangevuld (ADD-OPT-SKIP)"),
    )


#: One line per rule that says what it does (B1), for the rule choice and the spend table.
RULE_EXPLANATIONS: dict[str, object] = {
    OutcomeRule.GREEDY: _(
        "De projecten met de meeste stemmen krijgen eerst geld. Past een project niet meer, "
        "dan komt het volgende aan de beurt."
    ),
    OutcomeRule.GREEDY_NO_SKIP: _(
        "De projecten met de meeste stemmen krijgen eerst geld. Bij het eerste project dat "
        "niet meer past, stopt de verdeling."
    ),
    OutcomeRule.GREEDY_THRESHOLD: _(
        "Als 'meeste stemmen eerst', maar alleen projecten met genoeg stemmen doen mee."
    ),
    OutcomeRule.MES: _(
        "Elke stemmer krijgt een gelijk deel van het budget en betaalt mee aan de projecten "
        "die hij of zij koos. Er kan geld over blijven."
    ),
    OutcomeRule.MES_ADD1: _(
        "Als 'gelijke delen', maar het deel per stemmer gaat steeds met € 1 omhoog, zolang "
        "alles nog in het budget past."
    ),
    OutcomeRule.MES_ADD1_GREEDY: _(
        "Als hierboven; wat daarna over is, gaat naar de projecten met de meeste stemmen die "
        "nog passen."
    ),
    OutcomeRule.MES_BUDGET_INCREASE_GREEDY: _(
        "Als 'gelijke delen', maar het hele budget gaat in stappen van 1% omhoog; de rest gaat "
        "naar de projecten met de meeste stemmen die nog passen."
    ),
    OutcomeRule.EES: _(
        "Elke stemmer krijgt een gelijk deel van het budget. Wie aan een project meebetaalt, "
        "betaalt precies evenveel als de anderen die meebetalen."
    ),
    OutcomeRule.EES_ADD_OPT: _(
        "Als 'exact gelijke delen', maar het deel per stemmer gaat omhoog tot precies waar de "
        "uitslag verandert, zolang alles nog in het budget past."
    ),
    OutcomeRule.EES_ADD_OPT_SKIP: _(
        "Als hierboven, maar het deel gaat alleen omhoog tot waar er een project bij kan. "
        "Sneller; de uitslag kan iets anders zijn."
    ),
}


class Feasibility(models.TextChoices):
    PENDING = "pending", _("Nog niet getoetst")
    FEASIBLE = "feasible", _("Haalbaar")
    NOT_FEASIBLE = "not_feasible", _("Niet haalbaar")


class Budget(TimeStampedModel):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="budgets", verbose_name=_("proces")
    )
    title = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("toelichting"), blank=True)
    #: None: the whole municipality.
    area = models.ForeignKey(
        Area,
        # An area with budgets cannot be deleted on its own, but deleting the whole
        # municipality (areas, processes and their budgets together) can.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="budgets",
        verbose_name=_("gebied"),
    )
    amount = models.DecimalField(_("bedrag (euro)"), max_digits=14, decimal_places=2)
    #: Verified attribute kinds (accounts.AttributeKind) a voter must hold. "resident_of_area"
    #: is checked against this budget's area.
    required_attributes = models.JSONField(_("wie mag stemmen"), default=list, blank=True)
    #: Kickstarter: supporters a proposal needs to reach the ballot (0: no threshold).
    support_threshold = models.PositiveIntegerField(_("benodigde steun"), default=0)
    ballot_type = models.CharField(_("soort stembiljet"), max_length=12, choices=BallotType.choices)
    #: Approval: at most this many projects (None: any number). Ranking: the top k.
    max_choices = models.PositiveSmallIntegerField(_("hoogstens kiezen"), null=True, blank=True)
    #: Cumulative: the points each voter distributes.
    points = models.PositiveSmallIntegerField(_("punten per stemmer"), null=True, blank=True)
    rule = models.CharField(
        _("regel voor de uitslag"),
        max_length=32,
        choices=OutcomeRule.choices,
        default=OutcomeRule.MES_ADD1_GREEDY,
    )
    #: greedy-threshold: projects need at least this many votes
    #: (Pabulib min_project_score_threshold).
    min_score = models.PositiveIntegerField(_("minimum aantal stemmen"), null=True, blank=True)
    #: Per-category budgets (Pabulib budget_per_category), {"category": "amount"}; empty: none.
    category_budgets = models.JSONField(_("budget per categorie"), default=dict, blank=True)
    #: Set when the vote opens: from then on the ballot and the rule cannot change.
    locked_at = models.DateTimeField(_("vastgelegd op"), null=True, blank=True)
    #: Set by the close (voting.vote_close): no ballot carries a voter key any more and no vote
    #: with an account or a code is taken.
    vote_closed_at = models.DateTimeField(_("stemming afgesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgetten")
        ordering = ["process", "area__name", "title"]

    def __str__(self) -> str:
        return self.title


class BudgetProject(TimeStampedModel):
    """A proposal for a budget. Its title, text, place, author and support live on the Input;
    the feasibility review is published as the Input's official answer."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="projects", verbose_name=_("budget")
    )
    input = models.OneToOneField(
        "consultation.Input",
        on_delete=models.CASCADE,
        related_name="budget_project",
        verbose_name=_("inbreng"),
    )
    estimated_cost = models.DecimalField(
        _("geschatte kosten (euro)"), max_digits=14, decimal_places=2
    )
    #: Set by the review; the ballot and the outcome use it.
    final_cost = models.DecimalField(
        _("kosten na toets (euro)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    feasibility = models.CharField(
        _("haalbaarheid"), max_length=14, choices=Feasibility.choices, default=Feasibility.PENDING
    )
    category = models.CharField(_("categorie"), max_length=60, blank=True)

    #: Threshold progress, set by `proposals.selectors` on the projects it returns (not stored).
    supports_needed: int
    reached: bool
    on_ballot: bool

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projecten")
        ordering = ["budget", "pk"]

    def __str__(self) -> str:
        return self.input.title

    @property
    def cost(self):
        return self.final_cost if self.final_cost is not None else self.estimated_cost
