"""Input (inbreng) from residents, supports, and the public official answer to every input."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenspraak.core.text import TEXT_LONG, TEXT_SHORT
from samenspraak.organisations.models import Area, Municipality, Topic
from samenspraak.processes.models import Phase, Process

COLLECT = "consultation.collect"
#: Phase actions consultation owns (declared in its manifest): giving input and supporting it.
SUBMIT_INPUT = "submit_input"
SUPPORT = "support"


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Op papier")
    PHONE = "phone", _("Telefonisch")
    MEETING = "meeting", _("Tijdens een bijeenkomst")
    EMAIL = "email", _("Per e-mail")


OFFLINE_CHANNELS = [c for c in Channel.values if c != Channel.ONLINE]


class InputStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Ingediend")
    IN_PROGRESS = "in_progress", _("In behandeling")
    ANSWERED = "answered", _("Beantwoord")


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("Overgenomen")
    PARTLY_ADOPTED = "partly_adopted", _("Deels overgenomen")
    NOT_ADOPTED = "not_adopted", _("Niet overgenomen")
    NOT_APPLICABLE = "not_applicable", _("Niet van toepassing")


class Input(models.Model):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="inputs", verbose_name=_("proces")
    )
    phase = models.ForeignKey(
        Phase, on_delete=models.RESTRICT, related_name="inputs", verbose_name=_("fase")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inputs",
        verbose_name=_("indiener"),
    )
    title = models.CharField(_("titel"), max_length=120)
    body = models.TextField(_("tekst"), max_length=TEXT_SHORT)
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inputs",
        verbose_name=_("gebied"),
    )
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    #: The street at the point, looked up once in the worker after saving (core.places);
    #: empty when none is configured or known.
    place_name = models.CharField(_("plek"), max_length=200, blank=True, editable=False)
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inputs",
        verbose_name=_("thema"),
    )
    image = models.ImageField(_("afbeelding"), upload_to="inbreng/%Y/%m/", blank=True)
    image_alt = models.CharField(_("beschrijving van de afbeelding"), max_length=200, blank=True)
    channel = models.CharField(
        _("kanaal"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    received_on = models.DateField(_("ontvangen op"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingevoerd door"),
    )
    submitter_name = models.CharField(_("naam van de indiener"), max_length=80, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=InputStatus.choices, default=InputStatus.SUBMITTED
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_inputs",
        verbose_name=_("behandelaar"),
    )
    due_date = models.DateField(_("reageren voor"))
    support_count = models.PositiveIntegerField(_("aantal steunbetuigingen"), default=0)
    created_at = models.DateTimeField(_("ingediend op"), db_index=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    #: Title and body as PostgreSQL's Dutch text-search document, kept by a database trigger
    #: (migration 0007) and indexed (GIN) there, so search neither parses every input again
    #: nor ranks from scratch. Empty on other databases, whose search does not use it.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("inbreng")
        verbose_name_plural = _("inbreng")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The list's two sort orders, whole, so a page is one index walk.
            models.Index(fields=["process", "-created_at", "-id"], name="input_process_new"),
            models.Index(
                fields=["process", "-support_count", "-created_at", "-id"],
                name="input_process_support",
            ),
            models.Index(fields=["process", "status"], name="input_process_status"),
            models.Index(fields=["status", "due_date"], name="input_open_due"),
            models.Index(fields=["owner", "status"], name="input_owner_status"),
            # The map of a list: its placed inputs newest first, and how many there are, read
            # from this index alone (a count over the table read every input's text, #11).
            models.Index(
                fields=["process", "-created_at", "-id"],
                name="input_process_placed",
                condition=models.Q(latitude__isnull=False, longitude__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("consultation:input_detail", args=[self.process.slug, self.pk])

    @property
    def shows_outcome(self) -> bool:
        """The answer's outcome ("Overgenomen" ...) belongs to consultation's own collect phases.
        Input in another app's phase (a budget project on the ballot) gets its fate from that
        app, so "Overgenomen" never shows on a project that is still to be voted on."""
        return self.phase.kind == COLLECT

    @property
    def is_offline(self) -> bool:
        return self.channel != Channel.ONLINE

    @property
    def public_name(self) -> str:
        """Who submitted it, as shown to others: a display name or a pseudonymised name."""
        if self.author_id and self.author:
            return str(self.author)
        if self.submitter_name:
            return pseudonymise(self.submitter_name)
        return str(_("Een inwoner"))


def pseudonymise(name: str) -> str:
    """'Mevrouw Jansen' -> 'Mevrouw J.': enough to recognise, not enough to identify."""
    words = name.split()
    if len(words) < 2:
        return (words[0][:1] + ".") if words else ""
    return " ".join(words[:-1]) + " " + words[-1][:1] + "."


class Support(models.Model):
    input = models.ForeignKey(
        Input, on_delete=models.CASCADE, related_name="supports", verbose_name=_("inbreng")
    )
    # Empty once the person erased their account: the support still counts, without them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supports",
        verbose_name=_("inwoner"),
    )
    created_at = models.DateTimeField(_("gesteund op"), auto_now_add=True)

    class Meta:
        verbose_name = _("steunbetuiging")
        verbose_name_plural = _("steunbetuigingen")
        constraints = [
            models.UniqueConstraint(fields=["input", "user"], name="support_once_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.input}"


class OfficialAnswer(models.Model):
    input = models.OneToOneField(
        Input, on_delete=models.CASCADE, related_name="answer", verbose_name=_("inbreng")
    )
    body = models.TextField(_("antwoord"), max_length=TEXT_LONG)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reden"), max_length=TEXT_SHORT)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("beantwoord door"),
    )
    published_at = models.DateTimeField(_("gepubliceerd op"))

    class Meta:
        verbose_name = _("antwoord van de gemeente")
        verbose_name_plural = _("antwoorden van de gemeente")
        indexes = [
            # The area page's memory reads the newest answers in some areas: walking this index
            # finds them without sorting every answered input of the area (18 ms -> 3 ms at
            # 10,000 inputs, benchmarks/consultation_pages.py's data).
            models.Index(fields=["-published_at", "-input"], name="consult_answer_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.input}: {self.get_outcome_display()}"


class AnswerTemplate(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="answer_templates",
        verbose_name=_("gemeente"),
    )
    title = models.CharField(_("titel"), max_length=120)
    body = models.TextField(_("tekst"), max_length=TEXT_LONG)
    # Choosing the standard answer sets this outcome on the answer form (still editable).
    # Empty only on standard answers saved before outcomes existed; the form requires one.
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = _("standaardantwoord")
        verbose_name_plural = _("standaardantwoorden")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
