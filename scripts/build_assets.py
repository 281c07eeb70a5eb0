"""Copy the front-end files Samenspraak serves from node_modules into web/static/vendor.

Run by `make assets` (part of `make run` and `make test`). The list is explicit so that only
what pages use is served, and a missing file fails the build loudly.
"""

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NODE = REPO / "node_modules"
VENDOR = REPO / "src" / "samenspraak" / "web" / "static" / "vendor"

FILES = {
    "@utrecht/component-library-css/dist/index.css": "utrecht/component-library.css",
    "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css": "voorbeeld/theme.css",
    "@nl-design-system-unstable/voorbeeld-design-tokens/LICENSE.md": "voorbeeld/LICENSE.md",
    "axe-core/axe.min.js": "axe/axe.min.js",
    "leaflet/dist/leaflet.js": "leaflet/leaflet.js",
    "leaflet/dist/leaflet.css": "leaflet/leaflet.css",
    "leaflet/dist/images/marker-icon.png": "leaflet/images/marker-icon.png",
    "leaflet/dist/images/marker-icon-2x.png": "leaflet/images/marker-icon-2x.png",
    "leaflet/dist/images/marker-shadow.png": "leaflet/images/marker-shadow.png",
    "leaflet/LICENSE": "leaflet/LICENSE",
}


def main() -> int:
    missing = [src for src in FILES if not (NODE / src).exists()]
    if missing:
        print("Missing front-end files (run `npm ci`):", *missing, sep="\n  ", file=sys.stderr)
        return 1
    for src, dest in FILES.items():
        target = VENDOR / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        source = NODE / src
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            shutil.copy2(source, target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
