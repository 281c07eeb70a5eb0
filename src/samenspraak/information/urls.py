from django.urls import path

from samenspraak.information import views

app_name = "information"

public = "processen/<slug:process_slug>/"
staff = "beheer/processen/<slug:process_slug>/informatie/"

urlpatterns = [
    path(f"{public}nieuws/", views.update_list, name="update_list"),
    path(f"{public}nieuws/<int:pk>/", views.update_detail, name="update_detail"),
    path(f"{public}documenten/", views.document_list, name="document_list"),
    path(
        f"{public}documenten/<int:pk>/download/",
        views.document_download,
        name="document_download",
    ),
    path(f"{public}vragen/", views.faq, name="faq"),
    path(f"{public}volgen/", views.follow, name="follow"),
    path(staff, views.manage, name="manage"),
    path(f"{staff}nieuws/nieuw/", views.update_form, name="update_create"),
    path(f"{staff}nieuws/<int:pk>/wijzigen/", views.update_form, name="update_edit"),
    path(f"{staff}nieuws/<int:pk>/verwijderen/", views.update_delete, name="update_delete"),
    path(f"{staff}documenten/nieuw/", views.document_form, name="document_create"),
    path(f"{staff}documenten/<int:pk>/wijzigen/", views.document_form, name="document_edit"),
    path(
        f"{staff}documenten/<int:pk>/verwijderen/",
        views.document_delete,
        name="document_delete",
    ),
    path(f"{staff}vragen/nieuw/", views.faq_form, name="faq_create"),
    path(f"{staff}vragen/<int:pk>/wijzigen/", views.faq_form, name="faq_edit"),
    path(f"{staff}vragen/<int:pk>/verwijderen/", views.faq_delete, name="faq_delete"),
]
