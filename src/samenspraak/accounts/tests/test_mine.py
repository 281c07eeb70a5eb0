"""Mijn Samenspraak (accounts:mine): the sections the apps declare in `account_sections`, in a
fixed number of queries whatever the person did, and the link to it in the header."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import UserFactory
from samenspraak.budgeting.factories import BudgetFactory, BudgetProjectFactory
from samenspraak.budgeting.models import BudgetResult, VoterRegister
from samenspraak.budgeting.phases import PROPOSE, VOTE
from samenspraak.consultation.factories import InputFactory, OfficialAnswerFactory, SupportFactory
from samenspraak.core import components
from samenspraak.dialogue.factories import CommentFactory
from samenspraak.information.models import Follow, Update
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.surveys.factories import SurveyFactory
from samenspraak.surveys.models import Response

pytestmark = pytest.mark.django_db
URL = reverse("accounts:mine")
SECTIONS = [
    "mijn-inbreng",
    "mijn-steun",
    "mijn-reacties",
    "mijn-volgen",
    "mijn-projecten",
    "mijn-stemmen",
    "mijn-enquetes",
]


def give_everything(user, n: int) -> None:
    """`n` of each thing Mijn Samenspraak shows, half of them with an answer or result."""
    now = timezone.now()
    for i in range(n):
        process = ProcessFactory(with_phase="consultation.collect")
        own = InputFactory(author=user, phase=process.phases.get())
        if i % 2:
            OfficialAnswerFactory(input=own)
        other = InputFactory(phase=own.phase)
        SupportFactory(user=user, input=other)
        CommentFactory(author=user, target=other)
        Follow.objects.create(user=user, process=process)
        Update.objects.create(process=process, title=f"Nieuws {i}", body="Het plein is klaar.")
        Response.objects.create(survey=SurveyFactory(), respondent=user)
        budget_process = ProcessFactory()
        PhaseFactory(process=budget_process, kind=PROPOSE)
        PhaseFactory(process=budget_process, kind=VOTE)
        budget = BudgetFactory(process=budget_process)
        project = BudgetProjectFactory(budget=budget)
        project.input.author = user
        project.input.save(update_fields=["author"])
        VoterRegister.objects.create(budget=budget, user=user, channel="online", voted_on=now)
        if i % 2:
            BudgetResult.objects.create(
                budget=budget,
                rule=budget.rule,
                selected=[project.pk],
                tally={"projects": {str(project.pk): {"votes": 3}}},
                ballots=3,
                computed_at=now,
                published_at=now,
            )


def queries_for(client, user) -> tuple[int, str]:
    client.force_login(user)
    client.get(URL)  # caches (content types, the municipality) as on a running site
    with CaptureQueriesContext(connection) as context:
        response = client.get(URL)
    assert response.status_code == 200
    return len(context), response.content.decode()


def test_every_app_declares_its_section():
    """The apps that hold what a person did each declare their section (later apps add more)."""
    keys = {section.key for section in components.sections("account_sections")}
    assert keys >= {
        "consultation.inputs",
        "consultation.supports",
        "dialogue.comments",
        "information.follows",
        "budgeting.proposals",
        "budgeting.votes",
        "surveys.responses",
    }


def test_the_page_costs_the_same_queries_for_1_and_for_30_of_everything(
    client, django_assert_max_num_queries
):
    one, many = UserFactory(), UserFactory()
    give_everything(one, 1)
    give_everything(many, 30)

    count_one, page_one = queries_for(client, one)
    count_many, page_many = queries_for(client, many)

    print(f"Mijn Samenspraak: {count_one} queries for 1 of everything, {count_many} for 30")
    assert count_one == count_many, (count_one, count_many)
    for anchor in SECTIONS:
        assert f'id="{anchor}"' in page_one and f'id="{anchor}"' in page_many
    # Each section shows the newest 20 and counts the rest, in the same query.
    assert page_many.count('class="mine-item"') == 7 * 20
    assert page_many.count("En nog 10 oudere.") == 7
    assert page_one.count('class="mine-item"') == 7 and "oudere" not in page_one
    client.force_login(many)
    with django_assert_max_num_queries(count_many):
        client.get(URL)


def test_someone_who_did_nothing_is_told_where_to_start(client):
    client.force_login(UserFactory())
    page = client.get(URL).content.decode()
    assert "U heeft nog niets gedaan op Samenspraak" in page
    assert reverse("processes:process_list") in page


def test_the_page_needs_a_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_the_header_links_to_it_and_marks_it_current(client):
    client.force_login(UserFactory())
    page = client.get(URL).content.decode()
    assert f'href="{URL}" aria-current="page">Mijn Samenspraak</a>' in page
    account = client.get(reverse("accounts:overview")).content.decode()
    assert f'href="{URL}">Mijn Samenspraak</a>' in account


def test_another_persons_things_do_not_show(client):
    mine, theirs = UserFactory(), UserFactory()
    give_everything(theirs, 2)
    client.force_login(mine)
    page = client.get(URL).content.decode()
    assert 'class="mine-item"' not in page


def test_older_items_past_the_limit_are_counted(client, monkeypatch):
    from samenspraak.core import registry

    monkeypatch.setattr(registry, "ACCOUNT_SECTION_LIMIT", 3)
    user = UserFactory()
    phase = PhaseFactory(kind="consultation.collect")
    for day in range(5):
        InputFactory(
            author=user, phase=phase, created_at=timezone.now() - datetime.timedelta(days=day)
        )
    client.force_login(user)
    page = client.get(URL).content.decode()
    assert page.count('class="mine-item"') == 3
    assert "En nog 2 oudere." in page


def test_the_page_speaks_english_under_en(client):
    user = UserFactory()
    give_everything(user, 1)
    client.force_login(user)
    page = client.get("/en" + URL).content.decode()
    assert '<h1 class="utrecht-heading-1">My Samenspraak</h1>' in page
    for heading in ("My input", "What I support", "My comments", "What I follow", "My votes"):
        assert heading in page
    assert "What happened?" in page and "Wat gebeurde er?" not in page
