from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from samenspraak.core.registry import area_sections
from samenspraak.organisations import selectors
from samenspraak.organisations.models import Area
from samenspraak.organisations.shapes import shape_to_svg


def area_list(request):
    municipality = selectors.current_municipality()
    areas = selectors.area_list(municipality=municipality)
    return render(
        request,
        "organisations/area_list.html",
        {"municipality": municipality, "areas": areas},
    )


def area_detail(request, slug):
    municipality = selectors.current_municipality()
    try:
        area = selectors.area_get(municipality=municipality, slug=slug)
    except Area.DoesNotExist:
        raise Http404(_("Dit gebied bestaat niet.")) from None
    return render(
        request,
        "organisations/area_detail.html",
        {
            "municipality": municipality,
            "area": area,
            "children": list(area.children.all()),
            "svg": shape_to_svg(area.shape),
            "sections": area_sections.collect(request, area),
        },
    )
