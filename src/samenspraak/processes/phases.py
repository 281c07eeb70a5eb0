"""Phase kinds: what a phase allows, declared once by the app that provides it.

A phase stores only its kind's stable key (e.g. "consultation.collect"). The app that provides
the behaviour declares the kind in its manifest (samenspraak/<app>/manifest.py), together with
the actions it owns:

    MANIFEST = Manifest(
        app="consultation",
        phase_actions=(PhaseAction(SUBMIT_INPUT, _("Inbreng geven"), promises_answer=True), ...),
        phase_kinds=(
            PhaseKind(
                key="consultation.collect",
                name=_("Inbreng verzamelen"),
                description=_("Inwoners geven ideeën en reacties, steunen en bespreken ze."),
                allows=frozenset({SUBMIT_INPUT, SUPPORT, COMMENT}),
            ),
        ),
    )

An action is a stable string owned by the app that acts on it (consultation's "submit_input",
dialogue's "comment", surveys' "survey", budgeting's "vote"); processes names none of them. The
system check core.E014 verifies at start-up that every action a kind allows is registered by
some manifest. Reading the process (its page, updates, documents) is always allowed once it is
published; `allows` lists what residents may *do* while the phase runs. A system check
(processes.checks) verifies at start-up that every kind stored in the database is declared.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspraak.core import components


@dataclass(frozen=True)
class PhaseKind:
    key: str
    name: str
    description: str = ""
    #: Phase actions (components.PhaseAction keys) residents may do while the phase runs.
    allows: frozenset[str] = field(default_factory=frozenset)
    #: True for a phase in which the decision is taken (needed for "meebeslissen").
    decides: bool = False
    #: True for a phase that looks back on a finished process (the results, the evaluation):
    #: a process in such a phase no longer shows under "Wat loopt er nu" on the home page.
    looks_back: bool = False

    def __post_init__(self):
        if "." not in self.key:
            raise ValueError(f"A phase kind key looks like 'app.kind', got {self.key!r}")

    @property
    def promises_answer(self) -> bool:
        """Does something residents submit in this phase get an answer within the answer period?"""
        actions = components.phase_actions()
        return any(actions[a].promises_answer for a in self.allows if a in actions)


class PhaseKindRegistry:
    """The kinds declared in the installed apps' manifests, plus any registered directly
    (tests register stand-ins that way)."""

    def __init__(self):
        self._kinds: dict[str, PhaseKind] = {}

    def register(self, kind: PhaseKind) -> PhaseKind:
        existing = self._all().get(kind.key)
        if existing is not None and existing != kind:
            raise ValueError(f"Phase kind {kind.key!r} is already registered differently")
        self._kinds[kind.key] = kind
        return kind

    def _all(self) -> dict[str, PhaseKind]:
        declared = components.cached(
            "processes.phase_kinds", lambda: {kind.key: kind for kind in components.phase_kinds()}
        )
        return {**declared, **self._kinds}

    def get(self, key: str) -> PhaseKind | None:
        return self._all().get(key)

    def __getitem__(self, key: str) -> PhaseKind:
        return self._all()[key]

    def __contains__(self, key: str) -> bool:
        return key in self._all()

    def all(self) -> list[PhaseKind]:
        return sorted(self._all().values(), key=lambda kind: kind.key)

    def choices(self) -> list[tuple[str, str]]:
        return [(kind.key, kind.name) for kind in self.all()]


phase_kinds = PhaseKindRegistry()

# The phases processes itself provides (informing and deciding need no other app); declared in
# processes' manifest.
INFORM = PhaseKind(
    key="processes.inform",
    name=_("Informeren"),
    description=_("De gemeente vertelt wat er speelt. U kunt alles lezen en het proces volgen."),
)
DECIDE = PhaseKind(
    key="processes.decide",
    name=_("Besluit"),
    description=_("Wie beslist, neemt het besluit en legt uit wat er met de inbreng is gedaan."),
    decides=True,
)
EVALUATE = PhaseKind(
    key="processes.evaluate",
    name=_("Terugblik"),
    description=_("De gemeente laat zien wat er met de uitkomst is gebeurd."),
    looks_back=True,
)


def looking_back_kinds() -> list[str]:
    """The keys of the phase kinds that look back on a finished process."""
    return [kind.key for kind in phase_kinds.all() if kind.looks_back]


def phase_allows(phase, action: str, at=None) -> bool:
    """Does this phase, at this moment, allow residents to do `action`?"""
    kind = phase_kinds.get(phase.kind)
    if kind is None or action not in kind.allows:
        return False
    return phase.process.is_published and phase.is_active(at or timezone.now())
