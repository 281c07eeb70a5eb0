"""E-mail for people who follow a space or a thread, sent by the task worker.

Subscribers (declared in the manifest): dialogue's CommentPosted on a thread and ThreadOpened
mail the followers who chose "meteen" at once and keep a PendingNotice for those who chose the
daily digest; DigestDue (the daily clock) mails each of those one overview and clears it.
Nobody gets mail about their own contribution; someone who follows both the thread and its
space gets one mail. Every mail has a link to stop following, without logging in.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.urls import reverse
from django.utils.text import Truncator

from samenspraak.core.links import absolute_url
from samenspraak.core.mail import mail_person

THREAD_TARGET = "discussions.thread"
EXCERPT_WORDS = 60


def _recipients(follows, exclude_user_id):
    """One follow per person (the thread's own follow wins over the space's)."""
    chosen = {}
    for item in follows:
        if item.user_id == exclude_user_id:
            continue
        current = chosen.get(item.user_id)
        if current is None or (item.thread_id and not current.thread_id):
            chosen[item.user_id] = item
    return list(chosen.values())


def _unsubscribe_link(item) -> str:
    from samenspraak.discussions.services import unsubscribe_token

    return absolute_url(reverse("discussions:unsubscribe", args=[unsubscribe_token(item)]))


def _notify(thread, follows, *, author_id, kind, comment=None) -> int:
    from samenspraak.discussions.models import Frequency, PendingNotice

    sent = 0
    for item in _recipients(follows, author_id):
        if item.frequency == Frequency.NONE:
            continue
        if item.frequency == Frequency.DAILY:
            PendingNotice.objects.get_or_create(
                user_id=item.user_id,
                thread=thread,
                kind=kind,
                comment_id=comment.pk if comment is not None else None,
            )
            continue

        def context(item=item):
            return {
                "thread": thread,
                "space": thread.space,
                "kind": kind,
                "text": Truncator(comment.body if comment else thread.body).words(EXCERPT_WORDS),
                "link": absolute_url(
                    thread.get_absolute_url() + (comment.link_suffix if comment is not None else "")
                ),
                "unsubscribe": _unsubscribe_link(item),
                "follows_thread": bool(item.thread_id),
            }

        mail_person(
            item.user,
            subject_template="discussions/email/new_subject.txt",
            body_template="discussions/email/new_body.txt",
            context=context,
        )
        sent += 1
    return sent


def comment_posted(event) -> int:
    """dialogue's CommentPosted (a comment on one of our threads) and CommentApproved (a
    pre-moderated one a moderator let through): followers hear of it once it is visible."""
    from samenspraak.dialogue.models import Comment
    from samenspraak.dialogue.selectors import is_hidden
    from samenspraak.discussions.models import NoticeKind, Thread
    from samenspraak.discussions.selectors import followers_of_thread

    if event.target_type != THREAD_TARGET:
        return 0
    comment = Comment.objects.filter(pk=event.comment_id).first()
    thread = Thread.objects.select_related("space").filter(pk=event.target_id).first()
    if comment is None or thread is None or is_hidden(comment):
        return 0  # removed or hidden since
    return _notify(
        thread,
        followers_of_thread(thread),
        author_id=comment.author_id,
        kind=NoticeKind.COMMENT,
        comment=comment,
    )


def thread_opened(event) -> int:
    from samenspraak.discussions.models import NoticeKind, Thread
    from samenspraak.discussions.selectors import followers_of_space

    thread = Thread.objects.select_related("space").filter(pk=event.thread_id).first()
    if thread is None:
        return 0
    return _notify(
        thread,
        followers_of_space(thread.space),
        author_id=thread.author_id,
        kind=NoticeKind.THREAD,
    )


def send_digests(event) -> int:
    """DigestDue: one overview mail per person with pending notices; the notices go once the
    mail is queued. Comments hidden or deleted since are left out."""
    from django.contrib.auth import get_user_model

    from samenspraak.dialogue.models import Comment
    from samenspraak.dialogue.selectors import hidden_rules_for
    from samenspraak.discussions.models import Follow, PendingNotice

    notices = list(
        PendingNotice.objects.select_related("thread", "thread__space").order_by(
            "user_id", "thread__space__name", "thread_id", "created_at", "pk"
        )
    )
    if not notices:
        return 0
    comments = {
        c.pk: c
        for c in Comment.objects.filter(pk__in=[n.comment_id for n in notices if n.comment_id])
    }
    hidden = hidden_rules_for(list(comments.values()))
    by_user: dict[int, list] = defaultdict(list)
    for notice in notices:
        by_user[notice.user_id].append(notice)
    users = get_user_model().objects.in_bulk(list(by_user))
    follows = defaultdict(list)
    for item in Follow.objects.filter(user_id__in=list(by_user)).select_related("space", "thread"):
        follows[item.user_id].append(item)
    sent = 0
    for user_id, items in by_user.items():
        user = users.get(user_id)
        threads: dict[int, dict] = {}
        for notice in items:
            entry = threads.setdefault(
                notice.thread_id,
                {"thread": notice.thread, "new_thread": False, "comments": []},
            )
            if notice.kind == "thread":
                entry["new_thread"] = True
            else:
                comment = comments.get(notice.comment_id)
                if comment is not None and comment.pk not in hidden:
                    entry["comments"].append(comment)
        entries = [e for e in threads.values() if e["new_thread"] or e["comments"]]
        with transaction.atomic():
            PendingNotice.objects.filter(pk__in=[n.pk for n in items]).delete()
            if user is None or not user.is_active or not entries:
                continue

            def context(entries=entries, user_id=user_id):
                for entry in entries:
                    entry["link"] = absolute_url(entry["thread"].get_absolute_url())
                    entry["excerpts"] = [Truncator(c.body).words(30) for c in entry["comments"][:5]]
                return {
                    "entries": entries,
                    "day": event.day,
                    "unsubscribe": [
                        (item.thread or item.space, _unsubscribe_link(item))
                        for item in follows[user_id]
                    ],
                    "mine": absolute_url(reverse("accounts:mine")),
                }

            mail_person(
                user,
                subject_template="discussions/email/digest_subject.txt",
                body_template="discussions/email/digest_body.txt",
                context=context,
            )
            sent += 1
    return sent
