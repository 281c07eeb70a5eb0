"""Technical administration of people. Day-to-day staff work happens in the staff pages;
writes that matter (anonymising, unlocking) go through accounts.services."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samenspraak.accounts import services
from samenspraak.accounts.models import (
    LoginFailure,
    NotificationConsent,
    User,
    VerifiedAttribute,
)


class VerifiedAttributeInline(admin.TabularInline):
    model = VerifiedAttribute
    extra = 0
    autocomplete_fields = ["area"]


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "display_name", "role", "is_active", "date_joined", "anonymised_at"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["email", "display_name"]
    ordering = ["-date_joined"]
    fields = [
        "email",
        "display_name",
        "role",
        "is_active",
        "is_staff",
        "is_superuser",
        "date_joined",
        "last_login",
        "anonymised_at",
    ]
    readonly_fields = ["date_joined", "last_login", "anonymised_at"]
    inlines = [VerifiedAttributeInline]
    actions = ["unlock", "anonymise"]

    @admin.action(description=_("Blokkering na mislukte inlogpogingen opheffen"))
    def unlock(self, request, queryset):
        for user in queryset:
            services.login_failures_clear(user=user)
        messages.success(request, _("De blokkering is opgeheven."))

    @admin.action(description=_("Anonimiseren (kan niet ongedaan worden gemaakt)"))
    def anonymise(self, request, queryset):
        count = 0
        for user in queryset.filter(anonymised_at__isnull=True):
            services.account_anonymise(user=user)
            count += 1
        messages.success(
            request,
            ngettext(
                "%(count)d account geanonimiseerd.", "%(count)d accounts geanonimiseerd.", count
            )
            % {"count": count},
        )


@admin.register(NotificationConsent)
class NotificationConsentAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "given_at"]
    list_filter = ["kind"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False  # consent is given by the person, never on their behalf

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    list_display = ["user", "at", "ip_address"]
    list_select_related = ["user"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
