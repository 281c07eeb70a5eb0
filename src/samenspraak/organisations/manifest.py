"""What organisations adds to the shared parts of the product (see core.components)."""

from samenspraak.core.components import Manifest

MANIFEST = Manifest(app="organisations", api_urls="samenspraak.organisations.api.urls")
