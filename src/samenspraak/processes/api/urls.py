from django.urls import path

from samenspraak.processes.api import views

urlpatterns = [
    path("processes", views.ProcessList.as_view(), name="processes"),
    path("processes/<slug:slug>", views.ProcessDetail.as_view(), name="process"),
]
