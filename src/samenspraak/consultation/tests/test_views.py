import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import NotificationConsent, NotificationKind, Role
from samenspraak.consultation.factories import (
    AnswerTemplateFactory,
    InputFactory,
    OfficialAnswerFactory,
    SupportFactory,
)
from samenspraak.consultation.models import Input, InputStatus, Support
from samenspraak.consultation.tests.conftest import OUTSIDE, log_in_staff, phase_at, png_upload
from samenspraak.core.registry import process_sections

pytestmark = pytest.mark.django_db


def list_url(process):
    return reverse("consultation:input_list", args=[process.slug])


def submit_url(process):
    return reverse("consultation:input_submit", args=[process.slug])


def detail_url(item):
    return reverse("consultation:input_detail", args=[item.process.slug, item.pk])


def make_inputs(phase, n):
    for i in range(n):
        item = InputFactory(phase=phase, author=None, submitter_name="Mevrouw Jansen")
        if i % 2:
            OfficialAnswerFactory(input=item)
        SupportFactory(input=item)


@pytest.mark.parametrize("n", [3, 25])
def test_input_list_costs_a_fixed_number_of_queries(
    client, phase, n, django_assert_max_num_queries
):
    """Paginated list with answers, areas and authors: the same few queries for 3 or 25 inputs."""
    make_inputs(phase, n)
    # count, the page's primary keys, then that page's rows with their relations
    with django_assert_max_num_queries(10):
        response = client.get(list_url(phase.process), {"sort": "support"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == n


@pytest.mark.parametrize("n", [3, 60])
def test_process_sections_cost_a_fixed_number_of_queries(rf, phase, n, django_assert_num_queries):
    """Our two sections (latest inputs + counts, figures), rendered, whatever the data size: the
    latest inputs, and one aggregate the two sections share (counts, supports and the median
    by percentile_cont on PostgreSQL; the median takes a second query elsewhere)."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.template.loader import render_to_string

    from samenspraak.consultation.sections import figures_section as _figures_section
    from samenspraak.consultation.sections import inputs_section as _inputs_section
    from samenspraak.processes.models import Process

    make_inputs(phase, n)  # every second one answered
    request = rf.get("/")
    request.user = AnonymousUser()
    process = Process.objects.prefetch_related("phases").get(pk=phase.process.pk)
    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 3):
        inputs = _inputs_section(request, process)
        figures = _figures_section(request, process)
        render_to_string("consultation/section_inputs.html", {"section": inputs})
        render_to_string("consultation/section_figures.html", {"section": figures})
    assert inputs["counts"]["total"] == n
    assert figures["figures"].total == n
    assert figures["figures"].answered == n // 2
    assert figures["figures"].median_days is not None
    keys = [s.key for s in process_sections.collect(request, process)]
    assert {"consultation.inputs", "consultation.figures"} <= set(keys)


def test_process_sections_are_hidden_without_a_collect_phase(process):
    request = RequestFactory().get("/")
    request.user = UserFactory()
    keys = [s.key for s in process_sections.collect(request, process)]
    assert "consultation.inputs" not in keys


def test_input_list_filters_by_status(client, phase):
    answered = InputFactory(phase=phase, title="Beantwoorde inbreng")
    OfficialAnswerFactory(input=answered)
    InputFactory(phase=phase, title="Open inbreng")
    response = client.get(list_url(phase.process), {"status": InputStatus.ANSWERED})
    content = response.content.decode()
    assert "Beantwoorde inbreng" in content
    assert "Open inbreng" not in content


def test_bad_filter_values_do_not_break_the_list(client, phase):
    response = client.get(list_url(phase.process), {"area": "abc", "sort": "x", "pagina": "zz"})
    assert response.status_code == 200


def test_detail_shows_the_official_answer_prominently(client, phase):
    item = InputFactory(phase=phase)
    OfficialAnswerFactory(input=item, reason="Het past in het plan.")
    content = client.get(detail_url(item)).content.decode()
    assert "Antwoord van de gemeente" in content
    assert "Overgenomen" in content
    assert "Het past in het plan." in content
    assert content.count("<h1") == 1


def test_unknown_input_gives_404(client, phase):
    url = reverse("consultation:input_detail", args=[phase.process.slug, 99999])
    assert client.get(url).status_code == 404


def test_resident_submits_input_through_the_form(client, phase, resident):
    client.force_login(resident)
    response = client.post(
        submit_url(phase.process),
        {
            "title": "Een watertappunt",
            "body": "Op warme dagen is water drinken fijn.",
            "image": png_upload(),
            "image_alt": "Een kraan",
        },
    )
    item = Input.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(item)
    assert item.author == resident


def test_bad_input_comes_back_with_what_was_typed_and_messages(client, phase, resident):
    """Too short a title and a point outside the municipality: 200, text kept, messages tied."""
    client.force_login(resident)
    response = client.post(
        submit_url(phase.process),
        {
            "title": "Kort",
            "body": "Mijn lange verhaal over het plein dat ik niet kwijt wil.",
            "latitude": OUTSIDE[0],
            "longitude": OUTSIDE[1],
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Mijn lange verhaal over het plein dat ik niet kwijt wil." in content
    assert "minstens 5 tekens" in content
    assert "niet in de gemeente" in content
    assert 'aria-describedby="id_title-help id_title-error"' in content
    assert not Input.objects.exists()


def test_a_fake_image_comes_back_with_a_message(client, phase, resident):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(resident)
    response = client.post(
        submit_url(phase.process),
        {
            "title": "Een foto van het plein",
            "body": "Kijk eens naar deze foto van het plein.",
            "image": SimpleUploadedFile("x.jpg", b"nope", content_type="image/jpeg"),
            "image_alt": "Plein",
        },
    )
    assert response.status_code == 200
    assert "geen afbeelding" in response.content.decode()
    assert not Input.objects.exists()


def test_huge_text_is_refused_with_a_message_and_kept(client, phase, resident):
    client.force_login(resident)
    huge = "woord " * 1200
    response = client.post(submit_url(phase.process), {"title": "Heel lang", "body": huge})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Maximaal 5000 tekens. Nu zijn het er 7199.") == 1  # one message, real limit
    assert 'maxlength="5000"' not in html  # the browser does not cut what was pasted
    assert "woord woord" in html


@pytest.mark.parametrize(
    ("field", "limit"),
    [("body", 10000), ("reason", 5000)],  # the form allowed 20000/10000, the service 10000/5000
)
def test_answer_longer_than_the_limit_gets_one_message_with_the_real_limit(
    staff_client, phase, field, limit
):
    item = InputFactory(phase=phase)
    data = {"outcome": "adopted", "body": "Dank u wel voor uw idee.", "reason": "Het past."}
    data[field] = "x" * (limit + 1)
    response = staff_client.post(reverse("consultation:answer", args=[item.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count(f"Maximaal {limit} tekens. Nu zijn het er {limit + 1}.") == 1
    assert "x" * (limit + 1) in html
    data[field] = "x" * limit
    response = staff_client.post(reverse("consultation:answer", args=[item.pk]), data)
    assert response.status_code == 302


def test_a_standard_answer_is_no_longer_than_an_answer(staff_client, phase):
    url = reverse("consultation:answer_templates")
    data = {"title": "Lang", "outcome": "adopted", "body": "x" * 10001}
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Maximaal 10000 tekens. Nu zijn het er 10001." in response.content.decode()
    assert staff_client.post(url, {**data, "body": "x" * 10000}).status_code == 302


def test_submitting_outside_the_phase_keeps_the_text(client, process, resident):
    phase_at(process, "after")
    client.force_login(resident)
    response = client.post(
        submit_url(process), {"title": "Te laat idee", "body": "Dit idee komt net te laat."}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "inbrengfase loopt niet" in content
    assert not Input.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in(client, phase):
    response = client.get(submit_url(phase.process))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_supporting_twice_gives_a_clear_message(client, phase, resident):
    item = InputFactory(phase=phase)
    client.force_login(resident)
    url = reverse("consultation:input_support", args=[phase.process.slug, item.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "U steunde deze inbreng al" in response.content.decode()
    assert Support.objects.filter(input=item).count() == 1


def test_support_after_the_phase_gives_a_message_not_an_error(client, process, resident):
    item = InputFactory(phase=phase_at(process, "after"))
    client.force_login(resident)
    url = reverse("consultation:input_support", args=[process.slug, item.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "niet steunen" in response.content.decode()


def test_figures_page_shows_a_table_per_process(client, phase):
    item = InputFactory(phase=phase)
    OfficialAnswerFactory(input=item)
    response = client.get(reverse("consultation:figures"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<caption" in content
    assert phase.process.title in content


@pytest.fixture
def staff_client(client, manager):
    log_in_staff(client, manager)
    return client


def test_inbox_lists_open_input_with_overdue_marked(staff_client, phase):
    late = InputFactory(phase=phase, title="Te late inbreng")
    Input.objects.filter(pk=late.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    answered = InputFactory(phase=phase, title="Al beantwoord")
    OfficialAnswerFactory(input=answered)
    response = staff_client.get(reverse("consultation:inbox"))
    content = response.content.decode()
    assert "Te late inbreng" in content
    assert "3 dagen te laat" in content
    assert "Al beantwoord" not in content
    overdue_only = staff_client.get(reverse("consultation:inbox"), {"overdue": "on"})
    assert len(overdue_only.context["page"].object_list) == 1


def test_inbox_mine_filter_shows_only_owned_input(staff_client, phase, manager):
    InputFactory(phase=phase, title="Van mij", owner=manager)
    InputFactory(phase=phase, title="Van niemand")
    response = staff_client.get(reverse("consultation:inbox"), {"mine": "on"})
    titles = [i.title for i in response.context["page"].object_list]
    assert titles == ["Van mij"]


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.MODERATOR, Role.COUNCIL_MEMBER])
def test_inbox_is_closed_to_others(client, role):
    user = UserFactory() if role == Role.RESIDENT else StaffUserFactory(role=role)
    client.force_login(user)
    assert client.get(reverse("consultation:inbox")).status_code == 403


def test_answer_template_fills_in_the_answer_without_javascript(staff_client, phase):
    item = InputFactory(phase=phase)
    template = AnswerTemplateFactory(body="Tekst uit de standaardantwoord.")
    response = staff_client.get(
        reverse("consultation:answer", args=[item.pk]), {"sjabloon": template.pk}
    )
    assert "Tekst uit de standaardantwoord." in response.content.decode()


def test_manager_answers_from_the_inbox_and_the_author_is_notified(
    staff_client, phase, django_capture_on_commit_callbacks
):
    item = InputFactory(phase=phase)
    NotificationConsent.objects.create(user=item.author, kind=NotificationKind.ANSWERS)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("consultation:answer", args=[item.pk]),
            {"outcome": "not_adopted", "body": "Dank u wel voor het idee.", "reason": "Te duur."},
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == InputStatus.ANSWERED
    assert [m.to for m in mail.outbox] == [[item.author.email]]
    assert detail_url(item) in mail.outbox[0].body


def test_answer_form_with_missing_reason_keeps_the_text(staff_client, phase):
    item = InputFactory(phase=phase)
    response = staff_client.post(
        reverse("consultation:answer", args=[item.pk]),
        {"outcome": "adopted", "body": "Mijn zorgvuldige reactie.", "reason": ""},
    )
    assert response.status_code == 200
    assert "Mijn zorgvuldige reactie." in response.content.decode()


def test_assign_and_start_from_the_answer_page(staff_client, phase, manager):
    item = InputFactory(phase=phase)
    staff_client.post(reverse("consultation:assign", args=[item.pk]), {"owner": manager.pk})
    staff_client.post(reverse("consultation:start", args=[item.pk]))
    item.refresh_from_db()
    assert (item.owner, item.status) == (manager, InputStatus.IN_PROGRESS)


def test_staff_registers_paper_input_through_the_form(staff_client, phase):
    url = reverse("consultation:register_offline", args=[phase.process.slug])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url,
        {
            "channel": "paper",
            "received_on": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
            "submitter_name": "Meneer de Vries",
            "title": "Brief: bankjes",
            "body": "Meneer wil bankjes bij de bushalte.",
        },
    )
    item = Input.objects.get()
    assert response.status_code == 302
    assert item.channel == "paper"
    assert item.public_name == "Meneer de V."


def test_hidden_input_shows_the_broken_house_rule_not_its_text(client, phase):
    """A moderator hid the input: list and page show the house rule instead of title and text."""
    from samenspraak.dialogue.factories import HouseRuleFactory
    from samenspraak.dialogue.services import content_hide

    item = InputFactory(phase=phase, title="Scheldpartij", body="Iets wat niet mag hier.")
    rule = HouseRuleFactory(title="Geen schelden")
    content_hide(target=item, actor=StaffUserFactory(role=Role.MODERATOR), rule=rule)
    for url in (list_url(phase.process), detail_url(item)):
        content = client.get(url).content.decode()
        assert "Geen schelden" in content
        assert "Scheldpartij" not in content
        assert "Iets wat niet mag hier." not in content


def test_residents_comment_on_input_during_the_phase(client, phase, resident):
    """The dialogue comment section appears on the input page and accepts a comment."""
    item = InputFactory(phase=phase)
    client.force_login(resident)
    content = client.get(detail_url(item)).content.decode()
    assert 'id="reacties"' in content
    assert "Reactie plaatsen" in content


def test_submit_form_works_without_javascript(client, phase, resident):
    """Number fields for the point sit in a <details>; the map gets the area shapes as JSON."""
    client.force_login(resident)
    content = client.get(submit_url(phase.process)).content.decode()
    assert "<details" in content
    assert 'name="latitude"' in content and 'name="longitude"' in content
    assert 'id="map-shapes"' in content and "Polygon" in content
    assert "<style" not in content and " style=" not in content
    assert "consultation/map.js" in content


@pytest.mark.parametrize("n", [2, 30])
def test_inbox_costs_a_fixed_number_of_queries(
    staff_client, phase, manager, n, django_assert_max_num_queries
):
    for i in range(n):
        InputFactory(phase=phase, owner=manager if i % 2 else None)
    with django_assert_max_num_queries(12):
        response = staff_client.get(reverse("consultation:inbox"))
    assert response.context["page"].paginator.count == n


@pytest.mark.parametrize("n", [2, 30])
def test_figures_page_costs_a_fixed_number_of_queries(
    client, phase, n, django_assert_max_num_queries
):
    for _ in range(n):
        OfficialAnswerFactory(input=InputFactory(phase=phase))
    with django_assert_max_num_queries(6):
        response = client.get(reverse("consultation:figures"))
    assert response.status_code == 200


def test_a_later_page_shows_the_right_inputs_in_order(client, phase):
    """Paginating on keys first keeps the sort: page 2 continues exactly where page 1 ended."""
    make_inputs(phase, 25)
    first = client.get(list_url(phase.process), {"sort": "new"}).context["page"]
    second = client.get(list_url(phase.process), {"sort": "new", "pagina": 2}).context["page"]
    shown = [item.pk for item in first.object_list] + [item.pk for item in second.object_list]
    expected = list(
        Input.objects.filter(process=phase.process)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
    )
    assert shown == expected[: len(shown)]
    assert len(shown) == 25


def test_the_whole_process_page_costs_the_same_for_few_or_many_inputs(client, phase):
    """The process page with consultation's sections (latest inputs, counts, figures): the same
    number of queries for 3 inputs as for 40, answered and supported."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("processes:process_detail", args=[phase.process.slug])
    make_inputs(phase, 3)
    client.get(url)  # the municipality is cached after the first request
    # The factories bypass the services that forget the cached figures: compute them each time.
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    make_inputs(phase, 37)
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert "40" in response.content.decode()
    assert len(large) == len(small)
    # One aggregate over the inputs serves both sections (counts, supports and the median).
    aggregates = [
        q["sql"] for q in large if "COUNT(" in q["sql"] and "consultation_input" in q["sql"]
    ]
    assert len(aggregates) == 1
