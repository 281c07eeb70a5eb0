"""The initiative's route through the services: the state machine, thresholds and periods from
the by-law, signatures, paper lists and decisions, with the refusals residents and the clerk
see when something comes out of order."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samenspraak.accounts.factories import UserFactory, VerifiedAttributeFactory
from samenspraak.accounts.models import AttributeKind
from samenspraak.core.models import OutboxEvent
from samenspraak.initiatives import services
from samenspraak.initiatives.factories import (
    ByLawFactory,
    InitiativeFactory,
    MeetingFactory,
    eligible_resident,
)
from samenspraak.initiatives.models import InitiativeKind, Outcome, Signature, Status
from samenspraak.organisations.factories import current_or_new_municipality

TEXT = {
    "kind": InitiativeKind.AGENDA,
    "title": "Een zebrapad bij de school",
    "problem": "Kinderen steken de drukke weg over zonder veilige plek.",
    "proposal": "Leg een zebrapad aan bij de ingang van de basisschool.",
    "council_ask": "Vraag het college om dit jaar een zebrapad aan te leggen.",
    "area": None,
}


def event_types():
    return list(OutboxEvent.objects.order_by("pk").values_list("type", flat=True))


def start(initiator, **changes):
    return services.initiative_create(
        initiator=initiator, municipality=current_or_new_municipality(), **{**TEXT, **changes}
    )


def admitted(initiator, clerk):
    initiative = start(initiator)
    services.initiative_submit(actor=initiator, initiative=initiative)
    return services.initiative_review(actor=clerk, initiative=initiative, admit=True)


@pytest.mark.django_db
class TestStateMachine:
    def test_full_route_from_concept_to_adopted_writes_a_step_and_event_each(
        self, bylaw, resident, clerk
    ):
        initiative = start(resident)
        assert initiative.status == Status.CONCEPT
        services.initiative_submit(actor=resident, initiative=initiative)
        assert initiative.status == Status.IN_REVIEW
        services.initiative_review(actor=clerk, initiative=initiative, admit=True)
        assert initiative.status == Status.COLLECTING
        assert initiative.signatures_needed == 3
        assert initiative.last_day == timezone.localdate() + datetime.timedelta(days=30)
        for _ in range(3):
            services.signature_add(user=eligible_resident(), initiative=initiative)
        initiative.refresh_from_db()
        assert initiative.status == Status.AGENDA
        meeting = MeetingFactory(starts_at=timezone.now() + datetime.timedelta(hours=1))
        services.initiative_schedule(actor=clerk, initiative=initiative, meeting=meeting)
        assert initiative.status == Status.SCHEDULED
        meeting.starts_at = timezone.now() - datetime.timedelta(hours=1)
        meeting.save()
        services.decision_record(
            actor=clerk,
            initiative=initiative,
            outcome=Outcome.ADOPTED,
            motivation="De raad vindt de veiligheid van kinderen belangrijk.",
            decided_on=timezone.localdate(),
            decision_url="https://voorbeeldstad.raadsinformatie.nl/besluit/1",
        )
        initiative.refresh_from_db()
        assert initiative.status == Status.DECIDED
        steps = list(initiative.steps.values_list("status", flat=True))
        assert steps == [
            Status.CONCEPT,
            Status.IN_REVIEW,
            Status.COLLECTING,
            Status.AGENDA,
            Status.SCHEDULED,
            Status.DECIDED,
        ]
        types = [t.rsplit(".", 2)[-2] + "." + t.rsplit(".", 1)[-1] for t in event_types()]
        assert types == [
            "initiative.submitted",
            "initiative.reviewed",
            "signatures.counted",
            "signatures.counted",
            "signatures.counted",
            "initiative.threshold_reached",
            "initiative.scheduled",
            "council.decided",
        ]

    def test_refusal_needs_a_public_reason_and_is_public(self, bylaw, resident, clerk):
        initiative = start(resident)
        services.initiative_submit(actor=resident, initiative=initiative)
        with pytest.raises(ValidationError) as error:
            services.initiative_review(actor=clerk, initiative=initiative, admit=False, reason="")
        assert "reason" in error.value.message_dict
        services.initiative_review(
            actor=clerk,
            initiative=initiative,
            admit=False,
            reason="Dit gaat over een besluit van de provincie, niet van de raad.",
        )
        assert initiative.status == Status.REFUSED
        assert initiative.is_public
        assert initiative.steps.last().note.startswith("Dit gaat over")

    def test_only_a_concept_can_be_submitted_and_only_a_submitted_one_reviewed(
        self, bylaw, resident, clerk
    ):
        initiative = start(resident)
        with pytest.raises(PermissionDenied):
            services.initiative_review(actor=clerk, initiative=initiative, admit=True)
        services.initiative_submit(actor=resident, initiative=initiative)
        with pytest.raises(PermissionDenied, match="al ingediend"):
            services.initiative_submit(actor=resident, initiative=initiative)
        with pytest.raises(PermissionDenied):
            services.initiative_update(actor=resident, initiative=initiative, **TEXT)

    def test_decision_before_scheduling_is_refused_with_a_clear_message(
        self, bylaw, resident, clerk
    ):
        initiative = InitiativeFactory(status=Status.AGENDA, signature_count=3)
        with pytest.raises(PermissionDenied, match="Zet het eerst op de agenda"):
            services.decision_record(
                actor=clerk,
                initiative=initiative,
                outcome=Outcome.REJECTED,
                motivation="De raad kiest voor een andere oplossing.",
                decided_on=timezone.localdate(),
            )
        assert not initiative.decisions.exists()

    def test_decision_dated_before_the_meeting_is_refused(self, bylaw, clerk):
        meeting = MeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=1))
        initiative = InitiativeFactory(status=Status.SCHEDULED, meeting=meeting)
        with pytest.raises(ValidationError) as error:
            services.decision_record(
                actor=clerk,
                initiative=initiative,
                outcome=Outcome.REJECTED,
                motivation="De raad kiest voor een andere oplossing.",
                decided_on=timezone.localdate() - datetime.timedelta(days=5),
            )
        assert "decided_on" in error.value.message_dict
        initiative.refresh_from_db()
        assert initiative.status == Status.SCHEDULED

    def test_postponed_goes_back_to_the_queue_and_a_later_meeting_decides(self, bylaw, clerk):
        first = MeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=1))
        initiative = InitiativeFactory(status=Status.SCHEDULED, meeting=first)
        services.decision_record(
            actor=clerk,
            initiative=initiative,
            outcome=Outcome.POSTPONED,
            motivation="De raad wil eerst een advies van de wijkraad.",
            decided_on=timezone.localdate(),
        )
        initiative.refresh_from_db()
        assert initiative.status == Status.AGENDA and initiative.meeting is None
        later = MeetingFactory(starts_at=timezone.now() + datetime.timedelta(days=20))
        services.initiative_schedule(actor=clerk, initiative=initiative, meeting=later)
        assert initiative.status == Status.SCHEDULED

    def test_scheduling_on_a_past_meeting_is_refused(self, bylaw, clerk):
        initiative = InitiativeFactory(status=Status.AGENDA)
        past = MeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=1))
        with pytest.raises(ValidationError, match="al geweest"):
            services.initiative_schedule(actor=clerk, initiative=initiative, meeting=past)

    def test_only_the_clerk_moves_the_route(self, bylaw, resident, council_member, manager):
        initiative = InitiativeFactory(status=Status.IN_REVIEW)
        for person in (resident, council_member, manager):
            with pytest.raises(PermissionDenied):
                services.initiative_review(actor=person, initiative=initiative, admit=True)


@pytest.mark.django_db
class TestThresholdsAndPeriods:
    def test_by_law_per_kind_sets_threshold_and_period_when_collecting_starts(
        self, resident, clerk
    ):
        ByLawFactory(kind=InitiativeKind.AGENDA, signatures_needed=3, collect_days=30)
        ByLawFactory(kind=InitiativeKind.PROPOSAL, signatures_needed=500, collect_days=180)
        proposal = start(resident, kind=InitiativeKind.PROPOSAL)
        services.initiative_submit(actor=resident, initiative=proposal)
        services.initiative_review(actor=clerk, initiative=proposal, admit=True)
        assert proposal.signatures_needed == 500
        assert proposal.last_day == timezone.localdate() + datetime.timedelta(days=180)

    def test_changing_the_by_law_later_does_not_move_a_running_initiative(
        self, bylaw, resident, clerk
    ):
        initiative = admitted(resident, clerk)
        bylaw.signatures_needed = 1000
        bylaw.save()
        services.signature_add(user=eligible_resident(), initiative=initiative)
        initiative.refresh_from_db()
        assert initiative.signatures_needed == 3

    def test_a_kind_without_by_law_cannot_be_started(self, bylaw, resident):
        with pytest.raises(PermissionDenied, match="nog geen regels"):
            start(resident, kind=InitiativeKind.PROPOSAL)

    def test_threshold_reached_moves_it_to_the_agenda_queue_once(self, bylaw):
        initiative = InitiativeFactory(signatures_needed=2)
        services.signature_add(user=eligible_resident(), initiative=initiative)
        assert initiative.status == Status.COLLECTING
        services.signature_add(user=eligible_resident(), initiative=initiative)
        assert initiative.status == Status.AGENDA
        with pytest.raises(PermissionDenied, match="genoeg handtekeningen"):
            services.signature_add(user=eligible_resident(), initiative=initiative)
        assert [t for t in event_types() if t.endswith("threshold_reached")] == [
            "nl.samenspraak.initiatives.initiative.threshold_reached"
        ]

    def test_signing_after_the_last_day_is_refused_and_the_clock_expires_it(self, bylaw):
        initiative = InitiativeFactory(last_day=timezone.localdate() - datetime.timedelta(days=1))
        with pytest.raises(PermissionDenied, match="termijn"):
            services.signature_add(user=eligible_resident(), initiative=initiative)
        assert services.expire_clock() == 1
        assert services.expire_clock() == 0  # idempotent
        initiative.refresh_from_db()
        assert initiative.status == Status.EXPIRED
        assert initiative.steps.get().status == Status.EXPIRED

    def test_the_last_day_itself_is_still_open(self, bylaw):
        initiative = InitiativeFactory(last_day=timezone.localdate())
        assert services.signature_add(user=eligible_resident(), initiative=initiative)
        assert services.expire_clock() == 0


@pytest.mark.django_db
class TestSignatures:
    def test_signing_twice_counts_once(self, bylaw):
        initiative = InitiativeFactory(signatures_needed=10)
        person = eligible_resident()
        assert services.signature_add(user=person, initiative=initiative) is True
        assert services.signature_add(user=person, initiative=initiative) is False
        initiative.refresh_from_db()
        assert initiative.signature_count == 1 == Signature.objects.count()

    @pytest.mark.parametrize(
        ("attributes", "message"),
        [
            ([], "Alleen inwoners van de gemeente"),
            ([AttributeKind.RESIDENT_OF_MUNICIPALITY], "16 jaar of ouder"),
            ([AttributeKind.AGE_18_PLUS], "Alleen inwoners van de gemeente"),
        ],
    )
    def test_signing_without_eligibility_is_refused(self, bylaw, attributes, message):
        person = UserFactory()
        for kind in attributes:
            VerifiedAttributeFactory(user=person, kind=kind)
        initiative = InitiativeFactory()
        with pytest.raises(PermissionDenied, match=message):
            services.signature_add(user=person, initiative=initiative)
        assert not Signature.objects.exists()

    def test_an_expired_attribute_does_not_count(self, bylaw):
        person = UserFactory()
        past = timezone.now() - datetime.timedelta(days=400)
        for kind in (AttributeKind.RESIDENT_OF_MUNICIPALITY, AttributeKind.AGE_16_PLUS):
            VerifiedAttributeFactory(user=person, kind=kind, verified_at=past)
        with pytest.raises(PermissionDenied):
            services.signature_add(user=person, initiative=InitiativeFactory())

    def test_eighteen_plus_by_law_refuses_a_sixteen_plus_claim(self):
        ByLawFactory(minimum_age=18)
        with pytest.raises(PermissionDenied, match="18 jaar"):
            services.signature_add(
                user=eligible_resident(age=AttributeKind.AGE_16_PLUS),
                initiative=InitiativeFactory(),
            )
        assert services.signature_add(
            user=eligible_resident(age=AttributeKind.AGE_18_PLUS), initiative=InitiativeFactory()
        )

    def test_staff_do_not_sign(self, bylaw, clerk):
        VerifiedAttributeFactory(user=clerk, kind=AttributeKind.RESIDENT_OF_MUNICIPALITY)
        VerifiedAttributeFactory(user=clerk, kind=AttributeKind.AGE_18_PLUS)
        with pytest.raises(PermissionDenied, match="Medewerkers"):
            services.signature_add(user=clerk, initiative=InitiativeFactory())

    def test_withdraw_while_open_then_not_after_closing(self, bylaw):
        initiative = InitiativeFactory(signatures_needed=2)
        person = eligible_resident()
        services.signature_add(user=person, initiative=initiative)
        assert services.signature_withdraw(user=person, initiative=initiative) is True
        assert initiative.signature_count == 0
        assert services.signature_withdraw(user=person, initiative=initiative) is False
        services.signature_add(user=person, initiative=initiative)
        services.signature_add(user=eligible_resident(), initiative=initiative)
        assert initiative.status == Status.AGENDA
        with pytest.raises(PermissionDenied, match="Intrekken kan niet meer"):
            services.signature_withdraw(user=person, initiative=initiative)
        assert Signature.objects.filter(user=person).exists()


@pytest.mark.django_db
class TestPaperLists:
    def test_lines_count_and_duplicates_are_skipped_and_named(self, bylaw, clerk):
        initiative = InitiativeFactory(signatures_needed=10)
        online = eligible_resident(email="piet@example.org")
        services.signature_add(user=online, initiative=initiative)
        result = services.paper_list_enter(
            actor=clerk,
            initiative=initiative,
            received_on=timezone.localdate(),
            lines="\n".join(
                [
                    "Anna de Vries; 9991 AB; 12",
                    "Bram Jansen\t9992CD\t3a",
                    "anna de  vries; 9991ab; 12",  # the same person again
                    "Piet Bakker; 9993 EF; 7; Piet@example.org",  # signed online
                ]
            ),
        )
        assert result.accepted == 2
        assert result.duplicates == [
            (3, "staat al eerder op deze lijst"),
            (4, "heeft al online getekend"),
        ]
        again = services.paper_list_enter(
            actor=clerk,
            initiative=initiative,
            received_on=timezone.localdate(),
            lines="Bram Jansen; 9992 CD; 3A\nCor Smit; 9994 GH; 1",
        )
        assert again.accepted == 1
        assert again.duplicates == [(1, "staat al op een eerdere lijst")]
        initiative.refresh_from_db()
        assert initiative.signature_count == 4 == Signature.objects.count()

    def test_a_wrong_line_saves_nothing_and_names_every_wrong_line(self, clerk):
        ByLawFactory(postcodes="9990-9999")
        initiative = InitiativeFactory()
        with pytest.raises(ValidationError) as error:
            services.paper_list_enter(
                actor=clerk,
                initiative=initiative,
                received_on=timezone.localdate(),
                lines=(
                    "Anna; 9991 AB; 12\nBram; 12345; 3\nCor; 1011 AB; 4\n"
                    "Dirk; 9991 AB\nEva; 9991AB; x"
                ),
            )
        messages = error.value.message_dict["lines"]
        assert [m.split(":")[0] for m in messages] == ["Regel 2", "Regel 3", "Regel 4", "Regel 5"]
        assert "ligt niet in de gemeente" in messages[1]
        assert not Signature.objects.exists()

    def test_a_paper_list_can_reach_the_threshold(self, bylaw, clerk):
        initiative = InitiativeFactory(signatures_needed=2)
        services.paper_list_enter(
            actor=clerk,
            initiative=initiative,
            received_on=timezone.localdate(),
            lines="Anna; 9991 AB; 1\nBram; 9991 AB; 2",
        )
        assert initiative.status == Status.AGENDA

    def test_only_the_clerk_enters_paper_lists_and_only_while_collecting(
        self, bylaw, clerk, manager
    ):
        initiative = InitiativeFactory()
        with pytest.raises(PermissionDenied):
            services.paper_list_enter(
                actor=manager,
                initiative=initiative,
                received_on=timezone.localdate(),
                lines="A; 9991 AB; 1",
            )
        closed = InitiativeFactory(status=Status.AGENDA)
        with pytest.raises(PermissionDenied):
            services.paper_list_enter(
                actor=clerk,
                initiative=closed,
                received_on=timezone.localdate(),
                lines="A; 9991 AB; 1",
            )


@pytest.mark.django_db
def test_co_initiator_joins_by_the_link_only_with_the_right_token(bylaw, resident):
    initiative = start(resident)
    other = eligible_resident()
    with pytest.raises(PermissionDenied):
        services.co_initiator_join(user=other, initiative=initiative, token="fout")
    assert services.co_initiator_join(
        user=other, initiative=initiative, token=initiative.invite_token
    )
    assert not services.co_initiator_join(
        user=other, initiative=initiative, token=initiative.invite_token
    )
    assert list(initiative.co_initiators.values_list("user", flat=True)) == [other.pk]
