"""Voting pages: the flow without JavaScript, bad input kept, fixed queries, staff pages,
and no page or export that puts a voter or a code next to choices."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.budgeting import voting
from samenspraak.budgeting.factories import BudgetProjectFactory
from samenspraak.budgeting.models import Ballot, BallotType, VoteCode, VoterRegister
from samenspraak.budgeting.tests.test_voting_helpers import vote_budget
from samenspraak.budgeting.voting import codes, paper
from samenspraak.core.models import AuditLogEntry
from samenspraak.core.registry import process_sections

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def manager():
    return StaffUserFactory(role=Role.PROCESS_MANAGER)


def url(name, budget):
    return reverse(f"budgeting:{name}", args=[budget.pk])


def test_anonymous_visitor_is_sent_to_log_in(client):
    budget, _projects = vote_budget()
    response = client.get(url("ballot", budget))
    assert response.status_code == 302 and "login" in response["Location"]


def test_resident_votes_confirms_and_can_change(client):
    budget, projects = vote_budget()
    resident = UserFactory()
    client.force_login(resident)
    page = client.get(url("ballot", budget))
    assert page.status_code == 200 and projects[0].input.title in page.content.decode()
    confirm = client.post(url("ballot", budget), {"projects": [projects[0].pk, projects[1].pk]})
    assert confirm.status_code == 200 and "Controleer uw stem" in confirm.content.decode()
    assert not Ballot.objects.exists()
    assert f'name="projects" value="{projects[1].pk}"' in confirm.content.decode()
    done = client.post(
        url("ballot", budget), {"projects": [projects[0].pk, projects[1].pk], "confirm": "1"}
    )
    assert done.status_code == 302 and done["Location"] == url("ballot_saved", budget)
    saved = client.get(done["Location"]).content.decode()
    assert "Uw stem is opgeslagen" in saved and "wijzigen tot" in saved
    again = client.get(url("ballot", budget)).content.decode()
    assert "U heeft al gestemd" in again
    assert re.search(rf'value="{projects[0].pk}"[^>]* checked', again)
    client.post(url("ballot", budget), {"projects": [projects[2].pk], "confirm": "1"})
    assert voting.my_choices(resident, budget) == {projects[2].pk: 1}
    assert Ballot.objects.count() == 1 == VoterRegister.objects.count()


def test_back_to_the_ballot_keeps_the_choices(client):
    budget, projects = vote_budget()
    client.force_login(UserFactory())
    back = client.post(url("ballot", budget), {"projects": [projects[3].pk], "edit": "1"})
    assert re.search(rf'value="{projects[3].pk}"[^>]* checked', back.content.decode())


def test_too_many_approvals_come_back_with_the_message_and_the_choices(client):
    budget, projects = vote_budget(max_choices=2)
    client.force_login(UserFactory())
    chosen = [p.pk for p in projects[:3]]
    response = client.post(url("ballot", budget), {"projects": chosen, "confirm": "1"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "U kiest 3 projecten; het maximum is 2." in body
    for pk in chosen:
        assert re.search(rf'value="{pk}"[^>]* checked', body)
    assert not Ballot.objects.exists()


def test_knapsack_shows_what_is_left_and_refuses_over_budget(client):
    budget, projects = vote_budget(ballot_type=BallotType.KNAPSACK)
    client.force_login(UserFactory())
    response = client.post(url("ballot", budget), {"projects": [projects[0].pk], "calculate": "1"})
    assert "Nog € 70.000 over." in response.content.decode()
    over = client.post(
        url("ballot", budget), {"projects": [p.pk for p in projects[:4]], "confirm": "1"}
    )
    body = over.content.decode()
    assert "Uw keuze kost € 120.000; het budget is € 100.000." in body
    assert "U zit € 20.000 boven het budget." in body
    assert not Ballot.objects.exists()


def test_points_and_ranking_bad_numbers_are_kept(client):
    budget, projects = vote_budget(ballot_type=BallotType.CUMULATIVE, points=10)
    client.force_login(UserFactory())
    data = {f"points_{projects[0].pk}": "8", f"points_{projects[1].pk}": "5", "confirm": "1"}
    body = client.post(url("ballot", budget), data).content.decode()
    assert "U verdeelt 13 punten; u heeft er 10." in body
    assert 'value="8"' in body and 'value="5"' in body
    ranking, rprojects = vote_budget(ballot_type=BallotType.RANKING, max_choices=3)
    data = {f"rank_{rprojects[0].pk}": "abc", f"rank_{rprojects[1].pk}": "1"}
    response = client.post(url("ballot", ranking), data)
    assert response.status_code == 200 and 'value="abc"' in response.content.decode()
    assert not Ballot.objects.exists()


def test_closed_vote_says_so(client):
    budget, _projects = vote_budget(when="after")
    client.force_login(UserFactory())
    response = client.get(url("ballot", budget))
    assert "de stemming is gesloten" in response.content.decode()
    post = client.post(url("ballot", budget), {"projects": [_projects[0].pk], "confirm": "1"})
    assert post.status_code == 200 and not Ballot.objects.exists()


@pytest.mark.parametrize("size", [3, 30])
def test_ballot_page_costs_the_same_queries_at_any_size(client, size, django_assert_num_queries):
    budget, projects = vote_budget(projects=size)
    resident = UserFactory()
    voting.cast_online(budget=budget, user=resident, choices={projects[0].pk: 1})
    client.force_login(resident)
    with django_assert_num_queries(8):
        response = client.get(url("ballot", budget))
    assert response.status_code == 200


def test_code_flow_votes_once_without_an_account(client):
    budget, projects = vote_budget()
    _batch, letters = codes.generate_batch(budget=budget, label="Brief", created_by=None, count=2)
    code = letters[0]["code"]
    page = client.get(url("vote_code", budget))
    assert page.status_code == 200
    confirm = client.post(
        url("vote_code", budget), {"code": code.lower(), "projects": [projects[0].pk]}
    )
    assert "Controleer uw stem" in confirm.content.decode() and code in confirm.content.decode()
    done = client.post(
        url("vote_code", budget), {"code": code, "projects": [projects[0].pk], "confirm": "1"}
    )
    assert done.status_code == 302
    assert "Uw stem is opgeslagen" in client.get(done["Location"]).content.decode()
    again = client.post(
        url("vote_code", budget), {"code": code, "projects": [projects[1].pk], "confirm": "1"}
    )
    body = again.content.decode()
    assert "Met deze code is al gestemd" in body
    assert re.search(rf'value="{projects[1].pk}"[^>]* checked', body)
    assert Ballot.objects.count() == 1


def test_code_guessing_is_limited(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.SAMENSPRAAK_RATE_LIMIT = ""
    budget, projects = vote_budget()
    _batch, letters = codes.generate_batch(budget=budget, label="Brief", created_by=None, count=1)
    for _i in range(codes.GUESS_LIMIT):
        response = client.post(
            url("vote_code", budget), {"code": "ABCD-EFGH-JKMN", "projects": [projects[0].pk]}
        )
        assert codes.UNKNOWN_MESSAGE() in response.content.decode()
    blocked = client.post(
        url("vote_code", budget),
        {"code": letters[0]["code"], "projects": [projects[0].pk], "confirm": "1"},
    )
    assert "te vaak" in blocked.content.decode()
    assert VoteCode.objects.get().used_on is None


def test_process_page_section_says_vote_now_then_voted(rf=None):
    budget, projects = vote_budget()
    resident = UserFactory()
    request = RequestFactory().get("/")
    request.user = resident
    process = budget.process
    section = next(
        s for s in process_sections.collect(request, process) if s.key == "budgeting.voting"
    )
    assert section.context["rows"][0]["voted"] is False
    voting.cast_online(budget=budget, user=resident, choices={projects[0].pk: 1})
    section = next(
        s for s in process_sections.collect(request, process) if s.key == "budgeting.voting"
    )
    assert section.context["rows"][0]["voted"] is True


def test_staff_pages_need_a_manager(client):
    budget, _projects = vote_budget()
    client.force_login(UserFactory())
    for name in ("staff_voting", "staff_codes", "staff_paper"):
        assert client.get(url(name, budget)).status_code == 403
    client.force_login(StaffUserFactory(role=Role.MODERATOR))
    assert client.get(url("staff_codes", budget)).status_code == 403


def test_codes_download_once_as_csv_with_addresses_and_audit(client, manager):
    budget, _projects = vote_budget()
    client.force_login(manager)
    upload = SimpleUploadedFile(
        "adressen.csv",
        b"adres;postcode;plaats\n"
        b"Dorpsstraat 1;1234 AB;Voorbeeldstad\n"
        b"Kerkweg 2;1234 AC;Voorbeeldstad\n",
    )
    response = client.post(
        url("staff_codes", budget), {"label": "Brief mei", "addresses": upload, "format": "csv"}
    )
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3 and rows[1][0] == "Dorpsstraat 1, 1234 AB, Voorbeeldstad"
    stored = set(VoteCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 2
    for row in rows[1:]:
        assert codes.code_hash(codes.normalise(row[1])) in stored
    assert AuditLogEntry.objects.filter(action=codes.AuditAction.CODES_GENERATED).exists()


def test_codes_pdf_is_a_letter_per_page(client, manager):
    budget, _projects = vote_budget()
    client.force_login(manager)
    response = client.post(
        url("staff_codes", budget), {"label": "Brief", "count": "3", "format": "pdf"}
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-1.4") and response.content.rstrip().endswith(b"%%EOF")
    assert response.content.count(b"/Type /Page ") == 3


def test_codes_form_errors_keep_the_input(client, manager):
    budget, _projects = vote_budget()
    client.force_login(manager)
    response = client.post(url("staff_codes", budget), {"label": "Brief juni", "format": "pdf"})
    body = response.content.decode()
    assert response.status_code == 200 and "Brief juni" in body and "Vul een aantal in" in body
    assert not VoteCode.objects.exists()


def test_paper_page_double_entry(client, manager):
    budget, projects = vote_budget()
    other = StaffUserFactory(role=Role.PROCESS_MANAGER)
    client.force_login(manager)
    first = client.post(url("staff_paper", budget), {"sheet": "42", "projects": [projects[0].pk]})
    assert first.status_code == 302
    page = client.get(url("staff_paper", budget)).content.decode()
    assert "Biljet 42, ingevoerd door" in page
    client.force_login(other)
    client.post(url("staff_paper", budget), {"sheet": "42", "projects": [projects[1].pk]})
    page = client.get(url("staff_paper", budget)).content.decode()
    assert "Verschillend ingevoerd" in page and projects[1].input.title in page
    client.post(url("staff_paper", budget), {"sheet": "42", "projects": [projects[0].pk]})
    assert Ballot.objects.filter(budget=budget).count() == 1
    assert voting.turnout(budget)["by_channel"]["paper"] == 1
    bad = client.post(url("staff_paper", budget), {"sheet": "", "projects": [projects[0].pk]})
    assert bad.status_code == 200 and "Vul het nummer" in bad.content.decode()


def test_no_staff_page_or_export_puts_a_voter_or_code_next_to_choices(client, manager):
    """Ballot secrecy: cast by account, code and paper; then every page and export this part
    offers staff shows counts only, and contains no voter's e-mail, name or code."""
    budget, projects = vote_budget()
    residents = [UserFactory() for _i in range(3)]
    for resident in residents:
        voting.cast_online(budget=budget, user=resident, choices={projects[1].pk: 1})
    _batch, letters = codes.generate_batch(budget=budget, label="Brief", created_by=None, count=1)
    voting.cast_with_code(budget=budget, code=letters[0]["code"], choices={projects[2].pk: 1})
    clerk = StaffUserFactory(role=Role.PROCESS_MANAGER)
    paper.enter_sheet(budget=budget, sheet="1", choices={projects[3].pk: 1}, user=manager)
    paper.enter_sheet(budget=budget, sheet="1", choices={projects[3].pk: 1}, user=clerk)
    client.force_login(manager)
    pages = [
        client.get(url(name, budget)).content.decode() for name in ("staff_voting", "staff_paper")
    ]
    export = client.post(
        url("staff_codes", budget), {"label": "Nieuw", "count": "2", "format": "csv"}
    )
    pages.append(export.content.decode("utf-8-sig"))
    identifiers = [r.email for r in residents] + [r.display_name for r in residents]
    identifiers += [letters[0]["code"], codes.normalise(letters[0]["code"])]
    identifiers += list(Ballot.objects.values_list("voter_key", flat=True).exclude(voter_key=None))
    identifiers += [str(b) for b in Ballot.objects.values_list("id", flat=True)]
    for page in pages:
        for identifier in identifiers:
            assert identifier not in page
    tally = voting.ballots_for_tally(budget)
    assert all(isinstance(pk, int) and isinstance(v, int) for item in tally for pk, v in item)
    assert "Stemmers" in pages[0]


def test_ballot_shows_only_ballot_projects(client):
    budget, projects = vote_budget()
    pending = BudgetProjectFactory(budget=budget, feasibility="pending")
    client.force_login(UserFactory())
    body = client.get(url("ballot", budget)).content.decode()
    assert pending.input.title not in body
    response = client.post(url("ballot", budget), {"projects": [pending.pk], "confirm": "1"})
    assert response.status_code == 200 and not Ballot.objects.exists()
    assert "Dit project staat niet op het stembiljet." in response.content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_code_page_costs_the_same_queries_at_any_size(client, size, django_assert_num_queries):
    budget, _projects = vote_budget(projects=size)
    with django_assert_num_queries(4):
        response = client.get(url("vote_code", budget))
    assert response.status_code == 200


def test_process_page_shows_the_voting_section(client):
    budget, projects = vote_budget()
    resident = UserFactory()
    client.force_login(resident)
    page = reverse("processes:process_detail", args=[budget.process.slug])
    body = client.get(page).content.decode()
    assert "Stem nu" in body and url("ballot", budget) in body
    voting.cast_online(budget=budget, user=resident, choices={projects[0].pk: 1})
    body = client.get(page).content.decode()
    assert "U heeft gestemd (wijzigen kan tot" in body


def test_managers_find_the_staff_voting_pages_on_the_process_page(client, manager):
    budget, _projects = vote_budget(when="after")
    client.force_login(manager)
    body = client.get(reverse("processes:process_detail", args=[budget.process.slug])).content
    assert url("staff_voting", budget) in body.decode()
    client.force_login(UserFactory())
    body = client.get(reverse("processes:process_detail", args=[budget.process.slug])).content
    assert url("staff_voting", budget) not in body.decode()
