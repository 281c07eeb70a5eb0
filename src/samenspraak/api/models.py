"""Integrations: other systems of the municipality that write through the API.

Each has its own token, shown once at creation; only its SHA-256 hash is stored (the token is
32 random bytes, so a slow hash adds nothing). The integration acts as the staff member who
created it: the services check that person's role, and the audit log names them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Integration(models.Model):
    name = models.CharField(_("naam"), max_length=80, unique=True)
    token_prefix = models.CharField(
        _("begin van de sleutel"), max_length=16, unique=True, editable=False
    )
    token_hash = models.CharField(_("controlegetal van de sleutel"), max_length=64, editable=False)
    scopes = models.JSONField(_("rechten"), default=list, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def has_scopes(self, *scopes: str) -> bool:
        return set(scopes) <= set(self.scopes or ())
