"""Demo e-information: news, documents (links and a small generated PDF), questions and
followers for the demo processes left by the processes chapter in ctx.data["processes"]."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from samenspraak.core.demo_registry import chapter
from samenspraak.information import services
from samenspraak.information.models import DocumentType, Follow

UPDATES = [  # written as staff write them: the Markdown subset of core.richtext
    (
        "Start van het proces",
        "Vanaf vandaag kunt u meedoen. Lees hieronder wat we u vragen.",
    ),
    (
        "Bijeenkomst in de wijk",
        "Op de bijeenkomst in het buurthuis kwamen veel mensen. Bedankt voor uw ideeën!\n\n"
        "## Wat we vaak hoorden\n\n"
        "- Meer groen\n- Veilig oversteken\n- Plek om te zitten",
    ),
    (
        "Tussenstand",
        "We hebben al veel reacties gekregen. Op elke reactie geven we een antwoord.",
    ),
    (
        "Hoe gaat het verder?",
        "Na de inbreng maakt de gemeente een voorstel. Dat voorstel gaat naar **de gemeenteraad**.",
    ),
]

DOCUMENTS = [
    ("Raadsvoorstel", DocumentType.RAADSVOORSTEL, "RV-{year}-{n:03d}"),
    ("Onderzoek naar de wensen van bewoners", DocumentType.ONDERZOEKSRAPPORT, "OZ-{year}-{n:03d}"),
    ("Brief aan de bewoners", DocumentType.BRIEF, "BR-{year}-{n:03d}"),
    ("Besluitenlijst van het college", DocumentType.BESLUIT, "B-{year}-{n:03d}"),
    ("Beleidsnota", DocumentType.BELEIDSNOTA, "BN-{year}-{n:03d}"),
]

FAQ = [
    ("Wie mag meedoen?", "Iedereen die in de gemeente woont, werkt of op school zit."),
    (
        "Wat gebeurt er met mijn reactie?",
        "Op elke reactie geeft de gemeente een openbaar antwoord. Daarin staat wat we met uw "
        "reactie doen, en waarom.",
    ),
    ("Hoe lang kan ik reageren?", "Dat ziet u bij de fasen van dit proces, met de datums."),
    (
        "Kan ik ook op papier reageren?",
        "Ja. U kunt uw reactie sturen naar het adres van de gemeente, of bellen. De gemeente zet "
        "uw reactie dan op de website.",
    ),
    ("Wie beslist er uiteindelijk?", "Dat staat bij het proces onder ‘Wie beslist’."),
]


def tiny_pdf(title: str) -> bytes:
    """A minimal, valid one-page PDF with the title as text (ASCII only)."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


@chapter("information.content", order=200)
def information(ctx):
    processes = [p for p in (ctx.data.get("processes") or []) if hasattr(p, "slug")]
    managers = list(ctx.staff.get("process_manager") or ctx.staff.get("administrator") or [])
    if not processes or not managers:
        return
    rng = ctx.rng
    now = timezone.now()
    follows = []
    for index, process in enumerate(processes):
        if not process.is_published:
            continue
        author = rng.choice(managers)
        count = rng.randint(1, len(UPDATES))
        for number, (title, body) in enumerate(UPDATES[:count]):
            services.update_create(
                actor=author,
                process=process,
                title=title,
                body=body,
                published_at=now - datetime.timedelta(days=(count - number) * rng.randint(3, 9)),
                notify=False,  # nobody follows yet; the demo sends no e-mail
            )
        for number, (title, kind, identifier) in enumerate(
            rng.sample(DOCUMENTS, rng.randint(2, 4))
        ):
            date = (now - datetime.timedelta(days=rng.randint(5, 120))).date()
            fields = {
                "title": f"{title}: {process.title}",
                "document_type": kind,
                "date": date,
                "identifier": identifier.format(year=date.year, n=index * 10 + number + 1),
                "language": "nl",
            }
            if number == 0:  # one real file per process, the rest are links
                content = ContentFile(tiny_pdf(fields["title"]), name=f"{process.slug}-{kind}.pdf")
                services.document_create(actor=author, process=process, file=content, **fields)
            else:
                url = f"https://voorbeeldstad.example/documenten/{process.slug}/{kind}"
                services.document_create(actor=author, process=process, url=url, **fields)
        for order, (question, answer) in enumerate(rng.sample(FAQ, rng.randint(2, len(FAQ)))):
            services.faq_create(
                actor=author, process=process, question=question, answer=answer, order=order + 1
            )
        if ctx.residents:
            size = min(len(ctx.residents), rng.randint(3, 25))
            follows += [Follow(user=u, process=process) for u in rng.sample(ctx.residents, size)]
    Follow.objects.bulk_create(follows, ignore_conflicts=True)
