"""Template tags for comments and moderation.

{% load dialogue %}
{% comments input %}                       the whole comment section (list + form)
<a href="{% report_url input %}">Melden</a>
{% include "dialogue/_hidden.html" with rule=hidden_rules|get_item:input.pk %}
"""

from django import template
from django.urls import reverse

from samenspraak.dialogue.forms import CommentForm
from samenspraak.dialogue.moderation import content_type_key
from samenspraak.dialogue.permissions import takes_positions
from samenspraak.dialogue.selectors import comment_context

register = template.Library()


def _number(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@register.inclusion_tag("dialogue/_comments.html", takes_context=True)
def comments(context, target):
    """The comment section for `target`: a fixed number of queries whatever the comments
    (see selectors.comment_context).

    A failed post left the typed text and its error in the session; it comes back here, once.
    `?antwoord=<pk>` answers a comment, `?citeer=<pk>` quotes one (links next to each comment,
    no JavaScript needed). Long blocks are paged: `?reacties=<n>` is a page, `?reactie=<pk>`
    the page holding that comment.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    positions = takes_positions(target)
    form = None
    if request is not None and hasattr(request, "session"):
        from samenspraak.dialogue.views import draft_session_key

        draft = request.session.pop(draft_session_key(content_type_key(target), target.pk), None)
        if draft:
            form = CommentForm(
                data={
                    "body": draft.get("body", ""),
                    "position": draft.get("position", ""),
                    "parent": draft.get("parent", ""),
                    "quoted": draft.get("quoted", ""),
                },
                positions=positions,
            )
            form.is_valid()
            errors = draft.get("errors") or {}
            if isinstance(errors, list):  # a draft written before errors were per field
                errors = {"body": errors}
            for field, items in errors.items():
                name = field if field in ("body", "position") and field in form.fields else None
                known = {str(e) for e in form.errors.get(name or "__all__", [])}
                for error in items:
                    if str(error) not in known:
                        form.add_error(name, str(error))
    if form is None:
        initial = {}
        if request is not None:
            initial = {
                "parent": _number(request.GET.get("antwoord")),
                "quoted": _number(request.GET.get("citeer")),
            }
        form = CommentForm(initial=initial, positions=positions)
    # The page of a long block: the one holding the comment linked to, answered or quoted.
    focus = None
    page = None
    if request is not None:
        page = request.GET.get("reacties")
        focus = _number(request.GET.get("reactie"))
    focus = focus or _number(form["parent"].value()) or _number(form["quoted"].value())
    result = comment_context(target, user, form, page=page, focus=focus)
    # What the form answers or quotes, from the comments already read (no query).
    by_pk = {c.pk: c for c in result["comments"]}
    for comment in result["comments"]:
        for reply in comment.thread_replies:
            by_pk[reply.pk] = reply
    value = form["parent"].value()
    result["replying_to"] = by_pk.get(_number(value)) if value else None
    value = form["quoted"].value()
    result["quoting"] = by_pk.get(_number(value)) if value else None
    result["request"] = request
    result["user"] = user
    result["csrf_token"] = context.get("csrf_token")
    return result


@register.simple_tag
def comment_action_url(target) -> str:
    return reverse(
        "dialogue:comment_create",
        kwargs={"content_type": content_type_key(target), "object_id": target.pk},
    )


@register.simple_tag
def report_url(target) -> str:
    return reverse(
        "dialogue:report",
        kwargs={"content_type": content_type_key(target), "object_id": target.pk},
    )


@register.filter
def get_item(mapping, key):
    """`{{ hidden_rules|get_item:obj.pk }}`"""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
