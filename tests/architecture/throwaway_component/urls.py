"""The project's URLs plus the throw-away component's one page (ROOT_URLCONF in its tests)."""

from django.http import HttpResponse
from django.urls import path

from samenspraak.conf import urls

urlpatterns = [
    path("wegwerp/", lambda request: HttpResponse("wegwerp"), name="throwaway_index"),
    *urls.urlpatterns,
]
