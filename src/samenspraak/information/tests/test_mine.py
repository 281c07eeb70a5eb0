"""Information's section of Mijn Samenspraak: the processes the person follows, each with its
latest published news, in one query."""

import datetime

import pytest
from django.utils import timezone

from samenspraak.accounts.factories import UserFactory
from samenspraak.information import sections
from samenspraak.information.models import Follow, Update
from samenspraak.processes.factories import ProcessFactory

pytestmark = pytest.mark.django_db


def test_follows_show_the_latest_published_news(django_assert_num_queries):
    user = UserFactory()
    process = ProcessFactory(title="Stationsplein")
    quiet = ProcessFactory(title="Parkweg")
    now = timezone.now()
    Update.objects.create(
        process=process, title="Oud", body=".", published_at=now - datetime.timedelta(days=3)
    )
    Update.objects.create(
        process=process, title="Nieuw", body=".", published_at=now - datetime.timedelta(days=1)
    )
    Update.objects.create(
        process=process, title="Later", body=".", published_at=now + datetime.timedelta(days=1)
    )
    Follow.objects.create(user=user, process=process)
    Follow.objects.create(user=user, process=quiet)
    Follow.objects.create(user=UserFactory(), process=ProcessFactory())

    with django_assert_num_queries(1):
        follows = {f.process.title: f for f in sections.mine_follows(user)["follows"]}

    assert set(follows) == {"Stationsplein", "Parkweg"}
    assert follows["Stationsplein"].latest_update_title == "Nieuw"
    assert follows["Parkweg"].latest_update_pk is None


def test_following_nothing_shows_no_section():
    assert sections.mine_follows(UserFactory()) is None


def test_the_page_offers_to_stop_following_and_comes_back(client):
    user = UserFactory()
    process = ProcessFactory(title="Stationsplein")
    Follow.objects.create(user=user, process=process)
    client.force_login(user)

    page = client.get("/mijn/samenspraak/").content.decode()
    assert "Niet meer volgen" in page

    response = client.post(
        f"/processen/{process.slug}/volgen/",
        {"action": "unfollow", "next": "/mijn/samenspraak/#mijn-volgen"},
    )
    assert response["Location"] == "/mijn/samenspraak/#mijn-volgen"
    assert not Follow.objects.filter(user=user).exists()
