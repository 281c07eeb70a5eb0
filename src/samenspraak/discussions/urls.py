from django.urls import path

from samenspraak.discussions import views

app_name = "discussions"

SPACE = "gesprekken/<slug:space_slug>/"
STAFF = "beheer/gesprekken/"

urlpatterns = [
    path("gesprekken/", views.space_list, name="space_list"),
    path("gesprekken/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path(SPACE, views.space, name="space"),
    path(SPACE + "nieuw/", views.thread_create, name="thread_create"),
    path(SPACE + "volgen/", views.follow_space, name="follow_space"),
    path(SPACE + "<int:pk>/", views.thread, name="thread"),
    path(SPACE + "<int:pk>/volgen/", views.follow_thread, name="follow_thread"),
    path(STAFF, views.manage_list, name="manage_list"),
    path(STAFF + "nieuw/", views.space_create, name="space_create"),
    path(STAFF + "<int:pk>/", views.space_edit, name="space_edit"),
    path(STAFF + "gesprek/<int:pk>/", views.thread_manage, name="thread_manage"),
]
