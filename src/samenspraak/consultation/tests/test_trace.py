"""Consultation's part of the golden thread (an input: submitted, answered) and of an area's
memory (answered inputs), the "Wat is hiermee gebeurd?" section of the input page, and
/api/v1/inputs/{id}/trace."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.consultation import selectors
from samenspraak.consultation.factories import InputFactory, OfficialAnswerFactory
from samenspraak.consultation.models import Outcome
from samenspraak.core.trace import area_memory, thread
from samenspraak.dialogue import services as dialogue_services
from samenspraak.dialogue.factories import HouseRuleFactory
from samenspraak.organisations.factories import AreaFactory
from samenspraak.processes.models import ProcessStatus

DAY = datetime.timedelta(days=1)


def detail_url(item):
    return reverse("consultation:input_detail", args=[item.process.slug, item.pk])


def answered(phase, *, days_ago=10, answered_after=3, **kwargs):
    item = InputFactory(phase=phase, created_at=timezone.now() - days_ago * DAY, **kwargs)
    OfficialAnswerFactory(
        input=item,
        outcome=Outcome.PARTLY_ADOPTED,
        body="We zetten **zes** bankjes neer.",
        published_at=item.created_at + answered_after * DAY,
    )
    return item


def hide(item):
    dialogue_services.content_hide(
        target=item, actor=StaffUserFactory(role=Role.MODERATOR), rule=HouseRuleFactory()
    )


def test_an_answered_input_has_two_steps_in_date_order(phase):
    item = answered(phase)
    steps = thread("consultation.Input", [item.pk])[item.pk]
    assert [s.kind for s in steps] == ["input", "answer"]
    submitted, answer = steps
    assert submitted.at == item.created_at and submitted.text == item.title
    assert answer.title == "De gemeente heeft geantwoord: deels overgenomen"
    assert answer.status == Outcome.PARTLY_ADOPTED
    assert answer.text == "We zetten zes bankjes neer."  # plain text, no mark-up
    assert answer.url == detail_url(item) + "#answer-heading"
    assert answer.api_url == reverse("api:v1:input", args=[item.pk])


def test_an_unanswered_input_has_only_its_first_step(phase):
    item = InputFactory(phase=phase)
    assert [s.kind for s in thread("consultation.Input", [item.pk])[item.pk]] == ["input"]


def test_only_public_inputs_have_a_thread(phase):
    hidden = answered(phase)
    hide(hidden)
    draft = answered(phase)
    draft.process.status = ProcessStatus.DRAFT
    draft.process.save()
    assert thread("consultation.Input", [hidden.pk, draft.pk]) == {hidden.pk: [], draft.pk: []}


@pytest.mark.parametrize("n", [1, 20])
def test_the_thread_costs_the_same_queries_for_any_number_of_inputs(
    phase, n, django_assert_num_queries
):
    ids = [answered(phase).pk for _ in range(n)]
    selectors.trace_steps(ids)  # the hidden check's content type, cached from then on
    # consultation's provider (1); budgeting's "was it chosen" looks for projects (1); delivery
    # looks for projects that came from them (1, none here so no milestones asked)
    with django_assert_num_queries(3):
        steps = thread("consultation.Input", ids)
    assert all(len(steps[pk]) == 2 for pk in ids)


def test_the_input_page_shows_what_happened_as_a_dated_list(client, phase):
    item = answered(phase)
    html = client.get(detail_url(item)).content.decode()
    section = html.split('aria-labelledby="trace-heading"', 1)[1].split("</section>", 1)[0]
    assert "Wat is hiermee gebeurd?" in section
    assert section.count('<li class="trace-list__item') == 2
    assert section.index("De inbreng is ingediend") < section.index(
        "De gemeente heeft geantwoord: deels overgenomen"
    )
    assert section.count("<time datetime=") == 2
    assert f'href="{detail_url(item)}#answer-heading"' in section


def test_the_input_page_costs_the_same_queries_with_or_without_an_answer(client, phase):
    plain = InputFactory(phase=phase)
    done = answered(phase)
    client.get(detail_url(plain))  # warm caches
    counts = []
    for item in (plain, done):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(detail_url(item)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_a_hidden_input_page_shows_no_thread(client, phase):
    item = answered(phase)
    hide(item)
    html = client.get(detail_url(item)).content.decode()
    assert "Wat is hiermee gebeurd?" not in html


def test_api_gives_the_thread_with_dated_steps_and_links(client, phase, django_assert_num_queries):
    item = answered(phase)
    url = reverse("api:v1:input_trace", args=[item.pk])
    client.get(url)  # warm the cached municipality and content type
    # the input is public (1), consultation's steps (1), budgeting's projects (1), delivery's
    # projects that came from it (1)
    with django_assert_num_queries(4):
        body = client.get(url).json()
    assert body["input"] == item.pk
    assert [(s["kind"], s["status"]) for s in body["steps"]] == [
        ("input", "submitted"),
        ("answer", "partly_adopted"),
    ]
    answer = body["steps"][1]
    assert answer["title"] == "De gemeente heeft geantwoord: deels overgenomen"
    assert answer["source"] == "consultation"
    assert answer["_links"]["html"]["href"] == "http://testserver" + detail_url(item) + (
        "#answer-heading"
    )
    api = answer["_links"]["api"]["href"]
    assert client.get(api).json()["id"] == item.pk
    assert datetime.datetime.fromisoformat(answer["at"]) == item.answer.published_at


def test_api_trace_is_404_for_hidden_and_unknown_inputs(client, phase):
    item = answered(phase)
    hide(item)
    assert client.get(reverse("api:v1:input_trace", args=[item.pk])).status_code == 404
    assert client.get(reverse("api:v1:input_trace", args=[99999])).status_code == 404


def test_area_timeline_has_answered_inputs_of_the_areas_newest_first(phase):
    wijk = AreaFactory()
    buurt = AreaFactory(parent=wijk, municipality=wijk.municipality)
    elsewhere = AreaFactory(municipality=wijk.municipality)
    old = answered(phase, area=wijk, days_ago=40)
    new = answered(phase, area=buurt, days_ago=5)
    answered(phase, area=elsewhere)
    InputFactory(phase=phase, area=buurt)  # not answered yet: not in the memory
    hide(answered(phase, area=buurt))

    entries = selectors.area_timeline([wijk.pk, buurt.pk], 10)

    assert [e.title for e in entries] == [new.title, old.title]
    assert entries[0].area == buurt.name and entries[0].kind == "answer"
    assert "deels overgenomen" in entries[0].text
    assert entries[0].url == detail_url(new)
    assert [e.title for e in selectors.area_timeline([wijk.pk, buurt.pk], 1)] == [new.title]
    assert new.title in [e.title for e in area_memory([buurt.pk])]
