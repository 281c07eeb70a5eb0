"""Phase kinds: what a phase allows, declared once by the app that provides it.

A phase stores only its kind's stable key (e.g. "consultation.collect"). The app that provides
the behaviour registers the kind in its AppConfig.ready():

    from samenspraak.processes.phases import Action, PhaseKind, phase_kinds

    phase_kinds.register(PhaseKind(
        key="consultation.collect",
        name=_("Inbreng verzamelen"),
        description=_("Inwoners geven ideeën en reacties, steunen en bespreken ze."),
        allows=frozenset({Action.SUBMIT_INPUT, Action.SUPPORT, Action.COMMENT}),
    ))

Reading the process (its page, updates, documents) is always allowed once it is published; the
`allows` set lists what residents may *do* while the phase runs. A system check (processes.checks)
verifies at start-up that every kind stored in the database is registered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action:
    """The things a phase can allow residents to do. Stable strings, stored nowhere."""

    SUBMIT_INPUT = "submit_input"
    SUPPORT = "support"
    COMMENT = "comment"
    SURVEY = "survey"
    DISCUSS = "discuss"
    VOTE = "vote"

    ALL = frozenset({SUBMIT_INPUT, SUPPORT, COMMENT, SURVEY, DISCUSS, VOTE})


@dataclass(frozen=True)
class PhaseKind:
    key: str
    name: str
    description: str = ""
    allows: frozenset[str] = field(default_factory=frozenset)
    #: True for a phase in which the decision is taken (needed for "meebeslissen").
    decides: bool = False

    def __post_init__(self):
        if "." not in self.key:
            raise ValueError(f"A phase kind key looks like 'app.kind', got {self.key!r}")
        unknown = set(self.allows) - Action.ALL
        if unknown:
            raise ValueError(f"Phase kind {self.key}: unknown actions {sorted(unknown)}")


class PhaseKindRegistry:
    def __init__(self):
        self._kinds: dict[str, PhaseKind] = {}

    def register(self, kind: PhaseKind) -> PhaseKind:
        existing = self._kinds.get(kind.key)
        if existing is not None and existing != kind:
            raise ValueError(f"Phase kind {kind.key!r} is already registered differently")
        self._kinds[kind.key] = kind
        return kind

    def get(self, key: str) -> PhaseKind | None:
        return self._kinds.get(key)

    def __getitem__(self, key: str) -> PhaseKind:
        return self._kinds[key]

    def __contains__(self, key: str) -> bool:
        return key in self._kinds

    def all(self) -> list[PhaseKind]:
        return sorted(self._kinds.values(), key=lambda kind: kind.key)

    def choices(self) -> list[tuple[str, str]]:
        return [(kind.key, kind.name) for kind in self.all()]


phase_kinds = PhaseKindRegistry()

# The phases processes itself provides: informing and deciding need no other app.
INFORM = phase_kinds.register(
    PhaseKind(
        key="processes.inform",
        name=_("Informeren"),
        description=_(
            "De gemeente vertelt wat er speelt. U kunt alles lezen en het proces volgen."
        ),
    )
)
DECIDE = phase_kinds.register(
    PhaseKind(
        key="processes.decide",
        name=_("Besluit"),
        description=_(
            "Wie beslist, neemt het besluit en legt uit wat er met de inbreng is gedaan."
        ),
        decides=True,
    )
)
EVALUATE = phase_kinds.register(
    PhaseKind(
        key="processes.evaluate",
        name=_("Terugblik"),
        description=_("De gemeente laat zien wat er met de uitkomst is gebeurd."),
    )
)


def phase_allows(phase, action: str, at=None) -> bool:
    """Does this phase, at this moment, allow residents to do `action`?"""
    kind = phase_kinds.get(phase.kind)
    if kind is None or action not in kind.allows:
        return False
    return phase.process.is_published and phase.is_active(at or timezone.now())
