"""Representativeness: who took part in a process compared with who lives there.

Four characteristics with fixed categories that match CBS's Kerncijfers wijken en buurten (age
bands, men/women, education level, the area someone lives in). "Wil ik niet zeggen" is always an
answer. What residents answer is stored here, apart from everything they contributed: an
`Answer` knows the process and the person (only so one person answers once per process and can
have it erased), and nothing in another app points at it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenspraak.core.models import TimeStampedModel
from samenspraak.organisations.models import Area
from samenspraak.processes.models import Process

#: "Wil ik niet zeggen": stored for every characteristic someone did not want to answer.
NOT_SAID = "niet_gezegd"
#: The area answer of someone who lives outside the municipality's districts.
ELSEWHERE = "elders"
#: Cells with fewer people than this are never shown ("< 10"), see docs/representation.md.
MIN_CELL = 10


class Characteristic(models.TextChoices):
    AGE = "leeftijd", _("Leeftijd")
    GENDER = "geslacht", _("Geslacht")
    EDUCATION = "opleiding", _("Opleidingsniveau")
    AREA = "gebied", _("Wijk")


class AgeBand(models.TextChoices):
    """CBS's age bands (k_0Tot15Jaar ... k_65JaarOfOuder)."""

    UNDER_15 = "0-14", _("Jonger dan 15 jaar")
    FROM_15 = "15-24", _("15 tot 25 jaar")
    FROM_25 = "25-44", _("25 tot 45 jaar")
    FROM_45 = "45-64", _("45 tot 65 jaar")
    FROM_65 = "65+", _("65 jaar of ouder")


class Gender(models.TextChoices):
    """CBS counts men and women; "anders" has no population figure."""

    MAN = "man", _("Man")
    WOMAN = "vrouw", _("Vrouw")
    OTHER = "anders", _("Anders")


class Education(models.TextChoices):
    """CBS's education levels (OpleidingsniveauLaag/Middelbaar/Hoog, people of 15 to 75)."""

    LOW = "laag", _("Laag: basisschool, vmbo, mbo 1")
    MIDDLE = "middelbaar", _("Middelbaar: havo, vwo, mbo 2 tot 4")
    HIGH = "hoog", _("Hoog: hbo of universiteit")


NOT_SAID_CHOICE = (NOT_SAID, _("Wil ik niet zeggen"))


class Answer(TimeStampedModel):
    """One person's voluntary answers for one process (online). Never linked from input,
    votes or responses; `user` is only there for "once per process" and for erasure."""

    process = models.ForeignKey(
        Process,
        on_delete=models.CASCADE,
        related_name="representation_answers",
        verbose_name=_("proces"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="representation_answers",
        verbose_name=_("persoon"),
    )
    age = models.CharField(
        _("leeftijd"), max_length=12, choices=[*AgeBand.choices, NOT_SAID_CHOICE]
    )
    gender = models.CharField(
        _("geslacht"), max_length=12, choices=[*Gender.choices, NOT_SAID_CHOICE]
    )
    education = models.CharField(
        _("opleidingsniveau"), max_length=12, choices=[*Education.choices, NOT_SAID_CHOICE]
    )
    #: A district's pk as text, ELSEWHERE or NOT_SAID (what the person chose, even if the
    #: district is later removed).
    area = models.CharField(_("wijk"), max_length=20)

    class Meta:
        verbose_name = _("antwoord over uzelf")
        verbose_name_plural = _("antwoorden over uzelf")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "user"], name="representation_one_answer_per_person"
            )
        ]


class PaperCount(TimeStampedModel):
    """How many paper or meeting participants of a process are in one category (staff enter
    them from the forms handed in)."""

    process = models.ForeignKey(
        Process,
        on_delete=models.CASCADE,
        related_name="representation_paper_counts",
        verbose_name=_("proces"),
    )
    characteristic = models.CharField(_("kenmerk"), max_length=12, choices=Characteristic.choices)
    value = models.CharField(_("groep"), max_length=20)
    count = models.PositiveIntegerField(_("aantal"))

    class Meta:
        verbose_name = _("aantal op papier")
        verbose_name_plural = _("aantallen op papier")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "characteristic", "value"],
                name="representation_paper_count_unique",
            )
        ]


#: PopulationFigure.characteristic for the number of inhabitants of an area.
INHABITANTS = "inwoners"


class PopulationFigure(TimeStampedModel):
    """One number from a CBS table: how many inhabitants of an area are in one category
    (`characteristic` INHABITANTS with an empty value: all of them)."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="population_figures", verbose_name=_("gebied")
    )
    characteristic = models.CharField(_("kenmerk"), max_length=12)
    value = models.CharField(_("groep"), max_length=20, blank=True)
    count = models.PositiveIntegerField(_("aantal"))
    source = models.CharField(_("bron"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("bevolkingscijfer")
        verbose_name_plural = _("bevolkingscijfers")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "characteristic", "value"], name="representation_figure_unique"
            )
        ]


class TargetKind(models.TextChoices):
    AT_LEAST = "minimaal", _("Minimaal dit percentage van de deelnemers")
    WITHIN = "binnen", _("Hoogstens zoveel procentpunten onder de bevolking")


class Target(TimeStampedModel):
    """A goal for one group in a process's design, e.g. "at least 20% under 25" or "no more than
    5 points below the population"."""

    process = models.ForeignKey(
        Process,
        on_delete=models.CASCADE,
        related_name="representation_targets",
        verbose_name=_("proces"),
    )
    characteristic = models.CharField(_("kenmerk"), max_length=12, choices=Characteristic.choices)
    value = models.CharField(_("groep"), max_length=20)
    kind = models.CharField(_("soort doel"), max_length=10, choices=TargetKind.choices)
    number = models.PositiveSmallIntegerField(_("getal"))

    class Meta:
        verbose_name = _("doel voor deelname")
        verbose_name_plural = _("doelen voor deelname")
        ordering = ["characteristic", "value", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "characteristic", "value", "kind"],
                name="representation_target_unique",
            )
        ]


class ProcessSetting(models.Model):
    """Per process: whether the figures are public, and when the manager was last alerted."""

    process = models.OneToOneField(
        Process,
        on_delete=models.CASCADE,
        related_name="representation_setting",
        verbose_name=_("proces"),
    )
    published = models.BooleanField(_("cijfers openbaar"), default=False)
    last_alert_on = models.DateField(_("laatste waarschuwing"), null=True, blank=True)

    class Meta:
        verbose_name = _("instelling deelnemers")
        verbose_name_plural = _("instellingen deelnemers")

    def __str__(self) -> str:
        return str(self.process)
