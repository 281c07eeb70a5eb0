"""Consultation's sections of Mijn Samenspraak (my input, what I support) and taking a support
back through `services.support_withdraw`."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from samenspraak.accounts.factories import UserFactory
from samenspraak.budgeting.phases import PROPOSE
from samenspraak.consultation import sections, services
from samenspraak.consultation.factories import (
    InputFactory,
    OfficialAnswerFactory,
    SupportFactory,
)
from samenspraak.consultation.models import Input, Outcome, Support
from samenspraak.consultation.tests.conftest import phase_at
from samenspraak.processes.factories import PhaseFactory, ProcessFactory


def warm_caches():
    """The content type and the municipality are cached per process after their first use."""
    from django.contrib.contenttypes.models import ContentType

    from samenspraak.organisations.selectors import current_municipality

    ContentType.objects.get_for_model(Input)
    current_municipality()


def test_mine_inputs_lists_own_input_with_status_and_answer(resident, django_assert_num_queries):
    answered = InputFactory(author=resident, title="Bankjes")
    OfficialAnswerFactory(input=answered, outcome=Outcome.NOT_ADOPTED, body="Past niet.")
    waiting = InputFactory(author=resident, title="Bomen")
    InputFactory(title="Van iemand anders")
    warm_caches()

    with django_assert_num_queries(2):  # the input with answers joined; moderation decisions
        context = sections.mine_inputs(resident)
        items = {item.title: item for item in context["items"]}
        assert items["Bankjes"].answer.outcome == Outcome.NOT_ADOPTED
        assert items["Bomen"].status == waiting.status
    assert set(items) == {"Bankjes", "Bomen"}
    assert context["more"] == 0
    assert all(item.viewable for item in items.values())


def test_mine_inputs_leaves_budget_proposals_to_budgeting(resident):
    InputFactory(author=resident, phase=PhaseFactory(kind=PROPOSE))
    assert sections.mine_inputs(resident) is None


def test_mine_inputs_says_nothing_for_someone_who_gave_none(resident):
    InputFactory()
    assert sections.mine_inputs(resident) is None


def test_mine_inputs_of_a_draft_process_are_listed_without_a_link(resident):
    process = ProcessFactory(status="draft")
    item = InputFactory(
        author=resident, phase=PhaseFactory(process=process, kind="consultation.collect")
    )
    [shown] = sections.mine_inputs(resident)["items"]
    assert shown == item and not shown.viewable


def test_mine_inputs_counts_what_is_left_out_past_the_limit(resident, monkeypatch):
    from samenspraak.core import registry

    monkeypatch.setattr(registry, "ACCOUNT_SECTION_LIMIT", 2)
    for _ in range(5):
        InputFactory(author=resident, phase=InputFactory(author=resident).phase)
    context = sections.mine_inputs(resident)
    assert len(context["items"]) == 2
    assert context["more"] == 8


def test_mine_supports_says_which_can_be_taken_back(process):
    resident = UserFactory()
    running = InputFactory(phase=phase_at(process, "during"), title="Loopt")
    closed = InputFactory(phase=phase_at(process, "after"), title="Voorbij")
    SupportFactory(user=resident, input=running)
    SupportFactory(user=resident, input=closed)
    SupportFactory(input=running)

    context = sections.mine_supports(resident)
    shown = {s.input.title: s.withdrawable for s in context["supports"]}
    assert shown == {"Loopt": True, "Voorbij": False}


def test_support_withdraw_lowers_the_count_once(process):
    resident = UserFactory()
    item = InputFactory(phase=phase_at(process, "during"))
    services.input_support(user=resident, input=item)
    assert Input.objects.get(pk=item.pk).support_count == 1

    assert services.support_withdraw(user=resident, input=item) is True
    assert services.support_withdraw(user=resident, input=item) is False
    assert Input.objects.get(pk=item.pk).support_count == 0
    assert not Support.objects.filter(input=item).exists()


def test_support_withdraw_is_refused_once_the_phase_is_over(process):
    resident = UserFactory()
    item = InputFactory(phase=phase_at(process, "after"))
    SupportFactory(user=resident, input=item)
    Input.objects.filter(pk=item.pk).update(support_count=1)
    with pytest.raises(PermissionDenied):
        services.support_withdraw(user=resident, input=item)
    assert Input.objects.get(pk=item.pk).support_count == 1


@pytest.mark.django_db
def test_withdraw_view_goes_back_to_mijn_samenspraak_with_a_message(client, process):
    resident = UserFactory()
    item = InputFactory(phase=phase_at(process, "during"), title="Speeltuin")
    services.input_support(user=resident, input=item)
    client.force_login(resident)
    url = reverse("consultation:input_support_withdraw", args=[process.slug, item.pk])
    mine = reverse("accounts:mine")

    response = client.post(url, {"next": mine + "#mijn-steun"}, follow=True)

    assert response.redirect_chain == [(mine + "#mijn-steun", 302)]
    assert "U steunt „Speeltuin” niet meer." in response.content.decode()
    assert Input.objects.get(pk=item.pk).support_count == 0


@pytest.mark.django_db
def test_withdraw_view_refuses_a_foreign_next_and_a_closed_phase(client, process):
    resident = UserFactory()
    item = InputFactory(phase=phase_at(process, "after"))
    SupportFactory(user=resident, input=item)
    client.force_login(resident)
    url = reverse("consultation:input_support_withdraw", args=[process.slug, item.pk])

    response = client.post(url, {"next": "https://elders.example/"}, follow=True)

    assert response.redirect_chain[-1][0] == item.get_absolute_url()
    assert "de fase om te steunen is voorbij" in response.content.decode()
    assert Support.objects.filter(input=item, user=resident).exists()


@pytest.mark.django_db
def test_withdraw_view_sends_a_visitor_to_log_in(client, process):
    item = InputFactory(phase=phase_at(process, "during"))
    url = reverse("consultation:input_support_withdraw", args=[process.slug, item.pk])
    response = client.post(url)
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert client.get(url).status_code == 405


@pytest.mark.django_db
def test_the_input_page_offers_to_take_the_support_back_while_support_is_open(client, process):
    resident = UserFactory()
    running = InputFactory(phase=phase_at(process, "during"))
    closed = InputFactory(phase=phase_at(process, "after"))
    SupportFactory(user=resident, input=running)
    SupportFactory(user=resident, input=closed)
    client.force_login(resident)
    withdraw = reverse("consultation:input_support_withdraw", args=[process.slug, running.pk])

    page = client.get(running.get_absolute_url()).content.decode()
    assert f'action="{withdraw}"' in page and "Steun intrekken" in page
    assert "Steun intrekken" not in client.get(closed.get_absolute_url()).content.decode()

    response = client.post(withdraw, {"next": running.get_absolute_url()})
    assert response["Location"] == running.get_absolute_url()
