"""Budgeting pages. Each part owns its own URL module; they share the `budgeting` namespace."""

from django.urls import include, path

from samenspraak.budgeting import urls_proposals, urls_results, urls_voting

app_name = "budgeting"

urlpatterns = [
    path("", include(urls_proposals.urlpatterns)),
    path("", include(urls_voting.urlpatterns)),
    path("", include(urls_results.urlpatterns)),
]
