"""Initiatives' part of the golden thread (every step and the council's decisions) and of an
area's memory (initiatives and decisions), shown on the initiative's page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspraak.core.trace import thread
from samenspraak.initiatives import selectors
from samenspraak.initiatives.factories import InitiativeFactory, MeetingFactory
from samenspraak.initiatives.models import CouncilDecision, Outcome, Status, Step
from samenspraak.organisations.factories import AreaFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def walked(initiative=None, *, outcomes=(Outcome.ADOPTED,), start_days_ago=60, **kwargs):
    """An initiative that went from collecting to the council's decision(s), with dates."""
    initiative = initiative or InitiativeFactory(status=Status.DECIDED, **kwargs)
    start = timezone.now() - start_days_ago * DAY
    for offset, status in enumerate((Status.COLLECTING, Status.AGENDA, Status.SCHEDULED)):
        Step.objects.create(initiative=initiative, status=status, at=start + offset * 10 * DAY)
    meeting = MeetingFactory(starts_at=start + 35 * DAY)
    for number, outcome in enumerate(outcomes):
        day = (start + (40 + number * 5) * DAY).date()
        decision = CouncilDecision.objects.create(
            initiative=initiative,
            meeting=meeting,
            outcome=outcome,
            motivation=f"Motivering {number}",
            decided_on=day,
            decision_url="https://raad.example/besluit/1" if number == 0 else "",
        )
        Step.objects.create(
            initiative=initiative,
            status=Status.DECIDED,
            at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
        )
    return initiative, decision


def test_the_thread_has_every_step_then_the_decision_in_date_order():
    initiative, decision = walked()
    steps = thread("initiatives.Initiative", [initiative.pk])[initiative.pk]
    assert [(s.kind, s.status) for s in steps] == [
        ("initiative", "collecting"),
        ("initiative", "agenda"),
        ("initiative", "scheduled"),
        ("initiative", "decided"),
        ("decision", "adopted"),
    ]
    last = steps[-1]
    assert last.title == "De gemeenteraad heeft het voorstel aangenomen"
    assert last.text == "Motivering 0"
    assert last.extra["links"] == {"official": "https://raad.example/besluit/1"}
    assert last.api_url == reverse("api:v1:council_decision", args=[decision.pk])
    assert last.url == f"{initiative.get_absolute_url()}#decision-{decision.pk}"
    assert steps[1].title == "Genoeg handtekeningen: het initiatief gaat naar de gemeenteraad"


def test_concepts_and_initiatives_in_review_have_no_thread():
    concept = InitiativeFactory(status=Status.CONCEPT)
    review = InitiativeFactory(status=Status.IN_REVIEW)
    Step.objects.create(initiative=review, status=Status.IN_REVIEW, at=timezone.now())
    assert thread("initiatives.Initiative", [concept.pk, review.pk]) == {
        concept.pk: [],
        review.pk: [],
    }


@pytest.mark.parametrize("n", [1, 12])
def test_the_thread_costs_three_queries_for_any_number(n, django_assert_num_queries):
    ids = [walked(outcomes=(Outcome.POSTPONED, Outcome.REJECTED))[0].pk for _ in range(n)]
    # the initiatives, their steps, their decisions (3); delivery looks for projects that came
    # from them (1, none here so no milestones asked)
    with django_assert_num_queries(4):
        steps = thread("initiatives.Initiative", ids)
    assert all(len(steps[pk]) == 7 for pk in ids)


def test_the_page_shows_the_thread_instead_of_the_bare_list(client, bylaw):
    initiative, decision = walked()
    html = client.get(initiative.get_absolute_url()).content.decode()
    section = html.split('aria-labelledby="timeline-heading"', 1)[1].split("</section>", 1)[0]
    assert "Wat is hiermee gebeurd?" in section
    assert section.count('<li class="trace-list__item') == 5
    assert f'href="{initiative.get_absolute_url()}#decision-{decision.pk}"' in section
    assert f'id="decision-{decision.pk}"' in html  # the link lands on the decision


def test_an_initiator_still_sees_the_steps_of_their_concept(client, bylaw):
    concept = InitiativeFactory(status=Status.IN_REVIEW)
    Step.objects.create(initiative=concept, status=Status.IN_REVIEW, at=timezone.now())
    client.force_login(concept.initiator)
    html = client.get(concept.get_absolute_url()).content.decode()
    assert "Alle stappen" in html and "Wat is hiermee gebeurd?" not in html


def test_area_timeline_has_initiatives_and_decisions_of_the_area_and_its_buurten():
    wijk = AreaFactory()
    buurt = AreaFactory(parent=wijk, municipality=wijk.municipality)
    in_buurt, decision = walked(area=buurt)
    in_wijk = InitiativeFactory(area=wijk)
    Step.objects.create(initiative=in_wijk, status=Status.COLLECTING, at=timezone.now() - DAY)
    InitiativeFactory(area=AreaFactory(municipality=wijk.municipality))  # elsewhere
    InitiativeFactory(area=wijk, status=Status.CONCEPT)  # not public
    InitiativeFactory(area=wijk, status=Status.REFUSED)  # never went anywhere

    entries = selectors.area_timeline([wijk.pk, buurt.pk], 10)

    assert [(e.kind, e.title) for e in entries] == [
        ("initiative", in_wijk.title),
        ("decision", in_buurt.title),
        ("initiative", in_buurt.title),
    ]
    assert entries[1].text == "De gemeenteraad heeft het voorstel aangenomen"
    assert entries[1].area == buurt.name
    assert entries[2].at == Step.objects.get(initiative=in_buurt, status=Status.COLLECTING).at
    assert len(selectors.area_timeline([wijk.pk, buurt.pk], 1)) == 1
