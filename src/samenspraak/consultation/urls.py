from django.urls import path

from samenspraak.consultation import views

app_name = "consultation"
urlpatterns = [
    path("processen/<slug:process_slug>/inbreng/", views.input_list, name="input_list"),
    path("processen/<slug:process_slug>/inbreng/nieuw/", views.input_submit, name="input_submit"),
    path(
        "processen/<slug:process_slug>/inbreng/<int:pk>/",
        views.input_detail,
        name="input_detail",
    ),
    path(
        "processen/<slug:process_slug>/inbreng/<int:pk>/steunen/",
        views.input_support,
        name="input_support",
    ),
    path(
        "processen/<slug:process_slug>/inbreng/<int:pk>/steun-intrekken/",
        views.input_support_withdraw,
        name="input_support_withdraw",
    ),
    path("reactiesnelheid/", views.figures, name="figures"),
    path("beheer/reacties/", views.inbox, name="inbox"),
    path("beheer/reacties/standaardreacties/", views.answer_templates, name="answer_templates"),
    path(
        "beheer/reacties/standaardreacties/<int:pk>/",
        views.answer_template_edit,
        name="answer_template_edit",
    ),
    path(
        "beheer/reacties/standaardreacties/<int:pk>/verwijderen/",
        views.answer_template_delete,
        name="answer_template_delete",
    ),
    path("beheer/reacties/<int:pk>/", views.answer, name="answer"),
    path("beheer/reacties/<int:pk>/behandelaar/", views.assign, name="assign"),
    path("beheer/reacties/<int:pk>/in-behandeling/", views.start, name="start"),
    path(
        "beheer/processen/<slug:process_slug>/inbreng/nieuw/",
        views.register_offline,
        name="register_offline",
    ),
]
