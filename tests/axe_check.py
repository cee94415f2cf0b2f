"""axe-core (from npm, tests/a11y) in a Playwright page, plus the sideways-scroll check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
AXE_JS = REPO_ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
# Phone and desktop, as in issue 16.
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


def axe_violations(page: Any, impacts: tuple[str, ...] = BLOCKING) -> list[dict[str, Any]]:
    """Violations of the given impacts on the page as it is now (open shadow roots included)."""
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing ({AXE_JS}): run `make setup-test`")
    if not page.evaluate("() => !!window.axe"):
        # Evaluated through the DevTools protocol, so pages with a strict CSP are checked too.
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;void 0")
    result = page.evaluate(
        """async () => {
             const r = await axe.run(document, {resultTypes: ['violations']});
             return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))}));
           }""")
    return [v for v in result if v["impact"] in impacts]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:4])
        lines.append(f"{v['impact']}: {v['id']} ({v['help']}) at {targets}")
    return "\n".join(lines)


def assert_no_blocking_violations(page: Any, where: str) -> None:
    found = axe_violations(page)
    assert not found, f"axe on {where}:\n{describe(found)}"


def page_width(page: Any) -> dict[str, int]:
    """How wide the page's content is compared with the viewport (sideways scroll if wider)."""
    return page.evaluate(
        """() => ({scroll: Math.max(document.documentElement.scrollWidth,
                                    document.body ? document.body.scrollWidth : 0),
                  viewport: window.innerWidth})""")


def assert_no_sideways_scroll(page: Any, where: str) -> None:
    width = page_width(page)
    assert width["scroll"] <= width["viewport"], (
        f"{where} scrolls sideways: content {width['scroll']} px in a "
        f"{width['viewport']} px viewport")
