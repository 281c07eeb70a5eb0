"""Registries through which higher apps add sections to pages owned by lower ones.

The home page and an area's page are built by `web` and `organisations`, but what appears on them
("Wat loopt er nu", "Wat speelde hier") comes from apps built later (processes, consultation,
execution...). Those apps declare their sections in their manifest (core.components), e.g.
`home_sections=(PageSection("processes.running", template=..., context=..., order=10),)`; the
registry of the same name reads them. Tests may also register a section directly:

    from samenspraak.core.registry import area_sections, home_sections

    home_sections.register(
        "processes.running",                 # stable key; registering it again replaces it
        template="processes/home_running.html",
        context=lambda request: {"processes": running_processes()},  # None or {} hides it
        order=10,                            # lower comes first
    )
    area_sections.register(
        "execution.projects",
        template="execution/area_projects.html",
        context=lambda request, area: {"projects": projects_in(area)},
    )

The page renders `registry.collect(...)`: the sections whose context is not empty, in order, each
with `.key`, `.template` and `.context`; the template is included with `section` = that context.
The page gives the heading ("Wat loopt er nu", h2), so a section's own headings start at h3.
A section owns its queries: keep them fixed in number.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Registration:
    key: str
    template: str
    context: Callable[..., dict[str, Any] | None]
    order: int


class SectionRegistry:
    """An ordered set of page sections, each a template plus a function that gives its context."""

    def __init__(self, name: str):
        self.name = name
        self._registrations: dict[str, _Registration] = {}

    def register(
        self,
        key: str,
        *,
        template: str,
        context: Callable[..., dict[str, Any] | None],
        order: int = 100,
    ) -> None:
        if not key or "." not in key:
            raise ValueError(f"{self.name}: a section key looks like 'app.section', got {key!r}")
        self._registrations[key] = _Registration(key, template, context, order)

    def unregister(self, key: str) -> None:
        self._registrations.pop(key, None)

    def keys(self) -> list[str]:
        return [r.key for r in self._ordered()]

    def collect(self, *args: Any) -> list[Section]:
        """The sections to show, given the page's arguments (the request, and e.g. the area)."""
        sections = []
        for registration in self._ordered():
            context = registration.context(*args)
            if context:
                sections.append(Section(registration.key, registration.template, dict(context)))
        return sections

    def _all(self) -> dict[str, _Registration]:
        from samenspraak.core import components

        declared = {}
        if self.name in components.SECTION_FIELDS:  # the shared registries, not tests' own
            declared = {
                s.key: _Registration(s.key, s.template, s.context, s.order)
                for s in components.sections(self.name)
            }
        return {**declared, **self._registrations}

    def _ordered(self) -> list[_Registration]:
        return sorted(self._all().values(), key=lambda r: (r.order, r.key))

    def __len__(self) -> int:
        return len(self._all())


# What runs now and what else the municipality wants residents to see on the home page.
# context(request) -> dict | None
home_sections = SectionRegistry("home_sections")

# "Geschiedenis / wat speelde hier" on an area's page. context(request, area) -> dict | None
area_sections = SectionRegistry("area_sections")

# Sections of a participation process's page (updates, documents, inputs, survey, figures...),
# added by the apps that provide them. context(request, process) -> dict | None
process_sections = SectionRegistry("process_sections")

# Panels on an input's page, added by apps that build on input (a budget project's cost, budget
# and feasibility). context(request, input) -> dict | None
input_sections = SectionRegistry("input_sections")

# "Mijn Samenspraak": what the logged-in person did (input, supports, comments, follows, votes...),
# each section added by the app that holds it. context(user) -> dict | None; the dict holds
# `heading` (the h2 the page gives the section), `anchor` (its id on the page) and `more` (how
# many older items were left out, see ACCOUNT_SECTION_LIMIT); the section's own headings start at
# h3. `account_items` reads a section's items and counts the rest in one query.
account_sections = SectionRegistry("account_sections")

#: The newest items a section of Mijn Samenspraak shows; older ones are counted.
ACCOUNT_SECTION_LIMIT = 20


def account_items(queryset, *, limit: int | None = None) -> tuple[list, int]:
    """The first `limit` (ACCOUNT_SECTION_LIMIT) rows of `queryset` and how many more there
    are, in one query whatever the number: the total is a window count over the whole list,
    computed by the database before the limit."""
    from django.db.models import Count, Window

    if limit is None:
        limit = ACCOUNT_SECTION_LIMIT
    rows = list(queryset.annotate(account_total=Window(Count("pk")))[:limit])
    total = rows[0].account_total if rows else 0
    return rows, total - len(rows)


def once_per_request(request, key: tuple, build: Callable[[], Any]) -> Any:
    """What `build()` gives, built once per request: an app's section and its "Wat kunt u nu
    doen?" actions on one page share a query this way (key e.g. ("surveys", process.pk))."""
    memo = request.__dict__.setdefault("_once_per_request", {})
    if key not in memo:
        memo[key] = build()
    return memo[key]
