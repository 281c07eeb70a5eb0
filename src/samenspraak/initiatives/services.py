"""Writes for initiatives: the state machine, signatures, paper lists, meetings, decisions.

Every move of an initiative happens here, under a row lock on the initiative, writes a public
Step (the timeline) and emits one domain event in the same transaction. Views, the API, the
demo and the expiry clock call these; bad input raises ValidationError (per field) or
PermissionDenied (with a plain Dutch message), never anything else.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samenspraak.core import audit, events
from samenspraak.core.text import TEXT_SHORT, too_long
from samenspraak.initiatives import permissions, selectors
from samenspraak.initiatives.events import (
    CouncilDecided,
    InitiativeExpired,
    InitiativeReviewed,
    InitiativeScheduled,
    InitiativeSubmitted,
    SignatureCounted,
    ThresholdReached,
)
from samenspraak.initiatives.models import (
    ByLaw,
    CoInitiator,
    CouncilDecision,
    Initiative,
    InitiativeKind,
    Meeting,
    MinimumAge,
    Outcome,
    PaperList,
    Signature,
    SignatureChannel,
    Status,
    Step,
)

TITLE_MIN, TITLE_MAX = 5, 120
TEXT_MIN = 20
REASON_MIN = 10
#: Two years: longer than any by-law we know of asks residents to keep collecting.
MAX_COLLECT_DAYS = 730


class AuditAction:
    ADMITTED = "initiatives.admitted"
    REFUSED = "initiatives.refused"
    PAPER_LIST = "initiatives.paper_list_entered"
    MEETING_SAVED = "initiatives.meeting_saved"
    SCHEDULED = "initiatives.scheduled"
    DECIDED = "initiatives.decision_recorded"
    BYLAW_SAVED = "initiatives.bylaw_saved"


def _day(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def _lock(initiative: Initiative) -> Initiative:
    """The initiative's row, locked until the transaction ends (call inside atomic)."""
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


def _step(initiative: Initiative, status: str, note: str = "", at=None) -> Step:
    return Step.objects.create(
        initiative=initiative, status=status, note=note, at=at or timezone.now()
    )


def _refresh(target: Initiative, source: Initiative) -> Initiative:
    """Copy the locked row's state onto the caller's object (so it sees the change)."""
    for name in (
        "status",
        "signature_count",
        "signatures_needed",
        "last_day",
        "meeting_id",
        "refusal_reason",
    ):
        setattr(target, name, getattr(source, name))
    return target


# --- Start and check ----------------------------------------------------------------------


def validate_text(values: dict) -> dict:
    errors: dict[str, str] = {}
    title = (values.get("title") or "").strip()
    if len(title) < TITLE_MIN:
        errors["title"] = _("Geef een titel van minstens %(min)s tekens.") % {"min": TITLE_MIN}
    elif len(title) > TITLE_MAX:
        errors["title"] = _("De titel mag hoogstens %(max)s tekens zijn. Nu zijn het er %(n)s.") % {
            "max": TITLE_MAX,
            "n": len(title),
        }
    for name in ("problem", "proposal", "council_ask"):
        text = (values.get(name) or "").strip()
        if len(text) < TEXT_MIN:
            errors[name] = _("Schrijf minstens %(min)s tekens.") % {"min": TEXT_MIN}
        elif message := too_long(text, TEXT_SHORT):
            errors[name] = message
    return errors


def _clean(municipality, values: dict) -> dict:
    errors = validate_text(values)
    kind = values.get("kind")
    if kind not in InitiativeKind.values:
        errors["kind"] = _("Kies wat u de raad vraagt.")
    area = values.get("area")
    if area is not None and area.municipality_id != municipality.pk:
        errors["area"] = _("Kies een gebied in de gemeente.")
    if errors:
        raise ValidationError(errors)
    return {
        "kind": kind,
        "title": values["title"].strip(),
        "problem": values["problem"].strip(),
        "proposal": values["proposal"].strip(),
        "council_ask": values["council_ask"].strip(),
        "area": area,
    }


def initiative_create(*, initiator, municipality, **values) -> Initiative:
    """A resident starts an initiative (a concept only they see). They must be allowed to sign
    it themselves under the by-law for its kind."""
    if not permissions.can_start(initiator):
        raise PermissionDenied(_("Alleen inwoners kunnen een burgerinitiatief beginnen."))
    cleaned = _clean(municipality, values)
    problem = selectors.eligibility_problem(
        initiator, selectors.bylaw_for(municipality, cleaned["kind"])
    )
    if problem:
        raise PermissionDenied(problem)
    with transaction.atomic():
        initiative = Initiative.objects.create(
            municipality=municipality,
            initiator=initiator,
            invite_token=secrets.token_urlsafe(16),
            **cleaned,
        )
        _step(initiative, Status.CONCEPT)
    return initiative


def initiative_update(*, actor, initiative: Initiative, **values) -> Initiative:
    if not permissions.can_edit(actor, initiative):
        raise PermissionDenied(_("U kunt dit initiatief niet meer aanpassen."))
    cleaned = _clean(initiative.municipality, values)
    with transaction.atomic():
        locked = _lock(initiative)
        if locked.status != Status.CONCEPT:
            raise PermissionDenied(_("U kunt dit initiatief niet meer aanpassen."))
        for name, value in cleaned.items():
            setattr(initiative, name, value)
        initiative.save(update_fields=[*cleaned, "updated_at"])
    return initiative


def co_initiator_join(*, user, initiative: Initiative, token: str) -> bool:
    """A resident joins as co-initiator through the initiator's link (before collecting
    starts). True when new, False when they had joined already."""
    if not permissions.is_resident(user):
        raise PermissionDenied(_("Alleen inwoners kunnen mede-initiatiefnemer worden."))
    if not token or not secrets.compare_digest(token, initiative.invite_token or ""):
        raise PermissionDenied(_("Deze uitnodiging klopt niet."))
    if initiative.status not in (Status.CONCEPT, Status.IN_REVIEW):
        raise PermissionDenied(_("Meedoen als initiatiefnemer kan niet meer."))
    if initiative.initiator_id == user.pk:
        return False
    problem = selectors.eligibility_problem(
        user, selectors.bylaw_for(initiative.municipality_id, initiative.kind)
    )
    if problem:
        raise PermissionDenied(problem)
    try:
        with transaction.atomic():
            CoInitiator.objects.create(initiative=initiative, user=user)
    except IntegrityError:
        return False
    return True


def initiative_submit(*, actor, initiative: Initiative) -> Initiative:
    """The initiator asks the clerk to check the initiative (concept -> in review)."""
    if not permissions.is_initiator(actor, initiative):
        raise PermissionDenied(_("Alleen de initiatiefnemer kan het initiatief indienen."))
    with transaction.atomic():
        locked = _lock(initiative)
        if locked.status != Status.CONCEPT:
            raise PermissionDenied(_("Dit initiatief is al ingediend."))
        locked.status = Status.IN_REVIEW
        locked.save(update_fields=["status", "updated_at"])
        _step(locked, Status.IN_REVIEW)
        events.emit(InitiativeSubmitted(initiative_id=locked.pk))
    return _refresh(initiative, locked)


def initiative_review(
    *, actor, initiative: Initiative, admit: bool, reason: str = "", request=None
) -> Initiative:
    """The clerk checks the initiative against the by-law: admitted, collecting starts with the
    by-law's numbers of today; or refused with a public reason."""
    if not permissions.is_clerk(actor):
        raise PermissionDenied(_("Alleen de griffie controleert initiatieven."))
    reason = (reason or "").strip()
    if not admit and len(reason) < REASON_MIN:
        raise ValidationError(
            {"reason": _("Schrijf waarom het initiatief niet wordt toegelaten. Dit is openbaar.")}
        )
    if message := too_long(reason, TEXT_SHORT):
        raise ValidationError({"reason": message})
    with transaction.atomic():
        locked = _lock(initiative)
        if locked.status != Status.IN_REVIEW:
            raise PermissionDenied(_("Dit initiatief wacht niet op een controle."))
        if admit:
            bylaw = selectors.bylaw_for(locked.municipality_id, locked.kind)
            if bylaw is None:
                raise ValidationError(
                    {
                        "reason": _(
                            "Er zijn nog geen regels voor dit soort initiatief. Vul eerst de "
                            "participatieverordening in."
                        )
                    }
                )
            locked.status = Status.COLLECTING
            locked.signatures_needed = bylaw.signatures_needed
            locked.last_day = timezone.localdate() + datetime.timedelta(days=bylaw.collect_days)
            locked.save(update_fields=["status", "signatures_needed", "last_day", "updated_at"])
            _step(
                locked,
                Status.COLLECTING,
                _("%(needed)s handtekeningen nodig, tekenen kan tot en met %(day)s.")
                % {"needed": bylaw.signatures_needed, "day": _day(locked.last_day)}
                + (f"\n{reason}" if reason else ""),
            )
            audit.record(actor, AuditAction.ADMITTED, locked, None, request)
        else:
            locked.status = Status.REFUSED
            locked.refusal_reason = reason
            locked.save(update_fields=["status", "refusal_reason", "updated_at"])
            _step(locked, Status.REFUSED, reason)
            audit.record(actor, AuditAction.REFUSED, locked, None, request)
        events.emit(InitiativeReviewed(initiative_id=locked.pk, admitted=admit))
    return _refresh(initiative, locked)


def bylaw_save(
    *,
    actor,
    municipality,
    kind: str,
    signatures_needed: int,
    collect_days: int,
    minimum_age: int,
    postcodes: str = "",
    request=None,
) -> ByLaw:
    """The clerk writes down what the participation by-law says for one kind of initiative.
    Initiatives already collecting keep the numbers they started with."""
    if not permissions.is_clerk(actor):
        raise PermissionDenied(_("Alleen de griffie legt de regels vast."))
    errors = {}
    if kind not in InitiativeKind.values:
        errors["kind"] = _("Kies een soort initiatief.")
    if not 1 <= signatures_needed <= 1_000_000:
        errors["signatures_needed"] = _("Vul een aantal van 1 tot 1.000.000 in.")
    if not 1 <= collect_days <= MAX_COLLECT_DAYS:
        errors["collect_days"] = _("Vul een aantal dagen van 1 tot %(max)s in.") % {
            "max": MAX_COLLECT_DAYS
        }
    if minimum_age not in MinimumAge.values:
        errors["minimum_age"] = _("Kies 16 of 18 jaar.")
    postcodes = " ".join((postcodes or "").replace(",", ", ").split()).strip(", ")
    if postcodes and not _postcodes_valid(postcodes):
        errors["postcodes"] = _(
            "Schrijf de cijfers van postcodes, of reeksen met een streepje: 9990-9999, 9801."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        bylaw = ByLaw.objects.filter(municipality=municipality, kind=kind).first() or ByLaw(
            municipality=municipality, kind=kind
        )
        before = {
            "signatures_needed": bylaw.signatures_needed,
            "collect_days": bylaw.collect_days,
            "minimum_age": bylaw.minimum_age if bylaw.pk else None,
        }
        bylaw.signatures_needed, bylaw.collect_days = signatures_needed, collect_days
        bylaw.minimum_age, bylaw.postcodes = minimum_age, postcodes
        bylaw.save()
        audit.record(
            actor,
            AuditAction.BYLAW_SAVED,
            bylaw,
            {
                name: [before[name], getattr(bylaw, name)]
                for name in before
                if before[name] != getattr(bylaw, name)
            },
            request,
        )
    return bylaw


# --- Signatures ---------------------------------------------------------------------------


def _closed_message(initiative: Initiative) -> str:
    if initiative.status == Status.COLLECTING:
        return _("De termijn om te tekenen is voorbij.")
    if initiative.status in (Status.AGENDA, Status.SCHEDULED, Status.DECIDED):
        return _("Het tekenen is gesloten: er zijn genoeg handtekeningen.")
    return _("U kunt dit initiatief nu niet tekenen.")


def _reach_threshold(locked: Initiative) -> None:
    """Enough signatures: into the council agenda queue (the caller holds the lock)."""
    if locked.status == Status.COLLECTING and locked.signature_count >= locked.signatures_needed:
        locked.status = Status.AGENDA
        locked.save(update_fields=["status", "updated_at"])
        _step(
            locked,
            Status.AGENDA,
            _("%(count)s handtekeningen: het initiatief gaat naar de raad.")
            % {"count": locked.signature_count},
        )
        events.emit(
            ThresholdReached(initiative_id=locked.pk, signature_count=locked.signature_count)
        )


def signature_add(*, user, initiative: Initiative, notify: bool = False) -> bool:
    """Sign once. True when the signature is new, False when the person had signed already.

    The initiative's row is locked while counting, and a unique constraint keeps one signature
    per person, so two requests at once give exactly one signature and one count. Reaching the
    threshold moves the initiative into the council agenda queue in the same transaction."""
    problem = selectors.eligibility_problem(
        user, selectors.bylaw_for(initiative.municipality_id, initiative.kind)
    )
    if problem:
        raise PermissionDenied(problem)
    with transaction.atomic():
        locked = _lock(initiative)
        if not selectors.is_open_for_signing(locked):
            if Signature.objects.filter(initiative=locked, user=user).exists():
                return False
            raise PermissionDenied(_closed_message(locked))
        try:
            with transaction.atomic():
                Signature.objects.create(
                    initiative=locked, user=user, channel=SignatureChannel.ONLINE, notify=notify
                )
        except IntegrityError:
            return False
        locked.signature_count = F("signature_count") + 1
        locked.save(update_fields=["signature_count", "updated_at"])
        locked.refresh_from_db(fields=["signature_count"])
        events.emit(
            SignatureCounted(
                initiative_id=locked.pk,
                signature_count=locked.signature_count,
                channel=SignatureChannel.ONLINE,
            )
        )
        _reach_threshold(locked)
    _refresh(initiative, locked)
    return True


def signature_withdraw(*, user, initiative: Initiative) -> bool:
    """Withdraw one's own signature while signing is open. True when withdrawn, False when
    there was none."""
    if not (user and user.is_authenticated):
        raise PermissionDenied(_("Log eerst in."))
    with transaction.atomic():
        locked = _lock(initiative)
        signature = Signature.objects.filter(initiative=locked, user=user).first()
        if signature is None:
            return False
        if not selectors.is_open_for_signing(locked):
            raise PermissionDenied(
                _("Intrekken kan niet meer: het tekenen is gesloten. Uw handtekening telt mee.")
            )
        signature.delete()
        locked.signature_count = F("signature_count") - 1
        locked.save(update_fields=["signature_count", "updated_at"])
        locked.refresh_from_db(fields=["signature_count"])
        events.emit(
            SignatureCounted(
                initiative_id=locked.pk,
                signature_count=locked.signature_count,
                channel=SignatureChannel.ONLINE,
            )
        )
    _refresh(initiative, locked)
    return True


# --- Paper lists --------------------------------------------------------------------------

POSTCODE = re.compile(r"^(\d{4})\s*([A-Za-z]{2})$")
HOUSE_NUMBER = re.compile(r"^\d{1,5}(\s*[-/]?\s*[A-Za-z0-9]{1,4})?$")


@dataclass
class PaperLine:
    number: int
    name: str
    postcode: str
    house_number: str
    email: str = ""

    @property
    def key(self) -> str:
        """The same person written slightly differently (case, accents, spaces, "3 a" or
        "3A") gives the same key; stored as a keyed hash, not as the readable line."""
        name = unicodedata.normalize("NFKD", self.name)
        name = "".join(c for c in name if not unicodedata.combining(c))
        name = " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split())
        number = re.sub(r"[\s/-]", "", self.house_number.casefold())
        line = f"{self.postcode}|{number}|{name}"
        secret = settings.SECRET_KEY.encode()
        return hmac.new(secret, line.encode(), hashlib.sha256).hexdigest()


@dataclass
class PaperResult:
    paper_list: PaperList
    accepted: int
    #: (line number, why) for each line that was not counted because it counted already.
    duplicates: list[tuple[int, str]] = field(default_factory=list)


def _postcode_ranges(text: str) -> list[tuple[int, int]]:
    ranges = []
    for part in re.split(r"[,\s]+", text or ""):
        if not part:
            continue
        low, _dash, high = part.partition("-")
        if low.isdigit() and (not high or high.isdigit()):
            ranges.append((int(low), int(high or low)))
    return ranges


def _postcodes_valid(text: str) -> bool:
    parts = [p for p in re.split(r"[,\s]+", text) if p]
    return all(re.fullmatch(r"\d{4}(-\d{4})?", p) for p in parts)


def parse_paper_lines(text: str, postcodes: str = "") -> list[PaperLine]:
    """One signer per line: "name; postcode; house number[; e-mail]" (a tab or ";" between).
    Raises a ValidationError on "lines" naming every wrong line at once."""
    ranges = _postcode_ranges(postcodes)
    lines, problems = [], []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [p.strip() for p in re.split(r"[;\t]", raw)]
        if len(parts) < 3 or not parts[0]:
            problems.append(_("Regel %(n)s: schrijf naam; postcode; huisnummer.") % {"n": number})
            continue
        name, postcode, house_number = parts[0], parts[1], parts[2]
        email = parts[3] if len(parts) > 3 else ""
        match = POSTCODE.match(postcode)
        if not match:
            problems.append(
                _("Regel %(n)s: %(postcode)s is geen postcode (zoals 1234 AB).")
                % {"n": number, "postcode": postcode or "-"}
            )
            continue
        if ranges and not any(low <= int(match.group(1)) <= high for low, high in ranges):
            problems.append(
                _("Regel %(n)s: postcode %(postcode)s ligt niet in de gemeente.")
                % {"n": number, "postcode": postcode}
            )
            continue
        if not HOUSE_NUMBER.match(house_number):
            problems.append(
                _("Regel %(n)s: %(number)s is geen huisnummer.")
                % {"n": number, "number": house_number or "-"}
            )
            continue
        if len(name) > 120:
            problems.append(_("Regel %(n)s: de naam is te lang.") % {"n": number})
            continue
        lines.append(
            PaperLine(
                number=number,
                name=" ".join(name.split()),
                postcode=(match.group(1) + match.group(2)).upper(),
                house_number=house_number.upper(),
                email=email.lower(),
            )
        )
    if problems:
        raise ValidationError({"lines": problems})
    if not lines:
        raise ValidationError({"lines": _("Typ minstens één regel van de lijst over.")})
    return lines


def paper_list_enter(
    *, actor, initiative: Initiative, received_on: datetime.date, lines: str, request=None
) -> PaperResult:
    """The clerk types in a paper signature list. Every line is checked first; one wrong line
    and nothing is saved (the page keeps the text and names the lines). Lines that count
    already (on this list, an earlier list, or online by the same e-mail address) are skipped
    and reported; the rest count, and may bring the initiative to the agenda queue."""
    if not permissions.is_clerk(actor):
        raise PermissionDenied(_("Alleen de griffie voert papieren lijsten in."))
    bylaw = selectors.bylaw_for(initiative.municipality_id, initiative.kind)
    parsed = parse_paper_lines(lines, bylaw.postcodes if bylaw else "")
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("Deze datum ligt in de toekomst.")})
    with transaction.atomic():
        locked = _lock(initiative)
        if locked.status != Status.COLLECTING:
            raise PermissionDenied(_closed_message(locked))
        if locked.last_day and received_on > locked.last_day:
            raise ValidationError(
                {
                    "received_on": _(
                        "De lijst kwam binnen na de laatste dag om te tekenen (%(day)s)."
                    )
                    % {"day": _day(locked.last_day)}
                }
            )
        paper_list = PaperList.objects.create(
            initiative=locked, received_on=received_on, entered_by=actor
        )
        keys = {line.key for line in parsed}
        known = set(
            Signature.objects.filter(initiative=locked, paper_key__in=keys).values_list(
                "paper_key", flat=True
            )
        )
        emails = {line.email for line in parsed if line.email}
        online = set(
            Signature.objects.filter(initiative=locked, user__email__in=emails).values_list(
                "user__email", flat=True
            )
        )
        seen: set[str] = set()
        duplicates: list[tuple[int, str]] = []
        new = []
        for line in parsed:
            if line.key in seen:
                duplicates.append((line.number, _("staat al eerder op deze lijst")))
            elif line.key in known:
                duplicates.append((line.number, _("staat al op een eerdere lijst")))
            elif line.email and line.email in online:
                duplicates.append((line.number, _("heeft al online getekend")))
            else:
                new.append(
                    Signature(
                        initiative=locked,
                        channel=SignatureChannel.PAPER,
                        paper_list=paper_list,
                        name=line.name,
                        postcode=line.postcode,
                        house_number=line.house_number,
                        paper_key=line.key,
                    )
                )
            seen.add(line.key)
        Signature.objects.bulk_create(new)
        paper_list.accepted, paper_list.duplicates = len(new), len(duplicates)
        paper_list.save(update_fields=["accepted", "duplicates"])
        if new:
            locked.signature_count = F("signature_count") + len(new)
            locked.save(update_fields=["signature_count", "updated_at"])
            locked.refresh_from_db(fields=["signature_count"])
            events.emit(
                SignatureCounted(
                    initiative_id=locked.pk,
                    signature_count=locked.signature_count,
                    channel=SignatureChannel.PAPER,
                )
            )
        audit.record(
            actor,
            AuditAction.PAPER_LIST,
            locked,
            {"accepted": len(new), "duplicates": len(duplicates)},
            request,
        )
        _reach_threshold(locked)
    _refresh(initiative, locked)
    return PaperResult(paper_list=paper_list, accepted=len(new), duplicates=duplicates)


def expire_clock(now=None) -> int:
    """Clock (core.events): initiatives whose collecting period ended without enough
    signatures expire. Idempotent: each expires once. Returns the number that expired."""
    today = timezone.localdate(now) if now else timezone.localdate()
    count = 0
    due = Initiative.objects.filter(status=Status.COLLECTING, last_day__lt=today)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            locked = Initiative.objects.select_for_update().get(pk=pk)
            if locked.status != Status.COLLECTING or not (
                locked.last_day and locked.last_day < today
            ):
                continue
            locked.status = Status.EXPIRED
            locked.save(update_fields=["status", "updated_at"])
            _step(
                locked,
                Status.EXPIRED,
                _("De termijn is voorbij met %(count)s van de %(needed)s handtekeningen.")
                % {"count": locked.signature_count, "needed": locked.signatures_needed},
            )
            events.emit(
                InitiativeExpired(initiative_id=locked.pk, signature_count=locked.signature_count)
            )
            count += 1
    return count


# --- Council: meetings, schedule, decisions -------------------------------------------------


def meeting_save(
    *,
    actor,
    municipality,
    title: str,
    starts_at: datetime.datetime,
    location: str = "",
    agenda_url: str = "",
    meeting: Meeting | None = None,
    request=None,
) -> Meeting:
    if not permissions.is_clerk(actor):
        raise PermissionDenied(_("Alleen de griffie beheert de vergaderingen."))
    title = (title or "").strip()
    if len(title) < 3:
        raise ValidationError({"title": _("Geef de vergadering een naam.")})
    meeting = meeting or Meeting(municipality=municipality)
    meeting.title, meeting.starts_at = title[:120], starts_at
    meeting.location, meeting.agenda_url = (location or "").strip()[:120], agenda_url or ""
    with transaction.atomic():
        meeting.save()
        audit.record(actor, AuditAction.MEETING_SAVED, meeting, None, request)
    return meeting


def initiative_schedule(
    *, actor, initiative: Initiative, meeting: Meeting, request=None
) -> Initiative:
    """The clerk puts an initiative from the agenda queue on a coming meeting (or moves it)."""
    if not permissions.is_clerk(actor):
        raise PermissionDenied(_("Alleen de griffie zet initiatieven op de agenda."))
    if meeting.municipality_id != initiative.municipality_id:
        raise ValidationError({"meeting": _("Kies een vergadering van deze gemeente.")})
    if meeting.starts_at < timezone.now():
        raise ValidationError(
            {"meeting": _("Deze vergadering is al geweest. Kies een vergadering die nog komt.")}
        )
    with transaction.atomic():
        locked = _lock(initiative)
        if locked.status not in (Status.AGENDA, Status.SCHEDULED):
            raise PermissionDenied(
                _("Dit initiatief staat niet in de wachtrij voor de raadsagenda.")
            )
        locked.status, locked.meeting = Status.SCHEDULED, meeting
        locked.save(update_fields=["status", "meeting", "updated_at"])
        _step(
            locked,
            Status.SCHEDULED,
            _("Op de agenda van %(meeting)s op %(day)s.")
            % {"meeting": meeting.title, "day": _day(timezone.localdate(meeting.starts_at))},
        )
        audit.record(actor, AuditAction.SCHEDULED, locked, {"meeting": meeting.pk}, request)
        events.emit(InitiativeScheduled(initiative_id=locked.pk, meeting_id=meeting.pk))
    return _refresh(initiative, locked)


def decision_record(
    *,
    actor,
    initiative: Initiative,
    outcome: str,
    motivation: str,
    decided_on: datetime.date,
    decision_url: str = "",
    request=None,
) -> CouncilDecision:
    """The clerk records what the council decided at the meeting the initiative is on.
    Adopted or rejected: decided. Postponed: back into the agenda queue for a later meeting.
    In order only: the initiative must be scheduled, and the day on or after the meeting."""
    if not permissions.is_clerk(actor):
        raise PermissionDenied(_("Alleen de griffie legt besluiten van de raad vast."))
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Kies het besluit van de raad.")
    motivation = (motivation or "").strip()
    if len(motivation) < REASON_MIN:
        errors["motivation"] = _("Schrijf kort waarom de raad zo besloot.")
    elif message := too_long(motivation, TEXT_SHORT):
        errors["motivation"] = message
    if decided_on > timezone.localdate():
        errors["decided_on"] = _("Een besluit ligt niet in de toekomst.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _lock(initiative)
        if locked.status != Status.SCHEDULED or locked.meeting_id is None:
            raise PermissionDenied(
                _(
                    "Een besluit kan pas als het initiatief op de agenda van een vergadering "
                    "staat. Zet het eerst op de agenda."
                )
            )
        meeting = Meeting.objects.get(pk=locked.meeting_id)
        meeting_day = timezone.localdate(meeting.starts_at)
        if decided_on < meeting_day:
            raise ValidationError(
                {
                    "decided_on": _(
                        "De vergadering is op %(day)s. Het besluit kan niet eerder zijn."
                    )
                    % {"day": _day(meeting_day)}
                }
            )
        decision = CouncilDecision.objects.create(
            initiative=locked,
            meeting=meeting,
            outcome=outcome,
            motivation=motivation,
            decision_url=decision_url or "",
            decided_on=decided_on,
            recorded_by=actor,
        )
        at = timezone.now()
        if decided_on != timezone.localdate():  # recorded later: the step shows the day itself
            at = timezone.make_aware(datetime.datetime.combine(decided_on, datetime.time(12)))
        label = str(Outcome(outcome).label)
        if outcome == Outcome.POSTPONED:
            locked.status, locked.meeting = Status.AGENDA, None
            _step(locked, Status.AGENDA, f"{label}: {motivation}", at=at)
        else:
            locked.status = Status.DECIDED
            _step(locked, Status.DECIDED, f"{label}: {motivation}", at=at)
        locked.save(update_fields=["status", "meeting", "updated_at"])
        audit.record(actor, AuditAction.DECIDED, locked, {"outcome": outcome}, request)
        events.emit(
            CouncilDecided(initiative_id=locked.pk, decision_id=decision.pk, outcome=outcome)
        )
    _refresh(initiative, locked)
    return decision
