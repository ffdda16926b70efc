"""With the project's Streamlit configuration, an unexpected error never shows a traceback to the user."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import wait_for_run

pytestmark = pytest.mark.browser

RAISING_APP = Path(__file__).with_name("raising_app.py")


def test_an_unexpected_error_shows_no_traceback(page, streamlit_app):
    page.goto(streamlit_app(RAISING_APP))
    page.get_by_role("heading", name="About to fail").wait_for(timeout=30_000)
    # The run is over once the error is shown: what the page says then is all the user gets.
    expect(page.get_by_test_id("stException")).to_be_visible(timeout=30_000)
    wait_for_run(page)
    text = page.locator("body").inner_text()
    assert "Traceback" not in text
    assert "secret internal detail" not in text and "/work/private" not in text
    assert "RuntimeError" not in text
