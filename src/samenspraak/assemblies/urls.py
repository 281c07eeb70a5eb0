from django.urls import path

from samenspraak.assemblies import views

app_name = "assemblies"

PUBLIC = "processen/<slug:process_slug>/burgerberaad/<int:pk>/"
STAFF = "beheer/burgerberaden/"

urlpatterns = [
    path(PUBLIC, views.assembly, name="assembly"),
    path(PUBLIC + "aanmelden/", views.register, name="register"),
    path(PUBLIC + "aanmelden/klaar/", views.registered, name="registered"),
    path(PUBLIC + "uitslag/", views.publication, name="publication"),
    path(PUBLIC + "uitslag/loting.json", views.publication_json, name="publication_json"),
    path(PUBLIC + "nadoen/", views.rerun, name="rerun"),
    path(STAFF, views.manage_list, name="manage_list"),
    path(STAFF + "<int:pk>/", views.manage, name="manage"),
    path(STAFF + "<int:pk>/quota/", views.quotas, name="quotas"),
    path(STAFF + "<int:pk>/adressen/", views.addresses, name="addresses"),
    path(STAFF + "<int:pk>/uitnodigingen/", views.invitations, name="invitations"),
    path(STAFF + "<int:pk>/aanmelding/", views.staff_register, name="staff_register"),
    path(STAFF + "<int:pk>/brieven.pdf", views.letters, name="letters"),
    path(STAFF + "<int:pk>/sluiten/", views.close, name="close"),
    path(STAFF + "<int:pk>/lotnummer/", views.commit, name="commit"),
    path(STAFF + "<int:pk>/lotnummer.txt", views.seed_download, name="seed_download"),
    path(STAFF + "<int:pk>/loten/", views.draw, name="draw"),
    path(STAFF + "<int:pk>/publiceren/", views.publish, name="publish"),
    path(STAFF + "<int:pk>/uitslag-brieven.pdf", views.outcome_letters, name="outcome_letters"),
    path(STAFF + "<int:pk>/bellijst/", views.call_list, name="call_list"),
]
