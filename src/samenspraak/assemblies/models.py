"""A burgerberaad (citizens' assembly): invitations by lot to addresses, volunteers register,
and a panel is drawn by a fair lottery (sortition_engine) that matches the population on a few
characteristics.

What is personal data lives in `Registration` alone (its own table, never joined into inputs or
anything else); the retention clock (`tasks.retention_clock`) deletes it after the assembly.
What is published (the lottery, each volunteer's selection probability, the panel's counts per
characteristic) uses `PoolMember.public_id`, a random number that says nothing about who it is.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenspraak.core.models import TimeStampedModel
from samenspraak.processes.models import Phase, Process

PHASE_KIND = "assemblies.assembly"
#: The phase action assemblies owns (declared in its manifest): registering with a code.
REGISTER = "assembly_register"


class Algorithm(models.TextChoices):
    LEXIMIN = "leximin", _("LEXIMIN: de kleinste kans zo groot mogelijk, dan de volgende")
    MAXIMIN = "maximin", _("Maximin: alleen de kleinste kans zo groot mogelijk")
    NASH = "nash", _("Nash: het product van de kansen zo groot mogelijk")
    LEGACY = "legacy", _("Oude methode: één voor één, ter vergelijking")


class Stage(models.TextChoices):
    SETUP = "setup", _("In voorbereiding")
    INVITED = "invited", _("Uitgenodigd, aanmelden kan")
    CLOSED = "closed", _("Aanmelden gesloten")
    DRAWN = "drawn", _("Panel geloot")
    PUBLISHED = "published", _("Gepubliceerd")


class Assembly(TimeStampedModel):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="assemblies", verbose_name=_("proces")
    )
    phase = models.OneToOneField(
        Phase, on_delete=models.CASCADE, related_name="assembly", verbose_name=_("fase")
    )
    title = models.CharField(_("titel"), max_length=160)
    intro = models.TextField(_("inleiding"), blank=True)
    panel_size = models.PositiveSmallIntegerField(_("aantal leden van het panel"), default=24)
    reserve_size = models.PositiveSmallIntegerField(_("aantal reserves"), default=6)
    algorithm = models.CharField(
        _("lotingsmethode"), max_length=10, choices=Algorithm.choices, default=Algorithm.LEXIMIN
    )
    household_rule = models.BooleanField(
        _("hoogstens één aanmelding per adres"),
        default=True,
        help_text=_("Dan komt er nooit meer dan één persoon van hetzelfde adres in het panel."),
    )
    stage = models.CharField(_("stand"), max_length=10, choices=Stage.choices, default=Stage.SETUP)
    #: The published seed of the invitation lottery (anyone can check which addresses it picks).
    invitation_seed = models.CharField(max_length=64, blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    #: sha256 of the draw's seed, published before the draw; the seed itself stays secret
    #: (`draw_seed`) until the panel is published.
    seed_commitment = models.CharField(max_length=64, blank=True)
    draw_seed = models.CharField(max_length=128, blank=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    drawn_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    #: When the volunteers were mailed the outcome (selected, reserve, not selected): once.
    outcome_mailed_at = models.DateTimeField(null=True, blank=True)
    #: When the retention clock deleted the registrations (contact details, characteristics).
    registrations_erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("burgerberaad")
        verbose_name_plural = _("burgerberaden")
        ordering = ["process", "phase__starts_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.phase_id and self.phase.kind != PHASE_KIND:
            raise ValidationError({"phase": _("Kies een fase van het soort 'Burgerberaad'.")})
        if self.phase_id and self.process_id and self.phase.process_id != self.process_id:
            raise ValidationError({"phase": _("Deze fase hoort bij een ander proces.")})

    @property
    def seed_revealed(self) -> bool:
        return self.stage == Stage.PUBLISHED


class Quota(models.Model):
    """One value of a selection characteristic with how many panel members may have it."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="quotas")
    feature = models.CharField(_("kenmerk"), max_length=60)
    value = models.CharField(_("waarde"), max_length=60)
    #: Inhabitants with this value (e.g. from CBS), to derive min and max from.
    population = models.PositiveIntegerField(_("aantal inwoners"), null=True, blank=True)
    minimum = models.PositiveSmallIntegerField(_("minimaal"))
    maximum = models.PositiveSmallIntegerField(_("maximaal"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("quotum")
        verbose_name_plural = _("quota")
        ordering = ["assembly", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assembly", "feature", "value"], name="assemblies_one_quota_per_value"
            ),
            models.CheckConstraint(
                condition=models.Q(minimum__lte=models.F("maximum")),
                name="assemblies_quota_min_le_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.feature}: {self.value} ({self.minimum}-{self.maximum})"


class Address(models.Model):
    """An address from the municipality's address file (no people, no names)."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="addresses")
    line = models.PositiveIntegerField(_("regel in het bestand"))
    street = models.CharField(_("straat"), max_length=120)
    number = models.PositiveIntegerField(_("huisnummer"))
    addition = models.CharField(_("toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7)
    city = models.CharField(_("woonplaats"), max_length=80)
    area_code = models.CharField(_("buurtcode"), max_length=40)

    class Meta:
        verbose_name = _("adres")
        verbose_name_plural = _("adressen")
        ordering = ["assembly", "line"]
        constraints = [
            models.UniqueConstraint(
                fields=["assembly", "postcode", "number", "addition"],
                name="assemblies_address_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.street} {self.house_number}, {self.postcode} {self.city}"

    @property
    def house_number(self) -> str:
        return f"{self.number}{'-' + self.addition if self.addition else ''}"


class Invitation(models.Model):
    """The letter to one address, with its registration code."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="invitations")
    address = models.OneToOneField(Address, on_delete=models.CASCADE, related_name="invitation")
    code = models.CharField(_("aanmeldcode"), max_length=16, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["assembly", "address__area_code", "address__line"]

    def __str__(self) -> str:
        return self.code


class Registration(models.Model):
    """A volunteer: contact details and selection characteristics, stored apart from everything
    else and deleted after the assembly (`Assembly.registrations_erased_at`)."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="registrations")
    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="registrations"
    )
    #: The account of a volunteer who was logged in (optional: registering needs none).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assembly_registrations",
    )
    name = models.CharField(_("naam"), max_length=120)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    #: {feature: value} for the assembly's quota features.
    characteristics = models.JSONField(_("kenmerken"), default=dict)
    consent = models.BooleanField(_("toestemming"), default=False)
    #: The interface language at registration: the outcome mail is written in it.
    language = models.CharField(_("taal"), max_length=8, blank=True)
    #: When staff phoned a volunteer without an e-mail address to tell the outcome (who did it
    #: is in the audit log).
    outcome_called_at = models.DateTimeField(_("uitslag gebeld op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["assembly", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.assembly_id}: {self.pk}"


class DrawState(models.TextChoices):
    QUEUED = "queued", _("Staat in de wachtrij")
    RUNNING = "running", _("Wordt berekend")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class Draw(models.Model):
    """The lottery and the draw of one assembly, computed in the background (`tasks`).

    `result` is what is published, with public ids only: {"algorithm", "probabilities":
    {public id: p}, "lottery": [{"panel": [public ids], "probability": p}], "seconds",
    "panel": [public ids], "reserves": [public ids], "u", "panel_counts": {feature: {value: n}},
    "pool_counts": {...}, "quotas": [...], "panel_size"}. `relaxation` holds the smallest
    relaxation when the quotas cannot be met.
    """

    assembly = models.OneToOneField(Assembly, on_delete=models.CASCADE, related_name="draw")
    state = models.CharField(max_length=10, choices=DrawState.choices)
    requested_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    relaxation = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.assembly_id}: {self.state}"

    @property
    def in_progress(self) -> bool:
        return self.state in (DrawState.QUEUED, DrawState.RUNNING)


class PoolMember(models.Model):
    """A volunteer in the draw under a public id; outlives the registration (erased later)."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="pool")
    registration = models.OneToOneField(
        Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="pool_member"
    )
    public_id = models.CharField(max_length=12)
    probability = models.FloatField()
    on_panel = models.BooleanField(default=False)
    reserve_rank = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["assembly", "public_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assembly", "public_id"], name="assemblies_public_id_once"
            )
        ]

    def __str__(self) -> str:
        return self.public_id

    @property
    def outcome(self) -> str:
        """ "selected", "reserve" (see `reserve_rank`) or "not_selected"."""
        if self.on_panel:
            return "selected"
        if self.reserve_rank:
            return "reserve"
        return "not_selected"
