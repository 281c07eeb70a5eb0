from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from samenspraak.core.media import media_urlpatterns

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the admin's own: its log-in takes a password alone; ours adds the second factor.
    path("beheer/django/login/", include("samenspraak.accounts.admin_urls")),
    path("beheer/django/", admin.site.urls),
    # REST API v1, no language prefix (docs/api/README.md).
    path("api/", include("samenspraak.api.urls")),
    # Uploads at MEDIA_URL, when Samenspraak serves them itself (SAMENSPRAAK_SERVE_MEDIA).
    *media_urlpatterns(),
]
urlpatterns += i18n_patterns(
    path("account/", include("samenspraak.accounts.allauth_urls")),
    path("mijn/", include("samenspraak.accounts.urls")),
    path("beheer/", include("samenspraak.web.staff.urls")),
    path("gebieden/", include("samenspraak.organisations.urls")),
    # Each participation app owns its paths (processen/..., beheer/..., zoeken/...).
    path("", include("samenspraak.processes.urls")),
    path("", include("samenspraak.information.urls")),
    path("", include("samenspraak.consultation.urls")),
    path("", include("samenspraak.surveys.urls")),
    path("", include("samenspraak.representation.urls")),
    path("", include("samenspraak.conversations.urls")),
    path("", include("samenspraak.discussions.urls")),
    path("", include("samenspraak.budgeting.urls")),
    path("", include("samenspraak.initiatives.urls")),
    path("", include("samenspraak.assemblies.urls")),
    path("", include("samenspraak.delivery.urls")),
    path("", include("samenspraak.dialogue.urls")),
    path("", include("samenspraak.web.search.urls")),
    path("", include("samenspraak.web.urls")),
    prefix_default_language=False,
)

if settings.SAMENSPRAAK_DEV_MAILBOX:
    urlpatterns.insert(0, path("dev/mail/", include("samenspraak.web.devmail_urls")))

handler400 = "samenspraak.web.views.bad_request"
handler403 = "samenspraak.web.views.permission_denied"
handler404 = "samenspraak.web.views.page_not_found"
handler500 = "samenspraak.web.views.server_error"
