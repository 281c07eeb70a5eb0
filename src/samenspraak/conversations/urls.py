from django.urls import path

from samenspraak.conversations import views

app_name = "conversations"

PUBLIC = "processen/<slug:process_slug>/stellingen/<int:pk>/"
STAFF = "beheer/stellingen/"

urlpatterns = [
    path(PUBLIC, views.conversation, name="conversation"),
    path(PUBLIC + "stem/<int:statement_pk>/", views.vote, name="vote"),
    path(PUBLIC + "stelling-toevoegen/", views.add_statement, name="add_statement"),
    path(PUBLIC + "meningsgroepen/", views.opinion_groups, name="opinion_groups"),
    path(STAFF, views.manage_list, name="manage_list"),
    path(STAFF + "<int:pk>/", views.manage, name="manage"),
    path(STAFF + "<int:pk>/stelling/<int:statement_pk>/", views.moderate, name="moderate"),
    path(STAFF + "<int:pk>/polis.zip", views.export_zip, name="export"),
]
