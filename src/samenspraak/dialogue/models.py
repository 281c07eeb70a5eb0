"""Comments on anything, reports of content, house rules and moderation decisions.

Everything here points at its subject through a generic relation (content type + object id), so
other apps' objects (inputs, updates...) can be commented on, reported and hidden without this app
knowing their models.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenspraak.organisations.models import Municipality

#: The phase action dialogue owns (declared in its manifest): commenting.
COMMENT = "comment"
COMMENT_MAX_LENGTH = 2000
REPORT_REASON_MAX_LENGTH = 1000
MUTE_REASON_MAX_LENGTH = 500
#: How long the author may still edit a comment, unless settings.DIALOGUE_EDIT_MINUTES says.
EDIT_MINUTES = 15


class Position(models.TextChoices):
    """Where a comment stands, on targets whose view rule has positions=True."""

    FOR = "for", _("Voor")
    AGAINST = "against", _("Tegen")
    NEUTRAL = "neutral", _("Neutraal")


class CommentStatus(models.TextChoices):
    PUBLISHED = "published", _("Geplaatst")
    #: Pre-moderation (the target's rule, or the word filter): seen by author and moderators.
    PENDING = "pending", _("Wacht op controle")


class ReactionKind(models.TextChoices):
    AGREE = "agree", _("Eens")
    GOOD_POINT = "good_point", _("Goed punt")
    THANKS = "thanks", _("Dank je")


class Comment(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("soort onderwerp")
    )
    object_id = models.PositiveBigIntegerField(_("onderwerp-id"))
    target = GenericForeignKey("content_type", "object_id")
    # Empty once the author erased their account: the comment stays, without a name.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("schrijver"),
    )
    body = models.TextField(_("reactie"), validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("bewerkt op"), null=True, blank=True)
    # One level of replies: a reply to a reply hangs under the same top-level comment. When the
    # author deletes a comment, the replies others wrote stay (as comments of their own).
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("antwoord op"),
    )
    quoted = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("citeert"),
    )
    position = models.CharField(_("standpunt"), max_length=10, choices=Position, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus, default=CommentStatus.PUBLISHED
    )
    #: Why it waits for a moderator (pre-moderation of the target, or the word filter).
    pending_reason = models.CharField(_("reden van controle"), max_length=200, blank=True)
    #: Written by staff or a council member: shown with the "officiële reactie" badge.
    official = models.BooleanField(_("officiële reactie"), default=False)
    pinned = models.BooleanField(_("vastgezet"), default=False)
    highlighted = models.BooleanField(_("uitgelicht"), default=False)

    # Not fields: set by selectors.comments_for for the comment block.
    hidden_rule: "HouseRule | None"
    reaction_counts: list
    thread_replies: list
    quote: dict | None
    editable: bool
    subject: object

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self) -> str:
        text = " ".join(self.body.split())
        return text[:60] + ("…" if len(text) > 60 else "")

    def get_absolute_url(self) -> str:
        target = self.target
        base = target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/"
        return f"{base}{self.link_suffix}"

    @property
    def anchor(self) -> str:
        return f"reactie-{self.pk}"

    @property
    def link_suffix(self) -> str:
        """What to add to the target's address to land on this comment: `?reactie=` opens the
        page of the comment block that holds it, the anchor scrolls to it."""
        return f"?reactie={self.pk}#{self.anchor}"

    @property
    def is_pending(self) -> bool:
        return self.status == CommentStatus.PENDING


class Reaction(models.Model):
    """One person's small reaction ("Eens", "Goed punt", "Dank je") to a comment: one per kind."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reactions", verbose_name=_("reactie")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("persoon"),
    )
    kind = models.CharField(_("soort"), max_length=12, choices=ReactionKind)
    created_at = models.DateTimeField(_("gegeven op"), auto_now_add=True)

    class Meta:
        verbose_name = _("waardering")
        verbose_name_plural = _("waarderingen")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user", "kind"], name="dialogue_reaction_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.comment_id}:{self.kind}"


class FilterWord(models.Model):
    """A word of the municipality's word filter: comments containing it wait for a moderator."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="filter_words",
        verbose_name=_("gemeente"),
    )
    word = models.CharField(_("woord"), max_length=60)
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("filterwoord")
        verbose_name_plural = _("woordfilter")
        ordering = ["word"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "word"], name="dialogue_filterword_unique"
            )
        ]

    def __str__(self) -> str:
        return self.word


class Mute(models.Model):
    """A participant may not write comments until `until` (a moderator's decision)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("deelnemer"),
    )
    until = models.DateTimeField(_("tot"))
    reason = models.TextField(_("reden"), validators=[MaxLengthValidator(MUTE_REASON_MAX_LENGTH)])
    muted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    created_at = models.DateTimeField(_("sinds"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("opgeheven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("demping")
        verbose_name_plural = _("dempingen")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "until"])]

    def __str__(self) -> str:
        return f"{self.user_id} until {self.until:%Y-%m-%d}"


class HouseRule(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="house_rules",
        verbose_name=_("gemeente"),
    )
    title = models.CharField(_("titel"), max_length=120)
    text = models.TextField(_("uitleg"))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("huisregel")
        verbose_name_plural = _("huisregels")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Report(models.Model):
    """Someone says this content breaks the rules. Open until a moderator decides."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("soort inhoud")
    )
    object_id = models.PositiveBigIntegerField(_("inhoud-id"))
    target = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeld door"),
    )
    reason = models.TextField(_("reden"), validators=[MaxLengthValidator(REPORT_REASON_MAX_LENGTH)])
    created_at = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    decision = models.ForeignKey(
        "ModerationDecision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("besluit"),
    )

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["resolved_at", "content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"


class ModerationDecision(models.Model):
    """A moderator's decision on one piece of content; the latest one per object counts."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("soort inhoud")
    )
    object_id = models.PositiveBigIntegerField(_("inhoud-id"))
    target = GenericForeignKey("content_type", "object_id")
    hidden = models.BooleanField(_("verborgen"))
    rule = models.ForeignKey(
        HouseRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("huisregel"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    decided_at = models.DateTimeField(_("besloten op"), auto_now_add=True)
    note = models.TextField(_("notitie"), blank=True)

    class Meta:
        verbose_name = _("moderatiebesluit")
        verbose_name_plural = _("moderatiebesluiten")
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "decided_at"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} hidden={self.hidden}"
