from django.urls import path

from samenspraak.processes import views

app_name = "processes"
urlpatterns = [
    path("processen/", views.process_list, name="process_list"),
    path("processen/<slug:slug>/", views.process_detail, name="process_detail"),
    path("kalender/", views.calendar, name="calendar"),
    path("beheer/processen/", views.manage_list, name="manage_list"),
    path("beheer/processen/nieuw/", views.manage_new, name="manage_new"),
    path(
        "beheer/processen/nieuw/sjabloon/", views.manage_from_template, name="manage_from_template"
    ),
    path("beheer/processen/kalender/", views.manage_calendar, name="manage_calendar"),
    path("beheer/processen/sjablonen/", views.manage_templates, name="manage_templates"),
    path(
        "beheer/processen/sjablonen/inlezen/",
        views.manage_template_import,
        name="manage_template_import",
    ),
    path(
        "beheer/processen/sjablonen/<int:pk>/export/",
        views.manage_template_export,
        name="manage_template_export",
    ),
    path(
        "beheer/processen/<slug:slug>/bewerken/<str:step>/",
        views.manage_step,
        name="manage_step",
    ),
    path(
        "beheer/processen/<slug:slug>/fasen/<int:pk>/",
        views.manage_phase_edit,
        name="manage_phase_edit",
    ),
    path(
        "beheer/processen/<slug:slug>/fasen/<int:pk>/verwijderen/",
        views.manage_phase_delete,
        name="manage_phase_delete",
    ),
    path(
        "beheer/processen/<slug:slug>/depubliceren/",
        views.manage_unpublish,
        name="manage_unpublish",
    ),
    path("beheer/processen/<slug:slug>/uitkomst/", views.manage_outcome, name="manage_outcome"),
    path(
        "beheer/processen/<slug:slug>/sjabloon/",
        views.manage_save_template,
        name="manage_save_template",
    ),
]
