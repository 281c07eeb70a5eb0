"""Budgeting pages. Each part owns its own URL module; they share the `budgeting` namespace."""

from django.urls import include, path

from samenspraak.budgeting.proposals import urls as urls_proposals
from samenspraak.budgeting.results import urls as urls_results
from samenspraak.budgeting.voting import urls as urls_voting

app_name = "budgeting"

urlpatterns = [
    path("", include(urls_proposals.urlpatterns)),
    path("", include(urls_voting.urlpatterns)),
    path("", include(urls_results.urlpatterns)),
]
