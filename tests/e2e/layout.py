"""Layout checks for browser tests: form controls and labels that overlap or are squeezed.

axe-core does not see layout: a radio button drawn under another question's label, or a label
one letter wide, passes it. `assert_form_layout` looks at where the browser really drew things,
at the desktop and phone widths the project supports, and saves a screenshot of each
(test-results/<name>-<width>.png) to look at.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

REPO_DIR = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_DIR / "test-results"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}

# Visible form controls, labels and legends; two of them overlapping by more than a pixel either
# way is a defect, except a label and the control it holds (<label><input> text</label>).
# A label or legend whose text is squeezed into a column narrower than a few
# letters (it wraps letter by letter) is a defect too.
_LAYOUT_SCRIPT = """() => {
  const TOLERANCE = 1;
  const selector = 'input:not([type=hidden]), select, textarea, button, label, legend';
  const describe = (el) => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim();
    const id = el.id ? '#' + el.id : '';
    const name = el.name ? `[name=${el.name}]` : '';
    return `<${el.tagName.toLowerCase()}${id}${name}> ${JSON.stringify(text.slice(0, 40))}`;
  };
  const shown = (el) => {
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return null;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 2 || rect.height <= 2) return null;  // visually hidden text
    return rect;
  };
  const elements = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest('.utrecht-skip-link, .visually-hidden')) continue;
    const rect = shown(el);
    if (rect) elements.push({el, rect});
  }
  // Only nesting excuses an overlap: a label beside its input (for=) must not cover it.
  const related = (a, b) => a.contains(b) || b.contains(a);
  const problems = [];
  for (let i = 0; i < elements.length; i++) {
    for (let j = i + 1; j < elements.length; j++) {
      const a = elements[i], b = elements[j];
      const across = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
      const down = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
      if (across > TOLERANCE && down > TOLERANCE && !related(a.el, b.el)) {
        problems.push(`overlap: ${describe(a.el)} and ${describe(b.el)}` +
          ` (${Math.round(across)}×${Math.round(down)} px)`);
      }
    }
  }
  for (const {el, rect} of elements) {
    if (el.tagName !== 'LABEL' && el.tagName !== 'LEGEND') continue;
    const words = (el.innerText || '').trim().split(/\\s+/).filter(Boolean);
    if (!words.length) continue;
    const style = getComputedStyle(el);
    const lineHeight = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
    const lines = Math.round(rect.height / lineHeight);
    // More lines than words: the text is broken inside words (letter by letter).
    if (lines > words.length) {
      const width = Math.round(rect.width);
      problems.push(`squeezed: ${describe(el)} takes ${lines} lines in ${width} px`);
    }
  }
  return problems;
}"""


def layout_problems(page: Page) -> list[str]:
    """Overlapping or squeezed form controls, labels and legends on the page as drawn now."""
    return page.evaluate(_LAYOUT_SCRIPT)


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_form_layout(page: Page, name: str) -> None:
    """No overlapping or squeezed controls and labels at desktop (1280×900) and phone (390×844)
    width; a full-page screenshot of each width goes to test-results/. The viewport is put back."""
    original = page.viewport_size
    failures = []
    try:
        for width_name, size in WIDTHS.items():
            page.set_viewport_size(size)
            screenshot(page, f"{name}-{width_name}")
            failures += [f"{width_name}: {problem}" for problem in layout_problems(page)]
    finally:
        if original:
            page.set_viewport_size(original)
    assert not failures, f"Form layout problems on {page.url}:\n" + "\n".join(failures)
