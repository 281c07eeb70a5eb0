"""The engine's explanation of each project, as one plain sentence (B1 Dutch, English too).

The engine (pbengine) gives per project a dict of facts (see pbengine.model.Outcome). This
module turns those facts into what a resident reads on the results page, for example:

- greedy, funded:   "Plaats 3 met 410 stemmen. Het paste nog in het budget (er was nog € 22.000
  over)."
- greedy, skipped:  "Plaats 5 met 120 stemmen. Paste niet meer: nog € 5.000 over, het project
  kost € 12.000."
- Equal Shares:     "212 stemmers steunden dit project. Zij betaalden elk € 41,20 van hun gelijke
  deel; 12 van hen hadden minder over en gaven alles wat ze nog hadden."
- Equal Shares, not funded: "Niet gekozen: de 35 voorstanders hadden samen nog € 8.100 over, het
  project kost € 20.000."

Unknown or missing facts never fail a page: the sentence then says less.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspraak.core.money import UNKNOWN, format_money

GREEDY_RULES = ("greedy", "greedy-no-skip", "greedy-threshold")
EXACT_RULES = ("ees", "ees-add-opt", "ees-add-opt-skip")


def money(amount) -> str:
    """€ 22.000 or € 41,20 (core.money, the active language); '€ –' when unknown."""
    return format_money(amount, empty=UNKNOWN)


def _number(value) -> str:
    """410 or 12,5: whole numbers without decimals."""
    if value is None:
        return "0"
    value = Decimal(str(value))
    places = 0 if value == value.to_integral_value() else 1
    return number_format(value, places, use_l10n=True, force_grouping=True)


def _score_phrase(vote_type: str, votes: int | None, score) -> str:
    """'410 stemmen' (approval) or '380 punten' (cumulative, ranking)."""
    if vote_type in ("cumulative", "ordinal", "scoring"):
        count = int(score or 0)
        return ngettext("%(n)s punt", "%(n)s punten", count) % {"n": _number(score)}
    count = int(votes or 0)
    return ngettext("%(n)s stem", "%(n)s stemmen", count) % {"n": _number(count)}


def explain(
    rule: str,
    facts: dict | None,
    *,
    vote_type: str = "approval",
    votes: int | None = None,
    cost=None,
    threshold: int | None = None,
) -> str:
    """One sentence on why the project was or was not funded under `rule`.

    `votes` is the number of ballots that name the project (the engine's greedy score is a
    satisfaction, which for approval ballots is votes × cost, so votes come from the tally).
    """
    if not facts:
        return ""
    if cost is None:
        cost = facts.get("cost")
    if rule in GREEDY_RULES or "rank" in facts:
        return _greedy(facts, vote_type=vote_type, votes=votes, cost=cost, threshold=threshold)
    if rule in EXACT_RULES:
        return _exact_shares(facts, votes=votes, cost=cost)
    return _equal_shares(facts, vote_type=vote_type, votes=votes, cost=cost)


def _greedy(facts, *, vote_type, votes, cost, threshold) -> str:
    rank = facts.get("rank")
    place = _("Plaats %(rank)s met %(score)s.") % {
        "rank": rank if rank is not None else "–",
        "score": _score_phrase(vote_type, votes, facts.get("score")),
    }
    reason = facts.get("reason")
    left = facts.get("remaining_before")
    if reason == "fits" or (facts.get("selected") and reason in (None, "funded")):
        why = _("Het paste nog in het budget (er was nog %(left)s over).") % {"left": money(left)}
    elif reason == "does_not_fit":
        why = _("Paste niet meer: nog %(left)s over, het project kost %(cost)s.") % {
            "left": money(left),
            "cost": money(cost),
        }
    elif reason == "below_threshold":
        if threshold:
            why = ngettext(
                "Niet gekozen: een project heeft minstens %(min)s stem nodig.",
                "Niet gekozen: een project heeft minstens %(min)s stemmen nodig.",
                threshold,
            ) % {"min": threshold}
        else:
            why = _("Niet gekozen: het project had te weinig stemmen.")
    elif reason == "fits_leftover":
        why = _(
            "Eerst was het budget voor deze categorie op; het paste daarna in wat er over was "
            "(%(left)s)."
        ) % {"left": money(left)}
    elif reason == "group_full":
        why = _(
            "Paste niet meer in het budget voor deze categorie: nog %(left)s over, het project "
            "kost %(cost)s."
        ) % {"left": money(facts.get("group_left")), "cost": money(cost)}
    elif reason == "partially_funded":
        why = _("Krijgt een deel van het geld: %(amount)s van %(cost)s.") % {
            "amount": money(facts.get("amount")),
            "cost": money(cost),
        }
    elif reason == "reserve":
        why = _("Paste net niet, maar kreeg geld uit de reserve (zo staat het in de regels).")
    elif reason == "withdrawn":
        why = _("Dit project is teruggetrokken.")
    elif reason == "stopped":
        why = _(
            "Niet gekozen: bij deze regel stopt de verdeling bij het eerste project dat niet "
            "meer past."
        )
    else:
        why = _("Niet gekozen.")
    return f"{place} {why}"


def _supporters(facts, votes) -> int:
    value = facts.get("supporters")
    if isinstance(value, list | tuple | set):
        return len(value)
    if value is None:
        return int(votes or 0)
    return int(value)


def _exact_shares(facts, *, votes, cost) -> str:
    """Exact Equal Shares: the payers of a project each pay exactly the same share; supporters
    with less left than that share pay nothing."""
    supporters = _supporters(facts, votes)
    if facts.get("selected"):
        backed = ngettext(
            "%(n)s stemmer steunde dit project.",
            "%(n)s stemmers steunden dit project.",
            supporters,
        ) % {"n": _number(supporters)}
        payers = facts.get("payers")
        share = facts.get("share")
        if payers is None or share is None or not payers:
            return backed
        if payers >= supporters:
            paid = _("Zij betaalden elk precies %(share)s van hun gelijke deel.") % {
                "share": money(share)
            }
            return f"{backed} {paid}"
        paid = ngettext(
            "%(k)s van hen betaalde %(share)s van zijn of haar gelijke deel; de anderen hadden "
            "minder dan %(share)s over en betaalden niets.",
            "%(k)s van hen betaalden elk precies %(share)s van hun gelijke deel; de anderen "
            "hadden minder dan %(share)s over en betaalden niets.",
            int(payers),
        ) % {"k": _number(payers), "share": money(share)}
        return f"{backed} {paid}"
    if supporters == 0:
        return _("Niet gekozen: niemand stemde op dit project.")
    return ngettext(
        "Niet gekozen: de voorstander had te weinig over om %(cost)s te betalen.",
        "Niet gekozen: er waren niet genoeg voorstanders die elk een even groot deel van "
        "%(cost)s konden betalen (van de %(n)s voorstanders).",
        supporters,
    ) % {"n": _number(supporters), "cost": money(cost)}


def _equal_shares(facts, *, vote_type, votes, cost) -> str:
    supporters = _supporters(facts, votes)
    if not facts.get("selected") and facts.get("reason") == "category_full":
        return _(
            "Niet gekozen: het budget voor de categorie ‘%(category)s’ had nog %(left)s over, "
            "het project kost %(cost)s."
        ) % {
            "category": facts.get("category", ""),
            "left": money(facts.get("category_left")),
            "cost": money(cost),
        }
    if facts.get("selected"):
        if facts.get("completion"):
            return _(
                "Gekozen in de aanvulling: na de verdeling in gelijke delen was er nog geld "
                "over, en dit project paste daarin (%(cost)s)."
            ) % {"cost": money(cost)}
        backed = ngettext(
            "%(n)s stemmer steunde dit project.",
            "%(n)s stemmers steunden dit project.",
            supporters,
        ) % {"n": _number(supporters)}
        share = facts.get("share")
        paid_rest = int(facts.get("paid_rest") or 0)
        if vote_type not in ("approval", "choose-1") or share is None:
            paid = _(
                "Zij betaalden samen de %(cost)s uit hun gelijke deel van het budget; wie meer "
                "punten gaf, betaalde meer."
            ) % {"cost": money(cost)}
            return f"{backed} {paid}"
        paid = _("Zij betaalden elk %(share)s van hun gelijke deel") % {"share": money(share)}
        if paid_rest:
            rest = ngettext(
                "; %(n)s van hen had minder over en gaf alles wat hij of zij nog had.",
                "; %(n)s van hen hadden minder over en gaven alles wat ze nog hadden.",
                paid_rest,
            ) % {"n": _number(paid_rest)}
            return f"{backed} {paid}{rest}"
        return f"{backed} {paid}."
    if supporters == 0:
        return _("Niet gekozen: niemand stemde op dit project.")
    left = _money_left(facts)
    reason = facts.get("reason")
    if left is not None and (reason in (None, "too_expensive") or left < float(cost or 0)):
        return ngettext(
            "Niet gekozen: de %(n)s voorstander had nog %(left)s over, het project kost %(cost)s.",
            "Niet gekozen: de %(n)s voorstanders hadden samen nog %(left)s over, "
            "het project kost %(cost)s.",
            supporters,
        ) % {"n": _number(supporters), "left": money(left), "cost": money(cost)}
    if reason == "too_expensive":
        return ngettext(
            "Niet gekozen: de %(n)s voorstander had te weinig over van het gelijke deel om "
            "%(cost)s te betalen.",
            "Niet gekozen: de %(n)s voorstanders hadden samen te weinig over van hun gelijke "
            "deel om %(cost)s te betalen.",
            supporters,
        ) % {"n": _number(supporters), "cost": money(cost)}
    return ngettext(
        "Niet gekozen: de %(n)s voorstander betaalde al mee aan andere projecten; daarna was "
        "er te weinig over.",
        "Niet gekozen: de %(n)s voorstanders betaalden al mee aan andere projecten; daarna "
        "was er te weinig over.",
        supporters,
    ) % {"n": _number(supporters)}


def _money_left(facts) -> float | None:
    """The supporters' money left when the rule ended, under whichever key the engine used."""
    for key in ("supporters_money", "money_left", "left", "supporters_budget", "available"):
        value = facts.get(key)
        if isinstance(value, int | float | Decimal):
            return float(value)
    return None
