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
from samenspraak.dialogue.selectors import comment_context

register = template.Library()


@register.inclusion_tag("dialogue/_comments.html", takes_context=True)
def comments(context, target):
    """The comment section for `target`: two queries plus the target's comment rule.

    A failed post left the typed text and its error in the session; it comes back here, once.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    form = None
    if request is not None and hasattr(request, "session"):
        from samenspraak.dialogue.views import draft_session_key

        draft = request.session.pop(draft_session_key(content_type_key(target), target.pk), None)
        if draft:
            form = CommentForm(data={"body": draft.get("body", "")})
            form.is_valid()
            known = set(form.errors.get("body", []))
            for error in draft.get("errors", []):
                if error not in known:
                    form.add_error("body", error)
    result = comment_context(target, user, form or CommentForm())
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
