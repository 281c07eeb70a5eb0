"""E-information of a participation process: news updates, documents with the Woo/DiWoo metadata
that matters, frequently asked questions, and who follows the process (e-mail on updates)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspraak.core.models import TimeStampedModel
from samenspraak.processes.models import Process


class Update(TimeStampedModel):
    """A news item on a process. `body` is a rich text as typed (the Markdown
    subset of core.richtext; older news holds simple HTML, which the same rendering cleans)."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="updates", verbose_name=_("proces")
    )
    title = models.CharField(_("titel"), max_length=160)
    body = models.TextField(_("tekst"))
    published_at = models.DateTimeField(_("gepubliceerd op"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geschreven door"),
    )

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["process", "-published_at"])]

    def __str__(self) -> str:
        return self.title


class DocumentType(models.TextChoices):
    """Information categories of the Woo (DiWoo), the ones a participation process uses."""

    RAADSVOORSTEL = "raadsvoorstel", _("Raadsvoorstel")
    BESLUIT = "besluit", _("Besluit")
    ONDERZOEKSRAPPORT = "onderzoeksrapport", _("Onderzoeksrapport")
    ADVIES = "advies", _("Advies")
    BRIEF = "brief", _("Brief")
    VERGADERSTUK = "vergaderstuk", _("Vergaderstuk")
    BELEIDSNOTA = "beleidsnota", _("Beleidsnota")
    OVERIG = "overig", _("Overig")


class DocumentLanguage(models.TextChoices):
    """ISO 639-1 codes; "other" for anything else."""

    NL = "nl", _("Nederlands")
    FY = "fy", _("Fries")
    EN = "en", _("Engels")
    DE = "de", _("Duits")
    OTHER = "other", _("Andere taal")


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    ODT = "odt", "ODT"
    DOCX = "docx", "DOCX"


def document_upload_to(instance, filename: str) -> str:
    return f"information/documents/{timezone.now():%Y/%m}/{filename}"


class Document(TimeStampedModel):
    """A document of a process: an uploaded file (PDF/ODT/DOCX) or a link, never both."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="documents", verbose_name=_("proces")
    )
    title = models.CharField(_("titel"), max_length=200)
    document_type = models.CharField(
        _("soort document"),
        max_length=30,
        choices=DocumentType.choices,
        default=DocumentType.OVERIG,
    )
    date = models.DateField(_("datum"), default=timezone.localdate)
    organisation = models.CharField(
        _("organisatie"), max_length=200, help_text=_("Wie het document uitgeeft.")
    )
    identifier = models.CharField(
        _("kenmerk"), max_length=100, blank=True, help_text=_("Bijvoorbeeld het zaaknummer.")
    )
    language = models.CharField(
        _("taal"), max_length=8, choices=DocumentLanguage.choices, default=DocumentLanguage.NL
    )
    file = models.FileField(_("bestand"), upload_to=document_upload_to, blank=True, max_length=255)
    file_size = models.PositiveIntegerField(_("bestandsgrootte in bytes"), null=True, blank=True)
    file_format = models.CharField(
        _("bestandsformaat"), max_length=8, choices=FileFormat.choices, blank=True
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegevoegd door"),
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url=""))
                | (~models.Q(file="") & models.Q(url="")),
                name="document_file_xor_url",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        has_file, has_url = bool(self.file), bool(self.url)
        if has_file and has_url:
            raise ValidationError(
                _("Kies een bestand óf een link, niet allebei."), code="file_and_url"
            )
        if not has_file and not has_url:
            raise ValidationError(_("Voeg een bestand of een link toe."), code="no_file_or_url")

    @property
    def is_file(self) -> bool:
        return bool(self.file)


class FAQItem(models.Model):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="faq_items", verbose_name=_("proces")
    )
    question = models.CharField(_("vraag"), max_length=300)
    answer = models.TextField(_("antwoord"))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("veelgestelde vraag")
        verbose_name_plural = _("veelgestelde vragen")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.question


class Follow(models.Model):
    """Someone follows a process: they get e-mail on updates (if they consented to that kind)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("persoon"),
    )
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="follows", verbose_name=_("proces")
    )
    created_at = models.DateTimeField(_("volgt sinds"), auto_now_add=True)

    class Meta:
        verbose_name = _("volger")
        verbose_name_plural = _("volgers")
        constraints = [
            models.UniqueConstraint(fields=["user", "process"], name="follow_unique_user_process"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.process}"
