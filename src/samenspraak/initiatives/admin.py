"""Django admin: the participation by-law's numbers per kind of initiative (technical
management); the route itself is run from the clerk's pages."""

from django.contrib import admin

from samenspraak.initiatives.models import ByLaw


@admin.register(ByLaw)
class ByLawAdmin(admin.ModelAdmin):
    list_display = ("municipality", "kind", "signatures_needed", "collect_days", "minimum_age")
    list_filter = ("kind",)
