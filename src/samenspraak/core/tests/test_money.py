"""core.money: one reading and one writing of euro amounts, and no second one anywhere."""

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from samenspraak.core.money import AMOUNT_MAX, format_amount, format_money, parse_money

SRC = Path(__file__).resolve().parents[2]  # src/samenspraak


@pytest.mark.parametrize(
    ("amount", "dutch", "english"),
    [
        (Decimal("12500"), "€ 12.500", "€12,500"),
        (Decimal("12500.50"), "€ 12.500,50", "€12,500.50"),
        (Decimal("1250000.00"), "€ 1.250.000", "€1,250,000"),
        (41.2, "€ 41,20", "€41.20"),
        (Decimal("8.333"), "€ 8,33", "€8.33"),
        (Decimal("0.005"), "€ 0,01", "€0.01"),  # half up, not to even
        (Decimal("-2000"), "€ -2.000", "-€2,000"),
        (999, "€ 999", "€999"),
    ],
)
def test_format_money_follows_the_active_language(amount, dutch, english):
    with translation.override("nl"):
        assert format_money(amount) == dutch
    with translation.override("en"):
        assert format_money(amount) == english


def test_format_money_without_an_amount_gives_the_empty_text():
    assert format_money(None) == ""
    assert format_money(None, empty="€ –") == "€ –"
    assert format_amount(None) == ""


def test_format_amount_is_read_back_by_parse_money_in_both_languages():
    for language in ("nl", "en"):
        with translation.override(language):
            for amount in (Decimal("12500"), Decimal("12500.50"), Decimal("7.05")):
                assert parse_money(format_amount(amount)) == amount
                assert parse_money(format_money(amount)) == amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("12.500", Decimal("12500")),
        ("12500,50", Decimal("12500.50")),
        ("€ 12.500,-", Decimal("12500")),
        ("12 500", Decimal("12500")),
        ("12,500", Decimal("12500")),
        ("12,500.50", Decimal("12500.50")),
        ("€12,500", Decimal("12500")),
        ("7,5", Decimal("7.5")),
    ],
)
def test_parse_money_reads_dutch_and_english_notation(text, amount):
    assert parse_money(text) == amount


@pytest.mark.parametrize("text", ["", "twaalf", "12.50.0", "1,2,3", "12,5000"])
def test_parse_money_refuses_what_is_no_amount_with_a_dutch_message(text):
    with translation.override("nl"), pytest.raises(ValueError, match="bedrag"):
        parse_money(text)


def test_parse_money_refuses_too_large_an_amount():
    with translation.override("nl"), pytest.raises(ValueError, match="te groot"):
        parse_money(str(AMOUNT_MAX + 1))


def test_the_euro_filter_uses_the_same_notation():
    template = Template("{% load money %}{{ amount|euro }}")
    with translation.override("nl"):
        assert template.render(Context({"amount": Decimal("12500")})) == "€ 12.500"
    with translation.override("en"):
        assert template.render(Context({"amount": Decimal("12500")})) == "€12,500"


def _gettext_call(node: ast.AST) -> bool:
    func = getattr(node, "func", None)
    name = getattr(func, "id", None) or getattr(func, "attr", None)
    return name in {"_", "gettext", "gettext_lazy", "ngettext", "pgettext", "ngettext_lazy"}


def _euro_strings_outside_messages(tree: ast.AST):
    """String literals with '€' that are not a docstring or a translatable message: code that
    writes amounts by itself."""
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if _gettext_call(node):
            allowed.update(id(child) for child in ast.walk(node))
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            allowed.update(id(child) for child in ast.walk(body[0]))
    for node in ast.walk(tree):
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and "€" in text and id(node) not in allowed:
            yield node.lineno, text


def test_no_euro_formatting_outside_core_money():
    """Three formatters once disagreed ('€ 12,500' next to '€ 12.500'); core.money is the one."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if "/tests/" in relative or "/migrations/" in relative or relative == "core/money.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [
            f"{relative}:{line}: {text!r}" for line, text in _euro_strings_outside_messages(tree)
        ]
    assert found == [], "Write amounts with samenspraak.core.money:\n" + "\n".join(found)


def test_the_architecture_test_finds_a_formatter_of_its_own():
    code = 'def cost(x):\n    """€ 5"""\n    return f"€ {x:,}".replace(",", ".")\nmsg = _("€ 0")\n'
    assert [line for line, _text in _euro_strings_outside_messages(ast.parse(code))] == [3]
