"""Following a process: POST forms that work without JavaScript."""

import pytest
from django.urls import reverse

from samenspraak.information import selectors, services
from samenspraak.information.models import Follow

pytestmark = pytest.mark.django_db


def test_resident_follows_and_unfollows_with_plain_forms(client, resident, process):
    client.force_login(resident)
    url = reverse("information:follow", args=[process.slug])
    response = client.post(url, {"action": "follow", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert selectors.followers_of(process).get() == resident
    page = client.get(url)
    assert "Niet meer volgen" in page.content.decode()
    client.post(url, {"action": "unfollow"})
    assert not Follow.objects.exists()


def test_following_twice_keeps_one_follow(resident, process):
    services.follow(user=resident, process=process)
    services.follow(user=resident, process=process)
    assert Follow.objects.count() == 1


def test_anonymous_visitor_is_sent_to_log_in(client, process):
    url = reverse("information:follow", args=[process.slug])
    response = client.post(url, {"action": "follow"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Follow.objects.exists()


def test_follow_redirects_only_to_this_site(client, resident, process):
    """`next` pointing elsewhere is ignored (no open redirect)."""
    client.force_login(resident)
    url = reverse("information:follow", args=[process.slug])
    response = client.post(url, {"action": "follow", "next": "https://evil.example/"})
    assert response["Location"] == url


def test_unknown_action_is_a_message_not_an_error(client, resident, process):
    client.force_login(resident)
    url = reverse("information:follow", args=[process.slug])
    response = client.post(url, {"action": "hack"}, follow=True)
    assert response.status_code == 200
    assert "Dat lukte niet" in response.content.decode()


def test_followers_of_lists_active_followers(resident, process):
    from samenspraak.accounts.factories import UserFactory

    inactive = UserFactory(is_active=False)
    services.follow(user=resident, process=process)
    Follow.objects.create(user=inactive, process=process)
    assert list(selectors.followers_of(process)) == [resident]
