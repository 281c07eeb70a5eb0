"""Generate the demo municipality Voorbeeldstad: deterministic for a given seed.

The base chapter makes the municipality, its areas, a few hundred residents and the staff; then the
chapters that other apps registered (see `registry.py`) add their data. Everything runs in one
transaction: a failing chapter leaves no half-built demo behind.

Determinism: every part draws from its own `random.Random` seeded with the seed plus the part's
name, so the same seed gives the same names, areas, shapes and claims (timestamps and database ids
aside), and a new chapter never changes what the others produce.
"""

from __future__ import annotations

import base64
import datetime
import random
import unicodedata
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from samenspraak.accounts.models import (
    AttributeKind,
    AttributeSource,
    NotificationConsent,
    NotificationKind,
    Role,
    User,
    VerifiedAttribute,
)
from samenspraak.accounts.services import DEFAULT_ATTRIBUTE_VALIDITY
from samenspraak.budgeting.models import Budget
from samenspraak.core import demo_registry as registry
from samenspraak.demo.areas import MUNICIPALITY_CODE, VERIFIED_RESIDENT_BUURT, area_plan
from samenspraak.demo.names import FIRST_NAMES, NICKNAMES, SURNAMES
from samenspraak.dialogue.models import ModerationDecision
from samenspraak.organisations import services as organisation_services
from samenspraak.organisations.models import Area, AreaKind, Municipality

DEFAULT_SEED = 2026
DEFAULT_RESIDENTS = 300

#: Every demo account has an address in this reserved (RFC 2606) domain: it never reaches anyone.
DEMO_DOMAIN = "voorbeeldstad.example"
MUNICIPALITY_SLUG = "voorbeeldstad"

#: The one password of all demo staff accounts (the second factor is a TOTP code).
STAFF_PASSWORD = "Samenspraak-Demo-2026"  # noqa: S105 - a published demo password, not a secret

#: A resident with verified claims and one without, for trying both paths by hand.
VERIFIED_RESIDENT_EMAIL = f"inwoner@{DEMO_DOMAIN}"
UNVERIFIED_RESIDENT_EMAIL = f"nieuw@{DEMO_DOMAIN}"


@dataclass(frozen=True)
class StaffSeat:
    role: str
    email: str
    name: str | None  # None: a generated name
    superuser: bool = False


STAFF_SEATS: tuple[StaffSeat, ...] = (
    StaffSeat(Role.PROCESS_MANAGER, f"procesbegeleider@{DEMO_DOMAIN}", "Fatima El Amrani"),
    StaffSeat(Role.MODERATOR, f"communitymanager@{DEMO_DOMAIN}", "Jeroen van der Meer"),
    StaffSeat(Role.CLERK, f"griffie@{DEMO_DOMAIN}", "Ingrid Dijkstra"),
    StaffSeat(Role.ADMINISTRATOR, f"beheerder@{DEMO_DOMAIN}", "Kemal Yıldız", superuser=True),
    *(
        StaffSeat(Role.COUNCIL_MEMBER, f"raadslid{number}@{DEMO_DOMAIN}", None)
        for number in range(1, 10)
    ),
)


@dataclass
class DemoContext:
    """What chapters get: see `registry.py`."""

    seed: int
    rng: random.Random
    municipality: Municipality
    districts: list[Area]
    neighbourhoods: list[Area]
    residents: list[User]
    staff: dict[str, list[User]]
    data: dict = field(default_factory=dict)

    @property
    def areas(self) -> list[Area]:
        return [*self.districts, *self.neighbourhoods]

    def for_chapter(self, name: str) -> DemoContext:
        """The same context with a random generator of the chapter's own."""
        return DemoContext(
            seed=self.seed,
            rng=part_rng(self.seed, name),
            municipality=self.municipality,
            districts=self.districts,
            neighbourhoods=self.neighbourhoods,
            residents=self.residents,
            staff=self.staff,
            data=self.data,
        )


def part_rng(seed: int, part: str) -> random.Random:
    return random.Random(f"{seed}:{part}")  # noqa: S311 - demo data, not security


def demo_exists() -> bool:
    return Municipality.objects.exists()


def is_demo_email(email: str) -> bool:
    return email.lower().endswith(f"@{DEMO_DOMAIN}")


def remove_demo() -> None:
    """Delete the demo municipality (its areas go with it) and every demo account."""
    with transaction.atomic():
        # Moderation decisions point at content generically and protect the house rule they
        # cite; they go first so the municipality (and its house rules) can be deleted.
        ModerationDecision.objects.filter(rule__municipality__slug=MUNICIPALITY_SLUG).delete()
        # A budget protects its area (an area with a budget is never deleted on its own); the
        # budgets go with their processes first.
        Budget.objects.filter(process__municipality__slug=MUNICIPALITY_SLUG).delete()
        User.objects.filter(email__iendswith=f"@{DEMO_DOMAIN}").delete()
        Municipality.objects.filter(slug=MUNICIPALITY_SLUG).delete()


def generate(*, seed: int = DEFAULT_SEED, residents: int = DEFAULT_RESIDENTS) -> DemoContext:
    """Build Voorbeeldstad, then run the registered chapters. Returns the context."""
    registry.autodiscover()
    with transaction.atomic():
        municipality = _municipality()
        areas = organisation_services.areas_create(municipality=municipality, plan=area_plan())
        districts = [a for a in areas if a.kind == AreaKind.DISTRICT]
        neighbourhoods = [a for a in areas if a.kind == AreaKind.NEIGHBOURHOOD]
        people = _residents(part_rng(seed, "residents"), residents, neighbourhoods)
        staff = _staff(seed)
        ctx = DemoContext(
            seed=seed,
            rng=part_rng(seed, "base"),
            municipality=municipality,
            districts=districts,
            neighbourhoods=neighbourhoods,
            residents=people,
            staff=staff,
        )
        for item in registry.chapters():
            item.build(ctx.for_chapter(item.name))
    return ctx


def _municipality() -> Municipality:
    return organisation_services.municipality_create(
        name="Voorbeeldstad",
        slug=MUNICIPALITY_SLUG,
        # OIN of a municipality: "00000001" + RSIN (9 digits) + "000"; this RSIN is fictional.
        oin="00000001999999999000",
        cbs_code=f"GM{MUNICIPALITY_CODE}",
        contact_email=f"participatie@{DEMO_DOMAIN}",
        contact_phone="14 0999",
        contact_address="Stadhuisplein 1\n9999 ZZ Voorbeeldstad",
        website="https://www.voorbeeldstad.example/",
    )


def ascii_part(text: str) -> str:
    """'Yılmaz' -> 'yilmaz', "in 't Veld" -> 'intveld': for e-mail addresses."""
    text = text.replace("ı", "i").replace("İ", "I")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


def full_name(first: str, tussenvoegsel: str, surname: str) -> str:
    return " ".join(part for part in (first, tussenvoegsel, surname) if part)


def _display_name(rng: random.Random, first: str, surname: str) -> str:
    """A public name that does not give away who someone is: 'Sanne V.' or a chosen nickname."""
    if rng.random() < 0.65:
        return f"{first} {surname[0].upper()}."
    return f"{rng.choice(NICKNAMES)}{rng.randint(1, 99)}"


def _residents(rng: random.Random, count: int, neighbourhoods: list[Area]) -> list[User]:
    now = timezone.now()
    people: list[dict] = []
    fixed = [
        # (email, display name, buurt slug or None for no claims)
        (VERIFIED_RESIDENT_EMAIL, "Sanne V.", slugify(VERIFIED_RESIDENT_BUURT)),
        (UNVERIFIED_RESIDENT_EMAIL, "Nieuwkomer", None),
    ]
    by_slug = {a.slug: a for a in neighbourhoods}
    for email, display_name, buurt_slug in fixed:
        people.append(
            {
                "email": email,
                "display_name": display_name,
                "buurt": by_slug.get(buurt_slug) if buurt_slug else None,
                "age": (True, True),
                "joined_days_ago": 400,
                "verified_days_ago": 30,
                "consents": list(NotificationKind.values) if buurt_slug else [],
            }
        )
    for number in range(1, count + 1):
        first = rng.choice(FIRST_NAMES)
        tussenvoegsel, surname = rng.choice(SURNAMES)
        verified = rng.random() < 0.9
        age_16 = rng.random() < 0.97
        age_18 = age_16 and rng.random() < 0.93
        people.append(
            {
                "email": f"{ascii_part(first)}.{ascii_part(tussenvoegsel + surname)}.{number}"
                f"@{DEMO_DOMAIN}",
                "display_name": _display_name(rng, first, surname),
                "buurt": rng.choice(neighbourhoods) if verified else None,
                "age": (age_16, age_18),
                "joined_days_ago": (joined := rng.randint(0, 700)),
                # Checked some time after joining, recently enough that the claim still holds.
                "verified_days_ago": rng.randint(0, min(joined, 300)),
                "consents": [kind for kind in NotificationKind.values if rng.random() < 0.4],
            }
        )

    unusable = make_password(None)  # residents log in with an e-mail code, never a password
    users = User.objects.bulk_create(
        [
            User(
                email=person["email"],
                display_name=person["display_name"],
                role=Role.RESIDENT,
                password=unusable,
                date_joined=now - datetime.timedelta(days=person["joined_days_ago"]),
            )
            for person in people
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )

    attributes: list[VerifiedAttribute] = []
    consents: list[NotificationConsent] = []
    for user, person in zip(users, people, strict=True):
        buurt = person["buurt"]
        for kind in person.get("consents", ()):
            consents.append(NotificationConsent(user=user, kind=kind, given_at=user.date_joined))
        if buurt is None:
            continue
        verified_at = now - datetime.timedelta(days=person["verified_days_ago"])
        claims = [
            (AttributeKind.RESIDENT_OF_MUNICIPALITY, None),
            (AttributeKind.RESIDENT_OF_AREA, buurt),
            (AttributeKind.RESIDENT_OF_AREA, buurt.parent),
        ]
        age_16, age_18 = person["age"]
        if age_16:
            claims.append((AttributeKind.AGE_16_PLUS, None))
        if age_18:
            claims.append((AttributeKind.AGE_18_PLUS, None))
        for kind, area in claims:
            attributes.append(
                VerifiedAttribute(
                    user=user,
                    kind=kind,
                    area=area,
                    source=AttributeSource.DEMO,
                    verified_at=verified_at,
                    expires_at=verified_at + DEFAULT_ATTRIBUTE_VALIDITY,
                )
            )
    VerifiedAttribute.objects.bulk_create(attributes)
    NotificationConsent.objects.bulk_create(consents)
    return users


def totp_secret_for(seed: int, email: str) -> str:
    """A fixed TOTP secret per demo account and seed, so an authenticator app keeps working after
    the demo database is rebuilt. Published with the demo: never use demo accounts for real."""
    return base64.b32encode(part_rng(seed, f"totp:{email}").randbytes(20)).decode("ascii")


def _staff(seed: int) -> dict[str, list[User]]:
    rng = part_rng(seed, "staff")
    # One hash for the one demo password: hashing is the slow part, the result is the same.
    password = make_password(STAFF_PASSWORD)
    users = []
    for seat in STAFF_SEATS:
        if seat.name is None:
            first = rng.choice(FIRST_NAMES)
            tussenvoegsel, surname = rng.choice(SURNAMES)
            name = full_name(first, tussenvoegsel, surname)
        else:
            name = seat.name
        users.append(
            User(
                email=seat.email,
                display_name=name,
                role=seat.role,
                password=password,
                is_staff=seat.superuser,
                is_superuser=seat.superuser,
            )
        )
    users = User.objects.bulk_create(users)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    staff: dict[str, list[User]] = {}
    for user in users:
        # allauth's own activation, so its adapter encrypts the secret as it would for a real user.
        TOTP.activate(user, totp_secret_for(seed, user.email))
        staff.setdefault(user.role, []).append(user)
    return staff


def demo_totp_secret(user: User) -> str | None:
    """The TOTP secret of a demo staff account (decrypted through allauth), or None."""
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return None
    return decrypt(authenticator.data["secret"])
