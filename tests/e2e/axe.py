"""Accessibility and console checks for browser tests.

axe-core is evaluated through the DevTools protocol (`page.evaluate`), which the site's
Content-Security-Policy does not govern, so the page under test keeps its real policy.
"""

from __future__ import annotations

import weakref
from functools import cache
from pathlib import Path

from playwright.sync_api import ConsoleMessage, Page

REPO_DIR = Path(__file__).resolve().parents[2]
AXE_PATH = REPO_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_console_errors: weakref.WeakKeyDictionary[Page, list[str]] = weakref.WeakKeyDictionary()


@cache
def axe_source() -> str:
    if not AXE_PATH.exists():
        raise AssertionError(f"{AXE_PATH} is missing: run `make install` (npm ci) first")
    return AXE_PATH.read_text(encoding="utf-8")


def watch_console(page: Page) -> list[str]:
    """Collect console errors (CSP violations are reported there too) and uncaught exceptions."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            source = message.location.get("url") or page.url
            if source.endswith("/favicon.ico"):
                return  # Chromium's own guess when no icon is declared; see test_pages.py
            if message.text.startswith("Failed to load resource") and source == page.url:
                return  # the page itself answered 400/429 on purpose (a form with errors)
            errors.append(f"console error on {page.url}: {message.text} ({source})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"uncaught exception on {page.url}: {exc}"))
    _console_errors[page] = errors
    return errors


def assert_no_console_errors(page: Page) -> None:
    errors = _console_errors.get(page, [])
    reported = list(errors)
    errors.clear()  # report each error once, not again at the fixture's teardown
    assert not reported, "The browser reported errors:\n" + "\n".join(reported)


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f" [{violation.get('helpUrl', '')}]"
        )
        for node in violation.get("nodes", []):
            target = " ".join(str(part) for part in node.get("target", []))
            lines.append(f"    at {target}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Zero axe-core violations of WCAG 2.1 A/AA on the current page, and a clean console."""
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        """(tags) => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations', 'incomplete'],
        })""",
        WCAG_TAGS,
    )
    violations = result["violations"]
    assert not violations, (
        f"{len(violations)} accessibility violation(s) on {page.url}:\n"
        + format_violations(violations)
    )
    unreadable = contrast_failures(page, _incomplete_contrast_targets(result))
    assert not unreadable, (
        f"{len(unreadable)} element(s) with too little colour contrast on {page.url}"
        " (axe could not decide, measured here):\n" + "\n".join(unreadable)
    )
    assert_no_console_errors(page)


def _incomplete_contrast_targets(result: dict) -> list[str]:
    """CSS selectors of the nodes axe put under "needs review" for colour contrast.

    axe gives up (result "incomplete") when, for instance, a pseudo-element or an overlapping
    element hides the background; a real 1:1 button then passes unnoticed. We measure those.
    """
    targets = []
    for item in result.get("incomplete", []):
        if item["id"] != "color-contrast":
            continue
        for node in item.get("nodes", []):
            target = node.get("target", [])
            if len(target) == 1 and isinstance(target[0], str):  # no iframe or shadow DOM here
                targets.append(target[0])
    return targets


# Contrast as WCAG 2.1 defines it (1.4.3): the text colour against the background the person
# sees, found by walking up the ancestors and laying semi-transparent backgrounds over each
# other. Large text (24px, or 18.66px bold) needs 3:1, other text 4.5:1. Elements on a
# background image cannot be measured this way and are reported as such.
_CONTRAST_SCRIPT = """(selectors) => {
  const parse = (value) => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const parts = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
  };
  const over = (top, bottom) => {
    const a = top.a + bottom.a * (1 - top.a);
    if (a === 0) return {r: 0, g: 0, b: 0, a: 0};
    const mix = (t, b) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
    return {r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a};
  };
  const luminance = (c) => {
    const lin = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  };
  const describe = (c) => `rgb(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)})`;
  const results = [];
  for (const selector of selectors) for (const element of document.querySelectorAll(selector)) {
    const layers = [];
    let image = false;
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage && style.backgroundImage !== 'none') { image = true; break; }
      const colour = parse(style.backgroundColor);
      if (colour && colour.a > 0) {
        layers.push(colour);
        if (colour.a >= 1) break;
      }
    }
    const style = getComputedStyle(element);
    const text = (element.innerText || element.value || '').trim().slice(0, 40);
    if (image) {
      results.push({selector, text, image: true});
      continue;
    }
    let background = {r: 255, g: 255, b: 255, a: 1};  // the canvas
    for (const layer of layers.reverse()) background = over(layer, background);
    const foreground = over(parse(style.color) || {r: 0, g: 0, b: 0, a: 1}, background);
    const [hi, lo] = [luminance(foreground), luminance(background)].sort((x, y) => y - x);
    const size = parseFloat(style.fontSize);
    const bold = parseInt(style.fontWeight, 10) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    results.push({
      selector, text, image: false,
      ratio: (hi + 0.05) / (lo + 0.05),
      required: large ? 3 : 4.5,
      foreground: describe(foreground),
      background: describe(background),
    });
  }
  return results;
}"""


def measure_contrast(page: Page, selectors: list[str]) -> list[dict]:
    """The measured contrast of every element `selectors` match (see _CONTRAST_SCRIPT)."""
    return page.evaluate(_CONTRAST_SCRIPT, selectors) if selectors else []


def contrast_failures(page: Page, selectors: list[str]) -> list[str]:
    failures = []
    for found in measure_contrast(page, selectors):
        if found["image"]:
            failures.append(
                f"- {found['selector']} ({found['text']!r}): text on a background image,"
                " contrast cannot be measured; give it a solid background colour"
            )
        elif found["ratio"] < found["required"] - 0.005:
            failures.append(
                f"- {found['selector']} ({found['text']!r}): {found['foreground']} on"
                f" {found['background']} is {found['ratio']:.2f}:1,"
                f" needs {found['required']}:1"
            )
    return failures
