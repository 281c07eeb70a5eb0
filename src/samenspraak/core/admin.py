from django.contrib import admin

from samenspraak.core.models import AuditLogEntry, EventDelivery, OutboxEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the product writes itself: staff read them, never add, change or delete one."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(ReadOnlyAdmin):
    """Append-only: entries can be read, never added, changed or deleted by hand."""

    list_display = ["at", "actor", "action", "target_type", "target_repr", "ip_address"]
    list_filter = ["action", "at"]
    search_fields = ["target_repr", "action"]
    list_select_related = ["actor"]
    date_hierarchy = "at"


class EventDeliveryInline(admin.TabularInline):
    model = EventDelivery
    extra = 0
    can_delete = False
    fields = ["subscriber", "delivered_at", "attempts", "last_error"]
    readonly_fields = fields


@admin.register(OutboxEvent)
class OutboxEventAdmin(ReadOnlyAdmin):
    """Read-only view of domain events, to see what failed and why (core.events). A stuck event
    is delivered again by `samenspraak events_dispatch`, not by hand."""

    list_display = ["created_at", "type", "processed_at", "attempts", "failed_at"]
    list_filter = ["type", "processed_at", "failed_at"]
    date_hierarchy = "created_at"
    inlines = [EventDeliveryInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]
