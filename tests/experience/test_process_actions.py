"""Issue #11 part 2, item 1: "Wat kunt u nu doen?" at the top of a process page, built from the
apps' manifests (`process_actions`): consultation, surveys and budgeting each add theirs."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import UserFactory
from samenspraak.budgeting.factories import BudgetFactory, BudgetProjectFactory
from samenspraak.budgeting.phases import PROPOSE, VOTE
from samenspraak.consultation.factories import InputFactory
from samenspraak.core import components
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.surveys.factories import SurveyFactory

pytestmark = pytest.mark.django_db


def _block(response) -> str:
    html = response.content.decode()
    start = html.index('class="now-actions"')
    return html[start : html.index("</section>", start)]


def test_every_input_app_declares_its_actions_in_its_manifest():
    apps = {m.app for m in components.manifests() if m.process_actions}
    assert {"consultation", "surveys", "budgeting"} <= apps


def test_a_running_collect_phase_offers_to_give_an_idea_with_its_last_day(client):
    process = ProcessFactory(with_phase="consultation.collect")
    phase = process.phases.get()
    response = client.get(reverse("processes:process_detail", args=[process.slug]))
    block = _block(response)
    assert "Geef uw idee" in block
    assert f"Kan tot en met {phase.last_day.day} " in block
    # Not logged in: the button leads to log-in and back.
    submit = reverse("consultation:input_submit", args=[process.slug])
    assert f'href="/account/login/?next={submit.replace("/", "%2F")}"' in block


def test_a_resident_goes_straight_to_the_form(client):
    process = ProcessFactory(with_phase="consultation.collect")
    client.force_login(UserFactory())
    block = _block(client.get(reverse("processes:process_detail", args=[process.slug])))
    assert f'href="{reverse("consultation:input_submit", args=[process.slug])}"' in block


def test_an_open_survey_is_offered_and_an_anonymous_one_needs_no_log_in(client):
    survey = SurveyFactory(title="Het plein", allow_anonymous=True)
    process = survey.process
    block = _block(client.get(reverse("processes:process_detail", args=[process.slug])))
    assert "Vul de enquête in: Het plein" in block
    assert f'href="{reverse("surveys:respond", args=[process.slug, survey.pk])}"' in block


def test_nothing_open_names_the_next_step_and_its_date(client):
    process = ProcessFactory()
    now = timezone.now()
    PhaseFactory(
        process=process,
        kind="consultation.collect",
        title="Ideeën verzamelen",
        starts_at=now + datetime.timedelta(days=10),
        ends_at=now + datetime.timedelta(days=20),
    )
    block = _block(client.get(reverse("processes:process_detail", args=[process.slug])))
    assert "Er is nu niets te doen. Volgende stap: Ideeën verzamelen (vanaf" in block
    assert "Geef uw idee" not in block


def test_budgets_offer_to_propose_and_to_vote(client):
    process = ProcessFactory()
    now = timezone.now()
    PhaseFactory(process=process, kind=PROPOSE)
    budget = BudgetFactory(process=process, title="Wijkbudget Noord")
    block = _block(client.get(reverse("processes:process_detail", args=[process.slug])))
    assert "Stel een project voor" in block
    assert "Stem nu" not in block
    process.phases.update(
        ends_at=now - datetime.timedelta(hours=1), starts_at=now - datetime.timedelta(days=3)
    )
    PhaseFactory(process=process, kind=VOTE, order=2)
    block = _block(client.get(reverse("processes:process_detail", args=[process.slug])))
    assert "Stem nu: Wijkbudget Noord" in block
    ballot = reverse("budgeting:ballot", args=[budget.pk])
    assert f"next={ballot.replace('/', '%2F')}" in block


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_process_page_runs_a_fixed_number_of_queries(client):
    process = ProcessFactory(with_phase="consultation.collect")
    SurveyFactory(phase__process=process, phase__kind="surveys.respond")
    budget = BudgetFactory(process=process)
    client.force_login(UserFactory())
    url = reverse("processes:process_detail", args=[process.slug])
    _queries(client, url)  # warm the per-process caches (municipality, settings)
    small = _queries(client, url)
    for _n in range(5):
        InputFactory(
            process=process, phase=process.phases.filter(kind="consultation.collect").get()
        )
        SurveyFactory(phase__process=process)
        BudgetProjectFactory(budget=budget)
    assert _queries(client, url) == small


def test_the_actions_run_a_fixed_number_of_queries(rf):
    """Two data sizes: the actions cost the same number of queries."""
    from samenspraak.processes.actions import open_actions
    from samenspraak.processes.selectors import process_get

    process = ProcessFactory(with_phase="consultation.collect")
    collect = process.phases.get()
    BudgetFactory(process=process)
    PhaseFactory(process=process, kind=VOTE)
    SurveyFactory(phase__process=process)
    user = UserFactory()

    def count():
        # A new request per page view: sections and actions share reads within one request.
        request = rf.get("/")
        request.user = user
        fresh = process_get(municipality=process.municipality, slug=process.slug)
        with CaptureQueriesContext(connection) as queries:
            actions = open_actions(request, fresh)
        return len(queries), len(actions)

    small, _actions = count()
    for _n in range(5):
        InputFactory(process=process, phase=collect)
        SurveyFactory(phase__process=process)
        BudgetFactory(process=process)
    large, actions = count()
    assert large == small
    assert actions == _actions + 10


def test_a_closed_survey_is_not_listed_under_what_runs_now(client):
    """The demo's "Enquête: hoe gebruikt u het Stationsplein?": its survey closed, its
    evaluation ("Uitkomsten") runs; the home page listed it under "Wat loopt er nu"."""
    now = timezone.now()
    survey = SurveyFactory(
        title="Stationsplein",
        phase__process__title="Enquête over het Stationsplein",
        phase__starts_at=now - datetime.timedelta(days=30),
        phase__ends_at=now - datetime.timedelta(days=2),
    )
    PhaseFactory(process=survey.process, kind="processes.evaluate", title="Uitkomsten")
    running = ProcessFactory(with_phase="consultation.collect", title="Ideeën voor het park")
    html = client.get("/").content.decode()
    now_block = html[html.index('id="now"') : html.index('id="areas"')]
    assert running.title in now_block
    assert survey.process.title not in now_block
