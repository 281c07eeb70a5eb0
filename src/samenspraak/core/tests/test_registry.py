import pytest

from samenspraak.core.registry import SectionRegistry


def test_sections_come_in_order_and_empty_ones_are_hidden():
    """Sections are ordered by `order` then key; a section whose context is empty is left out."""
    registry = SectionRegistry("test")
    registry.register("b.later", template="b.html", context=lambda request: {"x": 1}, order=20)
    registry.register("a.first", template="a.html", context=lambda request: {"y": 2}, order=10)
    registry.register("c.empty", template="c.html", context=lambda request: None, order=5)

    sections = registry.collect("request")

    assert [s.key for s in sections] == ["a.first", "b.later"]
    assert sections[0].template == "a.html"
    assert sections[0].context == {"y": 2}


def test_registering_a_key_again_replaces_it():
    """Re-registering (e.g. ready() run twice in tests) never shows a section twice."""
    registry = SectionRegistry("test")
    registry.register("a.one", template="old.html", context=lambda r: {"v": 1})
    registry.register("a.one", template="new.html", context=lambda r: {"v": 2})
    assert [s.template for s in registry.collect(None)] == ["new.html"]


def test_section_context_receives_the_page_arguments():
    """An area section gets the request and the area it is shown for."""
    registry = SectionRegistry("test")
    registry.register("a.area", template="a.html", context=lambda request, area: {"area": area})
    assert registry.collect("req", "Wijk Noord")[0].context == {"area": "Wijk Noord"}


def test_key_without_app_prefix_is_refused():
    """Keys name their app ('app.section'), so two apps cannot collide by accident."""
    with pytest.raises(ValueError):
        SectionRegistry("test").register("plain", template="x.html", context=lambda r: {})
