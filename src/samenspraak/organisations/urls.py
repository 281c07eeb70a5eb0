from django.urls import path

from samenspraak.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.area_list, name="area_list"),
    path("<slug:slug>/", views.area_detail, name="area_detail"),
]
