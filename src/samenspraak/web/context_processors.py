from django.conf import settings


def site(request):
    return {"SAMENSPRAAK_DEMO": settings.SAMENSPRAAK_DEMO}
