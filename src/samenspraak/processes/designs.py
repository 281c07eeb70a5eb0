"""A process design as JSON: what templates store, export and import.

    {
      "format": "samenspraak.process-template",
      "version": 1,
      "key": "ideeen-voor-het-plein",
      "name": "Ideeën voor het plein",
      "description": "...",
      "process": {"title": "...", "summary": "...", "goal": "...", "level": "consult", ...},
      "phases": [{"kind": "consultation.collect", "title": "...", "description": "...",
                  "start_day": 0, "days": 28}, ...]
    }

`start_day` is the offset in days from the chosen start date, `days` the phase's length.
`parse_design` checks everything and raises a ValidationError with plain Dutch messages, so an
import never fails with a 500. Whether the phase kinds exist is checked separately
(`unknown_kinds`), when a process is started: templates may name kinds of apps that are not
installed here.
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samenspraak.processes.models import ParticipationLevel, PolicyPhase
from samenspraak.processes.phases import phase_kinds

FORMAT = "samenspraak.process-template"
VERSION = 1
MAX_BYTES = 100_000
MAX_PHASES = 20
MAX_DAYS = 3 * 365

TOP_KEYS = {"format", "version", "key", "name", "description", "process", "phases"}
PROCESS_TEXT_FIELDS = {
    "title": 160,
    "summary": 300,
    "description": 5000,
    "goal": 5000,
    "commitment": 5000,
    "commitment_owner": 160,
    "decision_maker": 160,
    "decision_rule": 5000,
}
PROCESS_KEYS = set(PROCESS_TEXT_FIELDS) | {"level", "policy_phase", "answer_days"}
PHASE_KEYS = {"kind", "title", "description", "start_day", "days"}
PHASE_TEXT_FIELDS = {"kind": 64, "title": 120, "description": 5000}


def _int(value, *, where: str, minimum: int, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            _("%(where)s moet een heel getal zijn.") % {"where": where}, code="number"
        )
    if not minimum <= value <= maximum:
        raise ValidationError(
            _("%(where)s moet tussen %(min)s en %(max)s liggen.")
            % {"where": where, "min": minimum, "max": maximum},
            code="number",
        )
    return value


def _text(value, *, where: str, max_length: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(_("%(where)s moet tekst zijn.") % {"where": where}, code="text")
    value = value.strip()
    if required and not value:
        raise ValidationError(_("%(where)s ontbreekt.") % {"where": where}, code="required")
    if len(value) > max_length:
        raise ValidationError(
            _("%(where)s is te lang (meer dan %(max)s tekens).")
            % {"where": where, "max": max_length},
            code="text",
        )
    return value


def _no_unknown_keys(data: dict, allowed: set, where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ValidationError(
            _("Onbekende velden in %(where)s: %(keys)s.")
            % {"where": where, "keys": ", ".join(unknown)},
            code="unknown_keys",
        )


def parse_design(raw) -> dict:
    """Check a design (JSON text, bytes or an already-loaded dict) and return it cleaned."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_BYTES:
            raise ValidationError(_("Het bestand is te groot voor een sjabloon."), code="size")
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(
                _("Het bestand is geen tekst (UTF-8). Kies een JSON-bestand."), code="encoding"
            ) from None
    if isinstance(raw, str):
        if len(raw) > MAX_BYTES:
            raise ValidationError(_("Het bestand is te groot voor een sjabloon."), code="size")
        try:
            raw = json.loads(raw)
        except (ValueError, RecursionError):
            raise ValidationError(
                _(
                    "Dit is geen geldig JSON-bestand. Kies een bestand dat u uit Samenspraak heeft "
                    "geëxporteerd."
                ),
                code="json",
            ) from None
    if not isinstance(raw, dict):
        raise ValidationError(_("Het sjabloon moet een JSON-object zijn."), code="shape")
    _no_unknown_keys(raw, TOP_KEYS, _("het sjabloon"))
    if raw.get("format", FORMAT) != FORMAT:
        raise ValidationError(_("Dit bestand is geen Samenspraak-processjabloon."), code="format")
    if raw.get("version", VERSION) != VERSION:
        raise ValidationError(
            _("Deze versie van het sjabloonformaat kennen wij niet."), code="version"
        )
    name = _text(raw.get("name"), where=_("De naam"), max_length=120, required=True)
    key = slugify(_text(raw.get("key") or name, where=_("De sleutel"), max_length=80))[:80]
    if not key:
        raise ValidationError(_("De sleutel ontbreekt."), code="required")
    description = _text(raw.get("description"), where=_("De beschrijving"), max_length=5000)

    process_raw = raw.get("process")
    if not isinstance(process_raw, dict):
        raise ValidationError(_("Het onderdeel 'process' ontbreekt."), code="required")
    _no_unknown_keys(process_raw, PROCESS_KEYS, "'process'")
    process = {
        name_: _text(process_raw.get(name_), where=f"process.{name_}", max_length=length)
        for name_, length in PROCESS_TEXT_FIELDS.items()
    }
    level = process_raw.get("level", ParticipationLevel.CONSULT)
    if level not in ParticipationLevel.values:
        raise ValidationError(
            _("Onbekend participatieniveau: %(value)s.") % {"value": str(level)[:40]},
            code="level",
        )
    policy_phase = process_raw.get("policy_phase", PolicyPhase.POLICY_MAKING)
    if policy_phase not in PolicyPhase.values:
        raise ValidationError(
            _("Onbekende fase in de beleidscyclus: %(value)s.") % {"value": str(policy_phase)[:40]},
            code="policy_phase",
        )
    process["level"] = level
    process["policy_phase"] = policy_phase
    process["answer_days"] = _int(
        process_raw.get("answer_days", 21), where="process.answer_days", minimum=1, maximum=90
    )

    phases_raw = raw.get("phases", [])
    if not isinstance(phases_raw, list):
        raise ValidationError(_("'phases' moet een lijst zijn."), code="shape")
    if len(phases_raw) > MAX_PHASES:
        raise ValidationError(
            _("Een sjabloon heeft hoogstens %(max)s fasen.") % {"max": MAX_PHASES}, code="size"
        )
    phases = []
    for number, phase_raw in enumerate(phases_raw, start=1):
        where = _("fase %(number)s") % {"number": number}
        if not isinstance(phase_raw, dict):
            raise ValidationError(
                _("%(where)s moet een JSON-object zijn.") % {"where": where}, code="shape"
            )
        _no_unknown_keys(phase_raw, PHASE_KEYS, where)
        phase = {
            name_: _text(
                phase_raw.get(name_),
                where=f"{where}: {name_}",
                max_length=length,
                required=name_ != "description",
            )
            for name_, length in PHASE_TEXT_FIELDS.items()
        }
        phase["start_day"] = _int(
            phase_raw.get("start_day"), where=f"{where}: start_day", minimum=0, maximum=MAX_DAYS
        )
        phase["days"] = _int(
            phase_raw.get("days"), where=f"{where}: days", minimum=1, maximum=MAX_DAYS
        )
        phases.append(phase)
    return {
        "format": FORMAT,
        "version": VERSION,
        "key": key,
        "name": name,
        "description": description,
        "process": process,
        "phases": phases,
    }


def unknown_kinds(design: dict) -> list[str]:
    return sorted({p["kind"] for p in design.get("phases", []) if p["kind"] not in phase_kinds})


def dump_design(design: dict) -> str:
    return json.dumps(design, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
