"""Writes for the burgerberaad: permission check, validation, one transaction, audit for staff,
events for the rest of the product. The draw itself is queued and run by `tasks`."""

from __future__ import annotations

import csv
import io
import math
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samenspraak.assemblies import addresses as address_file
from samenspraak.assemblies import codes, permissions, selectors
from samenspraak.assemblies.events import (
    InvitationsSent,
    PanelPublished,
    RegistrationClosed,
    RegistrationsErased,
)
from samenspraak.assemblies.models import (
    Address,
    Algorithm,
    Assembly,
    Draw,
    DrawState,
    Invitation,
    Quota,
    Registration,
    Stage,
)
from samenspraak.core import events
from samenspraak.core.audit import record
from sortition_engine.lottery import commitment

#: Without the household rule, at most this many people register with one code.
MAX_PER_ADDRESS = 8
SETTINGS = ("title", "intro", "panel_size", "reserve_size", "algorithm", "household_rule")


def _require_manager(actor) -> None:
    if not permissions.can_manage(actor):
        raise PermissionDenied


def _check_settings(values: dict) -> None:
    if not 2 <= values["panel_size"] <= 500:
        raise ValidationError({"panel_size": _("Kies een panel van 2 tot 500 mensen.")})
    if values["reserve_size"] > 500:
        raise ValidationError({"reserve_size": _("Kies hoogstens 500 reserves.")})
    if values["algorithm"] not in Algorithm.values:
        raise ValidationError({"algorithm": _("Kies een lotingsmethode.")})


def assembly_create(*, actor, process, phase, request=None, **values) -> Assembly:
    _require_manager(actor)
    values = {
        "intro": "",
        "panel_size": 24,
        "reserve_size": 6,
        "algorithm": Algorithm.LEXIMIN,
        "household_rule": True,
        **values,
    }
    _check_settings(values)
    assembly = Assembly(process=process, phase=phase, **{k: values[k] for k in SETTINGS})
    assembly.full_clean()
    with transaction.atomic():
        assembly.save()
        record(actor, "assemblies.created", target=assembly, request=request)
    return assembly


def assembly_update(*, actor, assembly: Assembly, request=None, **values) -> Assembly:
    """The settings; the panel, the method and the household rule only until the draw."""
    _require_manager(actor)
    merged = {k: values.get(k, getattr(assembly, k)) for k in SETTINGS}
    _check_settings(merged)
    locked = assembly.stage in (Stage.DRAWN, Stage.PUBLISHED) or selectors.draw_started(assembly)
    changed = {k: v for k, v in merged.items() if v != getattr(assembly, k)}
    if locked and set(changed) - {"title", "intro"}:
        raise ValidationError(
            _("Na het loten kunt u het panel, de methode en de adresregel niet meer wijzigen.")
        )
    if (
        "household_rule" in changed
        and assembly.stage != Stage.SETUP
        and Registration.objects.filter(assembly=assembly).exists()
    ):
        raise ValidationError(
            {"household_rule": _("Er zijn al aanmeldingen: de adresregel ligt vast.")}
        )
    for key, value in changed.items():
        setattr(assembly, key, value)
    assembly.full_clean()
    with transaction.atomic():
        assembly.save()
        record(
            actor,
            "assemblies.updated",
            target=assembly,
            changes={k: str(v) for k, v in changed.items()},
            request=request,
        )
    return assembly


# --- quotas ------------------------------------------------------------------------------------

QUOTA_HEADER = ("feature", "value", "population", "min", "max")


def parse_quotas(text: str) -> list[dict]:
    """Lines "kenmerk,waarde,inwoners,min,max" (the header may be left out; the population may
    be empty). Raises ValidationError with line-numbered messages."""
    rows: list[dict] = []
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    delimiter = ";" if text.count(";") > text.count(",") else ","
    for line, cells in enumerate(csv.reader(io.StringIO(text or ""), delimiter=delimiter), 1):
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if line == 1 and cells[0].lower() in ("feature", "kenmerk"):
            continue
        if len(cells) != 5:
            problems.append(
                _("Regel %(line)d: schrijf vijf dingen: kenmerk, waarde, inwoners, min, max.")
                % {"line": line}
            )
            continue
        feature, value, population, low, high = cells
        if not feature or not value:
            problems.append(_("Regel %(line)d: kenmerk of waarde is leeg.") % {"line": line})
            continue
        if len(feature) > 60 or len(value) > 60:
            problems.append(
                _("Regel %(line)d: kenmerk en waarde hebben hoogstens 60 tekens.") % {"line": line}
            )
            continue
        numbers: list = []
        for index, text_value in enumerate((population, low, high)):
            if index == 0 and text_value == "":
                numbers.append(None)
            elif text_value.isdigit() and int(text_value) < 10**9:
                numbers.append(int(text_value))
            else:
                numbers.append(False)
        if any(n is False for n in numbers):
            problems.append(
                _("Regel %(line)d: inwoners, min en max moeten hele getallen zijn (0 of meer).")
                % {"line": line}
            )
            continue
        if numbers[1] > numbers[2]:
            problems.append(
                _("Regel %(line)d: min (%(min)d) is groter dan max (%(max)d).")
                % {"line": line, "min": numbers[1], "max": numbers[2]}
            )
            continue
        key = (feature.lower(), value.lower())
        if key in seen:
            problems.append(
                _("Regel %(line)d: %(feature)s = %(value)s staat ook op regel %(other)d.")
                % {"line": line, "feature": feature, "value": value, "other": seen[key]}
            )
            continue
        seen[key] = line
        rows.append(
            {
                "feature": feature,
                "value": value,
                "population": numbers[0],
                "minimum": min(numbers[1], 32767),
                "maximum": min(numbers[2], 32767),
            }
        )
    if problems:
        raise ValidationError({"quotas": problems})
    if not rows:
        raise ValidationError({"quotas": [_("Schrijf ten minste één kenmerk met een waarde.")]})
    return rows


def derive_quotas(rows: list[dict], panel_size: int, margin: int = 1) -> list[dict]:
    """Min and max from the population: the value's share of the panel, rounded down and up,
    widened by `margin` seats. A feature without population figures keeps what was typed."""
    totals: dict[str, int] = {}
    for row in rows:
        if row["population"] is None:
            totals[row["feature"]] = -1
        elif totals.get(row["feature"], 0) >= 0:
            totals[row["feature"]] = totals.get(row["feature"], 0) + row["population"]
    derived = []
    for row in rows:
        total = totals[row["feature"]]
        if total > 0:
            ideal = panel_size * row["population"] / total
            row = {
                **row,
                "minimum": max(0, math.floor(ideal) - margin),
                "maximum": min(panel_size, math.ceil(ideal) + margin),
            }
        derived.append(row)
    return derived


def quotas_save(
    *, actor, assembly: Assembly, text: str, derive: bool = False, request=None
) -> list[Quota]:
    _require_manager(actor)
    if assembly.stage in (Stage.DRAWN, Stage.PUBLISHED) or selectors.draw_started(assembly):
        raise ValidationError({"quotas": [_("Na het loten liggen de quota vast.")]})
    rows = parse_quotas(text)
    if derive:
        rows = derive_quotas(rows, assembly.panel_size)
    if assembly.stage != Stage.SETUP:
        old = {(q.feature, q.value) for q in assembly.quotas.all()}
        new = {(r["feature"], r["value"]) for r in rows}
        if old != new and Registration.objects.filter(assembly=assembly).exists():
            raise ValidationError(
                {
                    "quotas": [
                        _(
                            "Er zijn al aanmeldingen: u kunt min, max en inwoners nog wijzigen, "
                            "maar geen kenmerken of waarden toevoegen of weghalen."
                        )
                    ]
                }
            )
    problems = []
    for feature in dict.fromkeys(r["feature"] for r in rows):
        mine = [r for r in rows if r["feature"] == feature]
        if sum(r["minimum"] for r in mine) > assembly.panel_size:
            problems.append(
                _("%(feature)s: de minima samen zijn meer dan het panel (%(k)d).")
                % {"feature": feature, "k": assembly.panel_size}
            )
        if sum(r["maximum"] for r in mine) < assembly.panel_size:
            problems.append(
                _("%(feature)s: de maxima samen zijn minder dan het panel (%(k)d).")
                % {"feature": feature, "k": assembly.panel_size}
            )
    if problems:
        raise ValidationError({"quotas": problems})
    with transaction.atomic():
        assembly.quotas.all().delete()
        quotas = Quota.objects.bulk_create(
            [Quota(assembly=assembly, order=i, **row) for i, row in enumerate(rows)]
        )
        record(
            actor,
            "assemblies.quotas_saved",
            target=assembly,
            changes={"quotas": len(quotas), "derived": derive},
            request=request,
        )
    return quotas


# --- addresses and invitations -------------------------------------------------------------------


def addresses_upload(*, actor, assembly: Assembly, raw: bytes, request=None) -> int:
    """Replace the address file (only before the invitations go out)."""
    _require_manager(actor)
    if assembly.stage != Stage.SETUP:
        raise ValidationError(
            {"file": [_("De uitnodigingen zijn al verstuurd: de adressen liggen vast.")]}
        )
    try:
        rows = address_file.read_addresses(raw)
    except address_file.AddressFileError as error:
        raise ValidationError({"file": error.problems}) from None
    with transaction.atomic():
        assembly.invitations.all().delete()
        assembly.addresses.all().delete()
        Address.objects.bulk_create(
            [
                Address(
                    assembly=assembly,
                    line=row.line,
                    street=row.street,
                    number=row.number,
                    addition=row.addition,
                    postcode=row.postcode,
                    city=row.city,
                    area_code=row.area_code,
                )
                for row in rows
            ],
            batch_size=5000,
        )
        record(
            actor,
            "assemblies.addresses_uploaded",
            target=assembly,
            changes={"addresses": len(rows)},
            request=request,
        )
    return len(rows)


def _unique_codes(n: int) -> list[str]:
    made: set[str] = set()
    while len(made) < n:
        made.update(codes.new_code() for _i in range(n - len(made)))
        taken = set(Invitation.objects.filter(code__in=made).values_list("code", flat=True))
        made -= taken
    return sorted(made)


def invitations_draw(
    *, actor, assembly: Assembly, count: int, seed: str = "", request=None
) -> list[Invitation]:
    """Draw `count` addresses by lot (stratified by area, with a published seed), give each a
    code and open the registration. The letters are then printed from `selectors.letters`."""
    _require_manager(actor)
    if assembly.stage != Stage.SETUP:
        raise ValidationError(_("De uitnodigingen zijn al verloot."))
    addresses = list(assembly.addresses.all())
    if not addresses:
        raise ValidationError({"count": _("Laad eerst een adressenbestand.")})
    if not 1 <= count <= len(addresses):
        raise ValidationError(
            {
                "count": _("Kies 1 tot %(n)d uitnodigingen (zoveel adressen zijn er).")
                % {"n": len(addresses)}
            }
        )
    if not assembly.quotas.exists():
        raise ValidationError({"count": _("Stel eerst de kenmerken en quota in.")})
    seed = (seed or "").strip() or secrets.token_hex(8)
    if len(seed) > 64:
        raise ValidationError({"seed": _("Het lotnummer heeft hoogstens 64 tekens.")})
    chosen = address_file.pick(addresses, count, seed)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                invitations = Invitation.objects.bulk_create(
                    [
                        Invitation(assembly=assembly, address=address, code=code)
                        for address, code in zip(chosen, _unique_codes(len(chosen)), strict=True)
                    ],
                    batch_size=5000,
                )
                assembly.invitation_seed = seed
                assembly.stage = Stage.INVITED
                assembly.invited_at = timezone.now()
                assembly.save(
                    update_fields=["invitation_seed", "stage", "invited_at", "updated_at"]
                )
                record(
                    actor,
                    "assemblies.invitations_drawn",
                    target=assembly,
                    changes={"invitations": len(invitations), "seed": seed},
                    request=request,
                )
                events.emit(
                    InvitationsSent(
                        assembly_id=assembly.pk,
                        process_id=assembly.process_id,
                        invitations=len(invitations),
                    )
                )
            return invitations
        except IntegrityError:  # a code made at the same moment elsewhere: draw codes again
            continue
    raise ValidationError(_("Het maken van unieke codes lukte niet. Probeer het opnieuw."))


def letters_downloaded(*, actor, assembly: Assembly, request=None) -> None:
    _require_manager(actor)
    record(actor, "assemblies.letters_downloaded", target=assembly, request=request)


# --- registration --------------------------------------------------------------------------------


def registration_create(
    *,
    assembly: Assembly,
    code: str,
    name: str,
    email: str = "",
    phone: str = "",
    characteristics: dict,
    consent: bool,
    user=None,
    language: str = "",
    actor=None,
    request=None,
) -> Registration:
    """A volunteer registers with the code of their letter (no account needed).

    With `actor`, a staff member enters a registration received by phone or on paper: the
    same checks and household rule, recorded in the audit log."""
    if actor is not None:
        _require_manager(actor)
    if not permissions.registration_open(assembly):
        raise PermissionDenied(_("Aanmelden voor dit burgerberaad kan nu niet."))
    languages = {code for code, _name in settings.LANGUAGES}
    language = language if language in languages else (translation.get_language() or "")[:2]
    if language not in languages:
        language = settings.LANGUAGE_CODE
    typed = codes.normalise(code)
    problems: dict[str, str] = {}
    name = " ".join((name or "").split())
    if not name:
        problems["name"] = _("Vul uw naam in.")
    elif len(name) > 120:
        problems["name"] = _("Uw naam heeft hoogstens 120 tekens.")
    email = (email or "").strip()
    phone = " ".join((phone or "").split())
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems["email"] = _("Dit e-mailadres klopt niet. Kijk het nog eens na.")
    if len(phone) > 30 or (phone and sum(ch.isdigit() for ch in phone) < 8):
        problems["phone"] = _("Dit telefoonnummer klopt niet. Schrijf bijvoorbeeld 06 12345678.")
    if not email and not phone and "email" not in problems:
        problems["email"] = _(
            "Vul een e-mailadres of een telefoonnummer in, zodat we u kunnen bereiken."
        )
    features = selectors.features(assembly)
    chosen: dict[str, str] = {}
    for feature, values in features.items():
        value = (characteristics or {}).get(feature, "")
        if value not in values:
            problems[selectors.feature_field(feature)] = _("Kies wat bij u past.")
        else:
            chosen[feature] = value
    if not consent:
        problems["consent"] = _("Zonder uw toestemming kunnen we u niet aanmelden.")
    invitation = None
    if not codes.looks_valid(typed):
        problems["code"] = _(
            "Deze code klopt niet. Hij staat in uw brief en heeft 10 tekens, bijvoorbeeld "
            "ABCDE-FGH23."
        )
    else:
        invitation = Invitation.objects.filter(assembly=assembly, code=typed).first()
        if invitation is None:
            problems["code"] = _(
                "Deze code kennen we niet bij dit burgerberaad. Kijk de code in uw brief nog "
                "eens na."
            )
    if problems:
        raise ValidationError(problems)
    assert invitation is not None
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        already = Registration.objects.filter(invitation=locked).count()
        if assembly.household_rule and already:
            raise ValidationError(
                {
                    "code": _(
                        "Met deze code heeft zich al iemand aangemeld. Per adres kan één "
                        "persoon meedoen: zo komen er geen twee mensen van één huishouden in het "
                        "burgerberaad."
                    )
                },
                code="household",
            )
        if already >= MAX_PER_ADDRESS:
            raise ValidationError(
                {"code": _("Met deze code hebben zich al %(n)d mensen aangemeld.") % {"n": already}}
            )
        registration = Registration.objects.create(
            assembly=assembly,
            invitation=locked,
            user=user if user is not None and user.is_authenticated else None,
            name=name,
            email=email,
            phone=phone,
            characteristics=chosen,
            consent=True,
            language=language,
        )
        if actor is not None:
            record(
                actor,
                "assemblies.registration_entered",
                target=assembly,
                changes={"invitation": locked.pk},
                request=request,
            )
    return registration


def registration_close(*, actor, assembly: Assembly, request=None) -> Assembly:
    _require_manager(actor)
    if assembly.stage != Stage.INVITED:
        raise ValidationError(_("Aanmelden is niet open, dus het kan niet gesloten worden."))
    with transaction.atomic():
        assembly.stage = Stage.CLOSED
        assembly.closed_at = timezone.now()
        assembly.save(update_fields=["stage", "closed_at", "updated_at"])
        count = Registration.objects.filter(assembly=assembly).count()
        record(
            actor,
            "assemblies.registration_closed",
            target=assembly,
            changes={"registrations": count},
            request=request,
        )
        events.emit(
            RegistrationClosed(
                assembly_id=assembly.pk, process_id=assembly.process_id, registrations=count
            )
        )
    return assembly


# --- the draw ------------------------------------------------------------------------------------


def seed_commit(*, actor, assembly: Assembly, seed: str = "", request=None) -> str:
    """Publish the sha256 of the draw's secret seed before the draw and return the seed.

    Only the commitment is stored: the seed stays with staff (shown once when we generate it)
    until they enter it to start the draw (`seed_check`). A seed is committed once."""
    _require_manager(actor)
    if assembly.stage not in (Stage.INVITED, Stage.CLOSED):
        raise ValidationError(_("Leg het lotnummer vast na het versturen en vóór het loten."))
    if assembly.seed_commitment:
        raise ValidationError(_("Het lotnummer ligt al vast en kan niet meer veranderen."))
    seed = (seed or "").strip() or secrets.token_hex(16)
    if len(seed) < 8 or len(seed) > 128:
        raise ValidationError({"seed": _("Het lotnummer heeft 8 tot 128 tekens.")})
    with transaction.atomic():
        assembly.seed_commitment = commitment(seed)
        assembly.committed_at = timezone.now()
        assembly.save(update_fields=["seed_commitment", "committed_at", "updated_at"])
        record(
            actor,
            "assemblies.seed_committed",
            target=assembly,
            changes={"commitment": assembly.seed_commitment},
            request=request,
        )
    return seed


def seed_check(assembly: Assembly, seed: str) -> str:
    """The seed staff entered, stripped, if it is the committed one; else a ValidationError."""
    seed = (seed or "").strip()
    if not seed:
        raise ValidationError({"seed": _("Vul het geheime lotnummer in dat u heeft bewaard.")})
    if not secrets.compare_digest(commitment(seed), assembly.seed_commitment):
        raise ValidationError(
            {
                "seed": _(
                    "Dit lotnummer past niet bij de vingerafdruk die gepubliceerd is. Controleer "
                    "of u het precies zo heeft overgenomen (hoofdletters, streepjes, spaties)."
                )
            }
        )
    return seed


def draw_check(assembly: Assembly) -> None:
    """Why the draw cannot start now (ValidationError), or nothing."""
    if assembly.stage != Stage.CLOSED:
        raise ValidationError(_("Sluit eerst het aanmelden."))
    if not assembly.seed_commitment:
        raise ValidationError(_("Leg eerst het lotnummer vast en publiceer de hash ervan."))
    pool = Registration.objects.filter(assembly=assembly).count()
    if pool < assembly.panel_size:
        raise ValidationError(
            _("Er zijn %(n)d aanmeldingen, minder dan het panel (%(k)d).")
            % {"n": pool, "k": assembly.panel_size}
        )


def publish(*, actor, assembly: Assembly, request=None) -> Assembly:
    """Publish the panel (anonymised), the lottery and the probabilities, and reveal the seed."""
    _require_manager(actor)
    draw = Draw.objects.filter(assembly=assembly).first()
    if assembly.stage != Stage.DRAWN or draw is None or draw.state != DrawState.DONE:
        raise ValidationError(_("Er is nog geen geloot panel om te publiceren."))
    with transaction.atomic():
        assembly.stage = Stage.PUBLISHED
        assembly.published_at = timezone.now()
        assembly.save(update_fields=["stage", "published_at", "updated_at"])
        record(actor, "assemblies.published", target=assembly, request=request)
        events.emit(PanelPublished(assembly_id=assembly.pk, process_id=assembly.process_id))
    return assembly


def outcome_letters_downloaded(*, actor, assembly: Assembly, letters: int, request=None) -> None:
    _require_manager(actor)
    if assembly.stage != Stage.PUBLISHED:
        raise ValidationError(_("De uitslag is nog niet gepubliceerd."))
    record(
        actor,
        "assemblies.outcome_letters_downloaded",
        target=assembly,
        changes={"letters": letters},
        request=request,
    )


def outcome_called(
    *, actor, assembly: Assembly, member_id, called: bool = True, request=None
) -> Registration:
    """Mark that staff phoned a volunteer without an e-mail address with the outcome (or undo a
    mark set by mistake). The audit log keeps who, when, and the public number (not the name)."""
    _require_manager(actor)
    if assembly.stage != Stage.PUBLISHED:
        raise ValidationError(_("De uitslag is nog niet gepubliceerd."))
    registration = (
        Registration.objects.filter(assembly=assembly, email="", pool_member__pk=member_id)
        .exclude(phone="")
        .select_related("pool_member")
        .first()
    )
    if registration is None:
        raise ValidationError(_("Deze vrijwilliger staat niet op de bellijst."))
    with transaction.atomic():
        registration.outcome_called_at = timezone.now() if called else None
        registration.save(update_fields=["outcome_called_at"])
        changes = {"public_id": registration.pool_member.public_id}
        if called:
            record(
                actor,
                "assemblies.outcome_called",
                target=assembly,
                changes=changes,
                request=request,
            )
        else:
            record(
                actor,
                "assemblies.outcome_call_undone",
                target=assembly,
                changes=changes,
                request=request,
            )
    return registration


def registrations_erase(*, assembly: Assembly, actor=None, request=None) -> int:
    """Delete the volunteers' contact details and characteristics (the retention clock, or
    staff by hand after the assembly). The publication stays: it has public ids only."""
    if actor is not None:
        _require_manager(actor)
    with transaction.atomic():
        erased, _detail = Registration.objects.filter(assembly=assembly).delete()
        assembly.registrations_erased_at = timezone.now()
        assembly.save(update_fields=["registrations_erased_at", "updated_at"])
        record(
            actor,
            "assemblies.registrations_erased",
            target=assembly,
            changes={"registrations": erased},
            request=request,
            system=actor is None,
        )
        events.emit(
            RegistrationsErased(
                assembly_id=assembly.pk, process_id=assembly.process_id, erased=erased
            )
        )
    return erased
