"""Vote codes sent by letter: generating, hashing, looking up, and the letters for the printer.

A code is 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown in groups
of four ("ABCD-EFGH-JKMN"); people may type it in lower case, with or without dashes or spaces.
Codes come from `secrets` (31^12, about 59 bits). The database keeps only
HMAC-SHA256(pepper, code), where the pepper derives from settings.SAMENSPRAAK_BALLOT_KEY and is
not in the database, so a leaked table cannot be tried against all codes offline. The codes
themselves (with the addresses, if any) exist only in the CSV or PDF handed out once at
generation; they are never stored.

Guessing is rate-limited per client address: after `GUESS_LIMIT` wrong codes in the window the
code page refuses to check codes for a while (successful votes do not count).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import secrets
import textwrap

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from samenspraak.budgeting.models import Budget, CodeBatch, VoteCode
from samenspraak.core import audit, csvsafe, ratelimit
from samenspraak.core.links import absolute_url

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12
GROUP = 4
MAX_BATCH = 100_000
#: Wrong codes per client address per window before the page stops checking codes.
GUESS_LIMIT = 10
GUESS_WINDOW = 15 * 60


class AuditAction:
    CODES_GENERATED = "budgeting.codes_generated"


def USED_MESSAGE() -> str:  # noqa: N802 - a message, translated when asked for
    return _("Met deze code is al gestemd. Een code werkt maar één keer.")


def UNKNOWN_MESSAGE() -> str:  # noqa: N802
    return _(
        "Deze code kennen wij niet. Controleer de code in uw brief: 12 letters en cijfers, "
        "zoals ABCD-EFGH-JKMN."
    )


# --- the code itself --------------------------------------------------------------------------


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _i in range(LENGTH))


def display(code: str) -> str:
    """ "ABCDEFGHJKMN" -> "ABCD-EFGH-JKMN"."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise(text: str) -> str | None:
    """The code as stored (upper case, no separators), or None when it cannot be a code."""
    code = "".join((text or "").split()).replace("-", "").upper()
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code


def code_hash(code: str) -> str:
    pepper = hashlib.sha256(f"vote-code:{settings.SAMENSPRAAK_BALLOT_KEY}".encode()).digest()
    return hmac.new(pepper, code.encode(), hashlib.sha256).hexdigest()


def code_lookup(budget: Budget, text: str) -> tuple[VoteCode | None, str | None]:
    """(the unused code of this budget, None) or (None or the code, a Dutch problem)."""
    code = normalise(text)
    if code is None:
        if not (text or "").strip():
            return None, _("Vul de stemcode uit uw brief in.")
        return None, UNKNOWN_MESSAGE()
    vote_code = VoteCode.objects.select_related("batch").filter(code_hash=code_hash(code)).first()
    if vote_code is None:
        return None, UNKNOWN_MESSAGE()
    if vote_code.batch.budget_id != budget.pk:
        return vote_code, _(
            "Deze code hoort bij een ander budget. Kies het budget dat in uw brief staat."
        )
    if vote_code.used_on is not None:
        return vote_code, USED_MESSAGE()
    return vote_code, None


# --- guessing ---------------------------------------------------------------------------------


def _guess_key(client: str) -> str:
    window = int(ratelimit.clock() // GUESS_WINDOW)
    digest = hashlib.sha256(client.encode()).hexdigest()[:32]
    return f"votecode-guess:{window}:{digest}"


def guessing_blocked(client: str) -> bool:
    return (cache.get(_guess_key(client)) or 0) >= GUESS_LIMIT


def record_wrong_guess(client: str) -> None:
    key = _guess_key(client)
    cache.add(key, 0, timeout=GUESS_WINDOW + 5)
    try:
        cache.incr(key)
    except ValueError:  # expired in between
        cache.add(key, 1, timeout=GUESS_WINDOW + 5)


def BLOCKED_MESSAGE() -> str:  # noqa: N802
    return _(
        "U heeft te vaak een code ingevuld die niet klopt. Probeer het over een kwartier "
        "opnieuw, of bel de gemeente."
    )


# --- generating -------------------------------------------------------------------------------


def parse_addresses(upload) -> list[list[str]]:
    """An uploaded CSV (comma or semicolon, UTF-8 or Windows-1252): one letter per row, the
    row's non-empty cells as the address lines. A first row that looks like a header is skipped.
    Raises ValidationError({"addresses": ...})."""
    raw = upload.read(20 * 1024 * 1024 + 1)
    if len(raw) > 20 * 1024 * 1024:
        raise ValidationError({"addresses": _("Het bestand is te groot (hoogstens 20 MB).")})
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        lines = [cell.strip() for cell in row if cell.strip()]
        if lines:
            rows.append(lines)
    if (
        rows
        and any(
            word in " ".join(rows[0]).lower() for word in ("adres", "address", "postcode", "straat")
        )
        and not any(char.isdigit() for char in " ".join(rows[0]))
    ):
        rows = rows[1:]
    if not rows:
        raise ValidationError({"addresses": _("Er staan geen adressen in dit bestand.")})
    if len(rows) > MAX_BATCH:
        raise ValidationError(
            {"addresses": _("Hoogstens %(max)s adressen per keer.") % {"max": MAX_BATCH}}
        )
    return rows


def generate_batch(
    *, budget: Budget, label: str, created_by, count: int | None = None, addresses=None, area=None
) -> tuple[CodeBatch, list[dict]]:
    """Create a batch of single-use codes; returns the batch and, once only, the letters:
    [{"address": [lines], "code": "ABCD-EFGH-JKMN"}, ...]. Only hashes are stored."""
    label = (label or "").strip()
    errors = {}
    if not label:
        errors["label"] = _("Geef de reeks een naam, bijvoorbeeld 'Brief wijk Noord, mei'.")
    if addresses is None:
        if not count or count < 1 or count > MAX_BATCH:
            errors["count"] = _("Kies een aantal van 1 tot en met %(max)s.") % {"max": MAX_BATCH}
        addresses = [[] for _i in range(count or 0)] if not errors else []
    if area is not None and area.municipality_id != budget.process.municipality_id:
        errors["area"] = _("Kies een gebied in de gemeente.")
    if errors:
        raise ValidationError(errors)
    for _attempt in range(3):
        plain = set()
        while len(plain) < len(addresses):
            plain.add(new_code())
        plain_list = list(plain)
        try:
            with transaction.atomic():
                batch = CodeBatch.objects.create(
                    budget=budget, label=label, size=len(plain_list), created_by=created_by
                )
                VoteCode.objects.bulk_create(
                    (VoteCode(batch=batch, code_hash=code_hash(c), area=area) for c in plain_list),
                    batch_size=2000,
                )
                audit.record(
                    created_by,
                    AuditAction.CODES_GENERATED,
                    target=budget,
                    changes={"batch": batch.pk, "label": label, "size": len(plain_list)},
                )
        except IntegrityError:  # pragma: no cover - a 59-bit collision with an older code
            continue
        letters = [
            {"address": lines, "code": display(code)}
            for lines, code in zip(addresses, plain_list, strict=True)
        ]
        return batch, letters
    raise RuntimeError("could not generate unique vote codes")  # pragma: no cover


# --- letters for the printer ------------------------------------------------------------------


def vote_url(budget: Budget) -> str:
    return absolute_url(reverse("budgeting:vote_code", args=[budget.pk]))


def instructions(budget: Budget) -> list[str]:
    return [
        _("U kunt meebeslissen over %(budget)s.") % {"budget": budget.title},
        _(
            "Ga naar het adres hieronder en vul uw stemcode in. U heeft geen account nodig. "
            "Met de code kunt u één keer stemmen. Niemand kan zien wat u kiest."
        ),
    ]


def letters_csv(budget: Budget, letters: list[dict]) -> bytes:
    """CSV (semicolon, UTF-8 with BOM for spreadsheet programs) for a mail-merge."""
    buffer = io.StringIO()
    writer = csvsafe.writer(buffer, delimiter=";")
    url = vote_url(budget)
    text = " ".join(instructions(budget))
    writer.writerow([_("adres"), _("stemcode"), _("website"), _("uitleg")])
    for letter in letters:
        writer.writerow([", ".join(letter["address"]), letter["code"], url, text])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def letters_pdf(budget: Budget, letters: list[dict]) -> bytes:
    """One A4 letter per code, written as a plain PDF (Helvetica, Windows-1252 text)."""
    url = vote_url(budget)
    pages = []
    for letter in letters:
        lines: list[tuple[float, float, int, bool, str]] = []
        y = 760.0
        for address_line in letter["address"]:
            lines.append((72, y, 11, False, address_line))
            y -= 15
        y = min(y, 640) - 20
        lines.append((72, y, 16, True, _("Uw stemcode")))
        y -= 28
        for paragraph in instructions(budget):
            for part in textwrap.wrap(paragraph, 85):
                lines.append((72, y, 11, False, part))
                y -= 15
            y -= 6
        y -= 14
        lines.append((72, y, 11, False, _("Website:")))
        lines.append((140, y, 11, True, url))
        y -= 30
        lines.append((72, y, 11, False, _("Uw code:")))
        lines.append((140, y - 4, 22, True, letter["code"]))
        y -= 50
        keep = _("Bewaar deze brief tot de uitslag bekend is. Geef de code aan niemand.")
        lines.append((72, y, 9, False, keep))
        pages.append(lines)
    return write_pdf(pages)


def _pdf_text(text: str) -> bytes:
    data = text.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def write_pdf(pages: list[list[tuple[float, float, int, bool, str]]]) -> bytes:
    """A minimal valid PDF: each page a list of (x, y, size, bold, text) on A4 (595x842 pt)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    tree = add(b"")
    regular = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    bold = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    kids = []
    for lines in pages or [[]]:
        stream = b"".join(
            b"BT /F%d %d Tf %.1f %.1f Td (%s) Tj ET\n"
            % (2 if is_bold else 1, size, x, y, _pdf_text(text))
            for x, y, size, is_bold, text in lines
        )
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>"
                % (tree, regular, bold, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)
