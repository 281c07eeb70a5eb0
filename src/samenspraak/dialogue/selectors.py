"""Reads for comments and moderation, each in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from functools import reduce
from operator import or_

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q

from samenspraak.dialogue.models import Comment, HouseRule, ModerationDecision, Report
from samenspraak.dialogue.moderation import reportable_for
from samenspraak.dialogue.permissions import can_comment


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
    decisions = ModerationDecision.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model)
    )
    later = decisions.filter(object_id=OuterRef("object_id")).filter(
        Q(decided_at__gt=OuterRef("decided_at"))
        | Q(decided_at=OuterRef("decided_at"), pk__gt=OuterRef("pk"))
    )
    hidden = decisions.filter(hidden=True).exclude(Exists(later)).values("object_id")
    return queryset.exclude(pk__in=hidden)


def mark_hidden(objects) -> None:
    """Set `.hidden` and `.hidden_rule` (None or the broken rule) on each of `objects` (one
    query; a list of one model). For pages that show a hidden item in its place, greyed out."""
    rules = hidden_rules_for(objects)
    for obj in objects:
        obj.hidden = obj.pk in rules
        obj.hidden_rule = rules.get(obj.pk)


def is_hidden(obj) -> bool:
    return obj.pk in hidden_rules_for([obj])


def comments_for(target) -> list[Comment]:
    """The comments on `target`, oldest first, with `.hidden_rule` (None or the broken rule).

    Two queries: the comments with their authors, and their moderation decisions.
    """
    comments = list(
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        ).select_related("author")
    )
    rules = hidden_rules_for(comments)
    for comment in comments:
        comment.hidden_rule = rules.get(comment.pk)
    return comments


def comment_context(target, user, form) -> dict:
    """The context `dialogue/_comments.html` expects, with the comment `form` to show; two
    queries plus the target's own rule."""
    return {
        "target": target,
        "comments": comments_for(target),
        "can_comment": can_comment(user, target),
        "comment_form": form,
    }


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
