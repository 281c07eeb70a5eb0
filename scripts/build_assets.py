"""Copy the front-end files Samenspraak serves from node_modules into web/static/vendor.

Run by `make assets` (part of `make run` and `make test`). The list is explicit so that only
what pages use is served, and a missing file fails the build loudly.
"""

import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urldefrag

REPO = Path(__file__).resolve().parent.parent
NODE = REPO / "node_modules"
VENDOR = REPO / "src" / "samenspraak" / "web" / "static" / "vendor"

FILES = {
    "@utrecht/component-library-css/dist/index.css": "utrecht/component-library.css",
    "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css": "voorbeeld/theme.css",
    "@nl-design-system-unstable/voorbeeld-design-tokens/LICENSE.md": "voorbeeld/LICENSE.md",
    "axe-core/axe.min.js": "axe/axe.min.js",
    "leaflet/dist/leaflet.js": "leaflet/leaflet.js",
    # leaflet.js names its source map; production's manifest storage follows that reference.
    "leaflet/dist/leaflet.js.map": "leaflet/leaflet.js.map",
    "leaflet/dist/leaflet.css": "leaflet/leaflet.css",
    "leaflet/dist/images/marker-icon.png": "leaflet/images/marker-icon.png",
    "leaflet/dist/images/marker-icon-2x.png": "leaflet/images/marker-icon-2x.png",
    "leaflet/dist/images/marker-shadow.png": "leaflet/images/marker-shadow.png",
    # leaflet.css draws the layer switcher with these.
    "leaflet/dist/images/layers.png": "leaflet/images/layers.png",
    "leaflet/dist/images/layers-2x.png": "leaflet/images/layers-2x.png",
    "leaflet/LICENSE": "leaflet/LICENSE",
}


# What production's CompressedManifestStaticFilesStorage follows (and fails on when absent):
# url(...) in CSS and the sourceMappingURL comment in CSS and JS.
REFERENCE = re.compile(
    r"""url\(\s*["']?(?P<url>[^"')]+?)["']?\s*\)|sourceMappingURL=(?P<map>[^\s*]+)"""
)


def unshipped_references(vendor: Path = VENDOR) -> list[str]:
    """Relative files the copied CSS and JS refer to that are not copied as well: collectstatic
    would stop on each of them in production. Data URIs, absolute URLs and fragments are skipped,
    as Django's storage skips them."""
    missing = []
    for asset in sorted([*vendor.rglob("*.css"), *vendor.rglob("*.js")]):
        text = asset.read_text(encoding="utf-8", errors="replace")
        for match in REFERENCE.finditer(text):
            url = urldefrag(match.group("url") or match.group("map"))[0]
            if not url or re.match(r"^[a-z][a-z0-9+.-]*:|^/", url, re.IGNORECASE):
                continue
            if not (asset.parent / url).is_file():
                missing.append(f"{asset.relative_to(vendor)} -> {url}")
    return missing


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
    unshipped = unshipped_references()
    if unshipped:
        print("Referenced but not copied (add them to FILES):", *unshipped, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
