"""Start-up checks for the pages: the front-end files they need are built.

The NL Design System CSS and Leaflet come from npm and are copied into web/static/vendor by
scripts/build_assets.py (`make assets`); git does not hold them. A wheel or a server built
without that step has no vendor files: in production every page would then fail on a missing
manifest entry. This check says so at start-up instead.
"""

from django.contrib.staticfiles import finders
from django.core import checks

#: What the templates load with {% static %}; scripts/build_assets.py provides them.
VENDOR_FILES = (
    "vendor/utrecht/component-library.css",
    "vendor/voorbeeld/theme.css",
    "vendor/leaflet/leaflet.css",
    "vendor/leaflet/leaflet.js",
)


@checks.register(checks.Tags.staticfiles)
def check_vendor_files(app_configs=None, **kwargs):
    missing = [name for name in VENDOR_FILES if not finders.find(name)]
    if not missing:
        return []
    return [
        checks.Error(
            "Front-end files are missing: " + ", ".join(missing),
            hint="Run `npm ci` and `python scripts/build_assets.py` (or `make assets`) before "
            "installing or collecting static files.",
            id="web.E001",
        )
    ]
