"""Draft a map from a text, end to end in real Chromium: paste, draft, review, explore the accepted links."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import settled_view, wait_for_view, wait_until_centred

pytestmark = pytest.mark.browser

TEXT = """# Scurvy

Scurvy can be caused by a poor diet. It can cause bleeding gums and tiredness.

Treatments for scurvy include:

- Vitamin C tablets
- Fresh fruit
"""


def test_a_pasted_text_is_drafted_reviewed_and_explored(page, app_url):
    page.goto(app_url)
    wait_for_view(page, timeout_ms=90_000)
    settled_view(page)
    page.get_by_text("Draft a map from a text").click()
    panel = page.get_by_test_id("stExpander").filter(has_text="Draft a map from a text")
    panel.get_by_role("textbox", name="Text to draft from").fill(TEXT)
    panel.get_by_role("button", name="Draft the links").click()
    expect(panel.get_by_text("5 links proposed from 5 sentences of pasted text.")).to_be_visible(timeout=20_000)
    expect(panel.get_by_test_id("stDataFrame")).to_be_visible()
    panel.get_by_role("button", name="Explore the accepted links").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft from pasted text", timeout=20_000)
    wait_until_centred(page, "Scurvy")
    # The concept's details list a drafted link, with the text's sentence as its explanation.
    expect(page.get_by_text("Scurvy can be caused by a poor diet.").first).to_be_attached()
    assert not page.kg_errors


def test_the_draft_panel_with_its_table_passes_axe(page, app_url):
    from tests.browser.test_accessibility import AXE, violations

    if not AXE.exists():
        pytest.skip(f"ACCESSIBILITY AUDITS NOT RUN: axe-core not found at {AXE} (make test installs it with npm).")
    page.goto(app_url)
    wait_for_view(page, timeout_ms=90_000)
    settled_view(page)
    page.get_by_text("Draft a map from a text").click()
    panel = page.get_by_test_id("stExpander").filter(has_text="Draft a map from a text")
    panel.get_by_role("textbox", name="Text to draft from").fill(TEXT)
    panel.get_by_role("button", name="Draft the links").click()
    expect(panel.get_by_test_id("stDataFrame")).to_be_visible(timeout=20_000)
    assert violations(page) == []
