"""A person's data download holds everything they did; erasure leaves no trace of them.

One person does one of everything (through the services and factories, logged in for real),
downloads "Mijn gegevens" (every app's part there, and no part empty), then erases the account.
Afterwards no row anywhere refers to them, except the references accounts.privacy keeps on
purpose (RETAINED_AFTER_ERASURE), and the public contributions are still there without them.
"""

import datetime
import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samenspraak.accounts import privacy, services
from samenspraak.accounts.factories import (
    NotificationConsentFactory,
    StaffUserFactory,
    UserFactory,
    VerifiedAttributeFactory,
)
from samenspraak.accounts.models import LoginFailure, User
from samenspraak.accounts.tests.conftest import log_in_staff
from samenspraak.api.models import Integration
from samenspraak.budgeting.factories import BudgetFactory, BudgetProjectFactory
from samenspraak.budgeting.models import BudgetResult, CodeBatch, PaperEntry, VoterRegister
from samenspraak.consultation.factories import (
    InputFactory,
    OfficialAnswerFactory,
    SupportFactory,
)
from samenspraak.consultation.models import Input, Support
from samenspraak.conversations.factories import StatementFactory
from samenspraak.conversations.models import Statement
from samenspraak.conversations.models import Vote as StatementVote
from samenspraak.core import audit
from samenspraak.core.mail import send_mail_later
from samenspraak.dialogue.factories import CommentFactory, ReportFactory
from samenspraak.dialogue.models import (
    Comment,
    ModerationDecision,
    Mute,
    Reaction,
    ReactionKind,
    Report,
)
from samenspraak.information import services as information_services
from samenspraak.initiatives.factories import InitiativeFactory, MeetingFactory
from samenspraak.initiatives.models import (
    CoInitiator,
    CouncilDecision,
    CouncilMember,
    CouncilReaction,
    PaperList,
    Signature,
)
from samenspraak.processes.factories import ProcessFactory
from samenspraak.surveys.factories import QuestionFactory, SurveyFactory
from samenspraak.surveys.models import QuestionKind, Response
from samenspraak.surveys.services import _store_answers
from samenspraak.webhooks.models import Subscription

pytestmark = [pytest.mark.django_db, pytest.mark.real_queue]


@pytest.fixture(autouse=True)
def _fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _one_of_everything(person):
    """Every kind of record that can refer to `person`; returns the public ones to check."""
    process = ProcessFactory(created_by=person, title="Het plein")
    VerifiedAttributeFactory(user=person)
    NotificationConsentFactory(user=person)
    LoginFailure.objects.create(user=person, ip_address="192.0.2.1")
    audit.record(None, "accounts.locked_out", target=person, changes={"failures": 5})
    LogEntry.objects.create(
        user=person,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(person.pk),
        object_repr="iets",
        action_flag=ADDITION,
    )
    send_mail_later("Uw inbreng is beantwoord", "Tekst", [person.email])  # queued, not sent
    LogEntry.objects.create(  # an administrator changed the person's account in Django admin
        user=UserFactory(),
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
    )

    idea = InputFactory(author=person, title="Meer bankjes", body="Op het plein")
    InputFactory(author=None, registered_by=person, owner=person, submitter_name="Mevr. Jansen")
    support = SupportFactory(user=person)
    OfficialAnswerFactory(answered_by=person)

    comment = CommentFactory(target=idea, author=person, body="Mijn eigen reactie")
    ReportFactory(reporter=person, reason="Dit klopt niet")
    ModerationDecision.objects.create(
        content_type=ContentType.objects.get_for_model(Comment),
        object_id=CommentFactory().pk,
        hidden=False,
        decided_by=person,
    )
    Reaction.objects.create(comment=CommentFactory(), user=person, kind=ReactionKind.AGREE)
    from samenspraak.discussions.factories import FollowFactory, SpaceFactory, ThreadFactory

    space = SpaceFactory(created_by=person)
    FollowFactory(user=person, thread=ThreadFactory(space=space, author=person, summary_by=person))
    from samenspraak.representation.models import Answer

    Answer.objects.create(process=ProcessFactory(), user=person)
    from samenspraak.initiatives.models import CouncilQuestion

    CouncilQuestion.objects.create(
        process=ProcessFactory(),
        to_all=True,
        asker=person,
        body="Wanneer komt er een zebrapad?",
        due_on=timezone.localdate() + datetime.timedelta(days=21),
    )
    from samenspraak.assemblies.factories import AssemblyFactory
    from samenspraak.assemblies.models import Address, Invitation, Registration

    assembly = AssemblyFactory()
    address = Address.objects.create(
        assembly=assembly,
        line=2,
        street="Dorpsstraat",
        number=1,
        postcode="1234AB",
        city="Voorbeeldstad",
        area_code="BU01",
    )
    invitation = Invitation.objects.create(assembly=assembly, address=address, code="ABCDEFGHJK")
    Registration.objects.create(
        assembly=assembly,
        invitation=invitation,
        user=person,
        name="Tulpje",
        characteristics={"leeftijd": "jong"},
    )
    from samenspraak.delivery.factories import DeliveryProjectFactory
    from samenspraak.delivery.models import Update

    project = DeliveryProjectFactory(created_by=person)
    Update.objects.create(
        project=project, body="De bankjes staan er", author=person, posted_at=timezone.now()
    )
    later = timezone.now() + datetime.timedelta(days=2)
    Mute.objects.create(user=person, until=later, reason="Scheldwoorden", muted_by=UserFactory())
    Mute.objects.create(user=UserFactory(), until=later, reason="Spam", muted_by=person)

    survey = SurveyFactory()
    question = QuestionFactory(survey=survey, kind=QuestionKind.OPEN, text="Wat mist u?")
    response = Response.objects.create(survey=survey, respondent=person)
    _store_answers(response, {question.pk: question}, {question.pk: "Een bankje"})

    statement = StatementFactory(
        author=person, moderated_by=person, seeded=False, text="Meer schaduw op het plein"
    )
    StatementVote.objects.create(statement=statement, participant=person, value=1)

    information_services.follow(user=person, process=process)
    information_services.update_create(
        actor=person, process=process, title="Nieuws", body="<p>Tekst</p>", notify=False
    )
    information_services.document_create(
        actor=person,
        process=process,
        url="https://example.org/besluit.pdf",
        title="Besluit",
        document_type="besluit",
    )

    budget = BudgetFactory(title="Buurtbudget Noord")
    proposal = BudgetProjectFactory(budget=budget)
    Input.objects.filter(pk=proposal.input_id).update(author=person)  # proposed by the person
    VoterRegister.objects.create(
        budget=budget, user=person, channel="online", voted_on=datetime.date.today()
    )
    CodeBatch.objects.create(budget=budget, label="Brief mei", size=10, created_by=person)
    PaperEntry.objects.create(budget=budget, sheet="A-1", entered_by=person)
    BudgetResult.objects.create(
        budget=budget, rule=budget.rule, computed_at=timezone.now(), published_by=person
    )
    # Citizen initiatives: started one, co-initiator of another, signed a third; as clerk entered
    # a paper list, verified a council member and recorded a decision; and is a council member.
    InitiativeFactory(initiator=person, title="Bankjes in het park")
    CoInitiator.objects.create(initiative=InitiativeFactory(), user=person)
    signed = InitiativeFactory(title="Een speeltuin")
    Signature.objects.create(initiative=signed, user=person, notify=True)
    PaperList.objects.create(
        initiative=signed, received_on=datetime.date.today(), entered_by=person
    )
    other_member = CouncilMember.objects.create(
        user=UserFactory(),
        municipality=signed.municipality,
        name="Raadslid Jansen",
        party="Partij",
        verified_by=person,
        verified_at=timezone.now(),
    )
    own_profile = CouncilMember.objects.create(
        user=person,
        municipality=signed.municipality,
        name="Tulpje",
        party="Partij",
        verified_by=other_member.user,
        verified_at=timezone.now(),
    )
    CouncilReaction.objects.create(initiative=signed, member=own_profile, body="Goed plan")
    CouncilDecision.objects.create(
        initiative=signed,
        meeting=MeetingFactory(municipality=signed.municipality),
        outcome="adopted",
        motivation="De raad steunt het.",
        decided_on=datetime.date.today(),
        recorded_by=person,
    )

    integration = Integration.objects.create(  # an API integration acting as the person
        name="Zaaksysteem", token_prefix="abc123", token_hash="0" * 64, created_by=person
    )
    Subscription.objects.create(  # and its webhook, which they set up
        integration=integration,
        event_types=["nl.samenspraak.consultation.input.answered"],
        target_url="https://zaken.example.nl/hook",
        secret="whsec_test",
        created_by=person,
    )
    return {
        "input": idea,
        "comment": comment,
        "support": support,
        "response": response,
        "statement": statement,
    }


def _referring(person) -> dict[str, int]:
    """{"app.Model.field": rows} for every user reference that still points at `person`."""
    from django.apps import apps

    found = {}
    for name in privacy.user_references():
        app_label, model_name, field = name.split(".")
        model = apps.get_model(app_label, model_name)
        count = model._default_manager.filter(**{field: person.pk}).count()
        if count:
            found[name] = count
    return found


def test_export_is_complete_and_erasure_leaves_no_trace(client):
    person = StaffUserFactory(display_name="Tulpje")
    email = person.email
    log_in_staff(client, person)  # a real log-in: last_login, a session, audit entries
    public = _one_of_everything(person)
    assert DBTaskResult.objects.filter(args_kwargs__icontains=email).exists()

    response = client.get(reverse("accounts:data_download"))
    assert response.status_code == 200
    data = json.loads(response.content)

    # Every handler's part is there, and every section of it has something in it.
    for handler in privacy.handlers():
        assert handler.key in data, handler.key
        part = data[handler.key]
        assert isinstance(part, dict) and part, handler.key
        empty = [section for section, rows in part.items() if not rows]
        assert empty == [], f"{handler.key}: empty sections {empty}"
    account = data["account"]
    assert account["profile"]["last_login"] and account["profile"]["date_joined"]
    assert account["second_factors"][0]["type"] == "totp"
    assert account["failed_logins"][0]["ip_address"] == "192.0.2.1"
    assert "accounts.locked_out" in [e["action"] for e in account["audit_log_about_me"]]
    assert account["emails_sent"][0]["subject"] == "Uw inbreng is beantwoord"
    assert data["consultation"]["inputs"][0]["body"] == "Op het plein"
    assert data["dialogue"]["comments"][0]["body"] == "Mijn eigen reactie"
    assert data["dialogue"]["reports_filed"][0]["reason"] == "Dit klopt niet"
    assert data["surveys"]["responses"][0]["answers"] == [
        {"question": "Wat mist u?", "answer": "Een bankje"}
    ]
    assert data["information"]["follows"][0]["process"] == "Het plein"
    assert data["conversations"]["votes"][0]["statement"] == "Meer schaduw op het plein"
    assert data["initiatives"]["initiatives_started"][0]["title"] == "Bankjes in het park"
    assert data["initiatives"]["signatures"][0]["title"] == "Een speeltuin"
    assert data["budgeting"]["votes"][0]["budget"] == "Buurtbudget Noord"
    assert data["budgeting"]["proposals"][0]["budget"] == "Buurtbudget Noord"
    assert data["api"]["integrations"][0]["name"] == "Zaaksysteem"
    # Secrets never: not the TOTP secret, not the session key.
    body = response.content.decode()
    assert person.totp_secret not in body
    assert Authenticator.objects.get(user=person).data["secret"] not in body
    assert client.session.session_key not in body

    services.account_anonymise(user=person)

    # Nothing refers to the person any more, except what is kept on purpose.
    left = _referring(person)
    assert set(left) == set(privacy.RETAINED_AFTER_ERASURE), left
    assert not EmailAddress.objects.filter(email__iexact=email).exists()
    assert not DBTaskResult.objects.filter(args_kwargs__icontains=email).exists()
    assert not [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(person.pk)
    ]
    logs = list(audit.AuditLogEntry.objects.values("target_repr", "changes"))
    logs += list(LogEntry.objects.values("object_repr", "change_message"))
    assert "Tulpje" not in json.dumps(logs, default=str) and email not in json.dumps(logs)
    # The public contributions stay, without the author.
    item = Input.objects.get(pk=public["input"].pk)
    assert (item.title, item.body, item.author_id) == ("Meer bankjes", "Op het plein", None)
    comment = Comment.objects.get(pk=public["comment"].pk)
    assert (comment.body, comment.author_id) == ("Mijn eigen reactie", None)
    assert Support.objects.get(pk=public["support"].pk).user_id is None
    assert Response.objects.get(pk=public["response"].pk).respondent_id is None
    statement = Statement.objects.get(pk=public["statement"].pk)
    assert (statement.text, statement.author_id) == ("Meer schaduw op het plein", None)
    assert not StatementVote.objects.filter(statement=statement).exists()  # votes are private
    assert Report.objects.get(reason="Dit klopt niet").reporter_id is None
    assert VoterRegister.objects.filter(user__isnull=True, channel="online").count() == 1
    assert not Integration.objects.get(name="Zaaksysteem").is_active  # no one answers for it
    assert not Subscription.objects.get(target_url="https://zaken.example.nl/hook").is_active
    # Their browser is logged out, and the input's page shows no name.
    assert client.get(reverse("accounts:overview")).status_code == 302
    page = Client().get(item.get_absolute_url()).content.decode()
    assert "Tulpje" not in page and "Mijn eigen reactie" in page


def test_erasure_of_someone_else_leaves_this_person_alone():
    person, other = UserFactory(), UserFactory()
    idea = InputFactory(author=person)
    CommentFactory(target=idea, author=person)
    services.account_anonymise(user=other)
    assert _referring(person) == {
        "account.EmailAddress.user": 1,
        "consultation.Input.author": 1,
        "dialogue.Comment.author": 1,
    }


def test_an_address_inside_another_address_is_not_the_person(client):
    """jan@… is not marjan@…: Jan's download and erasure leave Marjan's mail and log-in alone."""
    jan = UserFactory(email="jan@example.org")
    marjan = UserFactory(email="marjan@example.org")
    send_mail_later("Voor Jan", "Tekst", ["jan@example.org"])
    send_mail_later("Voor Marjan", "Tekst", ["marjan@example.org"])
    marjans_browser = Client()
    marjans_browser.force_login(marjan)

    exported = privacy.export_user_data(jan)["account"]
    assert [m["subject"] for m in exported["emails_sent"]] == ["Voor Jan"]
    assert exported["sessions"] == []

    services.account_anonymise(user=jan)

    assert DBTaskResult.objects.filter(args_kwargs__icontains="marjan@example.org").count() == 1
    assert not DBTaskResult.objects.filter(args_kwargs__icontains='"jan@example.org"').exists()
    assert marjans_browser.get(reverse("accounts:overview")).status_code == 200
