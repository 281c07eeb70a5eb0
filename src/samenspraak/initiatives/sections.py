"""Sections initiatives adds to pages of other apps (declared in its manifest)."""


def home(request):
    """On the home page, when the municipality has rules for initiatives: where to find and
    start them (a cached answer, so no query; the list page shows what can be signed now)."""
    from samenspraak.initiatives.selectors import has_bylaws
    from samenspraak.organisations.selectors import current_municipality

    municipality = current_municipality()
    if municipality is None or not has_bylaws(municipality):
        return None
    return {"start": True}


# --- Council members on process and input pages ------------------------------------------

#: Where a refused form's text waits in the session until the page shows it again.
DRAFT_KEY = "initiatives:council-draft"


def keep_draft(request, key: str, data: dict, errors: dict) -> None:
    """Keep what someone typed and why it was refused, for the page the view redirects to
    (the form lives on another app's page, so the view cannot render it itself)."""
    request.session[DRAFT_KEY] = {"key": key, "data": data, "errors": errors}


def _draft_form(request, key: str, form_class, **kwargs):
    """The form of `key`, bound to a kept draft (with its messages) or empty."""
    draft = request.session.get(DRAFT_KEY) if hasattr(request, "session") else None
    if not draft or draft.get("key") != key:
        return form_class(**kwargs)
    del request.session[DRAFT_KEY]
    form = form_class(data=draft["data"], **kwargs)
    form.is_valid()
    for field, messages in draft["errors"].items():
        for message in messages:
            if field in form.fields and field not in form.errors:
                form.add_error(field, message)
            elif field not in form.fields:
                form.add_error(None, message)
    return form


def process_council(request, process):
    """On a process page: council members' reactions and residents' questions to them, with
    the forms for those who may use them. 4 queries (members, reactions, questions, and the
    visitor's own profile when a council member looks), whatever the numbers."""
    from samenspraak.initiatives import permissions, selectors
    from samenspraak.initiatives.forms import CouncilQuestionForm, CouncilReactionForm
    from samenspraak.initiatives.services import answer_days

    if not process.is_published:
        return None
    members = selectors.council_members_of(process.municipality_id)
    reactions = selectors.reactions_on(process=process)
    if not members and not reactions:
        return None
    questions = selectors.process_questions(process, request.user)
    user = request.user
    member = None
    if permissions.is_council_member(user):
        member = selectors.council_member_of(user)
    for question in questions:
        question.can_answer = permissions.can_answer(user, question, member)
    question_form = None
    if members and (not user.is_authenticated or permissions.can_ask_council(user)):
        question_form = _draft_form(
            request,
            f"question:{process.pk}",
            CouncilQuestionForm,
            members=members,
            auto_id="council-question-%s",
        )
    reaction_form = None
    if member is not None:
        reaction_form = _draft_form(
            request, f"process:{process.pk}", CouncilReactionForm, auto_id="council-reaction-%s"
        )
    return {
        "process": process,
        "reactions": reactions,
        "questions": questions,
        "question_form": question_form,
        "reaction_form": reaction_form,
        "login_to_ask": question_form is not None and not user.is_authenticated,
        "answer_days": answer_days(),
    }


def input_council(request, input):
    """On an input's page: council members' reactions, and the form for a verified council
    member (1 query; 2 when a council member looks)."""
    from samenspraak.initiatives import permissions, selectors
    from samenspraak.initiatives.forms import CouncilReactionForm

    if not input.process.is_published:
        return None
    reactions = selectors.reactions_on(input=input)
    member = None
    if permissions.is_council_member(request.user):
        member = selectors.council_member_of(request.user)
    if not reactions and member is None:
        return None
    form = None
    if member is not None:
        form = _draft_form(
            request, f"input:{input.pk}", CouncilReactionForm, auto_id="council-reaction-%s"
        )
    return {"input": input, "reactions": reactions, "reaction_form": form}
