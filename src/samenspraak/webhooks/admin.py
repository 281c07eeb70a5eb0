"""Staff see every webhook subscription with its state (validated or why not, switched off
after 410 Gone) and its delivery log; administrators ask a receiver to validate again and
switch a subscription on again. Every change goes through webhooks.services (audited)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from samenspraak.core.admin import ReadOnlyAdmin
from samenspraak.webhooks import services
from samenspraak.webhooks.models import Delivery, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "state", "validated_at", "allowed_rate", "deactivated_at"]
    list_filter = ["is_active", ("validated_at", admin.EmptyFieldListFilter)]
    list_select_related = ["integration"]
    exclude = ["secret"]
    actions = ["validate_again", "reactivate"]

    def get_readonly_fields(self, request, obj=None):
        names = [field.name for field in self.model._meta.fields if field.name != "secret"]
        return [*names, "state", "delivery_log"]

    @admin.display(description=_("afleveringen"))
    def delivery_log(self, subscription: Subscription) -> str:
        url = reverse("admin:webhooks_delivery_changelist")
        return format_html(
            '<a href="{}?subscription__id__exact={}">{}</a>',
            url,
            subscription.pk,
            _("Het afleverlogboek van dit abonnement"),
        )

    @admin.display(description=_("toestand"))
    def state(self, subscription: Subscription) -> str:
        if not subscription.is_active:
            return str(_("Uit: %(reason)s")) % {"reason": subscription.deactivated_reason or "-"}
        if subscription.validated_at is None:
            return str(_("Niet gevalideerd: %(reason)s")) % {
                "reason": subscription.validation_error or _("nog niet gecontroleerd")
            }
        return str(_("Ontvangt berichten"))

    def _run(self, request, queryset, action):
        agreed = refused = 0
        for subscription in queryset.select_related("integration"):
            try:
                if action(actor=request.user, subscription=subscription, request=request):
                    agreed += 1
                else:
                    refused += 1
            except (PermissionDenied, ValidationError) as error:
                messages.error(request, f"{subscription}: {' '.join(error.messages)}")
        if agreed:
            messages.success(
                request, _("%(count)d ontvanger(s) gaven toestemming.") % {"count": agreed}
            )
        if refused:
            messages.warning(
                request,
                _("%(count)d ontvanger(s) gaven geen toestemming; zie de toestand.")
                % {"count": refused},
            )

    @admin.action(description=_("Ontvanger opnieuw valideren"))
    def validate_again(self, request, queryset):
        self._run(request, queryset, services.subscription_validate)

    @admin.action(description=_("Weer aanzetten (en opnieuw valideren)"))
    def reactivate(self, request, queryset):
        self._run(request, queryset, services.subscription_reactivate)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "event_type",
        "subscription",
        "attempts",
        "status_code",
        "delivered_at",
        "failed_at",
    ]
    list_filter = ["event_type", ("failed_at", admin.EmptyFieldListFilter), "subscription"]
    list_select_related = ["subscription__integration"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]
