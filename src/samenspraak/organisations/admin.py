from django.contrib import admin

from samenspraak.organisations.models import Area, Municipality


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "cbs_code", "contact_email", "theme"]
    search_fields = ["name", "slug", "cbs_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "cbs_code", "municipality"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name", "slug", "cbs_code"]
    list_select_related = ["parent", "municipality"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
