from django.urls import path

from samenspraak.organisations.api import views

urlpatterns = [
    path("areas", views.AreaList.as_view(), name="areas"),
]
