from django.urls import path

from samenspraak.conversations import views

app_name = "conversations"

PUBLIC = "processen/<slug:process_slug>/stellingen/<int:pk>/"

urlpatterns = [
    path(PUBLIC, views.conversation, name="conversation"),
    path(PUBLIC + "stem/<int:statement_pk>/", views.vote, name="vote"),
    path(PUBLIC + "stelling-toevoegen/", views.add_statement, name="add_statement"),
    path(PUBLIC + "meningsgroepen/", views.opinion_groups, name="opinion_groups"),
]
