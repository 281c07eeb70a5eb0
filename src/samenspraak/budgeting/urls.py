"""Budgeting pages. Each part owns its own URL module; they share the `budgeting` namespace."""

from django.urls import include, path

from samenspraak.budgeting.budgets import urls as budgets_urls
from samenspraak.budgeting.proposals import urls as proposals_urls
from samenspraak.budgeting.results import urls as results_urls
from samenspraak.budgeting.voting import urls as voting_urls

app_name = "budgeting"

urlpatterns = [
    path("", include(budgets_urls.urlpatterns)),
    path("", include(proposals_urls.urlpatterns)),
    path("", include(voting_urls.urlpatterns)),
    path("", include(results_urls.urlpatterns)),
]
