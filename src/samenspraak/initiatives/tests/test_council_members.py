"""Council members: the clerk verifies their public profile; only verified members react
publicly on initiatives; the profile page lists their reactions; erasure keeps the reaction
on record without the person."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.core.models import OutboxEvent
from samenspraak.initiatives import services
from samenspraak.initiatives.factories import InitiativeFactory, eligible_resident
from samenspraak.initiatives.models import CouncilMember, CouncilReaction, Status
from samenspraak.organisations.factories import current_or_new_municipality

pytestmark = pytest.mark.django_db


def verified(clerk, user, name="Sanne de Wit", party="Groen Voorbeeldstad"):
    return services.council_member_save(
        actor=clerk,
        municipality=current_or_new_municipality(),
        user=user,
        name=name,
        party=party,
        portfolio="groen, verkeer",
    )


def test_only_the_clerk_verifies_and_only_council_member_accounts(clerk, council_member, manager):
    with pytest.raises(PermissionDenied):
        verified(manager, council_member)
    with pytest.raises(ValidationError) as error:
        verified(clerk, manager)
    assert "user" in error.value.message_dict
    member = verified(clerk, council_member)
    assert member.verified_by == clerk
    again = verified(clerk, council_member, party="Lokaal Belang")
    assert again.pk == member.pk and CouncilMember.objects.get().party == "Lokaal Belang"


def test_only_verified_members_react_on_public_initiatives(bylaw, clerk, council_member):
    initiative = InitiativeFactory()
    with pytest.raises(PermissionDenied, match="griffie controleerde"):
        services.council_reaction_post(
            user=council_member, initiative=initiative, body="Ik steun dit initiatief."
        )
    verified(clerk, council_member)
    for person in (eligible_resident(), clerk):
        with pytest.raises(PermissionDenied):
            services.council_reaction_post(
                user=person, initiative=initiative, body="Ik steun dit initiatief."
            )
    with pytest.raises(PermissionDenied, match="nog niet openbaar"):
        services.council_reaction_post(
            user=council_member,
            initiative=InitiativeFactory(status=Status.CONCEPT),
            body="Ik steun dit initiatief.",
        )
    with pytest.raises(ValidationError):
        services.council_reaction_post(user=council_member, initiative=initiative, body="Ja")
    services.council_reaction_post(
        user=council_member, initiative=initiative, body="Ik steun dit initiatief."
    )
    assert OutboxEvent.objects.filter(type="nl.samenspraak.initiatives.council.reacted").exists()


def test_reaction_shows_on_the_initiative_and_the_profile(client, bylaw, clerk, council_member):
    initiative = InitiativeFactory(title="Bankjes langs de Singel")
    member = verified(clerk, council_member)
    client.force_login(council_member)
    response = client.post(
        reverse("initiatives:council_react", args=[initiative.pk]), {"body": "Kort"}
    )
    assert response.status_code == 200  # back on the page, with the message and the text
    assert "Schrijf minstens" in response.content.decode() and "Kort" in response.content.decode()
    response = client.post(
        reverse("initiatives:council_react", args=[initiative.pk]),
        {"body": "Goed plan; ik vraag het college om de kosten."},
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Sanne de Wit" in page and "Goed plan; ik vraag het college" in page
    profile = client.get(member.get_absolute_url()).content.decode()
    assert "Bankjes langs de Singel" in profile and "Groen Voorbeeldstad" in profile
    assert "Sanne de Wit" in client.get(reverse("initiatives:council_list")).content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        (Role.RESIDENT, 403),
        (Role.COUNCIL_MEMBER, 403),
        (Role.PROCESS_MANAGER, 403),
        (Role.CLERK, 200),
    ],
)
def test_council_member_staff_page_matrix(client, bylaw, role, status):
    if role == Role.RESIDENT:
        client.force_login(eligible_resident())
    elif role != "anonymous":
        client.force_login(StaffUserFactory(role=role))
    assert client.get(reverse("initiatives:council_members")).status_code == status


def test_erasing_a_member_keeps_the_reaction_as_een_raadslid(client, bylaw, clerk, council_member):
    from samenspraak.accounts import privacy

    initiative = InitiativeFactory()
    verified(clerk, council_member)
    services.council_reaction_post(
        user=council_member, initiative=initiative, body="Ik steun dit initiatief."
    )
    exported = privacy.export_user_data(council_member)["initiatives"]
    assert exported["council_member_profile"][0]["reactions"][0]["body"].startswith("Ik steun")
    privacy.anonymise_user_data(council_member)
    assert not CouncilMember.objects.exists()
    assert CouncilReaction.objects.get().member is None
    assert "Een raadslid" in client.get(initiative.get_absolute_url()).content.decode()
