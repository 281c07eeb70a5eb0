"""Component manifests: what each app adds to the shared parts of the product, in one place.

Every app that provides something other apps show or use (phase kinds and the actions they allow,
page sections, search, staff menu entries, audit action labels, privacy handlers, comment and
report rules, demo chapters, API routes, event types) declares it in one module,
`samenspraak/<app>/manifest.py`:

    from samenspraak.core.components import Manifest, PhaseAction, SearchProvider, StaffLink

    MANIFEST = Manifest(
        app="consultation",
        phase_actions=(PhaseAction(SUBMIT_INPUT, _("Inbreng geven"), promises_answer=True),),
        search_providers=(SearchProvider("consultation.inputs", _("Inbreng van inwoners"),
                                         search=search_results, template="consultation/..."),),
        staff_menu=(StaffLink(_("Antwoorden geven op inbreng"), "consultation:inbox",
                              permission=can_use_inbox, order=50),),
        audit_actions={AuditAction.ANSWERED: _("Inbreng beantwoord")},
        ...
    )

and registers it once from its AppConfig.ready(): `components.register(MANIFEST)`.

The shared parts read the manifests of the *installed* apps when they need them (search,
the staff menu, the audit log filter, privacy export/erase, dialogue's rules, section
registries, phase kinds, the demo generator), so adding an app edits no other app. The system
check core.E010-E016 (`check_manifests`) verifies the manifests at start-up.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import checks
from django.core.signals import setting_changed
from django.utils.module_loading import module_has_submodule

#: Manifest fields holding page sections, by the name of the core.registry registry they fill.
SECTION_FIELDS = (
    "process_sections",
    "home_sections",
    "area_sections",
    "input_sections",
    "account_sections",
)

#: Modules that show an app adds something to a shared registry; such an app needs a manifest.
REGISTERING_MODULES = ("registrations", "privacy", "demo_data", "sections")


@dataclass(frozen=True)
class PhaseAction:
    """Something residents may do while a phase allows it (a stable string, stored nowhere)."""

    key: str
    label: str
    #: True when what residents submit this way gets an official answer within the process's
    #: answer period (processes then asks for that period).
    promises_answer: bool = False


@dataclass(frozen=True)
class PageSection:
    """A section on a page owned by a lower app; see core.registry."""

    key: str
    template: str
    context: Callable[..., dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class SearchResults:
    """What a search provider found: the items of page `page` (at most core.search.LIMIT) and
    the total; `capped`: there are more than `count` (core.search.COUNT_LIMIT), not counted
    further."""

    items: list[Any]
    count: int
    capped: bool = False
    page: int = 1


@dataclass(frozen=True)
class SearchProvider:
    """One group on the search page.

    `search(query, user, page=1) -> SearchResults` runs a fixed number of queries (one, through
    core.search.first_results, which pages by core.search.LIMIT); `template` renders one item
    (as `item`, with `query` for highlighting).

    `matches(query, user) -> QuerySet` (optional) gives the rows `search` would find, unranked
    and not yet run (core.search.text_matches on the same rows): the search page asks every
    group at once, in one query, whether it has any (core.search.groups_with_matches), and
    only searches those that have. A group without it is always searched.
    """

    key: str
    label: str
    search: Callable[[str, Any], SearchResults]
    template: str
    order: int = 100
    matches: Callable[[str, Any], Any] | None = None


@dataclass(frozen=True)
class StaffLink:
    """An entry of the staff menu, shown when `permission(user)` is true."""

    label: str
    url_name: str
    permission: Callable[[Any], bool]
    order: int = 100


@dataclass(frozen=True)
class LoginLanding:
    """Where someone lands after logging in when no safe ?next= says otherwise: `url(user)`
    gives a path for this person or None (not theirs). Of the landings that give a path, the
    one with the highest `priority` wins; none: residents go to Mijn account, staff to the staff
    start page. Keep `url` cheap: it runs on every log-in (no query unless the role fits)."""

    key: str
    url: Callable[[Any], str | None]
    priority: int = 100


@dataclass(frozen=True)
class ProcessAction:
    """Something a visitor can do on a process right now ("Wat kunt u nu doen", at the top of
    the process page): a button `label` to `url`, open until the end of `until` (a date).
    With `needs_login` the page sends a visitor who is not logged in to the log-in page first
    (with ?next= back to `url`)."""

    label: str
    url: str
    until: Any = None
    needs_login: bool = True


def _no_context(process) -> dict:
    return {}


@dataclass(frozen=True)
class WizardStep:
    """A step another app adds to the process wizard ("Proces maken"), e.g. representation's
    targets for who should take part. Processes owns the page (the list of steps, the heading,
    the route `beheer/processen/<slug>/bewerken/<key>/` behind the managers' role and, like every
    staff route, the second factor); the app owns what is asked and how it is stored:

    - `form(process, data) -> Form`: the step's form, bound to `data` when given;
    - `save(request, process, form) -> str`: writes the valid form through the app's own service
      (which checks permission and writes the audit log) and returns the message to show; raises
      ValidationError (shown on the form, what was typed kept) or PermissionDenied;
    - `context(process) -> dict`: what `template` shows besides the form;
    - `template`: the step's content inside the wizard page (gets `process`, `form`, the
      context and `step_url`, this step's address, for links that come back here).

    `form` and `context` run a fixed number of queries. The step comes after the wizard's own
    step `after` (checked by processes.E002), in `order`. `permission(user)`: who sees it. With
    `repeat` the step shows again after a save (to add another, like the phases); without it the
    wizard goes on to the next step.
    """

    key: str
    label: str
    template: str
    form: Callable[[Any, Any], Any]
    save: Callable[[Any, Any, Any], str]
    context: Callable[[Any], dict] = _no_context
    after: str = "fasen"
    order: int = 100
    permission: Callable[[Any], bool] | None = None
    repeat: bool = True


@dataclass(frozen=True)
class ViewRule:
    """Dialogue's rules for one model ("app_label.ModelName"): who sees it, who may comment on
    it, and how it shows in the moderation queue when it can be reported (report_label set)."""

    model: str
    can_view: Callable[[Any, Any], bool] | None = None
    can_comment: Callable[[Any, Any], bool] | None = None
    report_label: str | None = None
    report_text: Callable[[Any], str] | None = None
    #: Comments on this model may take a position (for, against, neutral), shown side by side.
    positions: bool = False
    #: `(target) -> bool`: new comments on this target wait for a moderator (pre-moderation)
    #: instead of appearing at once (post-moderation, the default).
    premoderate: Callable[[Any], bool] | None = None
    #: `(target) -> list of (title, text)`: house rules that hold on this target besides the
    #: municipality's own (e.g. a discussion space's rules).
    house_rules: Callable[[Any], list[tuple[str, str]]] | None = None


@dataclass(frozen=True)
class Manifest:
    """What one app (`app` = its label) provides to the rest of the product."""

    app: str
    #: processes.phases.PhaseKind instances.
    phase_kinds: tuple[Any, ...] = ()
    phase_actions: tuple[PhaseAction, ...] = ()
    process_sections: tuple[PageSection, ...] = ()
    home_sections: tuple[PageSection, ...] = ()
    area_sections: tuple[PageSection, ...] = ()
    input_sections: tuple[PageSection, ...] = ()
    #: Sections of "Mijn Samenspraak" (the account's overview of what the person did), each with
    #: a context `(user) -> dict | None` in a fixed number of queries; its template gives its own
    #: h2 heading.
    account_sections: tuple[PageSection, ...] = ()
    search_providers: tuple[SearchProvider, ...] = ()
    staff_menu: tuple[StaffLink, ...] = ()
    #: {stable action name: label} for every action the app writes to the audit log.
    audit_actions: Mapping[str, str] = field(default_factory=dict)
    #: accounts.privacy.PrivacyHandler instances.
    privacy: tuple[Any, ...] = ()
    view_rules: tuple[ViewRule, ...] = ()
    #: Functions `(request, process) -> list[ProcessAction]`: what this visitor can do on the
    #: process now, each with a fixed number of queries (the process's phases are prefetched).
    process_actions: tuple[Callable[[Any, Any], list[ProcessAction]], ...] = ()
    #: Ready process templates (JSON files in the processes.designs format) the app ships,
    #: as paths relative to the app's package folder, e.g. "process_templates/buurtbudget.json".
    #: Installed after every migrate (processes.services.shipped_templates_install).
    process_templates: tuple[str, ...] = ()
    #: Dotted path of the module holding the app's demo chapters (core.demo_registry).
    demo_chapters: str | None = None
    #: Dotted path of the app's `api.urls` module.
    api_urls: str | None = None
    #: Event classes (core.events) the app emits.
    event_types: tuple[type, ...] = ()
    #: (event class or type string, dotted path of the handler) pairs.
    subscribers: tuple[tuple[Any, str], ...] = ()
    #: (key, dotted path of a function `(now) -> number emitted`) pairs: time-based emitters
    #: that `samenspraak events_dispatch` runs on every sweep (core.events.register_clock).
    clocks: tuple[tuple[str, str], ...] = ()
    #: core.trace.TraceProvider instances: the steps this app adds to the golden thread of
    #: another app's things (an answer, a decision, a delivery project, a result).
    trace_providers: tuple[Any, ...] = ()
    #: core.trace.TimelineSource instances: what this app adds to an area's memory.
    area_timeline: tuple[Any, ...] = ()
    #: LoginLanding instances: an own page where some people land after logging in.
    login_landings: tuple[LoginLanding, ...] = ()
    #: WizardStep instances: steps this app adds to the process wizard (processes.wizard).
    wizard_steps: tuple[WizardStep, ...] = ()


# app label -> the distinct manifests registered for it (more than one is an error, core.E011).
_registered: dict[str, list[Manifest]] = {}
_cache: dict[str, Any] = {}


def register(manifest: Manifest) -> Manifest:
    """Register an app's manifest (from its AppConfig.ready(); registering it again is harmless)."""
    if not isinstance(manifest, Manifest):
        raise TypeError(f"components.register() takes a Manifest, got {manifest!r}")
    known = _registered.setdefault(manifest.app, [])
    if not any(existing is manifest or existing == manifest for existing in known):
        known.append(manifest)
    _cache.clear()
    _apply_events(manifest)
    return manifest


def _apply_events(manifest: Manifest) -> None:
    """Hand the manifest's event types, subscribers and clocks to core.events."""
    from samenspraak.core import events

    for event_type in manifest.event_types:
        events.register_type(event_type)
    for event_type, handler in manifest.subscribers:
        events.subscribe(event_type, handler)
    for key, function in manifest.clocks:
        events.register_clock(key, function)


def clear_cache(**kwargs) -> None:
    _cache.clear()


def _on_setting_changed(setting, **kwargs):
    if setting == "INSTALLED_APPS":
        _cache.clear()


setting_changed.connect(_on_setting_changed, dispatch_uid="samenspraak.core.components")


def cached(name: str, build: Callable[[], Any]) -> Any:
    """`build()`, kept until a manifest is registered or INSTALLED_APPS changes (for indexes
    other apps build from the manifests, e.g. dialogue's rules by model)."""
    if name not in _cache:
        _cache[name] = build()
    return _cache[name]


def manifests() -> list[Manifest]:
    """The manifests of the installed apps, in INSTALLED_APPS order."""
    if "manifests" not in _cache:
        _cache["manifests"] = [
            manifest for label in apps.app_configs for manifest in _registered.get(label, [])[:1]
        ]
    return _cache["manifests"]


def entries(field_name: str) -> Iterator[Any]:
    """Every entry of one tuple field (e.g. "staff_menu") across the installed manifests."""
    for manifest in manifests():
        yield from getattr(manifest, field_name)


# --- Accessors ---------------------------------------------------------------------------


def phase_actions() -> dict[str, PhaseAction]:
    return {action.key: action for action in entries("phase_actions")}


def phase_kinds() -> list[Any]:
    return list(entries("phase_kinds"))


def sections(field_name: str) -> list[PageSection]:
    if field_name not in SECTION_FIELDS:
        raise ValueError(f"No section field {field_name!r}; one of {SECTION_FIELDS}")
    return list(entries(field_name))


def search_providers() -> list[SearchProvider]:
    return sorted(entries("search_providers"), key=lambda p: (p.order, p.key))


def staff_menu(user) -> list[StaffLink]:
    """The staff menu entries `user` may use, in order."""
    links = sorted(entries("staff_menu"), key=lambda link: (link.order, link.url_name))
    return [link for link in links if link.permission(user)]


def login_landing(user) -> str | None:
    """The path of the landing (LoginLanding) with the highest priority that has one for
    `user`, or None."""
    landings = sorted(entries("login_landings"), key=lambda item: (-item.priority, item.key))
    for landing in landings:
        url = landing.url(user)
        if url:
            return url
    return None


def audit_action_labels() -> dict[str, str]:
    return {action: label for m in manifests() for action, label in m.audit_actions.items()}


def privacy_handlers() -> list[Any]:
    return list(entries("privacy"))


def process_action_providers() -> list[Callable[[Any, Any], list[ProcessAction]]]:
    return list(entries("process_actions"))


def wizard_steps() -> list[WizardStep]:
    """The steps the installed apps add to the process wizard, by `order` then key (processes
    places each after its `after` step)."""
    return sorted(entries("wizard_steps"), key=lambda step: (step.order, step.key))


def view_rules() -> list[ViewRule]:
    return list(entries("view_rules"))


def demo_chapter_modules() -> list[str]:
    return [m.demo_chapters for m in manifests() if m.demo_chapters]


def process_template_files() -> list[Path]:
    """The process template files the installed apps ship, sorted by file name (stable order
    in the wizard whatever the order of INSTALLED_APPS)."""
    files = []
    for manifest in manifests():
        folder = Path(apps.get_app_config(manifest.app).path)
        files += [folder / relative for relative in manifest.process_templates]
    return sorted(files, key=lambda path: (path.name, str(path)))


def api_url_modules() -> list[str]:
    """Dotted paths of the installed apps' `api.urls` modules (the API mounts these)."""
    return [m.api_urls for m in manifests() if m.api_urls]


# --- System check ------------------------------------------------------------------------


def _importable(path: str) -> bool:
    module_path, _dot, attribute = path.rpartition(".")
    try:
        importlib.import_module(path)
        return True
    except ImportError:
        pass
    if not module_path:
        return False
    try:
        return hasattr(importlib.import_module(module_path), attribute)
    except ImportError:
        return False


def _keys(field_name: str, manifest: Manifest) -> list[str]:
    if field_name == "audit_actions":
        return list(manifest.audit_actions)
    if field_name == "staff_menu":
        return [link.url_name for link in manifest.staff_menu]
    if field_name == "view_rules":
        return [rule.model for rule in manifest.view_rules]
    if field_name == "wizard_steps":  # something else than a WizardStep: core.E016
        return [step.key for step in manifest.wizard_steps if isinstance(step, WizardStep)]
    return [entry.key for entry in getattr(manifest, field_name)]


KEYED_FIELDS = (
    "phase_kinds",
    "phase_actions",
    *SECTION_FIELDS,
    "search_providers",
    "staff_menu",
    "audit_actions",
    "privacy",
    "view_rules",
    "trace_providers",
    "area_timeline",
    "wizard_steps",
)

#: A wizard step's key is part of its address: lower-case letters, digits and dashes.
_STEP_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _wizard_step_errors(app: str, step: Any) -> list[checks.Error]:
    """What is wrong with one wizard step (core.E016); processes checks `after` (its own steps)."""
    if not isinstance(step, WizardStep):
        return [
            checks.Error(
                f"Manifest of {app!r} adds {step!r} to the process wizard, which is no WizardStep.",
                id="core.E016",
            )
        ]
    problems = []
    if not isinstance(step.key, str) or not _STEP_KEY.match(step.key):
        problems.append("its key must be lower-case letters, digits and dashes")
    for name in ("form", "save", "context"):
        if not callable(getattr(step, name)):
            problems.append(f"{name} must be callable")
    if step.permission is not None and not callable(step.permission):
        problems.append("permission must be callable or None")
    if not step.template:
        problems.append("it needs a template")
    else:
        from django.template import TemplateDoesNotExist
        from django.template.loader import get_template

        try:
            get_template(step.template)
        except TemplateDoesNotExist:
            problems.append(f"its template {step.template!r} does not exist")
    return [
        checks.Error(
            f"Wizard step {step.key!r} of {app!r}: {problem}.",
            hint="See core.components.WizardStep.",
            id="core.E016",
        )
        for problem in problems
    ]


@checks.register()
def check_manifests(app_configs=None, **kwargs):
    errors = []
    installed = list(apps.get_app_configs())
    for config in installed:
        if not config.name.startswith("samenspraak."):
            continue
        count = len(_registered.get(config.label, []))
        if count > 1:
            errors.append(
                checks.Error(
                    f"App {config.label!r} registered {count} different manifests.",
                    hint="Declare everything in one MANIFEST in the app's manifest.py.",
                    id="core.E011",
                )
            )
        has_module = module_has_submodule(config.module, "manifest")
        if has_module and not count:
            errors.append(
                checks.Error(
                    f"{config.name}.manifest exists but is not registered.",
                    hint="Call components.register(MANIFEST) in the app's AppConfig.ready().",
                    id="core.E010",
                )
            )
        registering = [m for m in REGISTERING_MODULES if module_has_submodule(config.module, m)]
        if registering and not count:
            errors.append(
                checks.Error(
                    f"App {config.label!r} has {', '.join(registering)} but no manifest.",
                    hint="Declare what it adds in samenspraak/<app>/manifest.py.",
                    id="core.E010",
                )
            )
    seen: dict[tuple[str, str], str] = {}
    for manifest in manifests():
        for field_name in KEYED_FIELDS:
            for key in _keys(field_name, manifest):
                owner = seen.setdefault((field_name, key), manifest.app)
                if owner != manifest.app or _keys(field_name, manifest).count(key) > 1:
                    errors.append(
                        checks.Error(
                            f"{field_name} key {key!r} is declared more than once "
                            f"({owner} and {manifest.app}).",
                            id="core.E012",
                        )
                    )
        paths = [p for p in (manifest.demo_chapters, manifest.api_urls) if p]
        paths += [handler for _event, handler in manifest.subscribers]
        paths += [function for _key, function in manifest.clocks]
        for path in paths:
            if not isinstance(path, str) or not _importable(path):
                errors.append(
                    checks.Error(
                        f"Manifest of {manifest.app!r} names {path!r}, which cannot be imported.",
                        id="core.E013",
                    )
                )
        folder = Path(apps.get_app_config(manifest.app).path)
        for relative in manifest.process_templates:
            if not (folder / relative).is_file():
                errors.append(
                    checks.Error(
                        f"Manifest of {manifest.app!r} ships the process template {relative!r}, "
                        f"which is not a file in {folder}.",
                        id="core.E015",
                    )
                )
        for provider in manifest.trace_providers:
            try:
                apps.get_model(provider.origin)
            except (LookupError, ValueError):
                errors.append(
                    checks.Error(
                        f"Manifest of {manifest.app!r} adds to the golden thread of "
                        f"{provider.origin!r}, which is no installed model.",
                        id="core.E013",
                    )
                )
        for step in manifest.wizard_steps:
            errors += _wizard_step_errors(manifest.app, step)
        for rule in manifest.view_rules:
            try:
                apps.get_model(rule.model)
            except (LookupError, ValueError):
                errors.append(
                    checks.Error(
                        f"Manifest of {manifest.app!r} has a view rule for {rule.model!r}, "
                        "which is no installed model.",
                        id="core.E013",
                    )
                )
    registered_actions = set(phase_actions())
    for kind in phase_kinds():
        unknown = sorted(set(kind.allows) - registered_actions)
        if unknown:
            errors.append(
                checks.Error(
                    f"Phase kind {kind.key!r} allows {unknown}, which no manifest registers "
                    "as a phase action.",
                    hint="The app that owns the action declares it in phase_actions.",
                    id="core.E014",
                )
            )
    return errors
