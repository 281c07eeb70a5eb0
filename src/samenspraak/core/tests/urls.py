"""The project's URLs plus a few views to exercise the rate limit middleware."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path
from django.views import View

from samenspraak.conf import urls as project_urls
from samenspraak.core.ratelimit import rate_limit


def submit(request, **kwargs):
    return HttpResponse("ok")


@rate_limit("2/m")
def strict_submit(request):
    return HttpResponse("ok")


@rate_limit(None)
def unlimited_submit(request):
    return HttpResponse("ok")


@rate_limit("1/m")
class StrictClassView(View):
    def post(self, request):
        return HttpResponse("ok")


urlpatterns = [
    path("test/submit/", submit),
    path("test/submit/<int:pk>/", submit),
    path("test/strict/", strict_submit),
    path("test/unlimited/", unlimited_submit),
    path("test/class/", StrictClassView.as_view()),
    *project_urls.urlpatterns,
    *i18n_patterns(path("test/taal/", submit), prefix_default_language=False),
]
handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500
