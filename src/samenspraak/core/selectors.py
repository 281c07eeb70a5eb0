"""Reads for core data, with their query cost fixed here."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from samenspraak.core.models import AuditLogEntry


def audit_log_entries(
    *,
    actor: str = "",
    action: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditLogEntry]:
    """Newest first, actor joined in; ``actor`` matches part of the e-mail address."""
    entries = AuditLogEntry.objects.select_related("actor").order_by("-at", "-pk")
    if actor:
        email_field = get_user_model().get_email_field_name()
        entries = entries.filter(**{f"actor__{email_field}__icontains": actor})
    if action:
        entries = entries.filter(action=action)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    return entries
