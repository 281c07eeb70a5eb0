"""The process wizard, end to end with the test client: goal → level → commitment → phases →
preview → publish, with the checks that make sense."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspraak.core.models import AuditLogEntry
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory, TopicFactory
from samenspraak.processes.models import Process, ProcessStatus

pytestmark = pytest.mark.django_db


def step(process, key):
    return reverse("processes:manage_step", args=[process.slug, key])


@pytest.fixture
def municipality():
    return MunicipalityFactory()


def fill_goal(client, **extra):
    data = {
        "title": "Een nieuw park aan de Singel",
        "summary": "Denk mee over het park.",
        "goal": "We willen weten wat bewoners in het park willen doen.",
        "description": "",
        "policy_phase": "policy_making",
        **extra,
    }
    return client.post(reverse("processes:manage_new"), data)


def add_phase(client, process, kind, title, first, last):
    return client.post(
        step(process, "fasen"),
        {"kind": kind, "title": title, "description": "", "first_day": first, "last_day": last},
    )


def test_goal_step_stores_a_draft_and_goes_to_the_level_step(manager_client, municipality):
    """From the first step on, the design is a draft process in the database."""
    area = AreaFactory(municipality=municipality)
    topic = TopicFactory(municipality=municipality)
    response = fill_goal(manager_client, areas=[area.pk], topics=[topic.pk])
    process = Process.objects.get()
    assert response.status_code == 302
    assert response["Location"] == step(process, "niveau")
    assert process.status == ProcessStatus.DRAFT
    assert process.slug == "een-nieuw-park-aan-de-singel"
    assert list(process.areas.all()) == [area]
    assert list(process.topics.all()) == [topic]
    assert AuditLogEntry.objects.filter(action="process.created").count() == 1


def test_goal_step_with_empty_fields_comes_back_with_messages(manager_client, municipality):
    response = fill_goal(manager_client, title="", goal="")
    assert response.status_code == 200
    assert not Process.objects.exists()
    body = response.content.decode()
    assert "Denk mee over het park." in body  # what was typed is kept
    assert 'aria-describedby="id_title-error"' in body


def test_wizard_end_to_end_with_co_decide_and_answer_deadline(
    manager_client, municipality, input_kinds
):
    """A manager builds and publishes a co-decide process with an input phase; the co-decide
    check and the answer-deadline check stop publishing until they are met."""
    fill_goal(manager_client)
    process = Process.objects.get()

    response = manager_client.post(step(process, "niveau"), {"level": "co_decide"})
    assert response["Location"] == step(process, "toezegging")

    # A bad deadline comes back with a Dutch message and what was typed.
    response = manager_client.post(
        step(process, "toezegging"),
        {
            "commitment": "Het plan dat de meeste steun krijgt, voeren wij uit.",
            "commitment_owner": "De wethouder",
            "decision_maker": "Bewoners samen",
            "answer_days": "120",
        },
    )
    assert response.status_code == 200
    assert "hoogstens 90 dagen" in response.content.decode()
    assert "De wethouder" in response.content.decode()
    response = manager_client.post(
        step(process, "toezegging"),
        {
            "commitment": "Het plan dat de meeste steun krijgt, voeren wij uit.",
            "commitment_owner": "De wethouder",
            "commitment_due": "2027-06-30",
            "decision_maker": "Bewoners samen",
            "answer_days": "14",
        },
    )
    assert response["Location"] == step(process, "fasen")

    today = timezone.localdate()
    first, last = today, today + datetime.timedelta(days=27)
    response = add_phase(
        manager_client, process, "consultation.collect", "Ideeën geven", first, last
    )
    assert response.status_code == 302
    # An overlapping phase is refused with a clear message.
    response = add_phase(
        manager_client,
        process,
        "processes.inform",
        "Te vroeg",
        today + datetime.timedelta(days=10),
        today + datetime.timedelta(days=40),
    )
    assert response.status_code == 200
    assert "overlappen" in response.content.decode()
    # A phase that ends before it starts too.
    response = add_phase(manager_client, process, "processes.inform", "Achterstevoren", last, first)
    assert "op of na de eerste dag" in response.content.decode()

    preview = manager_client.get(step(process, "voorbeeld"))
    assert "Bij meebeslissen hoort een besluitfase of een beslisregel" in preview.content.decode()

    response = manager_client.post(step(process, "publiceren"))
    assert response.status_code == 200
    assert "besluitfase" in response.content.decode()
    process.refresh_from_db()
    assert process.status == ProcessStatus.DRAFT

    add_phase(
        manager_client,
        process,
        "processes.decide",
        "Besluit",
        last + datetime.timedelta(days=1),
        last + datetime.timedelta(days=30),
    )
    response = manager_client.post(step(process, "publiceren"))
    assert response.status_code == 302
    assert response["Location"] == reverse("processes:process_detail", args=[process.slug])
    process.refresh_from_db()
    assert process.status == ProcessStatus.PUBLISHED
    assert process.published_at is not None
    assert [p.kind for p in process.phases.order_by("order")] == [
        "consultation.collect",
        "processes.decide",
    ]
    entry = AuditLogEntry.objects.get(action="process.published")
    assert entry.target_id == str(process.pk)


def test_co_decide_with_a_decision_rule_needs_no_decision_phase(manager_client, municipality):
    fill_goal(manager_client)
    process = Process.objects.get()
    manager_client.post(
        step(process, "niveau"),
        {"level": "co_decide", "decision_rule": "Het idee met de meeste stemmen wint."},
    )
    manager_client.post(
        step(process, "toezegging"),
        {
            "commitment": "Wij voeren het uit.",
            "commitment_owner": "Wethouder",
            "decision_maker": "Bewoners",
            "answer_days": "21",
        },
    )
    today = timezone.localdate()
    add_phase(
        manager_client,
        process,
        "processes.inform",
        "Informatie",
        today,
        today + datetime.timedelta(days=5),
    )
    assert manager_client.post(step(process, "publiceren")).status_code == 302


def test_an_input_phase_needs_an_answer_deadline(manager, input_kinds):
    """The service refuses a phase that asks for input while the process has no valid deadline,
    and publishing reports it."""
    from django.core.exceptions import ValidationError

    from samenspraak.processes import services
    from samenspraak.processes.factories import PhaseFactory, ProcessFactory

    process = ProcessFactory(status=ProcessStatus.DRAFT, answer_days=0)
    with pytest.raises(ValidationError) as error:
        services.phase_add(
            actor=manager,
            process=process,
            kind="consultation.collect",
            title="Inbreng",
            starts_at=timezone.now(),
            ends_at=timezone.now() + datetime.timedelta(days=7),
        )
    assert "antwoordtermijn" in str(error.value)
    PhaseFactory(process=process, kind="consultation.collect")
    assert any("antwoordtermijn" in p for p in services.publish_problems(process))


def test_unknown_step_is_404(manager_client, municipality):
    fill_goal(manager_client)
    process = Process.objects.get()
    assert manager_client.get(step(process, "onzin")).status_code == 404


def test_every_step_page_renders(manager_client, municipality, input_kinds):
    fill_goal(manager_client)
    process = Process.objects.get()
    for key in ("doel", "niveau", "toezegging", "fasen", "voorbeeld", "publiceren"):
        response = manager_client.get(step(process, key))
        assert response.status_code == 200, key
        assert response.content.decode().count("<h1") == 1


def test_unpublish_makes_the_process_a_draft_again(manager_client, municipality):
    from samenspraak.processes.factories import ProcessFactory

    process = ProcessFactory(municipality=municipality)
    response = manager_client.post(reverse("processes:manage_unpublish", args=[process.slug]))
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.status == ProcessStatus.DRAFT


def test_the_goal_step_previews_rich_text_as_the_process_page_shows_it(
    manager_client, municipality
):
    """'Voorbeeld bekijken' on the goal step saves nothing; after saving and publishing, the
    public page renders the goal exactly as the preview did (headings one level down, under
    the page's own h2 "Waarom vragen we dit?")."""
    import re

    goal = (
        "We willen weten wat u **belangrijk** vindt.\n\n## Wat al vaststaat\n\n- de bomen blijven"
    )
    preview = fill_goal(manager_client, goal=goal, voorbeeld="1")
    assert preview.status_code == 200
    assert not Process.objects.exists()
    shown = re.search(
        r'<div class="prose richtext-preview__text">(.*?)</div>',
        preview.content.decode(),
        flags=re.DOTALL,
    ).group(1)
    assert "<strong>belangrijk</strong>" in shown and "<h3>Wat al vaststaat</h3>" in shown

    fill_goal(manager_client, goal=goal)
    process = Process.objects.get()
    page = manager_client.get(step(process, "voorbeeld")).content.decode()
    section = page.split('id="goal"', 1)[1]
    public = re.search(r'<div class="prose">(.*?)</div>', section, flags=re.DOTALL).group(1)
    assert public == shown
