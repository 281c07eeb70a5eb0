"""Citizen initiatives (burgerinitiatieven): from a resident's proposal, through signatures,
to the council agenda and the council's decision.

The participation by-law (participatieverordening) sets, per municipality and per kind of
initiative, how many signatures are needed, how long collecting may take, and from what age a
resident may sign. An initiative copies those numbers when it starts collecting, so changing
the by-law later never moves the goalposts of a running initiative.

State machine (services.py moves an initiative; each move is a public Step with its date):

    concept -> in_review -> collecting -> agenda -> scheduled -> decided
                        \\-> refused   \\-> expired      ^   \\-(postponed)-> agenda
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspraak.core.text import TEXT_SHORT
from samenspraak.organisations.models import Area, Municipality, Topic

#: The longest question a resident asks a council member (characters).
QUESTION_MAX = 1000


class InitiativeKind(models.TextChoices):
    #: The council discusses a subject (agendering).
    AGENDA = "agenda", _("Onderwerp op de raadsagenda")
    #: The council votes on a worked-out proposal (burgerinitiatiefvoorstel).
    PROPOSAL = "proposal", _("Voorstel aan de raad")


class MinimumAge(models.IntegerChoices):
    SIXTEEN = 16, _("16 jaar")
    EIGHTEEN = 18, _("18 jaar")


class ByLaw(models.Model):
    """What the participation by-law says for one kind of initiative in one municipality."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("gemeente")
    )
    kind = models.CharField(_("soort initiatief"), max_length=20, choices=InitiativeKind.choices)
    signatures_needed = models.PositiveIntegerField(
        _("aantal handtekeningen nodig"),
        help_text=_("Zoveel handtekeningen zijn nodig om op de raadsagenda te komen."),
    )
    collect_days = models.PositiveIntegerField(
        _("dagen om handtekeningen te verzamelen"),
        help_text=_("Zoveel dagen na de publicatie kunnen inwoners tekenen."),
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimumleeftijd"), choices=MinimumAge.choices, default=MinimumAge.SIXTEEN
    )
    postcodes = models.CharField(
        _("postcodes in de gemeente"),
        max_length=200,
        blank=True,
        help_text=_(
            "Voor papieren lijsten: de cijfers van de postcodes, bijvoorbeeld 9990-9999, 9801. "
            "Leeg: niet controleren."
        ),
    )

    class Meta:
        verbose_name = _("regel uit de participatieverordening")
        verbose_name_plural = _("regels uit de participatieverordening")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind"], name="bylaw_one_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self.cache_key(self.municipality_id))

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(self.cache_key(self.municipality_id))
        return result

    @staticmethod
    def cache_key(municipality_id) -> str:
        """Where selectors.has_bylaws keeps its answer (pages ask on every visit)."""
        return f"initiatives:has-bylaws:{municipality_id}"


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    IN_REVIEW = "in_review", _("Wordt gecontroleerd")
    REFUSED = "refused", _("Niet toegelaten")
    COLLECTING = "collecting", _("Handtekeningen verzamelen")
    AGENDA = "agenda", _("Agendering")
    SCHEDULED = "scheduled", _("Op de agenda van de raad")
    DECIDED = "decided", _("Besloten")
    EXPIRED = "expired", _("Verlopen")


#: Statuses anyone may see; concept and in_review only the initiators and the clerk see.
PUBLIC_STATUSES = (
    Status.REFUSED,
    Status.COLLECTING,
    Status.AGENDA,
    Status.SCHEDULED,
    Status.DECIDED,
    Status.EXPIRED,
)
#: Statuses in the clerk's agenda queue.
QUEUE_STATUSES = (Status.AGENDA, Status.SCHEDULED)


class Initiative(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("gemeente")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=InitiativeKind.choices)
    title = models.CharField(_("titel"), max_length=120)
    problem = models.TextField(_("wat is het probleem?"), max_length=TEXT_SHORT)
    proposal = models.TextField(_("wat stelt u voor?"), max_length=TEXT_SHORT)
    council_ask = models.TextField(_("wat vraagt u de raad?"), max_length=TEXT_SHORT)
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebied"),
    )
    # Empty once the initiator erased their account: the initiative stays, without them.
    initiator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("initiatiefnemer"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CONCEPT
    )
    refusal_reason = models.TextField(_("reden van weigering"), blank=True)
    # Copied from the by-law when collecting starts.
    signatures_needed = models.PositiveIntegerField(_("handtekeningen nodig"), default=0)
    signature_count = models.PositiveIntegerField(_("aantal handtekeningen"), default=0)
    #: The last day residents can sign (local date), set when collecting starts.
    last_day = models.DateField(_("tekenen kan tot en met"), null=True, blank=True)
    #: Co-initiators join through a link with this token (they agree themselves).
    invite_token = models.CharField(_("uitnodigingscode"), max_length=40, blank=True)
    meeting = models.ForeignKey(
        "Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("raadsvergadering"),
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("burgerinitiatief")
        verbose_name_plural = _("burgerinitiatieven")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "status"], name="initiative_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("initiatives:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def percent(self) -> int:
        """Progress toward the threshold, 0-100 (for the progress bar)."""
        if not self.signatures_needed:
            return 0
        return min(100, self.signature_count * 100 // self.signatures_needed)

    @property
    def signatures_missing(self) -> int:
        return max(0, self.signatures_needed - self.signature_count)


class CoInitiator(models.Model):
    """A resident who starts the initiative together with the initiator."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="co_initiators",
        verbose_name=_("burgerinitiatief"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("mede-initiatiefnemer"),
    )

    class Meta:
        verbose_name = _("mede-initiatiefnemer")
        verbose_name_plural = _("mede-initiatiefnemers")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="coinitiator_once"),
        ]

    def __str__(self) -> str:
        return str(self.user)


class SignatureChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Op papier")


class PaperList(models.Model):
    """A paper signature list the clerk typed in."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="paper_lists",
        verbose_name=_("burgerinitiatief"),
    )
    received_on = models.DateField(_("ontvangen op"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ingevoerd door"),
    )
    entered_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)
    accepted = models.PositiveIntegerField(_("geteld"), default=0)
    duplicates = models.PositiveIntegerField(_("dubbel"), default=0)
    #: When the names and addresses of its lines were removed (the retention rule, after the
    #: council decided); the counts stay.
    personal_data_removed_at = models.DateTimeField(
        _("namen en adressen verwijderd op"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("papieren handtekeningenlijst")
        verbose_name_plural = _("papieren handtekeningenlijsten")
        ordering = ["-entered_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.received_on.isoformat()}"


class Signature(models.Model):
    """One signature. Online: the signed-in resident (one per person, by the database). Paper:
    the name and address on the list (for the clerk's check against the register), and a key
    (a keyed hash of postcode + house number + name, normalised) that is unique per
    initiative, so the same person on two lists counts once."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("burgerinitiatief"),
    )
    # Empty for paper lines, and once the signer erased their account (it still counts).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inwoner"),
    )
    channel = models.CharField(
        _("kanaal"), max_length=10, choices=SignatureChannel.choices, default="online"
    )
    paper_list = models.ForeignKey(
        PaperList,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("papieren lijst"),
    )
    name = models.CharField(_("naam"), max_length=120, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=12, blank=True)
    paper_key = models.CharField(_("sleutel voor dubbele regels"), max_length=200, blank=True)
    notify = models.BooleanField(_("op de hoogte houden"), default=False)
    signed_at = models.DateTimeField(_("getekend op"), auto_now_add=True)

    class Meta:
        verbose_name = _("handtekening")
        verbose_name_plural = _("handtekeningen")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"],
                condition=Q(user__isnull=False),
                name="signature_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["initiative", "paper_key"],
                condition=~Q(paper_key=""),
                name="signature_once_per_paper_line",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.get_channel_display()}"


class Meeting(models.Model):
    """A council meeting (raadsvergadering) the clerk puts initiatives on."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("gemeente")
    )
    title = models.CharField(_("naam"), max_length=120)
    starts_at = models.DateTimeField(_("begint op"))
    location = models.CharField(_("plaats"), max_length=120, blank=True)
    agenda_url = models.URLField(_("link naar de officiële agenda"), blank=True)

    class Meta:
        verbose_name = _("raadsvergadering")
        verbose_name_plural = _("raadsvergaderingen")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("Aangenomen")
    REJECTED = "rejected", _("Verworpen")
    POSTPONED = "postponed", _("Uitgesteld")


class CouncilDecision(models.Model):
    """What the council decided on an initiative at a meeting. A postponement sends the
    initiative back to the agenda queue; a later meeting records the next decision."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("burgerinitiatief"),
    )
    # RESTRICT: a meeting with decisions stays, unless its municipality goes altogether.
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.RESTRICT,
        related_name="decisions",
        verbose_name=_("raadsvergadering"),
    )
    outcome = models.CharField(_("besluit"), max_length=12, choices=Outcome.choices)
    motivation = models.TextField(_("motivering"), max_length=TEXT_SHORT)
    decision_url = models.URLField(_("link naar het officiële besluit"), blank=True)
    decided_on = models.DateField(_("besloten op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("raadsbesluit")
        verbose_name_plural = _("raadsbesluiten")
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.get_outcome_display()}"


class Step(models.Model):
    """One public step on an initiative's timeline: the status it reached, when, and a public
    note (the clerk's reason for a refusal, the meeting, the council's decision)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="steps", verbose_name=_("initiatief")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    at = models.DateTimeField(_("datum"))
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.get_status_display()}"


class CouncilMember(models.Model):
    """A council member's public profile, verified by the clerk: the clerk confirms that this
    account belongs to this member of the council. Only verified members react publicly."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="council_profile",
        verbose_name=_("account"),
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("gemeente")
    )
    name = models.CharField(_("naam"), max_length=120)
    party = models.CharField(_("partij"), max_length=80)
    portfolio = models.CharField(_("onderwerpen"), max_length=200, blank=True)
    #: The areas and themes the member follows for the council (their own page shows the
    #: processes and initiatives there).
    areas = models.ManyToManyField(Area, blank=True, related_name="+", verbose_name=_("gebieden"))
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="+", verbose_name=_("thema's in de portefeuille")
    )
    bio = models.TextField(_("over mij"), max_length=TEXT_SHORT, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gecontroleerd door"),
    )
    verified_at = models.DateTimeField(_("gecontroleerd op"))

    class Meta:
        verbose_name = _("raadslid")
        verbose_name_plural = _("raadsleden")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.party})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("initiatives:council_member", args=[self.pk])


class CouncilReaction(models.Model):
    """A council member's public reaction to one thing: an initiative, an input or a
    participation process (exactly one of the three is set)."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="council_reactions",
        verbose_name=_("burgerinitiatief"),
    )
    input = models.ForeignKey(
        "consultation.Input",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inbreng"),
    )
    process = models.ForeignKey(
        "processes.Process",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("participatieproces"),
    )
    # Empty once the member's profile is gone (account erased): the reaction stays on record.
    member = models.ForeignKey(
        CouncilMember,
        on_delete=models.SET_NULL,
        null=True,
        related_name="reactions",
        verbose_name=_("raadslid"),
    )
    body = models.TextField(_("reactie"), max_length=TEXT_SHORT)
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)

    class Meta:
        verbose_name = _("reactie van een raadslid")
        verbose_name_plural = _("reacties van raadsleden")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(initiative__isnull=False, input__isnull=True, process__isnull=True)
                    | Q(initiative__isnull=True, input__isnull=False, process__isnull=True)
                    | Q(initiative__isnull=True, input__isnull=True, process__isnull=False)
                ),
                name="council_reaction_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.subject}"

    @property
    def subject(self):
        """The initiative, input or process this reaction is about."""
        return self.initiative or self.input or self.process

    @property
    def subject_url(self) -> str:
        from django.urls import reverse

        if self.process_id:
            return reverse("processes:process_detail", args=[self.process.slug])
        return self.subject.get_absolute_url()


class QuestionState(models.TextChoices):
    #: Waiting for a moderator (only when questions are pre-moderated).
    PENDING = "pending", _("Wacht op controle")
    PUBLISHED = "published", _("Geplaatst")
    #: A moderator did not publish it (with the reason the asker reads).
    REFUSED = "refused", _("Niet geplaatst")


class CouncilQuestion(models.Model):
    """A resident's public question on a process page to one council member (`member`) or to
    all of them (`member` empty and `to_all`). Published at once, or after a moderator's check
    when questions are pre-moderated. One public answer, by that member or, for a question to
    all, by any verified member; unanswered after `due_on` it is overdue."""

    process = models.ForeignKey(
        "processes.Process",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("participatieproces"),
    )
    # Empty once the member's profile is gone; `to_all` tells a question to all apart.
    member = models.ForeignKey(
        CouncilMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("aan raadslid"),
    )
    to_all = models.BooleanField(_("aan alle raadsleden"), default=False)
    # Empty once the resident erased their account: the question and its answer stay.
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gesteld door"),
    )
    body = models.TextField(_("vraag"), max_length=QUESTION_MAX)
    state = models.CharField(
        _("controle"), max_length=10, choices=QuestionState.choices, default=QuestionState.PUBLISHED
    )
    refusal_reason = models.CharField(_("reden"), max_length=300, blank=True)
    asked_at = models.DateTimeField(_("gesteld op"), default=timezone.now)
    #: The last day for an answer (asked + the answer days); later it is overdue.
    due_on = models.DateField(_("antwoord uiterlijk op"))
    answer = models.TextField(_("antwoord"), max_length=TEXT_SHORT, blank=True)
    answered_by = models.ForeignKey(
        CouncilMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("beantwoord door"),
    )
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vraag aan de raad")
        verbose_name_plural = _("vragen aan de raad")
        ordering = ["-asked_at", "-pk"]
        indexes = [
            models.Index(fields=["process", "asked_at"], name="council_question_process"),
            models.Index(fields=["answered_at", "due_on"], name="council_question_open"),
            models.Index(fields=["state", "asked_at"], name="council_question_state"),
        ]

    def __str__(self) -> str:
        return f"{self.process}: {self.body[:40]}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("processes:process_detail", args=[self.process.slug]) + f"#vraag-{self.pk}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_answered and timezone.localdate() > self.due_on
