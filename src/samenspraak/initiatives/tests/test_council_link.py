"""The council link beyond initiatives (#14): council members' reactions on inputs and
processes, residents' questions to council members on a process page with public answers and
overdue ones, the e-mail both ways, the member's own page and public profile (fixed query
counts), the record of decisions, privacy, the permission matrix and bad input."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.consultation.factories import InputFactory
from samenspraak.core.models import OutboxEvent
from samenspraak.initiatives import notifications, selectors, services
from samenspraak.initiatives.events import CouncilQuestionAnswered, CouncilQuestionAsked
from samenspraak.initiatives.factories import (
    InitiativeFactory,
    MeetingFactory,
    eligible_resident,
)
from samenspraak.initiatives.models import (
    QUESTION_MAX,
    CouncilMember,
    CouncilQuestion,
    CouncilReaction,
    Status,
)
from samenspraak.organisations.factories import current_or_new_municipality
from samenspraak.organisations.models import Area, Topic
from samenspraak.processes.factories import ProcessFactory
from samenspraak.processes.models import ProcessStatus

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", Role.RESIDENT, Role.CLERK, Role.COUNCIL_MEMBER, Role.PROCESS_MANAGER]


def verified(clerk, user, name="Sanne de Wit", party="Groen Voorbeeldstad", **kwargs):
    return services.council_member_save(
        actor=clerk,
        municipality=current_or_new_municipality(),
        user=user,
        name=name,
        party=party,
        **kwargs,
    )


def login(client, role):
    if role == "anonymous":
        return None
    user = eligible_resident() if role == Role.RESIDENT else StaffUserFactory(role=role)
    client.force_login(user)
    return user


@pytest.fixture
def member(clerk, council_member):
    return verified(clerk, council_member)


@pytest.fixture
def process(db):
    return ProcessFactory(title="Nieuw plein bij het station")


# --- Reactions on inputs and processes -----------------------------------------------------


def test_a_verified_member_reacts_on_an_input_and_a_process(clerk, council_member, process):
    item = InputFactory(process=process)
    with pytest.raises(PermissionDenied, match="griffie controleerde"):
        services.council_reaction_post(user=council_member, input=item, body="Mooi idee, steun.")
    verified(clerk, council_member)
    for person in (eligible_resident(), clerk):
        with pytest.raises(PermissionDenied):
            services.council_reaction_post(user=person, process=process, body="Mooi idee.")
    with pytest.raises(ValidationError):
        services.council_reaction_post(user=council_member, process=process, body="Ja")
    draft = ProcessFactory(status=ProcessStatus.DRAFT)
    with pytest.raises(PermissionDenied, match="nog niet openbaar"):
        services.council_reaction_post(user=council_member, process=draft, body="Mooi plan, ja.")
    on_input = services.council_reaction_post(
        user=council_member, input=item, body="Goed idee, ik vraag ernaar in de raad."
    )
    on_process = services.council_reaction_post(
        user=council_member, process=process, body="Ik volg dit plein voor de raad."
    )
    assert on_input.subject == item and on_process.subject == process
    posted = OutboxEvent.objects.filter(type="nl.samenspraak.initiatives.council.reaction_posted")
    assert sorted(e.payload["subject"] for e in posted) == ["input", "process"]


def test_a_reaction_has_exactly_one_subject(member, process):
    initiative = InitiativeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilReaction.objects.create(
            member=member, initiative=initiative, process=process, body="Twee onderwerpen."
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilReaction.objects.create(member=member, body="Geen onderwerp.")


def test_reactions_show_on_input_and_process_pages_with_name_party_and_badge(
    client, council_member, member, process
):
    item = InputFactory(process=process, title="Meer bomen op het plein")
    client.force_login(council_member)
    # Too short: back on the input's page, with the message and the text typed.
    url = reverse("initiatives:council_react_on", args=["inbreng", item.pk])
    response = client.post(url, {"body": "Kort"}, follow=True)
    page = response.content.decode()
    assert (
        response.status_code == 200 and "Schrijf minstens" in page and "\nKort</textarea>" in page
    )
    client.post(url, {"body": "Goed idee, ik neem het mee naar de raad."})
    client.post(
        reverse("initiatives:council_react_on", args=["proces", process.pk]),
        {"body": "Ik volg dit plein voor de raad."},
    )
    client.logout()
    input_page = client.get(item.get_absolute_url()).content.decode()
    assert "Goed idee, ik neem het mee" in input_page
    assert "Sanne de Wit" in input_page and "Groen Voorbeeldstad" in input_page
    assert 'class="council-badge"' in input_page
    process_page = client.get(reverse("processes:process_detail", args=[process.slug]))
    assert "Ik volg dit plein voor de raad." in process_page.content.decode()
    profile = client.get(member.get_absolute_url()).content.decode()
    assert "Meer bomen op het plein" in profile and "Nieuw plein bij het station" in profile


def test_react_on_unknown_subject_or_thing_is_404(client, council_member, member, process):
    client.force_login(council_member)
    body = {"body": "Een reactie van genoeg tekens."}
    assert client.post(f"/raadsleden/reageren/iets/{process.pk}/", body).status_code == 404
    url = reverse("initiatives:council_react_on", args=["inbreng", 999999])
    assert client.post(url, body).status_code == 404


# --- Questions to council members ---------------------------------------------------------


def test_a_resident_asks_one_member_or_all_and_the_rules_hold(clerk, member, process):
    resident = eligible_resident()
    question = services.question_ask(
        user=resident, process=process, member=member, body="Komt er een fietsenstalling?"
    )
    assert not question.to_all and question.member == member
    assert question.due_on == timezone.localdate() + datetime.timedelta(days=services.answer_days())
    to_all = services.question_ask(
        user=resident, process=process, body="Wanneer besluit de raad hierover?"
    )
    assert to_all.to_all and to_all.member is None
    for person in (clerk, member.user, StaffUserFactory(role=Role.PROCESS_MANAGER)):
        with pytest.raises(PermissionDenied):
            services.question_ask(user=person, process=process, body="Een vraag van genoeg.")
    with pytest.raises(ValidationError, match="minstens"):
        services.question_ask(user=resident, process=process, body="Kort?")
    with pytest.raises(ValidationError, match="Maximaal"):
        services.question_ask(user=resident, process=process, body="x" * (QUESTION_MAX + 1))
    with pytest.raises(PermissionDenied):
        services.question_ask(
            user=resident,
            process=ProcessFactory(status=ProcessStatus.DRAFT),
            body="Een vraag over een concept.",
        )
    services.question_ask(user=resident, process=process, body="Een derde open vraag hier.")
    with pytest.raises(ValidationError, match="nog geen antwoord"):
        services.question_ask(user=resident, process=process, body="Een vierde open vraag hier.")
    types = set(OutboxEvent.objects.values_list("type", flat=True))
    assert "nl.samenspraak.initiatives.council.question_asked" in types


def test_without_verified_members_no_question_to_all(process):
    with pytest.raises(ValidationError, match="nog geen raadsleden"):
        services.question_ask(user=eligible_resident(), process=process, body="Wie gaat hierover?")


def test_the_member_asked_answers_once_and_a_question_to_all_by_anyone(clerk, member, process):
    other_user = StaffUserFactory(role=Role.COUNCIL_MEMBER)
    other = verified(clerk, other_user, name="Piet Bos", party="Lokaal Belang")
    resident = eligible_resident()
    question = services.question_ask(
        user=resident, process=process, member=member, body="Komt er een fietsenstalling?"
    )
    with pytest.raises(PermissionDenied, match="ander raadslid"):
        services.question_answer(user=other_user, question=question, answer="Ja, dat klopt zeker.")
    with pytest.raises(PermissionDenied):
        services.question_answer(user=clerk, question=question, answer="Ja, dat klopt zeker.")
    with pytest.raises(ValidationError):
        services.question_answer(user=member.user, question=question, answer="Ja")
    services.question_answer(
        user=member.user, question=question, answer="Ja, ik vraag het college erom."
    )
    question.refresh_from_db()
    assert question.is_answered and question.answered_by == member
    with pytest.raises(PermissionDenied, match="al een antwoord"):
        services.question_answer(user=member.user, question=question, answer="Nog een antwoord.")
    to_all = services.question_ask(user=resident, process=process, body="Wie gaat hierover?")
    services.question_answer(user=other_user, question=to_all, answer="Ik, als woordvoerder.")
    assert CouncilQuestion.objects.get(pk=to_all.pk).answered_by == other


def test_unanswered_after_the_answer_days_is_overdue(settings, member, process):
    settings.SAMENSPRAAK_COUNCIL_ANSWER_DAYS = 5
    question = services.question_ask(
        user=eligible_resident(), process=process, member=member, body="Komt er meer groen?"
    )
    assert question.due_on == timezone.localdate() + datetime.timedelta(days=5)
    assert not question.is_overdue
    CouncilQuestion.objects.filter(pk=question.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    question.refresh_from_db()
    assert question.is_overdue
    board = selectors.council_dashboard(
        selectors.council_member_of(member.user, with_portfolio=True)
    )
    assert [q.pk for q in board["overdue"]] == [question.pk] and board["open_questions"] == []


def test_mail_to_the_member_on_a_question_and_to_the_resident_on_the_answer(clerk, member, process):
    other = verified(clerk, StaffUserFactory(role=Role.COUNCIL_MEMBER), name="Piet Bos")
    resident = eligible_resident(language="en")
    one = services.question_ask(
        user=resident, process=process, member=member, body="Komt er een fietsenstalling?"
    )
    mail.outbox.clear()
    event = CouncilQuestionAsked(question_id=one.pk, process_id=process.pk, member_id=member.pk)
    assert notifications.question_asked(event) == 1
    assert mail.outbox[-1].to == [member.user.email]
    assert reverse("initiatives:council_answer", args=[one.pk]) in mail.outbox[-1].body
    to_all = services.question_ask(user=resident, process=process, body="Wie gaat hierover?")
    event = CouncilQuestionAsked(question_id=to_all.pk, process_id=process.pk, member_id=None)
    assert notifications.question_asked(event) == 2
    assert {m.to[0] for m in mail.outbox[-2:]} == {member.user.email, other.user.email}
    services.question_answer(user=member.user, question=one, answer="Ja, in het voorjaar.")
    mail.outbox.clear()
    event = CouncilQuestionAnswered(question_id=one.pk, process_id=process.pk, member_id=member.pk)
    assert notifications.question_answered(event) == 1
    sent = mail.outbox[0]
    assert sent.to == [resident.email] and "Ja, in het voorjaar." in sent.body
    assert "answered" in sent.subject  # in the resident's language (English)


def test_asking_on_the_page_keeps_the_text_on_bad_input(client, member, process):
    url = reverse("initiatives:council_ask", args=[process.slug])
    response = client.post(url, {"member": "alle", "body": "Een vraag van genoeg tekens."})
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(eligible_resident())
    response = client.post(url, {"member": "alle", "body": "Kort"}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and "Schrijf minstens" in page
    assert "\nKort</textarea>" in page
    response = client.post(url, {"member": "12345", "body": "Een vraag van genoeg tekens."})
    page = client.get(response["Location"]).content.decode()
    assert "Een vraag van genoeg tekens." in page and not CouncilQuestion.objects.exists()
    response = client.post(url, {"member": str(member.pk), "body": "Komt er een fietsenstalling?"})
    assert response.status_code == 302
    page = client.get(reverse("processes:process_detail", args=[process.slug])).content.decode()
    assert "Komt er een fietsenstalling?" in page and "Nog geen antwoord" in page


@pytest.mark.parametrize("role", [*ROLES, "other_member", "the_member"])
def test_answer_page_permission_matrix(client, clerk, member, process, role):
    question = services.question_ask(
        user=eligible_resident(), process=process, member=member, body="Komt er meer groen?"
    )
    if role == "the_member":
        client.force_login(member.user)
    elif role == "other_member":
        other = StaffUserFactory(role=Role.COUNCIL_MEMBER)
        verified(clerk, other, name="Piet Bos")
        client.force_login(other)
    else:
        login(client, role)
    response = client.get(reverse("initiatives:council_answer", args=[question.pk]))
    expected = {"anonymous": 302, "the_member": 200}.get(role, 403)
    assert response.status_code == expected
    if role == "the_member":
        response = client.post(
            reverse("initiatives:council_answer", args=[question.pk]), {"answer": "Ja"}
        )
        assert response.status_code == 200 and "Schrijf minstens" in response.content.decode()
        response = client.post(
            reverse("initiatives:council_answer", args=[question.pk]),
            {"answer": "Ja, er komen twintig bomen bij."},
        )
        assert response.status_code == 302
        page = client.get(reverse("processes:process_detail", args=[process.slug]))
        assert "Ja, er komen twintig bomen bij." in page.content.decode()


def test_process_page_costs_the_same_whatever_the_number_of_questions(
    client, clerk, member, process, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("processes:process_detail", args=[process.slug])
    resident = eligible_resident()
    services.question_ask(user=resident, process=process, member=member, body="Eerste vraag hier?")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(8):
        asker = eligible_resident()
        q = services.question_ask(user=asker, process=process, body=f"Vraag nummer {n} hier?")
        services.question_answer(user=member.user, question=q, answer="Een antwoord van mij.")
        services.council_reaction_post(user=member.user, process=process, body=f"Reactie {n}.....")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


# --- The member's own page, the profile, the record of decisions --------------------------


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_permission_matrix(client, bylaw, role):
    login(client, role)
    response = client.get(reverse("initiatives:council_dashboard"))
    expected = {"anonymous": 302, Role.COUNCIL_MEMBER: 200}.get(role, 403)
    assert response.status_code == expected
    if role == Role.COUNCIL_MEMBER:  # not verified yet: a page that says so, no 403s
        assert "nog niet gecontroleerd" in response.content.decode()


def test_the_staff_landing_leads_the_council_member_to_their_page(client, council_member):
    client.force_login(council_member)
    page = client.get(reverse("staff:index")).content.decode()
    assert reverse("initiatives:council_dashboard") in page
    assert reverse("initiatives:queue") in page and reverse("initiatives:decisions") in page


def test_dashboard_shows_what_concerns_the_member_in_fixed_queries(
    client, bylaw, clerk, council_member, django_assert_max_num_queries
):
    municipality = current_or_new_municipality()
    area = Area.objects.create(municipality=municipality, name="Oost", slug="oost")
    topic = Topic.objects.create(municipality=municipality, name="Groen", slug="groen")
    buurt = Area.objects.create(
        municipality=municipality, name="Oosterpark", slug="oosterpark", parent=area
    )
    member = verified(clerk, council_member, areas=[area], topics=[topic])

    def add_some(n):
        in_area = ProcessFactory(title=f"Speeltuin Oost {n}")
        in_area.areas.add(area)
        by_topic = ProcessFactory(title=f"Bomenplan {n}")
        by_topic.topics.add(topic)
        ProcessFactory(title=f"Elders {n}")
        ProcessFactory(title=f"Buurtplan Oosterpark {n}").areas.add(buurt)
        InitiativeFactory(area=area, title=f"Bankjes Oost {n}")
        meeting = MeetingFactory()
        InitiativeFactory(status=Status.SCHEDULED, meeting=meeting, title=f"Agenda {n}")
        services.question_ask(
            user=eligible_resident(), process=in_area, member=member, body=f"Vraag {n} aan u?"
        )

    add_some(0)
    client.force_login(council_member)
    url = reverse("initiatives:council_dashboard")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        page = client.get(url).content.decode()
    assert "Speeltuin Oost 0" in page and "Bomenplan 0" in page and "Elders 0" not in page
    assert "Buurtplan Oosterpark 0" in page  # a neighbourhood of the district followed
    assert "Bankjes Oost 0" in page and "Agenda 0" in page and "Vraag 0 aan u?" in page
    for n in range(1, 6):
        add_some(n)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(url).content.decode()
    assert "Speeltuin Oost 5" in page


def test_profile_lists_answered_questions_in_fixed_queries(
    client, member, process, django_assert_max_num_queries
):
    question = services.question_ask(
        user=eligible_resident(), process=process, member=member, body="Komt er meer groen?"
    )
    services.question_answer(user=member.user, question=question, answer="Ja, twintig bomen.")
    page = client.get(member.get_absolute_url()).content.decode()
    assert "Komt er meer groen?" in page and "Ja, twintig bomen." in page
    with django_assert_max_num_queries(12):
        client.get(member.get_absolute_url())


def test_the_record_of_decisions_is_public(client, bylaw, clerk):
    meeting = MeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=1))
    initiative = InitiativeFactory(status=Status.SCHEDULED, meeting=meeting)
    services.decision_record(
        actor=clerk,
        initiative=initiative,
        outcome="adopted",
        motivation="De raad neemt het voorstel over.",
        decision_url="",
        decided_on=timezone.localdate(),
    )
    page = client.get(reverse("initiatives:decisions")).content.decode()
    assert initiative.title in page and "Aangenomen" in page


# --- Privacy ------------------------------------------------------------------------------


def test_export_and_erasure_of_questions(member, process):
    from samenspraak.accounts import privacy

    resident = eligible_resident()
    question = services.question_ask(
        user=resident, process=process, member=member, body="Komt er meer groen?"
    )
    services.question_answer(user=member.user, question=question, answer="Ja, twintig bomen.")
    exported = privacy.export_user_data(resident)["initiatives"]["questions_to_the_council"]
    assert exported[0]["question"] == "Komt er meer groen?" and exported[0]["answer"]
    mine = privacy.export_user_data(member.user)["initiatives"]["council_member_profile"][0]
    assert mine["answers"][0]["answer"] == "Ja, twintig bomen."
    privacy.anonymise_user_data(resident)
    question.refresh_from_db()
    assert question.asker is None and question.answer == "Ja, twintig bomen."
    privacy.anonymise_user_data(member.user)
    question.refresh_from_db()
    assert question.answered_by is None and not CouncilMember.objects.exists()


@pytest.mark.parametrize("role", [*ROLES, "verified_member"])
@pytest.mark.parametrize("subject", ["inbreng", "proces"])
def test_reaction_on_input_or_process_permission_matrix(client, clerk, process, role, subject):
    item = InputFactory(process=process)
    if role == "verified_member":
        account = StaffUserFactory(role=Role.COUNCIL_MEMBER)
        verified(clerk, account)
        client.force_login(account)
    else:
        login(client, role)
    pk = item.pk if subject == "inbreng" else process.pk
    url = reverse("initiatives:council_react_on", args=[subject, pk])
    response = client.post(url, {"body": "Een reactie van genoeg tekens."})
    assert response.status_code == 302
    if role == "anonymous":
        assert "login" in response["Location"]
    assert CouncilReaction.objects.exists() == (role == "verified_member")
    if role not in ("anonymous", "verified_member"):  # refused, with the reason on the page
        page = client.get(response["Location"]).content.decode()
        assert "Alleen raadsleden met een profiel dat de griffie controleerde" in page


def test_questions_follow_dialogues_moderation_report_and_hide(client, member, process):
    """Published at once (dialogue's post-moderation): anyone can report a question, and one a
    moderator hid is gone from the process page."""
    from samenspraak.dialogue import services as dialogue_services
    from samenspraak.dialogue.factories import HouseRuleFactory
    from samenspraak.dialogue.templatetags.dialogue import report_url

    rude = services.question_ask(
        user=eligible_resident(),
        process=process,
        member=member,
        body="Wat een sukkels zijn jullie.",
    )
    services.question_ask(
        user=eligible_resident(), process=process, member=member, body="Komt er meer groen?"
    )
    url = reverse("processes:process_detail", args=[process.slug])
    assert "sukkels" in client.get(url).content.decode()
    assert client.get(report_url(rude)).status_code == 200
    dialogue_services.content_hide(
        target=rude,
        actor=StaffUserFactory(role=Role.MODERATOR),
        rule=HouseRuleFactory(title="Wees respectvol"),
    )
    page = client.get(url).content.decode()
    assert "sukkels" not in page and "Komt er meer groen?" in page
    open_ones = selectors.questions_for_member(member)
    assert [q.body for q in open_ones] == ["Komt er meer groen?"]


def test_premoderated_questions_wait_for_a_moderator(settings, client, clerk, member, process):
    settings.SAMENSPRAAK_COUNCIL_QUESTIONS_PREMODERATED = True
    resident = eligible_resident()
    waiting = services.question_ask(
        user=resident, process=process, member=member, body="Komt er een fietsenstalling?"
    )
    rude = services.question_ask(
        user=resident, process=process, member=member, body="Jullie zijn allemaal sukkels."
    )
    assert waiting.state == "pending"
    assert not OutboxEvent.objects.filter(
        type="nl.samenspraak.initiatives.council.question_asked"
    ).exists()
    url = reverse("processes:process_detail", args=[process.slug])
    assert "fietsenstalling" not in client.get(url).content.decode()  # not public yet
    assert list(selectors.questions_for_member(member)) == []
    with pytest.raises(PermissionDenied):
        services.question_answer(user=member.user, question=waiting, answer="Ja, dat komt er.")
    client.force_login(resident)
    assert "wacht op controle" in client.get(url).content.decode()  # the asker sees it

    check = reverse("initiatives:question_check")
    client.force_login(clerk)
    assert "fietsenstalling" in client.get(check).content.decode()
    response = client.post(check, {"question": rude.pk, "decision": "refuse", "reason": "Kort"})
    assert response.status_code == 200 and "minstens 10 tekens" in response.content.decode()
    client.post(
        check, {"question": rude.pk, "decision": "refuse", "reason": "Breekt de huisregels."}
    )
    client.post(check, {"question": waiting.pk, "decision": "publish", "reason": ""})
    waiting.refresh_from_db()
    rude.refresh_from_db()
    assert waiting.state == "published" and rude.state == "refused"
    assert (
        OutboxEvent.objects.filter(type="nl.samenspraak.initiatives.council.question_asked").count()
        == 1
    )
    client.logout()
    page = client.get(url).content.decode()
    assert "fietsenstalling" in page and "sukkels" not in page
    client.force_login(resident)
    assert "Breekt de huisregels." in client.get(url).content.decode()
    with pytest.raises(PermissionDenied, match="al besloten"):
        services.question_moderate(actor=clerk, question=waiting, publish=False, reason="x" * 20)


@pytest.mark.parametrize("role", [*ROLES, Role.MODERATOR])
def test_question_check_page_permission_matrix(client, bylaw, role):
    login(client, role)
    response = client.get(reverse("initiatives:question_check"))
    expected = {"anonymous": 302, Role.CLERK: 200, Role.MODERATOR: 200}.get(role, 403)
    assert response.status_code == expected


def test_the_burgerinitiatief_template_is_shipped_and_its_phases_exist():
    from samenspraak.processes.models import ProcessTemplate
    from samenspraak.processes.phases import phase_kinds
    from samenspraak.processes.services import shipped_templates_install

    shipped_templates_install()
    template = ProcessTemplate.objects.get(key="burgerinitiatief", municipality=None)
    assert template.name == "Burgerinitiatief"
    kinds = [phase["kind"] for phase in template.design["phases"]]
    assert kinds == [
        "processes.inform",
        "consultation.collect",
        "processes.decide",
        "processes.evaluate",
    ]
    assert all(phase_kinds.get(kind) is not None for kind in kinds)
