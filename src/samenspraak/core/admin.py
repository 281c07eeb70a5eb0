from django.contrib import admin

from samenspraak.core.models import AuditLogEntry


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    """Append-only: entries can be read, never added, changed or deleted by hand."""

    list_display = ["at", "actor", "action", "target_type", "target_repr", "ip_address"]
    list_filter = ["action", "at"]
    search_fields = ["target_repr", "action"]
    list_select_related = ["actor"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
