"""English is complete: every Dutch source string has an English translation, and none is missing.

The catalogue is src/samenspraak/locale/en/LC_MESSAGES/django.po (msgids are Dutch). The
extraction check needs GNU gettext's xgettext: CI installs it; elsewhere the check is skipped
with that reason.
"""

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = REPO / "src" / "samenspraak" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries(po):
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


def test_english_catalogue_has_a_translation_for_every_entry():
    po = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy (unchecked) translations: {fuzzy[:20]}"


def test_plural_translations_fill_every_form():
    po = polib.pofile(str(CATALOGUE))
    for entry in po:
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), entry.msgid


def test_english_catalogue_contains_every_string_in_the_code(tmp_path):
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("xgettext (GNU gettext) is missing on CI; .ci/run must install it")
        pytest.skip("GNU gettext's xgettext is not installed (apt-get install gettext)")
    copy = tmp_path / "repo"
    shutil.copytree(
        REPO / "src",
        copy / "src",
        ignore=shutil.ignore_patterns("__pycache__", "vendor", "*.mo"),
    )
    shutil.copytree(REPO / "scripts", copy / "scripts")
    (copy / ".venv").symlink_to(REPO / ".venv")
    env = {**os.environ, "PYTHONPATH": str(copy / "src")}
    subprocess.run(
        ["bash", str(copy / "scripts" / "make_messages.sh")],
        check=True,
        capture_output=True,
        env=env,
    )
    extracted = polib.pofile(str(copy / CATALOGUE.relative_to(REPO)))
    missing = _entries(extracted) - _entries(polib.pofile(str(CATALOGUE)))
    assert not missing, (
        f"{len(missing)} strings are not in the English catalogue; run scripts/make_messages.sh "
        f"and translate them: {sorted(m for _, m in missing)[:20]}"
    )
