"""Paper signature lists: parsing, duplicate detection, counting."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.core import audit, events
from samenspraak.initiatives import permissions, selectors
from samenspraak.initiatives.events import SignatureCounted
from samenspraak.initiatives.models import (
    Initiative,
    PaperList,
    Signature,
    SignatureChannel,
    Status,
)
from samenspraak.initiatives.services.common import (
    AuditAction,
    _day,
    _lock,
    _postcode_ranges,
    _refresh,
)
from samenspraak.initiatives.services.signatures import _closed_message, _reach_threshold

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
