from django.urls import path

from samenspraak.surveys import views

app_name = "surveys"

PUBLIC = "processen/<slug:process_slug>/enquete/<int:pk>/"
STAFF = "beheer/processen/<slug:process_slug>/enquete/"

urlpatterns = [
    path(PUBLIC, views.respond, name="respond"),
    path(PUBLIC + "bedankt/", views.thanks, name="thanks"),
    path(PUBLIC + "uitkomsten/", views.results, name="results"),
    path(
        PUBLIC + "uitkomsten/vraag/<int:question_pk>/",
        views.open_answers,
        name="open_answers",
    ),
    path(STAFF, views.manage_list, name="manage_list"),
    path(STAFF + "<int:pk>/", views.manage, name="manage"),
    path(STAFF + "<int:pk>/vraag/nieuw/", views.question_edit, name="question_add"),
    path(STAFF + "<int:pk>/vraag/<int:question_pk>/", views.question_edit, name="question_edit"),
    path(
        STAFF + "<int:pk>/vraag/<int:question_pk>/verwijderen/",
        views.question_delete,
        name="question_delete",
    ),
    path(
        STAFF + "<int:pk>/vraag/<int:question_pk>/verplaatsen/",
        views.question_move,
        name="question_move",
    ),
    path(STAFF + "<int:pk>/voorbeeld/", views.preview, name="preview"),
    path(STAFF + "<int:pk>/export.csv", views.export_csv, name="export"),
]
