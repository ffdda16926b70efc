"""Accessibility audits in real Chromium: axe-core (WCAG 2.1 A and AA, and best practice) on the start view and every tab.

axe-core comes from the npm registry, installed by the test setup (``make test``) into
``.venv/npm``; ``KG_AXE_JS`` may point to another copy of ``axe.min.js``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import settled_view, wait_for_run, wait_for_view

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "app.py"
AXE = Path(os.environ.get("KG_AXE_JS", REPO / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"))
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture
def app_url(streamlit_app) -> str:
    if not AXE.exists():
        message = f"ACCESSIBILITY AUDITS NOT RUN: axe-core not found at {AXE} (make test installs it with npm)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return streamlit_app(APP)


def violations(page) -> list[str]:
    """What axe-core finds wrong in the page as it is now: one line per rule and element."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async (tags) => {
            // Streamlit's own file-uploader drop zone is a focusable <section role="presentation">, which axe
            // flags as a minor presentation-role conflict; it is Streamlit's markup, not the app's.
            const context = {exclude: [["[data-testid=stFileUploaderDropzone]"]]};
            const result = await axe.run(context, {runOnly: {type: "tag", values: tags}});
            return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(" ")}`));
        }""",
        RULES,
    )
    return found


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()
    expect(page.get_by_role("tab", name=name, exact=True)).to_have_attribute("aria-selected", "true")
    wait_for_run(page)


def test_the_start_view_and_every_tab_pass_axe(page, app_url):
    page.goto(app_url)
    wait_for_view(page, timeout_ms=40_000)
    found = {"start view": violations(page)}

    open_tab(page, "Connect two")
    found["Connect two"] = violations(page)
    page.get_by_role("button", name="Show how they connect").click()
    settled_view(page)
    found["Connect two, a path shown"] = violations(page)

    open_tab(page, "Tour")
    found["Tour"] = violations(page)
    box = page.get_by_label("Guided tour", exact=True)
    box.click()
    box.fill("From causes to symptoms")
    page.get_by_role("option", name="From causes to symptoms", exact=True).click()
    settled_view(page)
    found["Tour, a step"] = violations(page)

    open_tab(page, "Quiz")
    page.get_by_role("button", name="Start a quiz").click()
    wait_for_run(page)
    found["Quiz"] = violations(page)
    question = page.locator(".st-key-quiz_q_0")
    question.get_by_role("radio").first.focus()
    page.keyboard.press("ArrowDown")  # an option chosen, as a keyboard user would
    expect(question.get_by_role("radio").nth(1)).to_be_checked()
    page.get_by_role("button", name="Check answer 1", exact=True).click()
    expect(question.get_by_test_id("stAlertContainer")).to_have_count(1)
    found["Quiz, one answered"] = violations(page)

    open_tab(page, "Key concepts")
    found["Key concepts"] = violations(page)

    open_tab(page, "Concept")
    page.get_by_role("button", name="Your graph").click()
    found["Your graph"] = violations(page)
    page.keyboard.press("Escape")
    page.get_by_text("Edit the links in a table", exact=True).click()
    wait_for_run(page)
    found["the table of links"] = violations(page)

    page.get_by_text("Save and share with your class", exact=True).click()
    wait_for_run(page)
    found["Save and share"] = violations(page)

    open_tab(page, "Practice")
    found["Practice"] = violations(page)

    bad = {where: lines for where, lines in found.items() if lines}
    assert not bad, "\n".join(f"{where}:\n  " + "\n  ".join(lines) for where, lines in bad.items())
