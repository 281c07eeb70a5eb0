"""What discussions adds to other pages and the API: home, area and process sections, Mijn
Samenspraak, search, /api/v1/discussions, privacy export and erasure, the process template and
the demo chapter."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.dialogue import services as dialogue_services
from samenspraak.dialogue.factories import CommentFactory, HouseRuleFactory
from samenspraak.discussions import privacy
from samenspraak.discussions.factories import FollowFactory, SpaceFactory, ThreadFactory
from samenspraak.discussions.models import Follow, Frequency, Thread

pytestmark = pytest.mark.django_db


def test_home_shows_open_spaces(client, space):
    closed = SpaceFactory(municipality=space.municipality, is_open=False, name="Oud gesprek")
    text = client.get("/").content.decode()
    assert "Gesprekken" in text and space.name in text and closed.name not in text


def test_area_page_shows_its_buurtgesprek(client, space):
    text = client.get(reverse("organisations:area_detail", args=[space.area.slug])).content.decode()
    assert "Buurtgesprek" in text and space.get_absolute_url() in text


def test_process_page_shows_the_process_space(client, space):
    from samenspraak.processes.factories import ProcessFactory

    process = ProcessFactory(municipality=space.municipality)
    space.process = process
    space.save()
    url = reverse("processes:process_detail", args=[process.slug])
    text = client.get(url).content.decode()
    assert space.get_absolute_url() in text
    assert url in client.get(space.get_absolute_url()).content.decode()  # and back


def test_mine_lists_what_i_follow(client, thread, resident):
    FollowFactory(user=resident, thread=thread, frequency=Frequency.DAILY)
    FollowFactory(user=resident, space=thread.space)
    client.force_login(resident)
    text = client.get(reverse("accounts:mine")).content.decode()
    assert "Gesprekken die ik volg" in text
    assert thread.title in text and thread.space.name in text
    assert "Eén e-mail per dag met een overzicht" in text


def test_search_finds_threads_but_not_hidden_ones(client, space, moderator):
    found = ThreadFactory(space=space, title="Zwembad openhouden", body="Het zwembad moet blijven.")
    hidden = ThreadFactory(space=space, title="Zwembad reclame", body="Koop zwembadspullen.")
    rule = HouseRuleFactory(municipality=space.municipality)
    dialogue_services.content_hide(target=hidden, actor=moderator, rule=rule)
    text = client.get(reverse("search:search") + "?q=zwembad").content.decode()
    assert found.get_absolute_url() in text
    assert hidden.get_absolute_url() not in text


def test_api_lists_spaces_and_public_threads_without_authors(client, space, moderator):
    visible = ThreadFactory(space=space, title="Zichtbaar", pinned=True)
    CommentFactory.create_batch(2, target=visible)
    hidden = ThreadFactory(space=space, title="Verborgen")
    dialogue_services.content_hide(
        target=hidden, actor=moderator, rule=HouseRuleFactory(municipality=space.municipality)
    )
    body = client.get("/api/v1/discussions").json()
    assert [s["id"] for s in body["results"]] == [space.pk]
    assert body["results"][0]["kind"] == "area"
    assert body["results"][0]["area"] == space.area.slug
    threads = client.get(f"/api/v1/discussions/{space.pk}/threads").json()["results"]
    assert [t["title"] for t in threads] == ["Zichtbaar"]
    assert threads[0]["comments"] == 2 and threads[0]["pinned"] is True
    assert "author" not in str(threads) and visible.author.email not in str(threads)
    assert client.get(f"/api/v1/discussions/{space.pk + 99}/threads").status_code == 404


def test_api_thread_list_costs_the_same_for_3_or_30_threads(client, space):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ThreadFactory.create_batch(3, space=space)
    url = f"/api/v1/discussions/{space.pk}/threads"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    ThreadFactory.create_batch(27, space=space)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many)


def test_privacy_export_and_erase(thread, resident, moderator):
    from samenspraak.discussions import services

    own = ThreadFactory(space=thread.space, author=resident, title="Mijn gesprek")
    FollowFactory(user=resident, thread=thread)
    FollowFactory(user=resident, space=thread.space, frequency=Frequency.DAILY)
    services.summary_write(actor=moderator, thread=own, summary="Kort")
    data = privacy.export(resident)
    assert [t["title"] for t in data["threads_opened"]] == ["Mijn gesprek"]
    assert {f["email"] for f in data["follows"]} == {"immediate", "daily"}
    assert privacy.export(moderator)["summaries_written"] == [
        {"thread": "Mijn gesprek", "summary": "Kort"}
    ]
    privacy.erase(resident)
    privacy.erase(moderator)
    own.refresh_from_db()
    assert own.author is None and own.summary_by is None and own.summary == "Kort"
    assert not Follow.objects.filter(user=resident).exists()
    assert Thread.objects.count() == 2


def test_privacy_handler_is_registered_and_covers_every_user_field():
    from samenspraak.core import components

    handlers = [h for h in components.privacy_handlers() if h.key == "discussions"]
    assert len(handlers) == 1


def test_view_rule_sets_positions_premoderation_and_house_rules(space):
    from samenspraak.core import components
    from samenspraak.discussions.models import Moderation

    rule = next(r for r in components.view_rules() if r.model == "discussions.Thread")
    thread = ThreadFactory(space=space)
    space.house_rules = [{"title": "Over de buurt", "text": "Alleen Oost"}]
    space.moderation = Moderation.PRE
    assert rule.positions is True
    assert rule.premoderate(thread) is True
    assert rule.house_rules(thread) == [("Over de buurt", "Alleen Oost")]
    space.moderation = Moderation.POST
    assert rule.premoderate(thread) is False


def test_the_process_template_is_installed():
    from samenspraak.processes.models import ProcessTemplate
    from samenspraak.processes.services import shipped_templates_install

    shipped_templates_install()
    template = ProcessTemplate.objects.get(key="permanent-buurtgesprek", municipality=None)
    assert template.name == "Permanent buurtgesprek"
    kinds = [phase["kind"] for phase in template.design["phases"]]
    assert kinds == ["discussions.talk", "processes.evaluate"]


def test_demo_spaces_with_lively_threads_a_summary_and_a_hidden_comment():
    from samenspraak.demo.generator import DemoContext
    from samenspraak.dialogue.demo_data import HOUSE_RULES
    from samenspraak.dialogue.models import Comment, HouseRule, ModerationDecision
    from samenspraak.discussions.demo_data import spaces
    from samenspraak.discussions.models import Space
    from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory

    municipality = MunicipalityFactory()
    district = AreaFactory(municipality=municipality, name="Oost")
    ctx = DemoContext(
        seed=1,
        rng=random.Random(1),
        municipality=municipality,
        districts=[district],
        neighbourhoods=[],
        residents=UserFactory.create_batch(30),
        staff={"moderator": [StaffUserFactory(role=Role.MODERATOR)]},
    )
    ctx.data["house_rules"] = [
        HouseRule.objects.create(municipality=municipality, title=t, text=x) for t, x in HOUSE_RULES
    ]
    spaces(ctx)
    names = set(Space.objects.values_list("name", flat=True))
    assert names == {"Buurtgesprek Oost", "Stadsgesprek Klimaat"}
    threads = Thread.objects.all()
    assert threads.count() == 5
    closed = threads.get(is_open=False)
    assert closed.summary and closed.closed_reason
    assert Comment.objects.filter(content_type__model="thread").count() >= 18
    assert ModerationDecision.objects.filter(hidden=True).count() == 1
    assert Follow.objects.count() == 12
    spaces(ctx)  # a second run adds nothing
    assert Space.objects.count() == 2
