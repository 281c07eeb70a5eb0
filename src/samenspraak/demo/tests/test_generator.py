"""The demo municipality: deterministic, complete, valid shapes, no data we must never hold."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.utils import timezone

from samenspraak.accounts.models import (
    AttributeKind,
    AttributeSource,
    NotificationConsent,
    Role,
    User,
    VerifiedAttribute,
)
from samenspraak.core.geo import validate_shape
from samenspraak.demo import generator
from samenspraak.demo.areas import BOUNDS
from samenspraak.organisations.models import Area, AreaKind, Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    """These tests look at content, not at hashing; test_commands logs in with the real hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def snapshot() -> dict:
    """The demo's content without database ids or timestamps."""
    return {
        "municipality": list(
            Municipality.objects.values_list(
                "name", "slug", "oin", "cbs_code", "contact_email", "website"
            )
        ),
        "areas": sorted(
            (a.kind, a.name, a.slug, a.cbs_code, a.parent.slug if a.parent else None, a.shape)
            for a in Area.objects.select_related("parent")
        ),
        "users": sorted(
            User.objects.values_list("email", "display_name", "role", "is_staff", "is_superuser")
        ),
        "attributes": sorted(
            VerifiedAttribute.objects.values_list("user__email", "kind", "area__slug", "source"),
            key=str,
        ),
        "consents": sorted(NotificationConsent.objects.values_list("user__email", "kind")),
        "totp_secrets": sorted(
            (u.email, generator.demo_totp_secret(u)) for u in User.objects.exclude(role="resident")
        ),
    }


def test_same_seed_gives_the_same_demo():
    generator.generate(seed=7, residents=60)
    first = snapshot()
    generator.remove_demo()
    assert not User.objects.exists() and not Area.objects.exists()
    generator.generate(seed=7, residents=60)
    assert snapshot() == first


def test_the_seed_option_of_the_command_is_the_generators_seed():
    call_command("demo", "--seed", "7", "--residents", "60", stdout=open_devnull())
    first = snapshot()
    generator.remove_demo()
    generator.generate(seed=7, residents=60)
    assert snapshot() == first


def test_another_seed_gives_other_residents_but_the_same_map():
    generator.generate(seed=1, residents=60)
    first = snapshot()
    generator.remove_demo()
    generator.generate(seed=2, residents=60)
    second = snapshot()
    assert second["areas"] == first["areas"]
    assert second["users"] != first["users"]


def test_default_demo_has_the_promised_size_and_every_role():
    call_command("demo", stdout=open_devnull())
    assert Area.objects.filter(kind=AreaKind.DISTRICT).count() == 8
    for wijk in Area.objects.filter(kind=AreaKind.DISTRICT):
        assert 2 <= wijk.children.count() <= 3
        assert re.fullmatch(r"WK9999\d\d", wijk.cbs_code)
        for buurt in wijk.children.all():
            assert re.fullmatch(rf"BU{wijk.cbs_code[2:]}\d\d", buurt.cbs_code)
    residents = User.objects.filter(role=Role.RESIDENT)
    assert residents.count() >= 300
    for role in Role.values:
        assert User.objects.filter(role=role).exists(), role
    assert User.objects.filter(role=Role.COUNCIL_MEMBER).count() == 9
    admin = User.objects.get(role=Role.ADMINISTRATOR)
    assert admin.is_superuser and admin.is_staff
    municipality = Municipality.objects.get()
    assert len(municipality.oin) == 20 and municipality.oin.isdigit()


def test_people_have_verified_primary_addresses_and_the_right_log_in_method():
    generator.generate(residents=40)
    staff_hash = User.objects.get(email="griffie@voorbeeldstad.example").password
    assert User.objects.get(email="griffie@voorbeeldstad.example").check_password(
        generator.STAFF_PASSWORD
    )
    for user in User.objects.all():
        address = EmailAddress.objects.get(user=user)
        assert address.verified and address.primary and address.email == user.email
        assert generator.is_demo_email(user.email)
        if user.role == Role.RESIDENT:
            assert not user.has_usable_password()
            assert not Authenticator.objects.filter(user=user).exists()
        else:
            assert user.password == staff_hash  # one hash of the one demo password
            assert Authenticator.objects.filter(user=user, type="totp").count() == 1


def test_public_names_are_pseudonymous():
    """A display name never holds a full surname: first name + initial, or a nickname."""
    generator.generate(residents=200)
    for email, display_name in User.objects.filter(role=Role.RESIDENT).values_list(
        "email", "display_name"
    ):
        surname = email.split("@")[0].split(".")[1] if email.count(".") > 2 else None
        assert re.fullmatch(r"\S+ [A-ZÇŞÖÜİ]\.|[A-Z][a-z]+\d{0,2}", display_name), display_name
        if surname and len(surname) > 2:
            assert surname not in display_name.lower()


def test_verified_claims_match_the_residents_buurt_and_wijk():
    generator.generate(residents=120)
    verified = User.objects.get(email=generator.VERIFIED_RESIDENT_EMAIL)
    unverified = User.objects.get(email=generator.UNVERIFIED_RESIDENT_EMAIL)
    assert not unverified.attributes.exists()
    kinds = set(verified.attributes.values_list("kind", flat=True))
    assert kinds == set(AttributeKind.values)
    assert VerifiedAttribute.objects.exclude(source=AttributeSource.DEMO).count() == 0
    with_claims = User.objects.filter(attributes__isnull=False).distinct().count()
    assert with_claims > 0.8 * 121
    for user in User.objects.filter(attributes__kind=AttributeKind.RESIDENT_OF_AREA).distinct():
        areas = [a.area for a in user.attributes.filter(kind=AttributeKind.RESIDENT_OF_AREA)]
        buurt = next(a for a in areas if a.kind == AreaKind.NEIGHBOURHOOD)
        assert {a.pk for a in areas} == {buurt.pk, buurt.parent_id}
        assert user.attributes.filter(kind=AttributeKind.RESIDENT_OF_MUNICIPALITY).exists()
    # 18+ implies 16+
    assert (
        not User.objects.filter(attributes__kind=AttributeKind.AGE_18_PLUS)
        .exclude(attributes__kind=AttributeKind.AGE_16_PLUS)
        .exists()
    )
    assert NotificationConsent.objects.exists()
    now = timezone.now()
    for attribute in VerifiedAttribute.objects.all():
        assert attribute.verified_at <= now and attribute.is_valid_at(now)
    buurt = verified.attributes.get(kind=AttributeKind.RESIDENT_OF_AREA, area__kind="buurt").area
    assert buurt.slug == "binnenstad" and buurt.parent.slug == "centrum"


def _bbox(shape):
    ring = shape["coordinates"][0]
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _area(box):
    return (box[2] - box[0]) * (box[3] - box[1])


def _overlap(a, b):
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _signed_area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def test_every_shape_is_a_closed_counter_clockwise_polygon_and_they_tile_the_town():
    generator.generate(residents=0)
    wijken = list(Area.objects.filter(kind=AreaKind.DISTRICT))
    for area in Area.objects.all():
        shape = area.shape
        assert shape["type"] == "Polygon"
        validate_shape(shape)
        for ring in shape["coordinates"]:
            assert len(ring) >= 4 and ring[0] == ring[-1]
        assert _signed_area(shape["coordinates"][0]) > 0  # RFC 7946: exterior counter-clockwise
    boxes = [_bbox(w.shape) for w in wijken]
    assert sum(_area(b) for b in boxes) == pytest.approx(_area(BOUNDS))
    assert not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    for wijk, box in zip(wijken, boxes, strict=True):
        parts = [_bbox(b.shape) for b in wijk.children.all()]
        assert sum(_area(p) for p in parts) == pytest.approx(_area(box))
        for part in parts:
            assert box[0] <= part[0] and box[1] <= part[1]
            assert part[2] <= box[2] and part[3] <= box[3]


def _elfproef(number: str) -> bool:
    digits = [int(d) for d in number]
    return sum(d * w for d, w in zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True)) % 11 == 0


def test_no_birth_dates_or_bsns_anywhere():
    """No model has a field for them, and no generated value looks like a BSN."""
    forbidden = re.compile(r"birth|geboorte|bsn|burgerservice|social_security", re.IGNORECASE)
    for model in apps.get_models():
        for field in model._meta.get_fields():
            assert not forbidden.search(field.name), f"{model.__name__}.{field.name}"
    generator.generate(residents=300)
    for row in User.objects.values_list("email", "display_name"):
        for value in row:
            for number in re.findall(r"(?<!\d)\d{9}(?!\d)", value):
                assert not _elfproef(number), value


def test_demo_staff_password_would_pass_the_password_rules():
    generator.generate(residents=0)
    for user in User.objects.exclude(role=Role.RESIDENT):
        validate_password(generator.STAFF_PASSWORD, user=user)


def open_devnull():
    import io

    return io.StringIO()
