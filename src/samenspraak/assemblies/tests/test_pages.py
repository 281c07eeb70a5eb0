"""Staff pages (second factor, role), the letters PDF, the publication and the API (never
personal data), and a fixed number of queries per page."""

from __future__ import annotations

import random
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.accounts.tests.conftest import log_in_staff
from samenspraak.assemblies import services
from samenspraak.assemblies.factories import AssemblyFactory, address_csv, make_ready
from samenspraak.assemblies.models import PHASE_KIND, Assembly, Registration, Stage
from samenspraak.assemblies.tests.test_draw import ready_to_draw
from samenspraak.processes.factories import PhaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, manager):
    log_in_staff(client, manager)
    return client


def staff_urls(assembly) -> list[tuple[str, str]]:
    pk = assembly.pk
    return [
        ("get", reverse("assemblies:manage_list")),
        ("get", reverse("assemblies:manage", args=[pk])),
        ("get", reverse("assemblies:letters", args=[pk])),
        ("post", reverse("assemblies:quotas", args=[pk])),
        ("post", reverse("assemblies:addresses", args=[pk])),
        ("post", reverse("assemblies:invitations", args=[pk])),
        ("post", reverse("assemblies:close", args=[pk])),
        ("post", reverse("assemblies:commit", args=[pk])),
        ("post", reverse("assemblies:seed_download", args=[pk])),
        ("get", reverse("assemblies:staff_register", args=[pk])),
        ("post", reverse("assemblies:draw", args=[pk])),
        ("post", reverse("assemblies:publish", args=[pk])),
        ("get", reverse("assemblies:outcome_letters", args=[pk])),
        ("get", reverse("assemblies:call_list", args=[pk])),
        ("post", reverse("assemblies:call_list", args=[pk])),
    ]


@pytest.mark.parametrize("role", [None, Role.MODERATOR, Role.COUNCIL_MEMBER, "resident"], ids=str)
def test_only_managers_reach_the_staff_pages(client, assembly, role, resident):
    if role == "resident":
        client.force_login(resident)
    elif role is not None:
        client.force_login(StaffUserFactory(role=role))
    for method, url in staff_urls(assembly):
        response = getattr(client, method)(url)
        expected = 302 if role is None else 403
        assert response.status_code == expected, (role, url)


def test_staff_without_the_second_factor_this_session_are_sent_to_log_in(client, assembly):
    admin = StaffUserFactory(role=Role.ADMINISTRATOR)
    client.post(reverse("account_login"), {"login": admin.email, "password": "x"})  # no TOTP
    response = client.get(reverse("assemblies:manage", args=[assembly.pk]))
    assert response.status_code == 302


def test_create_and_run_an_assembly_through_the_staff_pages(staff, manager):
    phase = PhaseFactory(kind=PHASE_KIND)
    response = staff.post(
        reverse("assemblies:manage_list"),
        {
            "phase": phase.pk,
            "title": "Burgerberaad over de dijk",
            "panel_size": 6,
            "reserve_size": 2,
            "algorithm": "leximin",
            "household_rule": "on",
        },
    )
    item = Assembly.objects.get(title="Burgerberaad over de dijk")
    assert response["Location"] == reverse("assemblies:manage", args=[item.pk])
    manage = reverse("assemblies:manage", args=[item.pk])
    bad = staff.post(
        reverse("assemblies:quotas", args=[item.pk]), {"quotas": "Leeftijd,jong,10,3,2"}
    )
    assert bad.status_code == 400
    assert "Regel 1: min (3) is groter dan max (2)." in bad.content.decode()
    assert "Leeftijd,jong,10,3,2" in bad.content.decode()  # what was typed stays
    ok = staff.post(
        reverse("assemblies:quotas", args=[item.pk]),
        {"quotas": "Leeftijd,jong,500,0,0\nLeeftijd,oud,500,0,0", "derive": ""},
    )
    assert ok.status_code == 302
    assert [(q.minimum, q.maximum) for q in item.quotas.all()] == [(2, 4), (2, 4)]
    bad_file = staff.post(
        reverse("assemblies:addresses", args=[item.pk]),
        {
            "file": SimpleUploadedFile(
                "a.csv", b"straat,huisnummer,postcode,woonplaats,buurtcode\nA,x,1,V,B\n"
            )
        },
    )
    assert bad_file.status_code == 400
    assert "Regel 2: het huisnummer" in bad_file.content.decode()
    good_file = staff.post(
        reverse("assemblies:addresses", args=[item.pk]),
        {"file": SimpleUploadedFile("a.csv", address_csv({"BU1": 30, "BU2": 10}))},
    )
    assert good_file.status_code == 302
    too_many = staff.post(reverse("assemblies:invitations", args=[item.pk]), {"count": 99})
    assert too_many.status_code == 400 and "Kies 1 tot 40" in too_many.content.decode()
    staff.post(reverse("assemblies:invitations", args=[item.pk]), {"count": 20, "seed": "x"})
    item.refresh_from_db()
    assert item.stage == Stage.INVITED and item.invitations.count() == 20
    page = staff.get(manage).content.decode()
    assert "Download de brieven" in page and "BU1" in page
    letters = staff.get(reverse("assemblies:letters", args=[item.pk]))
    assert letters["Content-Type"] == "application/pdf"
    assert letters.content.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b(?!s)", letters.content)) == 20
    # Closing, then the seed; the draw button appears only then.
    early = staff.post(reverse("assemblies:draw", args=[item.pk]))
    assert early.status_code == 400 and "Sluit eerst het aanmelden." in early.content.decode()
    staff.post(reverse("assemblies:close", args=[item.pk]))
    staff.post(reverse("assemblies:commit", args=[item.pk]), {"seed": ""})
    item.refresh_from_db()
    assert item.stage == Stage.CLOSED and len(item.seed_commitment) == 64
    assert "Panel loten" in staff.get(manage).content.decode()


def test_letters_pdf_has_one_page_per_invitation_with_the_codes(staff, assembly, manager):
    invitations = make_ready(assembly, manager, invitations=7)
    response = staff.get(reverse("assemblies:letters", args=[assembly.pk]))
    pdf = response.content
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 7
    for invitation in invitations:
        assert f"({invitation.code[:5]}-{invitation.code[5:]}) Tj".encode() in pdf
        address = invitation.address
        assert f"({address.street} {address.house_number}) Tj".encode() in pdf
    assert f"/burgerberaad/{assembly.pk}/aanmelden/) Tj".encode() in pdf


@pytest.fixture
def published(assembly, manager, run_draw):
    ready_to_draw(assembly, manager)
    run_draw(assembly, manager)
    services.publish(actor=manager, assembly=assembly)
    assembly.refresh_from_db()
    return assembly


def personal_data(assembly) -> list[str]:
    out = []
    for r in Registration.objects.filter(assembly=assembly).select_related("invitation__address"):
        out += [r.name, r.email, r.invitation.code, r.invitation.address.postcode]
    return out


def test_publication_page_and_file_show_no_personal_data(client, published):
    base = f"/processen/{published.process.slug}/burgerberaad/{published.pk}/"
    page = client.get(base + "uitslag/")
    assert page.status_code == 200
    html = page.content.decode()
    data_file = client.get(base + "uitslag/loting.json").content.decode()
    api = client.get(f"/api/v1/assemblies/{published.pk}").content.decode()
    secrets_ = personal_data(published)
    assert secrets_
    for text in (html, data_file, api):
        for secret in secrets_:
            assert secret not in text
    assert published.draw_seed in html and published.seed_commitment in html
    for pid in published.draw.result["panel"]:
        assert pid in html


def test_before_publication_nothing_of_the_lottery_is_shown(client, assembly, manager, run_draw):
    ready_to_draw(assembly, manager)
    run_draw(assembly, manager)
    base = f"/processen/{assembly.process.slug}/burgerberaad/{assembly.pk}/"
    assert client.get(base + "uitslag/").status_code == 404
    assert client.get(base + "uitslag/loting.json").status_code == 404
    detail = client.get(f"/api/v1/assemblies/{assembly.pk}").json()
    assert detail["publication"] is None and detail["seedCommitment"]
    page = client.get(base).content.decode()
    assert assembly.seed_commitment in page and assembly.draw_seed not in page


def test_api_lists_published_processes_and_gives_the_lottery(client, published):
    draft = AssemblyFactory()
    draft.process.status = "draft"
    draft.process.save()
    body = client.get("/api/v1/assemblies").json()
    assert [a["id"] for a in body["results"]] == [published.pk]
    assert client.get(f"/api/v1/assemblies/{draft.pk}").status_code == 404
    detail = client.get(f"/api/v1/assemblies/{published.pk}").json()
    publication = detail["publication"]
    assert publication["seed"] == published.draw_seed
    assert publication["probabilities"] == published.draw.result["probabilities"]
    marginals = dict.fromkeys(publication["probabilities"], 0.0)
    for entry in publication["lottery"]:
        for pid in entry["panel"]:
            marginals[pid] += entry["probability"]
    for pid, p in publication["probabilities"].items():
        assert abs(marginals[pid] - p) < 1e-6
    assert {q["feature"] for q in publication["quotas"]} == {"Leeftijd", "Opleiding"}


def test_pages_cost_a_fixed_number_of_queries(
    client, staff, published, manager, django_assert_max_num_queries
):
    base = f"/processen/{published.process.slug}/burgerberaad/{published.pk}/"
    for path, limit in (("", 12), ("uitslag/", 12), ("nadoen/", 12), ("aanmelden/", 12)):
        with django_assert_max_num_queries(limit):
            assert client.get(base + path).status_code == 200
    with django_assert_max_num_queries(20):
        assert staff.get(reverse("assemblies:manage", args=[published.pk])).status_code == 200
    with django_assert_max_num_queries(14):
        assert staff.get(reverse("assemblies:manage_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/assemblies").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/api/v1/assemblies/{published.pk}").status_code == 200
    # The process page holds every app's section (the council's questions and reactions, a
    # discussion space, figures...): its own tests assert it is fixed; here only a ceiling.
    with django_assert_max_num_queries(30):
        assert client.get(f"/processen/{published.process.slug}/").status_code == 200


def _published(manager, run_draw, volunteers: int):
    item = AssemblyFactory()
    invitations = make_ready(item, manager, areas={"BU01": 40, "BU02": 20}, invitations=50)
    rng = random.Random(volunteers)
    for invitation, (age, level) in zip(
        invitations, [("jong", "laag"), ("jong", "laag"), ("jong", "hoog")], strict=False
    ):
        services.registration_create(
            assembly=item,
            code=invitation.code,
            name="V",
            email="v@example.org",
            characteristics={"Leeftijd": age, "Opleiding": level},
            consent=True,
        )
    for invitation in invitations[3:volunteers]:
        services.registration_create(
            assembly=item,
            code=invitation.code,
            name="V",
            email="v@example.org",
            characteristics={
                "Leeftijd": rng.choice(["jong", "oud"]),
                "Opleiding": rng.choice(["laag", "hoog"]),
            },
            consent=True,
        )
    services.registration_close(actor=manager, assembly=item)
    seed = services.seed_commit(actor=manager, assembly=item)
    run_draw(item, manager, seed)
    services.publish(actor=manager, assembly=item)
    return item


def test_query_counts_do_not_grow_with_the_pool(client, staff, manager, run_draw):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small, large = _published(manager, run_draw, 10), _published(manager, run_draw, 45)
    assert small.draw.result["panel"] and len(large.draw.result["probabilities"]) == 45

    def cost(item) -> list[int]:
        base = f"/processen/{item.process.slug}/burgerberaad/{item.pk}/"
        counts = []
        for getter, url in (
            (client, base),
            (client, base + "uitslag/"),
            (client, base + "aanmelden/"),
            (client, f"/api/v1/assemblies/{item.pk}"),
            (staff, reverse("assemblies:manage", args=[item.pk])),
        ):
            with CaptureQueriesContext(connection) as queries:
                assert getter.get(url).status_code == 200
            counts.append(len(queries))
        return counts

    cost(small)  # warm caches (municipality, sessions)
    assert cost(small) == cost(large)


def test_staff_see_the_smallest_relaxation_when_quotas_cannot_be_met(
    staff, assembly, manager, run_draw
):
    invitations = make_ready(assembly, manager)
    for invitation in invitations[:10]:  # only old volunteers: "jong" needs at least 2
        services.registration_create(
            assembly=assembly,
            code=invitation.code,
            name="V",
            email="v@example.org",
            characteristics={"Leeftijd": "oud", "Opleiding": "hoog"},
            consent=True,
        )
    services.registration_close(actor=manager, assembly=assembly)
    seed = services.seed_commit(actor=manager, assembly=assembly)
    run_draw(assembly, manager, seed)
    html = staff.get(reverse("assemblies:manage", args=[assembly.pk])).content.decode()
    assert "Kleinste aanpassing van de quota waarmee het panel kan" in html
    assert "Met deze aanmeldingen kunnen de quota niet allemaal gehaald worden." in html
    assert "Pas de quota hierboven aan en loot opnieuw." in html
    assert "Panel loten" in html  # after adjusting, staff may draw again


def test_staff_see_a_generated_seed_once_download_it_and_enter_it_to_draw(staff, assembly, manager):
    invitations = make_ready(assembly, manager)
    rng = random.Random(5)
    for invitation in invitations[:12]:
        services.registration_create(
            assembly=assembly,
            code=invitation.code,
            name="V",
            email="v@example.org",
            characteristics={
                "Leeftijd": rng.choice(["jong", "oud"]),
                "Opleiding": rng.choice(["laag", "hoog"]),
            },
            consent=True,
        )
    services.registration_close(actor=manager, assembly=assembly)
    shown = staff.post(reverse("assemblies:commit", args=[assembly.pk]), {"seed": ""})
    assert shown.status_code == 200 and shown["Cache-Control"] == "no-store"
    assembly.refresh_from_db()
    html = shown.content.decode()
    found = re.search(r'<code class="hash" id="seed">([0-9a-f]{32})</code>', html)
    assert found is not None
    seed = found.group(1)
    assert "Bewaar dit geheime lotnummer" in html and "wij bewaren het niet" in html
    assert assembly.draw_seed == "" and assembly.seed_commitment in html
    # The page shows it once: the staff page after it has the hash only.
    manage = staff.get(reverse("assemblies:manage", args=[assembly.pk])).content.decode()
    assert seed not in manage and assembly.seed_commitment in manage
    download = staff.post(reverse("assemblies:seed_download", args=[assembly.pk]), {"seed": seed})
    assert download["Content-Disposition"].startswith("attachment;")
    assert seed in download.content.decode() and download["Cache-Control"] == "no-store"
    forged = staff.post(reverse("assemblies:seed_download", args=[assembly.pk]), {"seed": "x" * 32})
    assert forged.status_code == 400
    # A wrong seed: a clear message, what was typed stays, nothing is drawn.
    wrong = staff.post(reverse("assemblies:draw", args=[assembly.pk]), {"seed": seed[:-1] + "z"})
    assert wrong.status_code == 400
    assert "past niet bij de vingerafdruk" in wrong.content.decode()
    assert f'value="{seed[:-1]}z"' in wrong.content.decode()
    assembly.refresh_from_db()
    assert assembly.stage == Stage.CLOSED and assembly.draw_seed == ""
    right = staff.post(reverse("assemblies:draw", args=[assembly.pk]), {"seed": seed})
    assert right.status_code == 302
    assembly.refresh_from_db()
    assert assembly.draw_seed == seed
