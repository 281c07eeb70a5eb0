"""Writes for initiatives: the state machine, signatures, paper lists, meetings, decisions.

Every move of an initiative happens here, under a row lock on the initiative, writes a public
Step (the timeline) and emits one domain event in the same transaction. Views, the API, the
demo and the expiry clock call these; bad input raises ValidationError (per field) or
PermissionDenied (with a plain Dutch message), never anything else.
"""

from samenspraak.initiatives.services.common import (
    MAX_COLLECT_DAYS,
    REASON_MIN,
    TEXT_MIN,
    TITLE_MAX,
    TITLE_MIN,
    AuditAction,
)
from samenspraak.initiatives.services.council import (
    decision_record,
    initiative_schedule,
    meeting_save,
)
from samenspraak.initiatives.services.members import (
    council_member_save,
    council_reaction_post,
)
from samenspraak.initiatives.services.paper import (
    PaperLine,
    PaperResult,
    paper_list_enter,
    parse_paper_lines,
)
from samenspraak.initiatives.services.questions import (
    answer_days,
    premoderated,
    question_answer,
    question_ask,
    question_moderate,
)
from samenspraak.initiatives.services.retention import (
    paper_retention_clock,
    paper_retention_days,
)
from samenspraak.initiatives.services.route import (
    bylaw_save,
    co_initiator_join,
    initiative_create,
    initiative_review,
    initiative_submit,
    initiative_update,
    validate_text,
)
from samenspraak.initiatives.services.signatures import (
    expire_clock,
    signature_add,
    signature_withdraw,
)

__all__ = [
    "MAX_COLLECT_DAYS",
    "REASON_MIN",
    "TEXT_MIN",
    "TITLE_MAX",
    "TITLE_MIN",
    "AuditAction",
    "answer_days",
    "PaperLine",
    "PaperResult",
    "bylaw_save",
    "co_initiator_join",
    "council_member_save",
    "council_reaction_post",
    "decision_record",
    "expire_clock",
    "initiative_create",
    "initiative_review",
    "initiative_schedule",
    "initiative_submit",
    "initiative_update",
    "meeting_save",
    "paper_list_enter",
    "paper_retention_clock",
    "paper_retention_days",
    "parse_paper_lines",
    "premoderated",
    "question_moderate",
    "question_answer",
    "question_ask",
    "signature_add",
    "signature_withdraw",
    "validate_text",
]
