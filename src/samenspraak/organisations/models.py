"""The municipality, its areas (wijken and buurten) and its look (an NL Design System theme)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenspraak.core.geo import validate_shape
from samenspraak.core.models import TimeStampedModel


class Theme(models.TextChoices):
    """A theme is one NL Design System token file, applied as a class on <body>."""

    VOORBEELD = "voorbeeld-theme", _("Voorbeeld (NL Design System)")


class Municipality(TimeStampedModel):
    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("korte naam"), unique=True)
    oin = models.CharField(
        _("OIN"),
        max_length=20,
        blank=True,
        help_text=_("Organisatie-identificatienummer: 20 cijfers."),
    )
    cbs_code = models.CharField(_("CBS-gemeentecode"), max_length=6, blank=True)
    contact_email = models.EmailField(_("e-mailadres voor contact"), blank=True)
    contact_phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    contact_address = models.TextField(_("bezoekadres"), blank=True)
    website = models.URLField(_("website"), blank=True)
    theme = models.CharField(
        _("huisstijl"), max_length=60, choices=Theme.choices, default=Theme.VOORBEELD
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.oin and (len(self.oin) != 20 or not self.oin.isdigit()):
            raise ValidationError({"oin": _("Een OIN bestaat uit precies 20 cijfers.")})


class AreaKind(models.TextChoices):
    DISTRICT = "wijk", _("Wijk")
    NEIGHBOURHOOD = "buurt", _("Buurt")


class Area(TimeStampedModel):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="areas", verbose_name=_("gemeente")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("ligt in"),
    )
    kind = models.CharField(
        _("soort"), max_length=10, choices=AreaKind.choices, default=AreaKind.DISTRICT
    )
    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("korte naam"))
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=10,
        blank=True,
        help_text=_("Bijvoorbeeld WK036301 of BU03630101."),
    )
    description = models.TextField(_("beschrijving"), blank=True)
    shape = models.JSONField(
        _("vorm (GeoJSON)"),
        null=True,
        blank=True,
        help_text=_("Een GeoJSON Polygon of MultiPolygon in WGS84 (lengtegraad, breedtegraad)."),
        validators=[validate_shape],
    )

    class Meta:
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="area_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class Topic(TimeStampedModel):
    """A policy theme (thema) such as "Groen" or "Verkeer"; processes and inputs carry it."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="topics", verbose_name=_("gemeente")
    )
    name = models.CharField(_("naam"), max_length=80)
    slug = models.SlugField(_("korte naam"))

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="topic_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class Department(TimeStampedModel):
    """A part of the municipal organisation that is responsible for processes (afdeling)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="departments",
        verbose_name=_("gemeente"),
    )
    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("korte naam"))

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelingen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="department_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name
