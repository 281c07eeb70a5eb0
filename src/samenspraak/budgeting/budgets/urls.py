"""Budget pages (URL patterns): a budget's page; for staff the list, the setup and deleting."""

from django.urls import path

from samenspraak.budgeting.budgets import views

PUBLIC = "processen/<slug:process_slug>/"
STAFF = "beheer/processen/<slug:process_slug>/"

urlpatterns: list = [
    path(f"{PUBLIC}budgetten/<int:pk>/", views.budget_detail, name="budget_detail"),
    path(f"{STAFF}budgetten/", views.manage_budgets, name="manage_budgets"),
    path(f"{STAFF}budgetten/nieuw/", views.manage_budget_new, name="manage_budget_new"),
    path(f"{STAFF}budgetten/<int:pk>/", views.manage_budget_edit, name="manage_budget_edit"),
    path(
        f"{STAFF}budgetten/<int:pk>/verwijderen/",
        views.manage_budget_delete,
        name="manage_budget_delete",
    ),
]
