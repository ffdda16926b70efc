"""No link is made from data (issue 15): web and e-mail addresses in a teacher's descriptions, groups,
sections and explanations are shown as text in real Chromium, where Streamlit's Markdown would
otherwise make them into links."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import wait_for_view, wait_until_centred

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ADDRESSES = ROOT / "tests" / "fixtures" / "hostile" / "addresses"
SHOWN = ["https://example.com/a", "http://group.example", "www.example.org", "a.b@example.com", "https://example.com/x"]


def test_addresses_in_the_data_are_text_not_links(page, app_url):
    page.goto(app_url)
    wait_for_view(page, timeout_ms=90_000)  # the first page of a fresh server on a busy machine
    page.get_by_role("button", name="Your graph").click()
    page.locator("input[type=file]").set_input_files([str(ADDRESSES / "edges.csv"), str(ADDRESSES / "nodes.csv")])
    expect(page.get_by_role("heading", level=1)).to_have_text("Your graph: edges.csv", timeout=15_000)  # titled by its links file
    page.keyboard.press("Escape")
    wait_until_centred(page, "A")
    # Every address reads as typed (the word joiner that stops the link is invisible)...
    shown = page.locator("section.main, [data-testid='stMain']").first.inner_text().replace("\u2060", "")
    assert [address for address in SHOWN if address not in shown] == []
    # ...and none of them is a link.
    links = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    assert [href for href in links if "example" in href or href.startswith("mailto:")] == []
