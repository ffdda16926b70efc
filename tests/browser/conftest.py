"""Fixtures for end-to-end tests: headless Chromium driven by Playwright, and Streamlit apps.

Browser tests skip (loudly) when Chromium or Playwright is missing, except in CI (the
``CI`` environment variable is set), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from deploy.local import CHROMIUM_ARGS, find_chromium, start_streamlit, stop_streamlit

LOCAL_HOSTS = {"127.0.0.1"}
APP = Path(__file__).resolve().parents[2] / "app.py"
"""The explorer, on the article's graph: what most browser tests open (``app_url``)."""


def _missing(reason: str) -> None:
    message = f"BROWSER TESTS NOT RUN: {reason}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -r requirements-dev.txt).")
    executable = find_chromium()
    if executable is None:
        _missing("Chromium not found; install it with `apt-get install -y chromium`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def streamlit_app(tmp_path_factory) -> Iterator[Callable[..., str]]:
    """Start ``streamlit run <app_path>`` on a free port; return its base URL.

    Each app (with the same env) is started once per session and stopped at the end.
    """
    started: dict[tuple, tuple[subprocess.Popen, str]] = {}

    def start(app_path: str | Path, env: dict[str, str] | None = None) -> str:
        cache_key = (str(app_path), tuple(sorted((env or {}).items())))
        if cache_key not in started:
            log = tmp_path_factory.mktemp("streamlit") / "server.log"
            started[cache_key] = start_streamlit(app_path, log, env)
        return started[cache_key][1]

    yield start
    for process, _ in started.values():
        stop_streamlit(process)


@pytest.fixture(scope="session")
def app_url(streamlit_app) -> str:
    """The explorer's address (one server for the whole session); a module may start its own instead."""
    return streamlit_app(APP)


@pytest.fixture
def page(browser) -> Iterator:
    """A fresh 1366x768 page that may reach 127.0.0.1 only.

    Attached lists: ``page.kg_errors`` (console errors and uncaught page errors),
    ``page.kg_blocked`` (requests to anywhere else, aborted) and ``page.kg_requests``
    (every URL requested).
    """
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    blocked: list[str] = []
    requests: list[str] = []

    def only_local(route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "websocket",
        lambda ws: None if urlsplit(ws.url).hostname in LOCAL_HOSTS else blocked.append(ws.url),
    )
    page.kg_errors, page.kg_blocked, page.kg_requests = errors, blocked, requests
    yield page
    context.close()
