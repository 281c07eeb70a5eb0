"""Demo chapters: other apps add their own demo data after the base chapter.

An app puts its chapters in a module (usually `demo_data.py`) and names it in its manifest
(`demo_chapters="samenspraak.<app>.demo_data"`, core.components):

    from samenspraak.core.demo_registry import chapter

    @chapter("consultation.ideas", order=200)
    def ideas(ctx):
        for resident in ctx.rng.sample(ctx.residents, 40):
            ...  # write through your own services

`ctx` is a `samenspraak.demo.generator.DemoContext`: `rng` (a `random.Random` of its own for this
chapter, so adding a chapter never changes what the others generate), `seed`, `municipality`,
`districts` and `neighbourhoods` (Area lists), `areas` (both), `residents` (User list) and `staff`
(role -> list of Users), plus `data`, a dict where a chapter can leave things for later ones.

Chapters run in `order` (then by name), each in its own transaction, after the base chapter
(order 0: municipality, areas and people). The registry lives in core so that an app can add
chapters without importing the demo app (which sits above all of them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Chapter:
    name: str
    order: int
    build: Callable


_chapters: dict[str, Chapter] = {}


def _identity(build: Callable) -> tuple:
    return (getattr(build, "__module__", None), getattr(build, "__qualname__", None))


def register(name: str, build: Callable, *, order: int = 100) -> Chapter:
    """Register `build(ctx)` under a unique, stable name such as "consultation.ideas"."""
    existing = _chapters.get(name)
    # Re-importing the same module is harmless; two different builders for one name is a bug.
    if (
        existing is not None
        and existing.build is not build
        and _identity(existing.build) != _identity(build)
    ):
        raise ValueError(f"Demo chapter {name!r} is already registered")
    _chapters[name] = Chapter(name=name, order=order, build=build)
    return _chapters[name]


def unregister(name: str) -> None:
    _chapters.pop(name, None)


def chapter(name: str, *, order: int = 100):
    """Decorator form of `register`."""

    def decorator(build: Callable) -> Callable:
        register(name, build, order=order)
        return build

    return decorator


def autodiscover() -> None:
    """Import the demo chapter module of every installed app's manifest so its chapters register."""
    from samenspraak.core import components

    for module in components.demo_chapter_modules():
        import_module(module)


def chapters() -> list[Chapter]:
    """Registered chapters in the order they run."""
    return sorted(_chapters.values(), key=lambda c: (c.order, c.name))
