"""Volunteers hear the outcome when the panel is published: selected, reserve (with their
place) or not selected, each in the language they registered in; once."""

from __future__ import annotations

import pytest
from django.core import mail

from samenspraak.assemblies import notifications, services
from samenspraak.assemblies.events import PanelPublished
from samenspraak.assemblies.models import PoolMember, Registration
from samenspraak.assemblies.tests.test_draw import ready_to_draw
from samenspraak.core import events
from samenspraak.core.models import OutboxEvent

pytestmark = pytest.mark.django_db


def test_every_volunteer_hears_the_outcome_once_in_their_language(
    assembly, manager, run_draw, django_capture_on_commit_callbacks
):
    ready_to_draw(assembly, manager)
    english = Registration.objects.filter(assembly=assembly).order_by("pk")[:5]
    Registration.objects.filter(pk__in=[r.pk for r in english]).update(language="en")
    no_mail = Registration.objects.filter(assembly=assembly).order_by("-pk").first()
    Registration.objects.filter(pk=no_mail.pk).update(email="", phone="06 12345678")
    run_draw(assembly, manager)
    assert mail.outbox == []  # drawn is not final: nobody hears anything yet
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(actor=manager, assembly=assembly)
    members = PoolMember.objects.filter(assembly=assembly).select_related("registration")
    by_address = {m.registration.email: m for m in members if m.registration.email}
    assert len(mail.outbox) == len(by_address) == 14
    seen = {"selected": 0, "reserve": 0, "not_selected": 0}
    for message in mail.outbox:
        (address,) = message.to
        member = by_address[address]
        kind = notifications.outcome(member)
        seen[kind] += 1
        english_mail = member.registration.language == "en"
        assert member.public_id in message.body
        assert f"/burgerberaad/{assembly.pk}/uitslag/" in message.body
        assert ("/en/" in message.body) == english_mail
        if kind == "selected":
            expected = "You have been drawn" if english_mail else "U bent geloot"
            assert expected in message.subject
        elif kind == "reserve":
            expected = (
                f"Your place on the reserve list is {member.reserve_rank}."
                if english_mail
                else f"Uw plaats op de reservelijst is {member.reserve_rank}."
            )
            assert expected in message.body
        else:
            expected = "not been drawn" if english_mail else "niet geloot"
            assert expected in message.body
        # Only their own outcome: no other volunteer's name or address.
        others = [m.registration.name for m in members if m.registration.email != address]
        assert not any(f"{name}," in message.body for name in others)
    assert seen["selected"] == sum(m.on_panel for m in by_address.values()) >= 1
    assert seen["reserve"] == sum(bool(m.reserve_rank) for m in by_address.values()) >= 1
    assert seen["not_selected"] >= 1
    assert any(m.registration.language == "en" for m in by_address.values())
    # The event carries ids only; delivering it again sends nothing more.
    row = OutboxEvent.objects.get(type=PanelPublished.type)
    assert "@" not in str(row.payload) and "Vrijwilliger" not in str(row.payload)
    assert notifications.outcome_mail(events.rebuild(row)) == 0
    assert len(mail.outbox) == 14
