"""Reads for comments and moderation, each in a fixed number of queries."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from functools import lru_cache, reduce
from operator import or_

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from samenspraak.core.models import AuditLogEntry
from samenspraak.dialogue.models import (
    EDIT_MINUTES,
    Comment,
    CommentStatus,
    FilterWord,
    HouseRule,
    ModerationDecision,
    Mute,
    Position,
    Reaction,
    ReactionKind,
    Report,
)
from samenspraak.dialogue.moderation import reportable_for
from samenspraak.dialogue.permissions import (
    can_comment,
    can_edit_comment,
    can_moderate,
    takes_positions,
    target_house_rules,
)

#: How much of a quoted comment shows above the quoting one.
QUOTE_EXCERPT = 160
#: Top-level comments per page of a comment block; replies go with their parent.
COMMENTS_PER_PAGE = 50


def _decisions_for(keys: dict[int, set[int]]):
    """The latest decision per (content type id, object id), rule joined; one query."""
    if not keys:
        return {}
    condition = reduce(
        or_, (Q(content_type_id=ct, object_id__in=sorted(pks)) for ct, pks in keys.items())
    )
    latest: dict[tuple[int, int], ModerationDecision] = {}
    decisions = (
        ModerationDecision.objects.filter(condition)
        .select_related("rule")
        .order_by("content_type_id", "object_id", "-decided_at", "-pk")
    )
    for decision in decisions:
        latest.setdefault((decision.content_type_id, decision.object_id), decision)
    return latest


def _keys(objects) -> dict[int, set[int]]:
    keys: dict[int, set[int]] = defaultdict(set)
    for obj in objects:
        if obj is not None and obj.pk is not None:
            # get_for_model is cached after its first use per model.
            keys[ContentType.objects.get_for_model(obj).pk].add(obj.pk)
    return keys


def hidden_rules_by_key(objects) -> dict[tuple[int, int], HouseRule]:
    """{(content type id, pk): rule} for the hidden ones among `objects` (of any models)."""
    return {
        key: decision.rule
        for key, decision in _decisions_for(_keys(objects)).items()
        if decision.hidden
    }


def hidden_rules_for(objects) -> dict[int, HouseRule]:
    """{pk: HouseRule} for those `objects` a moderator has hidden (latest decision counts).

    One query for any number of objects (none for an empty list). Use it on a list of one model;
    for mixed lists use `hidden_rules_by_key`. Render hidden ones with `dialogue/_hidden.html`.
    """
    return {pk: rule for (_ct, pk), rule in hidden_rules_by_key(objects).items()}


def exclude_hidden(queryset):
    """`queryset` without the objects a moderator has hidden (latest decision counts).

    For lists that leave hidden content out altogether (the API, the input map), in the same
    query: the keys of the hidden objects are one subquery that does not depend on the row
    (decisions that hide and have no later decision), so the database reads them once and
    leaves them out of a list of any length (a subquery per row cost 8 ms for 10,000 inputs).
    """
    content_type_id = ContentType.objects.get_for_model(queryset.model).pk
    return queryset.exclude(pk__in=_hidden_keys(content_type_id))


@lru_cache(maxsize=64)
def _hidden_keys(content_type_id: int):
    """The subquery of `exclude_hidden`, built once per content type: it depends on nothing
    else, and building it cost more than the rest of a search group's query (#11). It is only
    ever used inside another query (which copies it), never run on its own, so nothing is
    cached with it but the SQL it stands for."""
    decisions = ModerationDecision.objects.filter(content_type_id=content_type_id)
    later = decisions.filter(object_id=OuterRef("object_id")).filter(
        Q(decided_at__gt=OuterRef("decided_at"))
        | Q(decided_at=OuterRef("decided_at"), pk__gt=OuterRef("pk"))
    )
    return decisions.filter(hidden=True).exclude(Exists(later)).values("object_id")


def mark_hidden(objects) -> None:
    """Set `.hidden` and `.hidden_rule` (None or the broken rule) on each of `objects` (one
    query; a list of one model). For pages that show a hidden item in its place, greyed out."""
    rules = hidden_rules_for(objects)
    for obj in objects:
        obj.hidden = obj.pk in rules
        obj.hidden_rule = rules.get(obj.pk)


def is_hidden(obj) -> bool:
    """Is `obj` out of public view: hidden by a moderator, or a comment still waiting for one
    (pre-moderation), so subscribers that mail about it or pages that link to it leave it out."""
    if isinstance(obj, Comment) and obj.is_pending:
        return True
    return obj.pk in hidden_rules_for([obj])


def published_comments():
    """Comments everyone may see once no moderator hid them (not waiting for control); other
    apps that count or list comments start here."""
    return Comment.objects.filter(status=CommentStatus.PUBLISHED)


def _reactions(comments, user) -> dict[int, dict[str, tuple[int, bool]]]:
    """{comment pk: {kind: (count, given by user)}}; one query (none without comments)."""
    if not comments:
        return {}
    mine = Count("pk", filter=Q(user=user)) if user is not None and user.is_authenticated else None
    rows = (
        Reaction.objects.filter(comment_id__in=[c.pk for c in comments])
        .values("comment_id", "kind")
        .annotate(n=Count("pk"), **({"mine": mine} if mine is not None else {}))
        .order_by()
    )
    found: dict[int, dict[str, tuple[int, bool]]] = defaultdict(dict)
    for row in rows:
        found[row["comment_id"]][row["kind"]] = (row["n"], bool(row.get("mine")))
    return found


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_EXCERPT else text[: QUOTE_EXCERPT - 1].rstrip() + "…"


def edit_minutes() -> int:
    return int(getattr(settings, "DIALOGUE_EDIT_MINUTES", EDIT_MINUTES))


def comments_for(target, user=None) -> list[Comment]:
    """The comments on `target` `user` may see, oldest first, each with `.hidden_rule` (None or
    the broken rule), `.reaction_counts` ([{kind, label, count, mine}]), `.quote` (the quoted
    comment as {pk, author, excerpt, hidden} or None), `.editable` and `.thread_replies`.

    Comments waiting for a moderator show only to their author and to moderators. Three
    queries: the comments with their authors, their moderation decisions, the reactions.
    """
    moderator = can_moderate(user)
    every = Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("author")
    uid = user.pk if user is not None and user.is_authenticated else None
    comments = [
        c
        for c in every
        if c.status == CommentStatus.PUBLISHED or moderator or (uid and c.author_id == uid)
    ]
    rules = hidden_rules_for(comments)
    reactions = _reactions(comments, user)
    by_pk = {c.pk: c for c in comments}
    minutes = edit_minutes()
    for comment in comments:
        comment.hidden_rule = rules.get(comment.pk)
        given = reactions.get(comment.pk, {})
        comment.reaction_counts = [
            {
                "kind": kind,
                "label": label,
                "count": given.get(kind, (0, False))[0],
                "mine": given.get(kind, (0, False))[1],
            }
            for kind, label in ReactionKind.choices
        ]
        comment.thread_replies = []
        comment.editable = can_edit_comment(user, comment, minutes=minutes)
    for comment in comments:
        quoted = by_pk.get(comment.quoted_id) if comment.quoted_id else None
        if comment.quoted_id and quoted is None:
            comment.quote = {"pk": comment.quoted_id, "hidden": True}
        elif quoted is not None:
            comment.quote = {
                "pk": quoted.pk,
                "hidden": quoted.hidden_rule is not None,
                "author": quoted.author.display_name if quoted.author else "",
                "excerpt": _excerpt(quoted.body),
            }
        else:
            comment.quote = None
    return comments


def comments_per_page() -> int:
    return max(1, int(getattr(settings, "DIALOGUE_COMMENTS_PER_PAGE", COMMENTS_PER_PAGE)))


def _page_of(top: list[Comment], by_pk: dict[int, Comment], focus: int | None, size: int):
    """The page (1-based) holding comment `focus`, or of its top-level ancestor; None if the
    comment is not in the block."""
    comment = by_pk.get(focus) if focus else None
    seen: set[int] = set()
    while comment is not None and comment.parent_id and comment.pk not in seen:
        seen.add(comment.pk)
        comment = by_pk.get(comment.parent_id)
    if comment is None:
        return None
    for index, item in enumerate(top):
        if item.pk == comment.pk:
            return index // size + 1
    return None


def comment_block(target, user=None, *, page=None, focus: int | None = None) -> dict:
    """The comment block of `target`: top-level comments (pinned first, then oldest first)
    with their replies, and, when the target takes positions, the columns for and against
    plus the neutral ones.

    Long blocks come in pages of `comments_per_page()` top-level comments, replies with their
    parent: `page` is the number asked for (anything odd means the first page), `focus` a
    comment whose page wins (links to a comment carry `?reactie=<pk>`). `count` and the column
    totals count the whole block; `paging` says where the shown page is."""
    comments = comments_for(target, user)
    by_pk = {c.pk: c for c in comments}
    top: list[Comment] = []
    for comment in comments:
        parent = by_pk.get(comment.parent_id) if comment.parent_id else None
        if parent is not None:
            parent.thread_replies.append(comment)
        elif comment.parent_id is None:
            top.append(comment)
        # A reply whose parent the user cannot see (waits for a moderator) is left out.
    top.sort(key=lambda c: (not c.pinned, c.created_at, c.pk))
    size = comments_per_page()
    pages = max(1, -(-len(top) // size))
    number = _page_of(top, by_pk, focus, size)
    if number is None:
        try:
            number = int(page) if page is not None else 1
        except (TypeError, ValueError):
            number = 1
        number = min(max(number, 1), pages)
    shown = top[(number - 1) * size : number * size]
    block: dict = {
        "comments": shown,
        "count": len(comments),
        "positions": takes_positions(target),
        "paging": {
            "number": number,
            "pages": pages,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < pages else None,
        },
    }
    if block["positions"]:
        block["columns"] = [
            {
                "key": key,
                "label": label,
                "comments": [c for c in shown if c.position == key],
                "total": sum(1 for c in top if c.position == key),
            }
            for key, label in (
                (Position.FOR, Position.FOR.label),
                (Position.AGAINST, Position.AGAINST.label),
            )
        ]
        others = (Position.FOR, Position.AGAINST)
        block["others"] = [c for c in shown if c.position not in others]
        block["others_total"] = sum(1 for c in top if c.position not in others)
    return block


def comment_context(target, user, form, *, page=None, focus: int | None = None) -> dict:
    """The context `dialogue/_comments.html` expects, with the comment `form` to show: three
    queries, a fourth for a logged-in person (are they muted), plus the target's own rules.
    `page` and `focus` choose the page of a long block (see comment_block)."""
    mute = active_mute(user)
    return {
        "target": target,
        **comment_block(target, user, page=page, focus=focus),
        "can_comment": can_comment(user, target) and mute is None,
        "mute": mute,
        "moderator": can_moderate(user),
        "comment_form": form,
        "target_rules": target_house_rules(target),
        "edit_minutes": edit_minutes(),
    }


def active_mute(user) -> Mute | None:
    """The mute that holds for `user` now (the one that lasts longest), or None."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Mute.objects.filter(user=user, lifted_at__isnull=True, until__gt=timezone.now())
        .order_by("-until")
        .first()
    )


def active_mutes() -> list[Mute]:
    return list(
        Mute.objects.filter(lifted_at__isnull=True, until__gt=timezone.now())
        .select_related("user", "muted_by")
        .order_by("until", "pk")
    )


def filter_words(municipality) -> list[str]:
    if municipality is None:
        return []
    return list(FilterWord.objects.filter(municipality=municipality).values_list("word", flat=True))


def filter_word_items(municipality) -> list[FilterWord]:
    if municipality is None:
        return []
    return list(FilterWord.objects.filter(municipality=municipality))


def filtered_word(text: str, words) -> str | None:
    """The first of `words` that occurs in `text` as a whole word (or phrase), any case."""
    lowered = text.lower()
    for word in words:
        if re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", lowered):
            return word
    return None


def pending_comments(limit: int = 100) -> list[Comment]:
    """Comments waiting for a moderator, oldest first; one query plus one per target model."""
    comments = list(
        Comment.objects.filter(status=CommentStatus.PENDING)
        .select_related("author", "content_type")
        .order_by("created_at", "pk")[:limit]
    )
    subjects = comment_subjects(comments)
    for comment in comments:
        comment.subject = subjects.get((comment.content_type_id, comment.object_id))
    return comments


#: How many entries the moderation log shows per page.
LOG_LIMIT = 100


def moderation_log(
    actions, *, action: str = "", moderator_id: int | None = None, rule: str = "", days: int = 0
) -> list[AuditLogEntry]:
    """Every moderation decision (the audit log's `actions`), newest first, filtered by action,
    moderator, house rule (title) and the last `days` days; one query."""
    entries = AuditLogEntry.objects.filter(action__in=list(actions)).select_related("actor")
    if action:
        entries = entries.filter(action=action)
    if moderator_id:
        entries = entries.filter(actor_id=moderator_id)
    if rule:
        entries = entries.filter(changes__rule=rule)
    if days:
        entries = entries.filter(at__gte=timezone.now() - datetime.timedelta(days=days))
    return list(entries.order_by("-at", "-pk")[:LOG_LIMIT])


def moderators_in_log(actions) -> list:
    """The people who made moderation decisions, for the log's filter; one query."""
    from django.contrib.auth import get_user_model

    ids = AuditLogEntry.objects.filter(action__in=list(actions)).values("actor_id")
    return list(get_user_model().objects.filter(pk__in=ids).order_by("display_name", "pk"))


def house_rules(municipality) -> list[HouseRule]:
    if municipality is None:
        return []
    return list(HouseRule.objects.filter(municipality=municipality))


def _targets(keys: dict[int, set[int]]) -> dict[tuple[int, int], object]:
    """The objects behind (content type id, pk) keys; one query per content type."""
    found: dict[tuple[int, int], object] = {}
    for ct_id, pks in keys.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is None:
            continue
        queryset = model._default_manager.filter(pk__in=pks)
        # Content that points at something else (a comment's target) links there: fetch those
        # targets per model too, instead of one query per row.
        generic = [f.name for f in model._meta.private_fields if isinstance(f, GenericForeignKey)]
        if generic:
            queryset = queryset.prefetch_related(*generic)
        for obj in queryset:
            found[(ct_id, obj.pk)] = obj
    return found


def _describe(content_type_id, obj) -> dict:
    reportable = reportable_for(type(obj))
    return {
        "label": reportable.label if reportable else obj._meta.verbose_name,
        "text": reportable.text(obj) if reportable else str(obj),
        "url": obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "",
    }


def open_report_groups() -> list[dict]:
    """Open reports grouped by the reported content, most reported first.

    Each group: content_type_id, object_id, key ("app.model"), target, label, text, url, reports,
    hidden_rule. Queries: reports, one per reported model, decisions.
    """
    reports = list(
        Report.objects.filter(resolved_at__isnull=True)
        .select_related("reporter")
        .order_by("created_at", "pk")
    )
    grouped: dict[tuple[int, int], list[Report]] = defaultdict(list)
    keys: dict[int, set[int]] = defaultdict(set)
    for report in reports:
        grouped[(report.content_type_id, report.object_id)].append(report)
        keys[report.content_type_id].add(report.object_id)
    targets = _targets(keys)
    hidden = hidden_rules_by_key(targets.values())
    groups = []
    for key, items in grouped.items():
        obj = targets.get(key)
        if obj is None:  # the content was deleted meanwhile
            continue
        content_type = ContentType.objects.get_for_id(key[0])
        groups.append(
            {
                "content_type_id": key[0],
                "object_id": key[1],
                "key": f"{content_type.app_label}.{content_type.model}",
                "target": obj,
                "reports": items,
                "hidden_rule": hidden.get(key),
                **_describe(key[0], obj),
            }
        )
    groups.sort(key=lambda g: (-len(g["reports"]), g["reports"][0].created_at))
    return groups


def hidden_content(limit: int = 50) -> list[dict]:
    """Content whose latest decision hides it, newest decision first, for the restore list."""
    decisions = list(
        ModerationDecision.objects.select_related("rule", "decided_by").order_by(
            "-decided_at", "-pk"
        )[: limit * 4]
    )
    latest: dict[tuple[int, int], ModerationDecision] = {}
    for decision in decisions:
        latest.setdefault((decision.content_type_id, decision.object_id), decision)
    hidden = [d for d in latest.values() if d.hidden][:limit]
    keys: dict[int, set[int]] = defaultdict(set)
    for decision in hidden:
        keys[decision.content_type_id].add(decision.object_id)
    targets = _targets(keys)
    rows = []
    for decision in hidden:
        key = (decision.content_type_id, decision.object_id)
        obj = targets.get(key)
        if obj is None:
            continue
        content_type = ContentType.objects.get_for_id(key[0])
        rows.append(
            {
                "decision": decision,
                "target": obj,
                "key": f"{content_type.app_label}.{content_type.model}",
                "object_id": key[1],
                **_describe(key[0], obj),
            }
        )
    return rows


def comments_by(user):
    """The comments `user` wrote, newest first (read them with core.registry.account_items)."""
    return Comment.objects.filter(author=user).order_by("-created_at", "-pk")


def comment_subjects(comments) -> dict[tuple[int, int], object]:
    """{(content type id, object id): the object} for the comments' targets: one query per
    model commented on, with the target's own required relations joined (its link needs them,
    e.g. an input's process)."""
    keys: dict[int, set[int]] = defaultdict(set)
    for comment in comments:
        keys[comment.content_type_id].add(comment.object_id)
    found: dict[tuple[int, int], object] = {}
    for ct_id, pks in keys.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is None:
            continue
        for obj in model._default_manager.select_related().filter(pk__in=pks):
            found[(ct_id, obj.pk)] = obj
    return found
