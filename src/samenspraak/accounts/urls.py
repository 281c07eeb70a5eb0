from django.urls import path

from samenspraak.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("samenspraak/", views.mine, name="mine"),
    path("naam/", views.profile_update, name="profile"),
    path("berichten/", views.consents_update, name="consents"),
    path("controle/demo/", views.demo_verify, name="demo_verify"),
    path("gegevens/", views.data_overview, name="data"),
    path("gegevens/download/", views.data_download, name="data_download"),
    path("verwijderen/", views.delete_account, name="delete"),
]
