"""The section dialogue adds to Mijn Samenspraak (declared in dialogue's manifest): the comments
the person wrote, where they stand and whether a moderator hid them."""

from django.utils.translation import gettext as _

from samenspraak.core.registry import account_items
from samenspraak.dialogue import selectors
from samenspraak.dialogue.moderation import reportable_for
from samenspraak.dialogue.permissions import can_view


def mine_comments(user):
    """Queries: the comments, one per model commented on, and the moderation decisions."""
    comments, more = account_items(selectors.comments_by(user))
    if not comments:
        return None
    subjects = selectors.comment_subjects(comments)
    hidden = selectors.hidden_rules_for(comments)
    rows = []
    for comment in comments:
        subject = subjects.get((comment.content_type_id, comment.object_id))
        reportable = reportable_for(type(subject)) if subject is not None else None
        visible = subject is not None and can_view(user, subject)
        rows.append(
            {
                "comment": comment,
                "subject": str(subject) if subject is not None else "",
                "kind": reportable.label if reportable else "",
                "url": (
                    f"{subject.get_absolute_url()}{comment.link_suffix}"
                    if visible and hasattr(subject, "get_absolute_url")
                    else ""
                ),
                "hidden_rule": hidden.get(comment.pk),
            }
        )
    return {"heading": _("Mijn reacties"), "anchor": "mijn-reacties", "rows": rows, "more": more}
