"""The `demo` and `demo_totp` commands, and a real staff log-in with what they print."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role, User
from samenspraak.core import demo_registry as registry
from samenspraak.demo import generator
from samenspraak.organisations.models import Area, Municipality
from samenspraak.organisations.services import municipality_create

pytestmark = pytest.mark.django_db


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_if_empty_builds_once_and_then_leaves_the_demo_alone():
    run("demo", "--if-empty", "--residents", "30")
    before = (User.objects.count(), Area.objects.count(), list(User.objects.values_list("pk")))
    output = run("demo", "--if-empty", "--residents", "30")
    assert "al een gemeente" in output
    assert (User.objects.count(), Area.objects.count(), list(User.objects.values_list("pk"))) == (
        before
    )


def test_if_empty_does_nothing_when_a_real_municipality_exists():
    municipality_create(name="Gemeente Echtdorp", slug="echtdorp")
    run("demo", "--if-empty")
    assert list(Municipality.objects.values_list("slug", flat=True)) == ["echtdorp"]
    assert not User.objects.exists()


def test_without_if_empty_an_existing_demo_is_an_error_and_reset_rebuilds_it():
    run("demo", "--residents", "10")
    with pytest.raises(CommandError) as error:
        run("demo", "--residents", "10")
    assert error.value.returncode == 1
    first_pk = User.objects.order_by("pk").first().pk
    run("demo", "--reset", "--residents", "10")
    assert Municipality.objects.count() == 1
    assert User.objects.order_by("pk").first().pk != first_pk
    assert User.objects.filter(role=Role.RESIDENT).count() == 12


@pytest.mark.parametrize(
    "args",
    [
        ("demo",),
        ("demo", "--if-empty"),
        ("demo", "--logins"),
        ("demo_totp", "griffie@voorbeeldstad.example"),
    ],
)
def test_commands_refuse_when_the_demo_is_switched_off(settings, args):
    settings.SAMENSPRAAK_DEMO = False
    with pytest.raises(CommandError) as error:
        run(*args)
    assert error.value.returncode == 1
    assert "SAMENSPRAAK_DEMO" in str(error.value)
    assert not Municipality.objects.exists()


def test_logins_table_lists_residents_with_and_without_claims_and_every_staff_account():
    run("demo", "--residents", "5")
    output = run("demo", "--logins")
    assert generator.VERIFIED_RESIDENT_EMAIL in output
    assert generator.UNVERIFIED_RESIDENT_EMAIL in output
    assert "/dev/mail/" in output
    assert generator.STAFF_PASSWORD in output
    for seat in generator.STAFF_SEATS:
        user = User.objects.get(email=seat.email)
        assert seat.email in output
        assert generator.demo_totp_secret(user) in output
    assert "En 5 andere demo-inwoners" in output


def test_logins_table_shows_the_address_the_server_listens_on(monkeypatch):
    run("demo", "--residents", "0")
    monkeypatch.setenv("HOST", "::1")
    monkeypatch.setenv("PORT", "8765")
    output = run("demo", "--logins")
    assert "http://[::1]:8765/dev/mail/" in output
    assert "http://[::1]:8765/account/login/" in output


def test_logins_without_a_demo_says_how_to_make_one():
    assert "samenspraak demo" in run("demo", "--logins")


def test_demo_totp_refuses_accounts_that_are_not_demo_staff():
    run("demo", "--residents", "3")
    real_staff = StaffUserFactory(email="medewerker@voorbeeldstad.nl")
    UserFactory(email="iemand@voorbeeldstad.example")
    for email in (
        real_staff.email,
        generator.VERIFIED_RESIDENT_EMAIL,
        "iemand@voorbeeldstad.example",
        "onbekend@voorbeeldstad.example",
    ):
        with pytest.raises(CommandError) as error:
            run("demo_totp", email)
        assert "geen demo-account" in str(error.value)


def test_demo_staff_logs_in_with_password_and_the_code_demo_totp_prints(client):
    run("demo", "--residents", "3")
    email = "griffie@voorbeeldstad.example"
    response = client.post(
        reverse("account_login"), {"login": email, "password": generator.STAFF_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # not yet: the second factor comes first

    output = run("demo_totp", email)
    code = output.splitlines()[0].strip()
    assert code.isdigit() and len(code) == 6
    assert generator.demo_totp_secret(User.objects.get(email=email)) in output

    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)


def test_a_wrong_code_does_not_log_demo_staff_in(client):
    run("demo", "--residents", "3")
    email = "procesbegeleider@voorbeeldstad.example"
    client.post(reverse("account_login"), {"login": email, "password": generator.STAFF_PASSWORD})
    code = run("demo_totp", email).splitlines()[0].strip()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.fixture
def clean_registry():
    saved = dict(registry._chapters)
    yield
    registry._chapters.clear()
    registry._chapters.update(saved)


def test_registered_chapters_run_in_order_after_the_base_chapter(clean_registry):
    calls = []

    @registry.chapter("test.second", order=200)
    def second(ctx):
        calls.append(("second", ctx.rng.random()))

    @registry.chapter("test.first", order=150)
    def first(ctx):
        assert ctx.municipality.slug == "voorbeeldstad"
        assert len(ctx.districts) == 8 and len(ctx.residents) == 12
        assert {Role.CLERK, Role.COUNCIL_MEMBER} <= set(ctx.staff)
        ctx.data["made_by_first"] = True
        calls.append(("first", ctx.rng.random()))

    run("demo", "--residents", "10")
    assert [name for name, _ in calls] == ["first", "second"]
    # Each chapter has its own generator: same seed, same draws, independent of other chapters.
    assert calls[0][1] == generator.part_rng(generator.DEFAULT_SEED, "test.first").random()
    assert calls[1][1] == generator.part_rng(generator.DEFAULT_SEED, "test.second").random()


def test_a_failing_chapter_leaves_no_half_built_demo(clean_registry):
    @registry.chapter("test.broken")
    def broken(ctx):
        raise RuntimeError("chapter failed")

    with pytest.raises(RuntimeError):
        run("demo", "--residents", "5")
    assert not Municipality.objects.exists()
    assert not User.objects.exists()


def test_registering_two_different_builders_under_one_name_is_an_error(clean_registry):
    registry.register("test.same", lambda ctx: None)
    with pytest.raises(ValueError):
        registry.register("test.same", print)
