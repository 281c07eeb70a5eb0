"""Pabulib `.pb` files in the product: export a published vote anonymised, replay a past vote.

Export: the budget's election (see results.budget_election) with the ballots shuffled and
renumbered 1..n (the file says nothing about who voted, their account, code or e-mail, and not
even the order in which ballots were cast), and per project its votes and whether it was funded.

Replay: an uploaded file is read by the engine's parser; every problem comes back as a
`PabulibError` with the line, which we show in plain Dutch (`error_message`). A readable file is
run under every rule and the outcomes are shown side by side. Nothing is stored.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspraak.budgeting.engine import pabulib
from samenspraak.budgeting.engine.model import Ballot, Election, Outcome, Project
from samenspraak.budgeting.models import Budget
from samenspraak.budgeting.models import OutcomeRule as Rule
from samenspraak.budgeting.results import (
    Comparison,
    budget_election,
    compare_outcomes,
    election_tally,
    published_result,
)

#: Uploads larger than this are refused before they are read.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024

#: The rules every replay shows (the file's own rule is added when it differs).
REPLAY_RULES = (
    Rule.GREEDY,
    Rule.MES,
    Rule.MES_ADD1,
    Rule.MES_ADD1_GREEDY,
    Rule.MES_BUDGET_INCREASE_GREEDY,
)

#: PabulibError.code -> a plain Dutch message; `%(...)s` come from the error's params.
ERROR_MESSAGES = {
    "encoding": gettext_lazy("Het bestand is geen tekst in UTF-8. Sla het op als UTF-8."),
    "empty_file": gettext_lazy("Het bestand is leeg."),
    "unexpected_line": gettext_lazy("Deze regel staat vóór het eerste kopje (META)."),
    "section_order": gettext_lazy(
        "Het kopje %(section)s staat op de verkeerde plek. Hier hoort %(expected)s."
    ),
    "missing_section": gettext_lazy("Het kopje %(section)s ontbreekt."),
    "missing_header": gettext_lazy(
        "Onder het kopje %(section)s ontbreekt de regel met kolomnamen."
    ),
    "no_projects": gettext_lazy("Het bestand heeft geen projecten."),
    "missing_column": gettext_lazy("In %(section)s ontbreekt de kolom %(column)s."),
    "duplicate_column": gettext_lazy("In %(section)s staat de kolom %(column)s twee keer."),
    "column_count": gettext_lazy(
        "Deze regel in %(section)s heeft %(found)s velden, maar er horen er %(expected)s te zijn."
    ),
    "bad_quoting": gettext_lazy(
        "De aanhalingstekens op deze regel kloppen niet. Haal ze weg of zet ze goed."
    ),
    "duplicate_meta": gettext_lazy("In META staat %(key)s twee keer."),
    "missing_meta": gettext_lazy("In META ontbreekt %(key)s."),
    "bad_number": gettext_lazy("‘%(value)s’ bij %(field)s is geen geldig getal."),
    "negative_number": gettext_lazy("%(field)s mag niet negatief zijn (‘%(value)s’)."),
    "bad_vote_type": gettext_lazy(
        "Het soort stem ‘%(value)s’ kennen we niet. Kies approval, choose-1, cumulative, "
        "ordinal of scoring."
    ),
    "empty_id": gettext_lazy("In %(section)s staat een regel zonder nummer (id)."),
    "duplicate_project": gettext_lazy("Project %(project)s staat twee keer in PROJECTS."),
    "duplicate_voter": gettext_lazy("Stemmer %(voter)s staat twee keer in VOTES."),
    "unknown_project": gettext_lazy(
        "Stemmer %(voter)s stemde op project %(project)s, maar dat project staat niet in PROJECTS."
    ),
    "duplicate_vote": gettext_lazy("Stemmer %(voter)s noemt project %(project)s twee keer."),
    "points_mismatch": gettext_lazy(
        "Bij stemmer %(voter)s passen de punten niet bij de projecten "
        "(%(projects)s projecten, %(points)s punten)."
    ),
    "count_mismatch": gettext_lazy(
        "In META staat %(key)s = %(declared)s, maar het bestand heeft er %(found)s."
    ),
}


def error_message(error: pabulib.PabulibError) -> str:
    """The error in plain Dutch with its line: 'Regel 17: ...'. Unknown codes (or params that do
    not fit the message) fall back to the parser's English message."""
    template = ERROR_MESSAGES.get(error.code)
    text = None
    if template is not None:
        try:
            text = str(template) % {k: str(v) for k, v in (error.params or {}).items()}
        except (KeyError, TypeError, ValueError):
            text = None
    if text is None:
        text = getattr(error, "message", "") or str(error)
    if error.line:
        return _("Regel %(line)s: %(message)s") % {"line": error.line, "message": text}
    return text


# --- export ---------------------------------------------------------------------------------


def export_election(budget: Budget) -> Election:
    """The budget's vote, anonymised, with per project its votes and whether it was funded."""
    result = published_result(budget)
    if result is None:
        raise ValidationError(_("Er is nog geen gepubliceerde uitslag om te downloaden."))
    election, _by_id = budget_election(budget)
    tally = election_tally(election)
    funded = {str(pk) for pk in result.selected}
    with_score = election.vote_type != "approval"
    projects = {}
    for key, project in election.projects.items():
        extra = {"votes": str(tally[key]["votes"])}
        if with_score:
            extra["score"] = pabulib.format_number(round(tally[key]["score"]))
        extra["selected"] = "1" if key in funded else "0"
        projects[key] = Project(
            id=key,
            cost=project.cost,
            name=project.name,
            categories=project.categories,
            extra=extra,
        )
    ballots = list(election.ballots)
    random.SystemRandom().shuffle(ballots)
    anonymous = [
        Ballot(projects=b.projects, points=b.points, voter_id=str(i))
        for i, b in enumerate(ballots, start=1)
    ]
    return Election(
        budget=election.budget,
        vote_type=election.vote_type,
        projects=projects,
        ballots=anonymous,
        meta=dict(election.meta),
    )


def export_text(budget: Budget) -> str:
    return pabulib.write(export_election(budget))


def export_filename(budget: Budget) -> str:
    from django.utils.text import slugify

    return f"{slugify(budget.process.municipality.name)}-{slugify(budget.title) or budget.pk}.pb"


# --- replay ---------------------------------------------------------------------------------


@dataclass
class Replay:
    election: Election
    comparison: Comparison
    #: The file's META rule as written, and why we could not apply it ("" when we could).
    file_rule_text: str = ""
    file_rule_problem: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def description(self) -> str:
        meta = self.election.meta
        return meta.get("description") or meta.get("unit") or ""


def _official(election: Election) -> Outcome | None:
    """The outcome the file itself records (its `selected` column), if it has one."""
    from samenspraak.budgeting.engine import rules

    chosen = rules.official(election)
    if chosen is None:
        return None
    ordered = [p for p in election.projects if p in chosen]
    return Outcome(rule="official", selected=ordered, explanations={})


def replay(data: bytes | str) -> Replay:
    """Read a `.pb` file and run it under every rule, with the file's own rule and its recorded
    outcome next to them. Raises PabulibError (with the line)."""
    from samenspraak.budgeting.engine import rules

    election = pabulib.parse(data if isinstance(data, str) else _text(data))
    if not election.projects:
        raise pabulib.PabulibError(0, "no_projects", "the file has no projects")
    meta_rule = election.meta.get("rule", "").strip()
    extra = []
    problem = ""
    try:
        extra.append(
            (
                "file",
                _("Regel uit het bestand (%(rule)s)") % {"rule": meta_rule or "–"},
                rules.from_meta(election),
            )
        )
    except rules.RuleError:
        problem = _(
            "De regel in het bestand (%(rule)s) kunnen we niet naspelen: die is niet precies "
            "beschreven."
        ) % {"rule": meta_rule or "–"}
    official = _official(election)
    if official is not None:
        extra.append(("official", _("Uitslag volgens het bestand"), official))
    try:
        threshold = int(float(election.meta.get("min_project_score_threshold", "")))
    except ValueError:
        threshold = None
    comparison = compare_outcomes(election, list(REPLAY_RULES), threshold=threshold, extra=extra)
    return Replay(
        election=election,
        comparison=comparison,
        file_rule_text=meta_rule,
        file_rule_problem=problem,
    )


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise pabulib.PabulibError(0, "encoding", "the file is not UTF-8 text") from error
