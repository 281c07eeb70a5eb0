"""A small public world for the API: a published and a draft process, inputs (one hidden by a
moderator), an area, a budget with a published result and one without, and integrations."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role


@dataclass
class World:
    municipality: object
    process: object
    draft: object
    area: object
    inputs: list
    hidden: object
    draft_input: object
    budget: object
    unpublished_budget: object
    author: object


def hide(obj, *, by=None):
    from django.contrib.contenttypes.models import ContentType

    from samenspraak.dialogue.factories import HouseRuleFactory
    from samenspraak.dialogue.models import ModerationDecision

    return ModerationDecision.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        hidden=True,
        rule=HouseRuleFactory(),
        decided_by=by,
    )


@pytest.fixture
def world(db) -> World:
    from samenspraak.budgeting.factories import BudgetFactory, BudgetProjectFactory
    from samenspraak.budgeting.models import BudgetResult
    from samenspraak.consultation.factories import InputFactory
    from samenspraak.consultation.models import COLLECT, InputStatus
    from samenspraak.organisations.factories import AreaFactory
    from samenspraak.processes.factories import PhaseFactory, ProcessFactory
    from samenspraak.processes.models import ProcessStatus

    area = AreaFactory(name="Oud-Zuid", slug="oud-zuid")
    process = ProcessFactory(slug="plein", title="Het nieuwe plein")
    process.areas.add(area)
    phase = PhaseFactory(process=process, kind=COLLECT)
    author = UserFactory(display_name="Buurvrouw", email="geheim.adres@example.org")
    inputs = [
        InputFactory(phase=phase, author=author, area=area, title="Bankjes bij de fontein"),
        InputFactory(phase=phase, author=author, status=InputStatus.IN_PROGRESS),
        InputFactory(phase=phase, author=author),
    ]
    hidden = InputFactory(phase=phase, author=author, title="Scheldwoorden")
    hide(hidden)
    draft = ProcessFactory(slug="concept", status=ProcessStatus.DRAFT, published_at=None)
    draft_input = InputFactory(phase=PhaseFactory(process=draft, kind=COLLECT))
    # Budget projects are inputs too: they live in their own process.
    budgeting = ProcessFactory(slug="buurtbudget", title="Buurtbudget")
    budget = BudgetFactory(process=budgeting, title="Buurtbudget Oud-Zuid")
    funded = BudgetProjectFactory(budget=budget)
    other = BudgetProjectFactory(budget=budget)
    now = timezone.now()
    BudgetResult.objects.create(
        budget=budget,
        rule="greedy",
        selected=[funded.pk],
        tally={
            "vote_type": "approval",
            "projects": {str(funded.pk): {"votes": 7, "score": 7}, str(other.pk): {"votes": 2}},
        },
        ballots=9,
        computed_at=now - datetime.timedelta(hours=1),
        published_at=now,
    )
    unpublished_budget = BudgetFactory(process=budgeting, title="Nog niet bekend")
    BudgetResult.objects.create(budget=unpublished_budget, rule="greedy", computed_at=now)
    return World(
        municipality=process.municipality,
        process=process,
        draft=draft,
        area=area,
        inputs=inputs,
        hidden=hidden,
        draft_input=draft_input,
        budget=budget,
        unpublished_budget=unpublished_budget,
        author=author,
    )


@pytest.fixture
def api():
    return Client()


@pytest.fixture
def manager(db):
    return StaffUserFactory(role=Role.PROCESS_MANAGER)


@pytest.fixture
def administrator(db):
    return StaffUserFactory(role=Role.ADMINISTRATOR)


def make_token(actor, *scopes, name=None):
    from samenspraak.api import services
    from samenspraak.api.models import Integration

    name = name or f"Koppeling {Integration.objects.count() + 1}"
    # An administrator creates it; it acts as `actor` (whose role the services check).
    admin = StaffUserFactory(role=Role.ADMINISTRATOR)
    integration, token = services.integration_create(actor=admin, name=name, scopes=scopes)
    integration.created_by = actor
    integration.save(update_fields=["created_by"])
    return integration, token


@pytest.fixture
def answer_token(manager):
    return make_token(manager, "inputs:answer")[1]


@pytest.fixture
def update_token(manager):
    return make_token(manager, "updates:publish")[1]


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
