"""The initiative pages: the permission matrix, fixed query counts, and bad input that comes
back with a clear message and everything typed (never a 500)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.initiatives import services
from samenspraak.initiatives.factories import (
    InitiativeFactory,
    MeetingFactory,
    eligible_resident,
)
from samenspraak.initiatives.models import Initiative, Signature, Status

pytestmark = pytest.mark.django_db


def person(role):
    if role == "anonymous":
        return None
    if role == Role.RESIDENT:
        return eligible_resident()
    return StaffUserFactory(role=role)


ROLES = ["anonymous", Role.RESIDENT, Role.CLERK, Role.COUNCIL_MEMBER, Role.PROCESS_MANAGER]

# page -> the roles that get a 200 (anonymous visitors of staff pages go to the log-in)
STAFF_PAGES = {
    "review_list": {Role.CLERK},
    "queue": {Role.CLERK, Role.COUNCIL_MEMBER},
    "meetings": {Role.CLERK, Role.COUNCIL_MEMBER},
    "review": {Role.CLERK},
    "paper_list": {Role.CLERK},
    "schedule": {Role.CLERK},
    "decide": {Role.CLERK},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(STAFF_PAGES))
def test_staff_pages_permission_matrix(client, bylaw, role, page):
    initiative = InitiativeFactory(status=Status.SCHEDULED, meeting=MeetingFactory())
    args = [] if page in ("review_list", "queue", "meetings") else [initiative.pk]
    user = person(role)
    if user:
        client.force_login(user)
    response = client.get(reverse(f"initiatives:{page}", args=args))
    if user is None:
        assert response.status_code == 302 and "login" in response["Location"]
    elif role in STAFF_PAGES[page]:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES[1:])
def test_council_member_sees_the_meetings_but_cannot_add_one(client, bylaw, role):
    client.force_login(person(role))
    day = (timezone.localdate() + datetime.timedelta(days=9)).isoformat()
    data = {"title": "Raadsvergadering", "day": day, "time": "19:30"}
    response = client.post(reverse("initiatives:meetings"), data)
    expected = {Role.CLERK: 302}.get(role, 403)
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("status", "who", "visible"),
    [
        (Status.CONCEPT, "anonymous", False),
        (Status.CONCEPT, "other", False),
        (Status.CONCEPT, "initiator", True),
        (Status.CONCEPT, Role.CLERK, True),
        (Status.CONCEPT, Role.COUNCIL_MEMBER, False),
        (Status.IN_REVIEW, "other", False),
        (Status.IN_REVIEW, Role.CLERK, True),
        (Status.REFUSED, "anonymous", True),
        (Status.COLLECTING, "anonymous", True),
        (Status.DECIDED, Role.PROCESS_MANAGER, True),
    ],
)
def test_detail_visibility(client, bylaw, status, who, visible):
    initiative = InitiativeFactory(status=status)
    if who == "initiator":
        client.force_login(initiative.initiator)
    elif who == "other":
        client.force_login(eligible_resident())
    elif who != "anonymous":
        client.force_login(StaffUserFactory(role=who))
    response = client.get(initiative.get_absolute_url())
    assert response.status_code == (200 if visible else 404)
    listed = client.get(reverse("initiatives:list"))
    assert (initiative.title in listed.content.decode()) == (
        status not in ("concept", "in_review") or who == "initiator"
    )


def make_initiatives(n):
    for number in range(n):
        initiative = InitiativeFactory(signatures_needed=100)
        for _ in range(2):
            services.signature_add(user=eligible_resident(), initiative=initiative)
        if number % 3 == 0:
            InitiativeFactory(status=Status.DECIDED)


def count_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the cached municipality, as every later request finds it
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


#: session + user, the page's count and rows (with areas), the resident's own concepts
LIST_QUERIES = 6
#: session + user, the initiative, its steps, decisions and co-initiators, the by-law, the
#: signature and eligibility (attributes), the comment section (comments, hidden rules), and
#: "Wat is hiermee gebeurd?" (core.trace.thread: initiatives' provider reads the initiative,
#: its steps and decisions; delivery's provider the projects that came from it, and their
#: milestones when there are any), the council members' reactions
DETAIL_QUERIES = 19


def test_list_costs_the_same_queries_for_few_or_many(client, bylaw):
    client.force_login(eligible_resident())
    url = reverse("initiatives:list")
    make_initiatives(2)
    few = count_queries(client, url)
    make_initiatives(12)
    many = count_queries(client, url)
    assert few == many <= LIST_QUERIES


def test_detail_costs_the_same_queries_for_few_or_many(client, bylaw, clerk):
    """Signatures, steps, decisions and comments: the same queries for few or many."""
    from samenspraak.dialogue import services as dialogue_services

    initiative = InitiativeFactory(signatures_needed=1000)
    client.force_login(eligible_resident())
    url = initiative.get_absolute_url()
    first = eligible_resident()
    services.signature_add(user=first, initiative=initiative)
    dialogue_services.comment_create(author=first, target=initiative, body="Goed plan!")
    few = count_queries(client, url)
    for number in range(15):
        commenter = eligible_resident()
        services.signature_add(user=commenter, initiative=initiative)
        dialogue_services.comment_create(
            author=commenter, target=initiative, body=f"Goed plan, ik teken ook ({number})."
        )
    many = count_queries(client, url)
    assert few == many <= DETAIL_QUERIES
    assert "16 van de 1000 handtekeningen" in client.get(url).content.decode()


def test_start_form_keeps_what_was_typed_and_names_each_problem(client, bylaw, resident):
    client.force_login(resident)
    data = {"kind": "agenda", "title": "Zeb", "problem": "Te kort", "proposal": "x" * 30}
    response = client.post(reverse("initiatives:create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"title", "problem", "council_ask"}
    assert "Zeb" in response.content.decode() and "x" * 30 in response.content.decode()
    assert not Initiative.objects.exists()


def test_start_without_eligibility_says_why_and_keeps_the_text(client, bylaw):
    client.force_login(UserFactory())  # no verified attributes
    data = {
        "kind": "agenda",
        "title": "Een zebrapad bij de school",
        "problem": "Kinderen steken de weg over zonder veilige plek.",
        "proposal": "Leg een zebrapad aan bij de ingang van de school.",
        "council_ask": "Vraag het college om dit jaar een zebrapad aan te leggen.",
    }
    response = client.post(reverse("initiatives:create"), data)
    assert response.status_code == 200
    assert "Alleen inwoners van de gemeente" in response.content.decode()
    assert "Een zebrapad bij de school" in response.content.decode()


def test_resident_starts_submits_and_clerk_admits_through_the_pages(client, bylaw, resident, clerk):
    client.force_login(resident)
    data = {
        "kind": "agenda",
        "title": "Een zebrapad bij de school",
        "problem": "Kinderen steken de weg over zonder veilige plek.",
        "proposal": "Leg een zebrapad aan bij de ingang van de school.",
        "council_ask": "Vraag het college om dit jaar een zebrapad aan te leggen.",
    }
    response = client.post(reverse("initiatives:create"), data)
    initiative = Initiative.objects.get()
    assert response["Location"] == initiative.get_absolute_url()
    client.post(reverse("initiatives:submit", args=[initiative.pk]))
    client.force_login(clerk)
    response = client.post(
        reverse("initiatives:review", args=[initiative.pk]), {"decision": "refuse"}
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    client.post(reverse("initiatives:review", args=[initiative.pk]), {"decision": "admit"})
    initiative.refresh_from_db()
    assert initiative.status == Status.COLLECTING


def test_signing_twice_and_without_eligibility_get_a_message_not_an_error(client, bylaw):
    initiative = InitiativeFactory(signatures_needed=10)
    signer = eligible_resident()
    client.force_login(signer)
    url = reverse("initiatives:sign", args=[initiative.pk])
    client.post(url, {"notify": "on"})
    response = client.post(url, follow=True)
    assert "al getekend" in response.content.decode()
    assert Signature.objects.get().notify is True
    client.force_login(UserFactory())
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "Alleen inwoners van de gemeente" in response.content.decode()
    assert Signature.objects.count() == 1


def test_withdrawing_after_closing_says_so(client, bylaw):
    initiative = InitiativeFactory(signatures_needed=1)
    signer = eligible_resident()
    client.force_login(signer)
    client.post(reverse("initiatives:sign", args=[initiative.pk]))
    response = client.post(reverse("initiatives:withdraw", args=[initiative.pk]), follow=True)
    assert "Intrekken kan niet meer" in response.content.decode()
    assert Signature.objects.filter(user=signer).exists()


def test_decision_out_of_order_comes_back_with_the_message_and_the_text(client, bylaw, clerk):
    initiative = InitiativeFactory(status=Status.SCHEDULED, meeting=MeetingFactory())
    client.force_login(clerk)
    data = {
        "outcome": "adopted",
        "motivation": "De raad vindt dit een goed plan voor de buurt.",
        "decided_on": timezone.localdate().isoformat(),
    }
    response = client.post(reverse("initiatives:decide", args=[initiative.pk]), data)
    assert response.status_code == 200
    assert "kan niet eerder zijn" in response.content.decode()
    assert "een goed plan voor de buurt" in response.content.decode()
    initiative.status = Status.AGENDA
    initiative.save()
    response = client.post(reverse("initiatives:decide", args=[initiative.pk]), data)
    assert "Zet het eerst op de agenda" in response.content.decode()


def test_paper_list_with_bad_lines_keeps_the_text(client, bylaw, clerk):
    initiative = InitiativeFactory()
    client.force_login(clerk)
    lines = "Anna de Vries; 9991 AB; 12\nBram; 99; 3"
    response = client.post(
        reverse("initiatives:paper_list", args=[initiative.pk]),
        {"received_on": timezone.localdate().isoformat(), "lines": lines},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Regel 2: 99 is geen postcode" in body
    assert "Anna de Vries; 9991 AB; 12" in body
    assert not Signature.objects.exists()


def test_invitation_link_makes_a_co_initiator(client, bylaw, resident):
    initiative = InitiativeFactory(status=Status.CONCEPT, initiator=resident)
    other = eligible_resident()
    client.force_login(other)
    url = reverse("initiatives:join", args=[initiative.pk, initiative.invite_token])
    assert client.get(url).status_code == 200
    client.post(url)
    assert client.get(initiative.get_absolute_url()).status_code == 200
    assert client.get(reverse("initiatives:join", args=[initiative.pk, "fout"])).status_code == 404


def test_search_finds_public_initiatives_only(client, bylaw):
    InitiativeFactory(title="Zebrapad bij de Vlinderschool")
    InitiativeFactory(title="Zebrapad in concept", status=Status.CONCEPT)
    body = client.get(reverse("search:search"), {"q": "zebrapad"}).content.decode()
    assert "bij de Vlinderschool" in body  # the query itself is highlighted with <mark>
    assert "in concept" not in body


def test_home_points_to_initiatives_once_there_is_a_by_law_without_a_query(
    client, django_assert_num_queries
):
    from samenspraak.initiatives.factories import ByLawFactory
    from samenspraak.initiatives.sections import home
    from samenspraak.organisations.factories import current_or_new_municipality

    municipality = current_or_new_municipality()
    assert "Begin een burgerinitiatief" not in client.get(reverse("web:home")).content.decode()
    ByLawFactory(municipality=municipality)  # saving clears the cached answer
    assert "Begin een burgerinitiatief" in client.get(reverse("web:home")).content.decode()
    with django_assert_num_queries(0):
        assert home(None) == {"start": True}


@pytest.mark.parametrize("role", ROLES)
def test_bylaw_page_permission_matrix(client, bylaw, role):
    user = person(role)
    if user:
        client.force_login(user)
    response = client.get(reverse("initiatives:bylaw"))
    if user is None:
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role == Role.CLERK else 403)


def test_clerk_sets_the_by_law_per_kind_and_bad_numbers_keep_what_was_typed(client, clerk):
    from samenspraak.initiatives.models import ByLaw
    from samenspraak.organisations.factories import current_or_new_municipality

    current_or_new_municipality()
    client.force_login(clerk)
    url = reverse("initiatives:bylaw")
    bad = {
        "kind": "proposal",
        "proposal-signatures_needed": "veel",
        "proposal-collect_days": "9999",
        "proposal-minimum_age": "18",
        "proposal-postcodes": "99-ab",
    }
    response = client.post(url, bad)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Vul een heel getal in." in body and 'value="99-ab"' in body
    assert not ByLaw.objects.exists()
    good = {**bad, "proposal-signatures_needed": "250", "proposal-postcodes": "9990-9999,9801"}
    response = client.post(url, good)
    assert "Vul een aantal dagen van 1 tot 730 in." in response.content.decode()
    response = client.post(url, {**good, "proposal-collect_days": "180"})
    assert response.status_code == 302
    saved = ByLaw.objects.get(kind="proposal")
    assert (saved.signatures_needed, saved.collect_days, saved.minimum_age) == (250, 180, 18)
    assert saved.postcodes == "9990-9999, 9801"
