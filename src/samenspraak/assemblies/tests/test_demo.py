"""The demo chapter: a burgerberaad from the address file to the published panel."""

from __future__ import annotations

import random

import pytest

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.assemblies.demo_data import burgerberaad
from samenspraak.assemblies.models import Assembly, PoolMember, Stage
from samenspraak.demo.generator import DemoContext
from samenspraak.organisations.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_demo_burgerberaad_is_drawn_and_published():
    ctx = DemoContext(
        seed=1,
        rng=random.Random(1),
        municipality=MunicipalityFactory(),
        districts=[],
        neighbourhoods=[],
        residents=[],
        staff={"process_manager": [StaffUserFactory(role=Role.PROCESS_MANAGER)]},
    )
    burgerberaad(ctx)
    assembly = Assembly.objects.get()
    assert assembly.stage == Stage.PUBLISHED, assembly.draw.error
    assert assembly.addresses.count() == 2000
    assert assembly.invitations.count() == 600
    assert assembly.registrations.count() == 150
    assert assembly.registrations.filter(email="", language="en").count() == 5  # by phone
    result = assembly.draw.result
    assert len(result["panel"]) == 24 and len(result["reserves"]) == 6
    assert PoolMember.objects.filter(assembly=assembly, on_panel=True).count() == 24
    # The pool leans old and highly educated, so the probabilities differ.
    assert min(result["probabilities"].values()) < max(result["probabilities"].values())
    burgerberaad(ctx)  # a second run adds nothing
    assert Assembly.objects.count() == 1
