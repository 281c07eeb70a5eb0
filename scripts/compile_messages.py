"""Compile every gettext catalogue (.po) under src/ into .mo, without needing GNU gettext.

Run by `make messages`. Only catalogues that changed are rewritten.
"""

import sys
from pathlib import Path

import polib

SRC = Path(__file__).resolve().parent.parent / "src"


def main() -> int:
    count = 0
    for po_path in SRC.rglob("locale/*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(mo_path))
        count += 1
    if count:
        print(f"compiled {count} translation catalogue(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
