"""Pages: a budget's projects, proposing and supporting, the process page section, and the staff
budget setup and review. Bad input comes back with what was typed; pages cost fixed queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from samenspraak.accounts.factories import UserFactory
from samenspraak.accounts.models import Role
from samenspraak.budgeting.budgets.services import budget_lock
from samenspraak.budgeting.factories import BudgetProjectFactory
from samenspraak.budgeting.models import Budget, BudgetProject, Feasibility
from samenspraak.budgeting.tests.conftest import PROPOSE, phase_of, user_with_role
from samenspraak.consultation.factories import SupportFactory
from samenspraak.consultation.models import Input, Outcome
from samenspraak.core.models import AuditLogEntry

pytestmark = pytest.mark.django_db


def budget_url(budget):
    return reverse("budgeting:budget_detail", args=[budget.process.slug, budget.pk])


def project_url(project):
    return reverse("budgeting:project_detail", args=[project.budget.process.slug, project.pk])


def submit_url(process):
    return reverse("budgeting:project_submit", args=[process.slug])


def make_projects(budget, n):
    for i in range(n):
        project = BudgetProjectFactory(
            budget=budget,
            feasibility=[Feasibility.PENDING, Feasibility.FEASIBLE, Feasibility.NOT_FEASIBLE][
                i % 3
            ],
        )
        SupportFactory(input=project.input)
        Input.objects.filter(pk=project.input_id).update(support_count=1)


# --- Public pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [3, 30])
def test_budget_page_costs_a_fixed_number_of_queries(
    client, city_budget, n, django_assert_max_num_queries
):
    """Municipality, process + phases, budget, the projects' count and one page of them with
    inputs/authors/answers, moderation: the same for 3 or 30 projects (two pages)."""
    from samenspraak.budgeting.budgets.views import PROJECTS_PER_PAGE

    make_projects(city_budget, n)
    with django_assert_max_num_queries(10):
        response = client.get(budget_url(city_budget))
    assert response.status_code == 200
    assert len(response.context["projects"]) == min(n, PROJECTS_PER_PAGE)
    assert response.context["page"].paginator.count == n


def test_budget_page_pages_through_the_projects_in_the_chosen_order(client, city_budget):
    from samenspraak.budgeting.budgets.views import PROJECTS_PER_PAGE

    make_projects(city_budget, PROJECTS_PER_PAGE + 2)
    first = client.get(budget_url(city_budget), {"sorteer": "new"})
    content = first.content.decode()
    assert f"{PROJECTS_PER_PAGE + 2} projecten" in content
    assert "pagina=2" in content and "sorteer=new" in content
    second = client.get(budget_url(city_budget), {"sorteer": "new", "pagina": 2})
    seen = {p.pk for p in first.context["projects"]} | {p.pk for p in second.context["projects"]}
    assert len(second.context["projects"]) == 2
    assert len(seen) == PROJECTS_PER_PAGE + 2
    # A page number that is not one gives the first page, not an error.
    assert client.get(budget_url(city_budget), {"pagina": "zz"}).status_code == 200


def test_budget_page_shows_cost_support_progress_and_status(client, city_budget):
    project = BudgetProjectFactory(
        budget=city_budget, estimated_cost=Decimal("12000"), final_cost=Decimal("12500.50")
    )
    Input.objects.filter(pk=project.input_id).update(support_count=3)
    content = client.get(budget_url(city_budget)).content.decode()
    assert project.input.title in content
    assert "€ 12.500,50" in content
    assert "nog 7 steunbetuigingen nodig" in content
    assert "Haalbaar" in content
    assert "€ 200.000" in content
    assert "Kies alle projecten die u goed vindt." in content


@pytest.mark.parametrize("sort", ["support", "new", "cost", "nonsense"])
def test_every_sort_works_and_bad_ones_fall_back(client, budget, sort):
    make_projects(budget, 3)
    assert client.get(budget_url(budget), {"sorteer": sort}).status_code == 200


def test_unknown_budget_or_project_gives_404(client, budget):
    assert (
        client.get(reverse("budgeting:budget_detail", args=[budget.process.slug, 999])).status_code
        == 404
    )
    assert (
        client.get(reverse("budgeting:project_detail", args=[budget.process.slug, 999])).status_code
        == 404
    )


def test_project_page_shows_the_panel_and_the_review(client, budget, manager):
    from samenspraak.budgeting.proposals.services import project_review

    project = BudgetProjectFactory(budget=budget, feasibility=Feasibility.PENDING)
    project_review(
        actor=manager,
        project=project,
        feasibility=Feasibility.FEASIBLE,
        final_cost="9.999",
        reason="Het past in het onderhoudsplan.",
    )
    content = client.get(project_url(project)).content.decode()
    assert "€ 9.999" in content
    assert "Haalbaar: komt op het stembiljet" in content
    assert "Het past in het onderhoudsplan." in content
    assert "Over dit project" in content


@pytest.mark.parametrize("n", [2, 20])
def test_project_page_costs_a_fixed_number_of_queries(
    client, budget, n, django_assert_max_num_queries
):
    from samenspraak.dialogue.factories import CommentFactory

    project = BudgetProjectFactory(budget=budget)
    for _ in range(n):
        CommentFactory(target=project.input)
    with django_assert_max_num_queries(14):
        assert client.get(project_url(project)).status_code == 200


def test_resident_proposes_through_the_form(client, propose_phase, budget, resident):
    client.force_login(resident)
    response = client.post(
        submit_url(budget.process),
        {
            "budget": budget.pk,
            "title": "Bankjes op het plein",
            "body": "Vier bankjes in de schaduw, zodat ouderen kunnen uitrusten.",
            "estimated_cost": "4.000",
        },
    )
    project = BudgetProject.objects.get()
    assert response.status_code == 302
    assert response["Location"] == project_url(project)
    assert project.estimated_cost == Decimal("4000")
    assert project.input.author == resident
    follow = client.get(response["Location"])
    assert "Dank u wel voor uw voorstel" in follow.content.decode()


def test_bad_proposal_comes_back_with_what_was_typed(client, propose_phase, budget, resident):
    client.force_login(resident)
    response = client.post(
        submit_url(budget.process),
        {
            "budget": budget.pk,
            "title": "Bank",
            "body": "Vier bankjes in de schaduw bij de vijver, voor iedereen.",
            "estimated_cost": "vier duizend",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Vier bankjes in de schaduw bij de vijver" in content
    assert 'value="vier duizend"' in content
    assert "Geef een titel van minstens 5 tekens." in content
    assert "Dit is geen bedrag" in content
    assert not BudgetProject.objects.exists()


def test_too_expensive_proposal_is_explained(client, propose_phase, budget, resident):
    client.force_login(resident)
    response = client.post(
        submit_url(budget.process),
        {
            "budget": budget.pk,
            "title": "Een nieuw zwembad",
            "body": "Een overdekt zwembad voor de hele wijk, met een glijbaan.",
            "estimated_cost": "2.500.000",
        },
    )
    content = response.content.decode()
    assert "niet meer kosten dan het hele budget (€ 50.000)" in content
    assert 'value="2.500.000"' in content


def test_proposing_outside_the_phase_keeps_the_text(client, process, budget, resident):
    phase_of(process, PROPOSE, "after")
    client.force_login(resident)
    response = client.post(
        submit_url(process),
        {
            "budget": budget.pk,
            "title": "Bankjes op het plein",
            "body": "Vier bankjes in de schaduw, zodat ouderen kunnen uitrusten.",
            "estimated_cost": "4.000",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "de fase voor voorstellen loopt niet" in content
    assert "Vier bankjes in de schaduw" in content


def test_category_choice_appears_when_the_budget_has_categories(
    client, propose_phase, budget, resident
):
    budget.category_budgets = {"Groen": "20000.00"}
    budget.save()
    client.force_login(resident)
    content = client.get(submit_url(budget.process)).content.decode()
    assert 'name="category"' in content
    assert ">Groen<" in content


def test_anonymous_visitor_is_sent_to_log_in(client, propose_phase, budget):
    response = client.get(submit_url(budget.process))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_supporting_twice_gives_a_clear_message(client, propose_phase, budget, resident):
    project = BudgetProjectFactory(budget=budget, feasibility=Feasibility.PENDING)
    client.force_login(resident)
    url = reverse("budgeting:project_support", args=[budget.process.slug, project.pk])
    first = client.post(url, follow=True)
    assert "U steunt dit project" in first.content.decode()
    second = client.post(url, follow=True)
    assert "Iedereen kan één keer steunen" in second.content.decode()
    project.input.refresh_from_db()
    assert project.input.support_count == 1


def test_support_after_the_phase_gives_a_message(client, process, budget, resident):
    phase = phase_of(process, PROPOSE, "after")
    project = BudgetProjectFactory(budget=budget)
    Input.objects.filter(pk=project.input_id).update(phase=phase)
    client.force_login(resident)
    url = reverse("budgeting:project_support", args=[process.slug, project.pk])
    response = client.post(url, follow=True)
    assert "U kunt dit project nu niet steunen." in response.content.decode()


# --- Process page section ----------------------------------------------------------------------


@pytest.mark.parametrize("n", [2, 20])
def test_process_section_costs_a_fixed_number_of_queries(
    rf, propose_phase, budget, city_budget, n, django_assert_max_num_queries
):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    from samenspraak.budgeting.proposals.sections import _budgets_section
    from samenspraak.processes.models import Process

    make_projects(budget, n)
    make_projects(city_budget, n)
    request = rf.get("/")
    request.user = AnonymousUser()
    process = Process.objects.prefetch_related("phases").get(pk=budget.process_id)
    with django_assert_max_num_queries(3):
        section = _budgets_section(request, process)
        content = render_to_string("budgeting/proposals/section_budgets.html", {"section": section})
    assert "€ 200.000" in content
    assert "Stel een project voor" in content
    assert len(section["budgets"][0].top) == min(n, 3)


def test_process_page_shows_budgets_and_staff_see_the_setup_link(
    staff_client, propose_phase, budget
):
    from django.test import Client

    url = reverse("processes:process_detail", args=[budget.process.slug])
    public = Client().get(url).content.decode()
    assert budget.title in public
    assert "Budgetten instellen" not in public
    staff = staff_client.get(url).content.decode()
    assert reverse("budgeting:manage_budgets", args=[budget.process.slug]) in staff


def test_section_is_hidden_without_budgeting_phases(rf, process, budget):
    from django.contrib.auth.models import AnonymousUser

    from samenspraak.budgeting.proposals.sections import _budgets_section

    request = rf.get("/")
    request.user = AnonymousUser()
    assert _budgets_section(request, process) is None


# --- Staff: budget setup -----------------------------------------------------------------------


def manage_url(process):
    return reverse("budgeting:manage_budgets", args=[process.slug])


BUDGET_POST = {
    "title": "Buurtbudget Zuid",
    "description": "Voor projecten in Zuid.",
    "amount": "75.000",
    "required_attributes": ["age_16_plus"],
    "support_threshold": "5",
    "ballot_type": "approval",
    "max_choices": "3",
    "points": "",
    "rule": "greedy",
    "min_score": "",
    "category_budgets": "Groen = 25.000\nSpelen = 10.000",
}


def test_manager_creates_a_budget_through_the_form(staff_client, process, manager):
    response = staff_client.post(
        reverse("budgeting:manage_budget_new", args=[process.slug]), BUDGET_POST
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    budget = Budget.objects.get()
    assert budget.amount == Decimal("75000")
    assert budget.category_budgets == {"Groen": "25000.00", "Spelen": "10000.00"}
    assert budget.max_choices == 3
    assert AuditLogEntry.objects.filter(action="budgeting.budget_created", actor=manager).exists()
    listing = staff_client.get(manage_url(process)).content.decode()
    assert "Buurtbudget Zuid" in listing
    assert "€ 75.000" in listing


def test_bad_budget_comes_back_with_what_was_typed(staff_client, process):
    data = dict(
        BUDGET_POST,
        amount="75.000",
        category_budgets="Groen = 50.000\nSpelen = 30.000",
        ballot_type="cumulative",
        max_choices="",
    )
    response = staff_client.post(reverse("budgeting:manage_budget_new", args=[process.slug]), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "meer dan het budget" in content
    assert "Vul in hoeveel punten elke stemmer verdeelt" in content
    assert "Groen = 50.000" in content
    assert 'value="75.000"' in content
    assert not Budget.objects.exists()


def test_unreadable_category_line_is_explained(staff_client, process):
    data = dict(BUDGET_POST, category_budgets="Groen: heel veel")
    response = staff_client.post(reverse("budgeting:manage_budget_new", args=[process.slug]), data)
    assert "Regel 1" in response.content.decode()


def test_edit_form_shows_the_amount_the_dutch_way_and_locked_budgets_say_so(staff_client, budget):
    url = reverse("budgeting:manage_budget_edit", args=[budget.process.slug, budget.pk])
    assert 'value="50.000"' in staff_client.get(url).content.decode()
    budget_lock(budget)
    page = staff_client.get(url).content.decode()
    assert "Het stemmen is begonnen" in page
    assert 'name="amount" value="50.000"' in page and "disabled" in page
    data = dict(BUDGET_POST, amount="99.000", area=budget.area_id, title="Noord 2027")
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    budget.refresh_from_db()
    assert budget.amount == Decimal("50000")
    assert budget.title == "Noord 2027"


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.MODERATOR, Role.COUNCIL_MEMBER])
def test_staff_pages_are_closed_to_others(client, budget, role):
    client.force_login(user_with_role(role))
    slug = budget.process.slug
    project = BudgetProjectFactory(budget=budget)
    for url in [
        manage_url(budget.process),
        reverse("budgeting:manage_budget_new", args=[slug]),
        reverse("budgeting:manage_budget_edit", args=[slug, budget.pk]),
        reverse("budgeting:review_list", args=[slug, budget.pk]),
        reverse("budgeting:review_project", args=[slug, project.pk]),
    ]:
        assert client.get(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_log_in_for_staff_pages(client, budget):
    response = client.get(manage_url(budget.process))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_delete_an_empty_budget(staff_client, budget):
    url = reverse("budgeting:manage_budget_delete", args=[budget.process.slug, budget.pk])
    staff_client.post(url)
    assert not Budget.objects.filter(pk=budget.pk).exists()


# --- Staff: review -----------------------------------------------------------------------------


def test_review_list_and_form_publish_the_answer(staff_client, budget):
    done = BudgetProjectFactory(budget=budget)
    waiting = BudgetProjectFactory(budget=budget, feasibility=Feasibility.PENDING)
    listing = staff_client.get(
        reverse("budgeting:review_list", args=[budget.process.slug, budget.pk])
    )
    projects = listing.context["projects"]
    assert [p.pk for p in projects] == [waiting.pk, done.pk]
    url = reverse("budgeting:review_project", args=[budget.process.slug, waiting.pk])
    form_page = staff_client.get(url).content.decode()
    assert 'value="10.000"' in form_page
    response = staff_client.post(
        url,
        {"feasibility": "not_feasible", "final_cost": "", "reason": "De grond is niet van ons."},
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.feasibility == Feasibility.NOT_FEASIBLE
    assert waiting.input.answer.outcome == Outcome.NOT_ADOPTED


def test_bad_review_comes_back_with_what_was_typed(staff_client, budget):
    project = BudgetProjectFactory(budget=budget, feasibility=Feasibility.PENDING)
    url = reverse("budgeting:review_project", args=[budget.process.slug, project.pk])
    response = staff_client.post(
        url, {"feasibility": "feasible", "final_cost": "heel duur", "reason": "Omdat het kan."}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Dit is geen bedrag" in content
    assert "Omdat het kan." in content
    assert 'value="heel duur"' in content
    project.refresh_from_db()
    assert project.feasibility == Feasibility.PENDING


def test_review_after_the_vote_started_is_refused_with_a_message(staff_client, budget):
    project = BudgetProjectFactory(budget=budget, feasibility=Feasibility.PENDING)
    budget_lock(budget)
    url = reverse("budgeting:review_project", args=[budget.process.slug, project.pk])
    response = staff_client.post(url, {"feasibility": "feasible", "reason": "Omdat het kan."})
    assert response.status_code == 200
    assert "de toets kan niet meer veranderen" in response.content.decode()
    project.refresh_from_db()
    assert project.feasibility == Feasibility.PENDING


def test_other_residents_see_the_support_button(client, propose_phase, budget):
    project = BudgetProjectFactory(budget=budget, feasibility=Feasibility.PENDING)
    Input.objects.filter(pk=project.input_id).update(phase=propose_phase)
    client.force_login(UserFactory())
    content = client.get(project_url(project)).content.decode()
    assert "Ik steun dit project" in content


@pytest.mark.parametrize("n", [3, 30])
def test_staff_pages_cost_a_fixed_number_of_queries(
    staff_client, budget, n, django_assert_max_num_queries
):
    """Budget list and review list: session, user, process, budgets or projects; any size."""
    make_projects(budget, n)
    slug = budget.process.slug
    with django_assert_max_num_queries(9):
        assert staff_client.get(manage_url(budget.process)).status_code == 200
    with django_assert_max_num_queries(11):
        response = staff_client.get(reverse("budgeting:review_list", args=[slug, budget.pk]))
    assert len(response.context["projects"]) == n


def test_a_hidden_proposal_shows_the_house_rule_not_its_text(client, budget):
    from samenspraak.accounts.factories import StaffUserFactory
    from samenspraak.dialogue.factories import HouseRuleFactory
    from samenspraak.dialogue.services import content_hide

    phase_of(budget.process, PROPOSE, "during")
    project = BudgetProjectFactory(budget=budget, feasibility=Feasibility.PENDING)
    Input.objects.filter(pk=project.input_id).update(title="Scheldpartij", body="Mag niet hier.")
    project.input.refresh_from_db()
    rule = HouseRuleFactory(title="Geen schelden")
    content_hide(target=project.input, actor=StaffUserFactory(role=Role.MODERATOR), rule=rule)
    process_url = reverse("processes:process_detail", args=[budget.process.slug])
    for url in (budget_url(budget), project_url(project), process_url):
        content = client.get(url).content.decode()
        assert "Scheldpartij" not in content, url
        assert "Mag niet hier." not in content


def test_a_locked_budget_can_still_be_renamed_through_the_form(staff_client, process, manager):
    from samenspraak.budgeting.budgets.services import budget_save

    budget = budget_save(
        actor=manager,
        process=process,
        title="Stad",
        amount=Decimal("100000"),
        ballot_type="cumulative",
        points=10,
        required_attributes=["age_16_plus"],
        category_budgets={"Groen": 20000},
    )
    budget_lock(budget)
    url = reverse("budgeting:manage_budget_edit", args=[process.slug, budget.pk])
    form = staff_client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["title"] = "Stad 2027"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    budget.refresh_from_db()
    assert budget.title == "Stad 2027"


def test_the_input_page_of_a_proposal_shows_the_project_facts(client, city_budget):
    """Answer e-mails and comments lead to the Input's page: it shows the budget and cost."""
    project = BudgetProjectFactory(budget=city_budget, final_cost=Decimal("8250"))
    content = client.get(project.input.get_absolute_url()).content.decode()
    assert "Dit is een voorstel voor een budget" in content
    assert "€ 8.250" in content
    assert "nog 10 steunbetuigingen nodig" in content
    assert project_url(project) in content


def test_other_input_pages_cost_no_extra_query(rf, process):
    from samenspraak.budgeting.proposals.sections import _project_panel
    from samenspraak.consultation.factories import InputFactory

    item = InputFactory(phase__process=process)
    item = type(item).objects.select_related("phase").get(pk=item.pk)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert _project_panel(rf.get("/"), item) is None
    assert len(queries) == 0


def test_review_list_flags_a_proposal_answered_through_the_inbox(staff_client, budget, manager):
    """An answer given in the general inbox sets no feasibility: the review list says so."""
    from samenspraak.consultation.services import input_answer

    project = BudgetProjectFactory(budget=budget, feasibility=Feasibility.PENDING)
    input_answer(
        actor=manager,
        input=project.input,
        body="Dank voor uw voorstel.",
        outcome="adopted",
        reason="We bekijken het.",
    )
    url = reverse("budgeting:review_list", args=[budget.process.slug, budget.pk])
    content = staff_client.get(url).content.decode()
    # The municipality's answer is an "antwoord"; "reactie" is a resident's comment (glossary).
    assert "Wel een antwoord via de inbox, maar nog geen toets" in content
    assert "het antwoord van de gemeente op het voorstel" in content
    assert "reactie" not in content.lower()


def test_a_project_under_review_promises_an_answer_not_a_comment(client, budget):
    project = BudgetProjectFactory(budget=budget, feasibility=Feasibility.PENDING)
    content = client.get(project_url(project)).content.decode()
    assert "De gemeente bekijkt nog of dit project kan en wat het kost." in content
    assert " een antwoord." in content
    assert " een reactie." not in content
