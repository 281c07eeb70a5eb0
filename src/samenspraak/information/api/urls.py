from django.urls import path

from samenspraak.information.api import views

urlpatterns = [
    path("processes/<slug:slug>/updates", views.UpdateList.as_view(), name="process_updates"),
]
