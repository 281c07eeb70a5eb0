from django.urls import path

from samenspraak.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.overview, name="overview"),
]
