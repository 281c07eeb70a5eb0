import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import NotificationConsent, NotificationKind, Role
from samenspraak.consultation import services
from samenspraak.consultation.factories import InputFactory
from samenspraak.consultation.models import Channel, Input, InputStatus, Outcome, Support
from samenspraak.consultation.tests.conftest import INSIDE, OUTSIDE, phase_at, png_upload
from samenspraak.core.models import AuditLogEntry
from samenspraak.information import services as information_services
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory, TopicFactory

pytestmark = pytest.mark.django_db


def submit(author, phase, **extra):
    fields = {"title": "Meer groen op het plein", "body": "Graag meer bomen en bankjes."}
    fields.update(extra)
    return services.input_submit(author=author, phase=phase, **fields)


def test_resident_submits_input_with_area_point_topic_and_image(phase, resident, area):
    """Input during the collect phase is saved with its place, theme, image and due date."""
    topic = TopicFactory()
    item = submit(
        resident,
        phase,
        area=area,
        latitude=INSIDE[0],
        longitude=INSIDE[1],
        topic=topic,
        image=png_upload(),
        image_alt="Een leeg plein",
    )
    item.refresh_from_db()
    assert item.status == InputStatus.SUBMITTED
    assert item.channel == Channel.ONLINE
    assert item.image.name.endswith(".png")
    assert item.due_date == timezone.localdate() + datetime.timedelta(days=21)


def test_input_outside_the_phase_is_refused(process, resident):
    """Before and after the collect phase nobody can submit."""
    for when in ("before", "after"):
        with pytest.raises(PermissionDenied):
            submit(resident, phase_at(process, when))
    assert not Input.objects.exists()


@pytest.mark.parametrize(
    ("title", "body", "field"),
    [
        ("", "Graag meer bomen en bankjes.", "title"),
        ("Boom", "Graag meer bomen en bankjes.", "title"),
        ("x" * 121, "Graag meer bomen en bankjes.", "title"),
        ("Meer groen", "   ", "body"),
        ("Meer groen", "kort", "body"),
        ("Meer groen", "x" * 5001, "body"),
    ],
)
def test_empty_short_or_huge_text_gets_a_dutch_message(phase, resident, title, body, field):
    """Texts outside 5–120 (title) and 10–5000 (body) characters are refused per field."""
    with pytest.raises(ValidationError) as error:
        submit(resident, phase, title=title, body=body)
    assert field in error.value.message_dict
    assert not Input.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(phase, resident):
    """A text file renamed to .png is not an image."""
    fake = SimpleUploadedFile("foto.png", b"dit is geen afbeelding", content_type="image/png")
    with pytest.raises(ValidationError) as error:
        submit(resident, phase, image=fake, image_alt="Een foto")
    assert "geen afbeelding" in error.value.message_dict["image"][0]


def test_an_image_larger_than_5_mb_is_refused(phase, resident):
    big = SimpleUploadedFile("groot.png", b"0" * (5 * 1024 * 1024 + 1), content_type="image/png")
    with pytest.raises(ValidationError) as error:
        submit(resident, phase, image=big, image_alt="Groot")
    assert "5 MB" in error.value.message_dict["image"][0]


def test_an_image_needs_alternative_text(phase, resident):
    with pytest.raises(ValidationError) as error:
        submit(resident, phase, image=png_upload(), image_alt="  ")
    assert "image_alt" in error.value.message_dict


def test_a_point_outside_the_municipality_is_refused(phase, resident):
    with pytest.raises(ValidationError) as error:
        submit(resident, phase, latitude=OUTSIDE[0], longitude=OUTSIDE[1])
    assert "niet in de gemeente" in error.value.message_dict["latitude"][0]


def test_a_point_in_a_hole_of_an_area_is_outside(phase, resident):
    """Point-in-polygon respects holes (inner rings)."""
    from samenspraak.core.geo import point_in_shape

    shape = {
        "type": "Polygon",
        "coordinates": [
            [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
            [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
        ],
    }
    assert point_in_shape(2, 2, shape)
    assert not point_in_shape(5, 5, shape)
    assert not point_in_shape(11, 5, shape)
    squares = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
            [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]],
        ],
    }
    assert point_in_shape(5.5, 5.5, squares)
    assert not point_in_shape(3, 3, squares)
    assert not point_in_shape(1, 1, {"type": "Point", "coordinates": [1, 1]})


def test_an_area_of_another_municipality_is_refused(phase, resident):
    other = AreaFactory(municipality=MunicipalityFactory())
    with pytest.raises(ValidationError) as error:
        submit(resident, phase, area=other)
    assert "area" in error.value.message_dict


def test_staff_cannot_submit_as_resident(phase):
    with pytest.raises(PermissionDenied):
        submit(StaffUserFactory(role=Role.PROCESS_MANAGER), phase)


def test_supporting_twice_counts_once_and_is_no_error(phase):
    """The second support returns False; the counter and the rows stay at one."""
    item = InputFactory(phase=phase)
    supporter = UserFactory()
    assert services.input_support(user=supporter, input=item) is True
    assert services.input_support(user=supporter, input=item) is False
    item.refresh_from_db()
    assert item.support_count == 1
    assert Support.objects.filter(input=item).count() == 1


def test_support_counter_follows_the_number_of_supports(phase):
    item = InputFactory(phase=phase)
    for _ in range(3):
        services.input_support(user=UserFactory(), input=item)
    item.refresh_from_db()
    assert item.support_count == 3 == item.supports.count()


def test_author_cannot_support_own_input(phase):
    item = InputFactory(phase=phase)
    with pytest.raises(PermissionDenied):
        services.input_support(user=item.author, input=item)


def test_support_after_the_phase_is_refused(process):
    item = InputFactory(phase=phase_at(process, "after"))
    with pytest.raises(PermissionDenied):
        services.input_support(user=UserFactory(), input=item)


def test_offline_input_is_registered_with_channel_date_and_deadline(phase):
    """Paper input gets its deadline from the day it was received, and an audit record."""
    clerk = StaffUserFactory(role=Role.MODERATOR)
    received = timezone.localdate() - datetime.timedelta(days=3)
    item = services.input_register_offline(
        actor=clerk,
        phase=phase,
        channel=Channel.PAPER,
        received_on=received,
        title="Brief over het plein",
        body="Mevrouw schrijft dat zij de bomen wil houden.",
        submitter_name="Mevrouw Jansen",
    )
    assert item.author is None
    assert item.registered_by == clerk
    assert item.due_date == received + datetime.timedelta(days=21)
    assert item.public_name == "Mevrouw J."
    assert AuditLogEntry.objects.filter(action=services.AuditAction.REGISTERED).count() == 1


def test_offline_input_needs_a_channel_and_a_date_not_in_the_future(phase, manager):
    with pytest.raises(ValidationError) as error:
        services.input_register_offline(
            actor=manager,
            phase=phase,
            channel=Channel.ONLINE,
            received_on=timezone.localdate() + datetime.timedelta(days=1),
            title="Brief over het plein",
            body="Mevrouw schrijft dat zij de bomen wil houden.",
        )
    assert set(error.value.message_dict) >= {"channel", "received_on"}


def test_residents_cannot_register_offline_input(phase, resident):
    with pytest.raises(PermissionDenied):
        services.input_register_offline(
            actor=resident,
            phase=phase,
            channel=Channel.PAPER,
            received_on=timezone.localdate(),
            title="Brief over het plein",
            body="Mevrouw schrijft dat zij de bomen wil houden.",
        )


def test_assign_and_start_move_input_into_progress(phase, manager):
    item = InputFactory(phase=phase)
    colleague = StaffUserFactory(role=Role.PROCESS_MANAGER)
    services.input_assign(actor=manager, input=item, owner=colleague)
    services.input_start(actor=colleague, input=item)
    item.refresh_from_db()
    assert item.owner == colleague
    assert item.status == InputStatus.IN_PROGRESS


def test_only_answering_staff_can_own_input(phase, manager):
    item = InputFactory(phase=phase)
    with pytest.raises(ValidationError):
        services.input_assign(actor=manager, input=item, owner=UserFactory())


def answer(actor, item, **extra):
    fields = {
        "body": "We zetten er drie bankjes bij.",
        "outcome": Outcome.ADOPTED,
        "reason": "Het past in het plan.",
    }
    fields.update(extra)
    return services.input_answer(actor=actor, input=item, **fields)


def test_answer_publishes_outcome_and_reason_and_marks_answered(phase, manager):
    item = InputFactory(phase=phase)
    result = answer(manager, item, outcome=Outcome.PARTLY_ADOPTED)
    item.refresh_from_db()
    assert item.status == InputStatus.ANSWERED
    assert item.answered_at == result.published_at
    assert result.outcome == Outcome.PARTLY_ADOPTED
    assert AuditLogEntry.objects.filter(action=services.AuditAction.ANSWERED).count() == 1


def test_answer_without_reason_or_outcome_is_refused(phase, manager):
    item = InputFactory(phase=phase)
    with pytest.raises(ValidationError) as error:
        answer(manager, item, outcome="misschien", reason="")
    assert set(error.value.message_dict) == {"outcome", "reason"}
    item.refresh_from_db()
    assert item.status == InputStatus.SUBMITTED


def test_answer_notifies_the_author_who_wants_answer_mail(
    phase, manager, django_capture_on_commit_callbacks
):
    """The author with consent for ANSWERS gets an e-mail through the task queue."""
    item = InputFactory(phase=phase)
    NotificationConsent.objects.create(user=item.author, kind=NotificationKind.ANSWERS)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer(manager, item)
    recipients = [m.to for m in mail.outbox]
    assert [item.author.email] in recipients
    message = next(m for m in mail.outbox if m.to == [item.author.email])
    assert "Overgenomen" in message.body
    assert "Het past in het plan." in message.body


def test_answer_does_not_mail_an_author_without_consent(
    phase, manager, django_capture_on_commit_callbacks
):
    item = InputFactory(phase=phase)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer(manager, item)
    assert all(m.to != [item.author.email] for m in mail.outbox)


def test_answer_notifies_consenting_followers_once_with_an_absolute_link(
    phase, manager, settings, django_capture_on_commit_callbacks
):
    """The author (consent "answers") and followers of the process who want news about it
    (consent "process updates") get one e-mail each, with a link that works outside the site;
    a follower without that consent gets none."""
    settings.SAMENSPRAAK_SITE_URL = "https://doemee.voorbeeldstad.nl"
    item = InputFactory(phase=phase)
    NotificationConsent.objects.create(user=item.author, kind=NotificationKind.ANSWERS)
    NotificationConsent.objects.create(user=item.author, kind=NotificationKind.PROCESS_UPDATES)
    follower, silent = UserFactory(), UserFactory()
    NotificationConsent.objects.create(user=follower, kind=NotificationKind.PROCESS_UPDATES)
    for person in (follower, silent, item.author):
        information_services.follow(user=person, process=phase.process)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer(manager, item)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([item.author.email, follower.email])
    link = f"https://doemee.voorbeeldstad.nl/processen/{phase.process.slug}/inbreng/{item.pk}/"
    assert all(link in m.body for m in mail.outbox)


def test_answering_again_keeps_the_first_publication_date(phase, manager):
    item = InputFactory(phase=phase)
    first = answer(manager, item)
    second = answer(manager, item, outcome=Outcome.NOT_ADOPTED)
    assert first.pk == second.pk
    assert second.published_at == first.published_at
    assert second.outcome == Outcome.NOT_ADOPTED


def test_deleting_a_process_deletes_its_input_but_a_phase_with_input_stays(phase):
    """Input protects its phase (RESTRICT) but goes with its whole process (demo --reset)."""
    from django.db.models import RestrictedError

    InputFactory(phase=phase)
    with pytest.raises(RestrictedError):
        phase.delete()
    phase.process.municipality.delete()
    assert not Input.objects.exists()


def test_manager_deleting_a_phase_with_input_gets_a_message_and_the_input_stays(
    client, phase, manager
):
    """The wizard's delete button on a phase that holds input explains why it cannot go."""
    from django.urls import reverse

    item = InputFactory(phase=phase)
    client.force_login(manager)
    url = reverse("processes:manage_phase_delete", args=[phase.process.slug, phase.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "kan daarom niet weg" in response.content.decode()
    assert Input.objects.filter(pk=item.pk, phase=phase).exists()
