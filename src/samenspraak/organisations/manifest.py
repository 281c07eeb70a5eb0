"""What organisations adds to the shared parts of the product (see core.components)."""

from samenspraak.core.components import Manifest, PageSection
from samenspraak.organisations import sections

MANIFEST = Manifest(
    app="organisations",
    area_sections=(
        PageSection(
            "organisations.timeline",
            template="organisations/section_timeline.html",
            context=sections.timeline,
            order=20,
        ),
    ),
    api_urls="samenspraak.organisations.api.urls",
)
