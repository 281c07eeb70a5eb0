"""Pabulib `.pb` files in the product: export a published vote anonymised, replay a past vote.

Export: the snapshot the result stored when it was computed (results.snapshot_election): the
ballots as counted, shuffled and renumbered 1..n (the file says nothing about who voted, their
account, code or e-mail, and not even the order in which ballots were cast), and per project its
votes and whether it was funded. Data changed afterwards does not change the file.

Replay: an uploaded file is read by the engine's parser; every problem comes back as a
`PabulibError` with the line, which we show in plain Dutch (`error_message`). A readable file is
run under every rule and the outcomes are shown side by side. Nothing is stored.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pbengine import pabulib, rules
from pbengine.mes import TooSlow, equal_shares
from pbengine.model import Election, Outcome
from samenspraak.budgeting.models import Budget
from samenspraak.budgeting.models import OutcomeRule as Rule
from samenspraak.budgeting.results.compare import Comparison, compare_outcomes
from samenspraak.budgeting.results.election import budget_election, run_rule, snapshot_text
from samenspraak.budgeting.results.selectors import published_result

#: Uploads larger than this are refused before they are read.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024

#: The rules every replay shows (the file's own rule is added when it differs).
REPLAY_RULES = (
    Rule.GREEDY,
    Rule.MES,
    Rule.MES_ADD1,
    Rule.MES_ADD1_GREEDY,
    Rule.MES_BUDGET_INCREASE_GREEDY,
    # plain EES only: at most 0.1 s on every development file (ADR 0009); its completions have
    # no deadline and can take over 20 s on a large city file
    Rule.EES,
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


def export_text(budget: Budget) -> str:
    """The published vote as a Pabulib file: the snapshot stored when the result was computed
    (the ballots as counted, anonymised, and the outcome), never the live tables. A result
    computed before snapshots existed gets one built now from the (by then unchangeable)
    ballots."""
    result = published_result(budget)
    if result is None:
        raise ValidationError(_("Er is nog geen gepubliceerde uitslag om te downloaden."))
    if result.snapshot:
        return result.snapshot
    election, _by_id = budget_election(budget)
    return snapshot_text(election, [str(pk) for pk in result.selected])


def export_filename(budget: Budget) -> str:
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
    chosen = rules.official(election)
    if chosen is None:
        return None
    ordered = [p for p in election.projects if p in chosen]
    return Outcome(rule="official", selected=ordered, explanations={})


#: Seconds the replay page may spend on the Equal Shares variants together. The iterated ones
#: (add1, budget increase) rerun MES once per step: on a large city file (15.000 voters, 134
#: projects) mes-add1 alone takes minutes, which no page may take.
REPLAY_SECONDS = 15.0

#: Our MES rule names and the engine's completions.
MES_COMPLETIONS = {
    Rule.MES: None,
    Rule.MES_ADD1: "add1",
    Rule.MES_ADD1_GREEDY: "add1-greedy",
    Rule.MES_BUDGET_INCREASE_GREEDY: "budget-increase-greedy",
}

#: META rules that are exactly one of our MES columns (equalshares.net: no completion).
META_AS_COLUMN = {"equalshares": Rule.MES, "equalshares/add1": Rule.MES_ADD1}


def _rule_columns(election: Election, deadline: float) -> tuple[list, list[str], list[str]]:
    """(rule, label, outcome) per replay rule, the labels of the rules that took too long, and
    of those that cannot be applied to this kind of ballot."""
    columns, skipped, unfit = [], [], []
    for rule in REPLAY_RULES:
        label = str(Rule(rule).label)
        if rule not in MES_COMPLETIONS:
            try:
                columns.append((rule, label, run_rule(election, rule)))
            except rules.RuleError:  # EES on points or rankings
                unfit.append(label)
            continue
        try:
            outcome = equal_shares(election, completion=MES_COMPLETIONS[rule], deadline=deadline)
        except TooSlow:
            skipped.append(label)
            continue
        outcome.rule = rule
        columns.append((rule, label, outcome))
    return columns, skipped, unfit


def _file_column(
    election: Election, columns: list, deadline: float | None = None
) -> tuple[tuple | None, str]:
    """The file's own rule as a column (or why not). With category caps in META, the file's
    Equal Shares rule is not one of the (uncapped) columns: it is run with its caps."""
    meta_rule = election.meta.get("rule", "").strip()
    label = _("Regel uit het bestand (%(rule)s)") % {"rule": meta_rule or "–"}
    slow = _("De regel in het bestand (%(rule)s) duurt te lang om hier na te spelen.") % {
        "rule": meta_rule
    }
    if meta_rule in META_AS_COLUMN and "budget_per_category" not in election.meta:
        done = {rule: outcome for rule, _label, outcome in columns}
        outcome = done.get(META_AS_COLUMN[meta_rule])
        if outcome is None:
            return None, _(
                "De regel in het bestand (%(rule)s) duurt te lang om hier na te spelen."
            ) % {"rule": meta_rule}
        return ("file", label, outcome), ""
    if meta_rule == "equalshares/add1-comparison" and Rule.MES_ADD1 not in {
        rule for rule, _label, _outcome in columns
    }:
        return None, _("De regel in het bestand (%(rule)s) duurt te lang om hier na te spelen.") % {
            "rule": meta_rule
        }
    try:
        return ("file", label, rules.from_meta(election, deadline=deadline)), ""
    except TooSlow:
        return None, slow
    except rules.RuleError:
        return None, _(
            "De regel in het bestand (%(rule)s) kunnen we niet naspelen: die is niet precies "
            "beschreven."
        ) % {"rule": meta_rule or "–"}


def replay(data: bytes | str, *, seconds: float | None = None) -> Replay:
    """Read a `.pb` file and run it under every rule, with the file's own rule and its recorded
    outcome next to them. Raises PabulibError (with the line). Equal Shares variants that do not
    finish within `seconds` (REPLAY_SECONDS) together are left out, with a note."""
    election = pabulib.parse(data if isinstance(data, str) else _text(data))
    if not election.projects:
        raise pabulib.PabulibError(0, "no_projects", "the file has no projects")
    deadline = time.monotonic() + (REPLAY_SECONDS if seconds is None else seconds)
    columns, skipped, unfit = _rule_columns(election, deadline)
    file_column, problem = _file_column(election, columns, deadline)
    extra = [file_column] if file_column else []
    official = _official(election)
    if official is not None:
        extra.append(("official", _("Uitslag volgens het bestand"), official))
    try:
        threshold = int(float(election.meta.get("min_project_score_threshold", "")))
    except ValueError:
        threshold = None
    comparison = compare_outcomes(election, [], threshold=threshold, extra=columns + extra)
    notes = []
    if skipped:
        notes.append(
            _(
                "Dit bestand is groot. Deze regels zijn niet berekend, omdat dat te lang duurt "
                "op deze pagina: %(rules)s."
            )
            % {"rules": "; ".join(skipped)}
        )
    if unfit:
        notes.append(
            _("Deze regels werken niet met de stemmen in dit bestand: %(rules)s.")
            % {"rules": "; ".join(unfit)}
        )
    return Replay(
        election=election,
        comparison=comparison,
        file_rule_text=election.meta.get("rule", "").strip(),
        file_rule_problem=problem,
        notes=notes,
    )


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise pabulib.PabulibError(0, "encoding", "the file is not UTF-8 text") from error
