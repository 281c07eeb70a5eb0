from django.urls import path

from samenspraak.representation import views

app_name = "representation"

PUBLIC = "processen/<slug:slug>/"
STAFF = "beheer/processen/<slug:slug>/deelnemers/"

urlpatterns = [
    path(PUBLIC + "over-uzelf/", views.questions, name="questions"),
    path(PUBLIC + "wie-doen-mee/", views.figures, name="figures"),
    path("beheer/deelnemers/", views.overview, name="overview"),
    path("beheer/deelnemers/cbs/", views.population_import, name="import"),
    path(STAFF, views.manage, name="process"),
    path(STAFF + "openbaar/", views.publish, name="publish"),
    path(STAFF + "papier/", views.paper_counts, name="paper"),
    path(STAFF + "doel/<int:pk>/verwijderen/", views.target_delete, name="target_delete"),
]
