"""Public pages: spaces, threads with dialogue's comment block, a new thread (duplicate check,
spam burst), fixed query counts whatever the number of threads."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from samenspraak.dialogue.factories import CommentFactory
from samenspraak.dialogue.models import Comment
from samenspraak.discussions import services
from samenspraak.discussions.factories import SpaceFactory, ThreadFactory
from samenspraak.discussions.models import Thread

pytestmark = pytest.mark.django_db


def comment_url(thread):
    return reverse("dialogue:comment_create", args=["discussions.thread", thread.pk])


def test_space_list_groups_area_and_theme_spaces(client, space):
    from samenspraak.discussions.models import SpaceKind
    from samenspraak.organisations.factories import TopicFactory

    city = SpaceFactory(
        municipality=space.municipality,
        name="Stadsgesprek Klimaat",
        kind=SpaceKind.THEME,
        area=None,
        topic=TopicFactory(municipality=space.municipality),
    )
    response = client.get(reverse("discussions:space_list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert space.name in text and city.name in text
    assert text.index("Buurtgesprekken") < text.index(space.name) < text.index("Stadsgesprekken")
    assert text.index("Stadsgesprekken") < text.index(city.name)


def test_space_page_pinned_first_then_newest_activity(client, space, resident):
    old = ThreadFactory(space=space, title="Oud gesprek")
    new = ThreadFactory(space=space, title="Nieuw gesprek")
    pinned = ThreadFactory(space=space, title="Vastgezet gesprek", pinned=True)
    CommentFactory(target=old, author=resident)  # the old thread has the newest activity
    text = client.get(space.get_absolute_url()).content.decode()
    assert text.index(pinned.title) < text.index(old.title) < text.index(new.title)
    assert "1 reactie" in text


def test_space_page_costs_the_same_for_5_or_45_threads(client, space, resident):
    def add(n):
        for thread in ThreadFactory.create_batch(n, space=space):
            CommentFactory(target=thread)

    add(5)
    client.force_login(resident)
    client.get(space.get_absolute_url())  # warm caches (content types, municipality)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(space.get_absolute_url()).status_code == 200
    add(40)
    with CaptureQueriesContext(connection) as many:
        response = client.get(space.get_absolute_url() + "?pagina=2")
    assert response.status_code == 200
    assert len(few) == len(many)
    assert len(few) <= 12


def test_thread_page_costs_the_same_for_2_or_40_comments(client, thread, resident):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    CommentFactory.create_batch(2, target=thread)
    client.force_login(resident)
    client.get(thread.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        assert client.get(thread.get_absolute_url()).status_code == 200
    CommentFactory.create_batch(38, target=thread)
    with CaptureQueriesContext(connection) as many:
        assert client.get(thread.get_absolute_url()).status_code == 200
    assert len(few) == len(many)


def test_resident_comments_on_an_open_thread(client, thread, resident):
    client.force_login(resident)
    response = client.post(comment_url(thread), {"body": "Goed plan, ik doe mee."}, follow=True)
    html = response.content.decode()
    assert "Kies of u voor, tegen of neutraal bent." in html
    assert "Goed plan, ik doe mee." in html  # kept in the form
    assert not Comment.objects.filter(object_id=thread.pk).exists()
    response = client.post(
        comment_url(thread), {"body": "Goed plan, ik doe mee.", "position": "for"}
    )
    assert response.status_code == 302
    assert Comment.objects.filter(object_id=thread.pk, body="Goed plan, ik doe mee.").exists()
    assert "Goed plan, ik doe mee." in client.get(thread.get_absolute_url()).content.decode()


def test_closed_thread_refuses_comments_with_a_clear_message(client, thread, resident, moderator):
    services.thread_close(actor=moderator, thread=thread, reason="Het onderwerp is afgerond.")
    client.force_login(resident)
    response = client.post(comment_url(thread), {"body": "Nog één ding!"}, follow=True)
    assert not Comment.objects.filter(object_id=thread.pk).exists()
    text = response.content.decode()
    assert "Dit gesprek is gesloten. U kunt niet meer reageren." in text
    assert "Het onderwerp is afgerond." in text
    assert "Nog één ding!" in text  # what they typed is kept
    assert "Reactie plaatsen" not in text  # no comment form on a closed thread


def test_closed_space_refuses_new_threads_and_comments(client, thread, resident):
    space = thread.space
    space.is_open = False
    space.save()
    client.force_login(resident)
    client.post(comment_url(thread), {"body": "Hallo"})
    assert not Comment.objects.exists()
    response = client.post(
        reverse("discussions:thread_create", args=[space.slug]),
        {"title": "Nieuw", "body": "Tekst"},
        follow=True,
    )
    assert Thread.objects.count() == 1
    assert "geen gesprek beginnen" in response.content.decode()


def test_new_thread(client, space, resident):
    client.force_login(resident)
    url = reverse("discussions:thread_create", args=[space.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Speeltuin opknappen", "body": "De schommel is kapot."})
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    assert thread.author == resident and not thread.by_staff and thread.title_key


def test_new_thread_needs_a_login(client, space):
    url = reverse("discussions:thread_create", args=[space.slug])
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_empty_and_too_long_thread_keep_what_was_typed(client, space, resident):
    client.force_login(resident)
    url = reverse("discussions:thread_create", args=[space.slug])
    response = client.post(url, {"title": "", "body": "Mijn tekst"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Geef uw gesprek een onderwerp." in text and "Mijn tekst" in text
    response = client.post(url, {"title": "x" * 161, "body": "Mijn tekst"})
    assert response.status_code == 400
    assert "Maximaal 160 tekens. Nu zijn het er 161." in response.content.decode()
    assert not Thread.objects.exists()


def test_duplicate_title_offers_the_existing_thread(client, space, resident):
    existing = ThreadFactory(space=space, title="Meer bankjes in het park!")
    client.force_login(resident)
    url = reverse("discussions:thread_create", args=[space.slug])
    response = client.post(url, {"title": "  meer BANKJES in het park ", "body": "Graag."})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Er is al een gesprek met dit onderwerp" in text
    assert existing.get_absolute_url() in text
    assert "Graag." in text
    assert Thread.objects.count() == 1
    # Another space may have a thread with the same title.
    other = SpaceFactory(municipality=space.municipality)
    other_url = reverse("discussions:thread_create", args=[other.slug])
    assert client.post(other_url, {"title": existing.title, "body": "Ja"}).status_code == 302


def test_a_spam_burst_of_new_threads_is_stopped(client, space, resident):
    client.force_login(resident)
    url = reverse("discussions:thread_create", args=[space.slug])
    codes = [
        client.post(url, {"title": f"Koop goedkope pillen {n}", "body": "Klik hier"}).status_code
        for n in range(7)
    ]
    assert codes[:5] == [302] * 5
    assert codes[5:] == [429, 429]
    assert Thread.objects.count() == 5
    response = client.post(url, {"title": "Nog eentje", "body": "Klik hier"})
    assert "Nog eentje" in response.content.decode()  # the 429 page gives the text back


def test_summary_shows_on_top_with_date_and_author(client, thread, moderator):
    services.summary_write(actor=moderator, thread=thread, summary="Iedereen wil meer groen.")
    text = client.get(thread.get_absolute_url()).content.decode()
    assert "Samenvatting van het gesprek" in text
    assert moderator.display_name in text
    assert text.index("Iedereen wil meer groen.") < text.index(thread.body)


def test_hidden_thread_shows_the_broken_rule_in_the_list(client, thread, moderator):
    from samenspraak.dialogue import services as dialogue_services
    from samenspraak.dialogue.factories import HouseRuleFactory

    rule = HouseRuleFactory(municipality=thread.space.municipality, title="Geen reclame")
    dialogue_services.content_hide(target=thread, actor=moderator, rule=rule)
    text = client.get(thread.space.get_absolute_url()).content.decode()
    assert "Verborgen door de moderator: breekt huisregel 'Geen reclame'" in text
    assert thread.title not in text
    assert thread.body not in client.get(thread.get_absolute_url()).content.decode()


def test_unknown_space_and_thread_give_404(client, thread):
    assert client.get("/gesprekken/bestaat-niet/").status_code == 404
    url = reverse("discussions:thread", args=[thread.space.slug, thread.pk + 999])
    assert client.get(url).status_code == 404
    other = SpaceFactory(municipality=thread.space.municipality)
    assert (
        client.get(reverse("discussions:thread", args=[other.slug, thread.pk])).status_code == 404
    )


def test_a_slow_spammer_going_round_the_spaces_is_stopped(client, space, resident):
    from samenspraak.discussions.services import THREADS_PER_DAY

    for _n in range(THREADS_PER_DAY):
        ThreadFactory(space=SpaceFactory(municipality=space.municipality), author=resident)
    client.force_login(resident)
    url = reverse("discussions:thread_create", args=[space.slug])
    response = client.post(url, {"title": "Nog een", "body": "Koop nu"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "al 10 gesprekken gestart" in text and "Koop nu" in text
    assert not space.threads.exists()


def test_a_long_thread_comes_in_pages_and_a_comment_link_opens_its_page(client, thread, resident):
    """120 comments: 50 on a page (the cost of a short thread), a link to the last comment
    opens page 3, and posting a comment brings the author back to the page that holds it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    CommentFactory.create_batch(2, target=thread)
    client.force_login(resident)
    client.get(thread.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        assert client.get(thread.get_absolute_url()).status_code == 200
    comments = [*Comment.objects.filter(object_id=thread.pk)]
    comments += CommentFactory.create_batch(118, target=thread)
    with CaptureQueriesContext(connection) as many:
        html = client.get(thread.get_absolute_url()).content.decode()
    assert len(few) == len(many)
    assert len(re.findall(r'<li class="comment[^"]*" id="reactie-\d+"', html)) == 50
    assert "Pagina 1 van 3" in html
    assert f'id="reactie-{comments[0].pk}"' in html
    assert f'id="reactie-{comments[50].pk}"' not in html
    assert "?reacties=2#reacties" in html

    html = client.get(thread.get_absolute_url() + "?reacties=2").content.decode()
    assert f'id="reactie-{comments[50].pk}"' in html and "Pagina 2 van 3" in html

    last = comments[-1]
    link = last.get_absolute_url()
    html = client.get(link.split("#")[0]).content.decode()
    assert f'id="reactie-{last.pk}"' in html and "Pagina 3 van 3" in html

    response = client.post(comment_url(thread), {"body": "Nog een argument.", "position": "for"})
    mine = Comment.objects.get(author=resident)
    assert response["Location"].endswith(f"?reactie={mine.pk}#reactie-{mine.pk}")
    html = client.get(response["Location"].split("#")[0]).content.decode()
    assert f'id="reactie-{mine.pk}"' in html
