"""Fixtures for end-to-end tests: headless Chromium driven by Playwright, and Streamlit apps.

Browser tests skip (loudly) when Chromium or Playwright is missing, except in CI (the
``CI`` environment variable is set), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
LOCAL_HOSTS = {"127.0.0.1"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
STARTUP_TIMEOUT_S = 60


def _missing(reason: str) -> None:
    message = f"BROWSER TESTS NOT RUN: {reason}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _find_chromium() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


@pytest.fixture(scope="session")
def browser() -> Iterator:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -r requirements-dev.txt).")
    executable = _find_chromium()
    if executable is None:
        _missing("Chromium not found; install it with `apt-get install -y chromium`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Streamlit exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200 and response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"Streamlit did not answer in {STARTUP_TIMEOUT_S} s:\n{log.read_text()[-3000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)  # its own process group: see start_new_session
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def streamlit_app(tmp_path_factory) -> Iterator[Callable[..., str]]:
    """Start ``streamlit run <app_path>`` on a free port; return its base URL.

    Each app (with the same env) is started once per session and stopped at the end.
    """
    started: dict[tuple, tuple[subprocess.Popen, str]] = {}

    def start(app_path: str | Path, env: dict[str, str] | None = None) -> str:
        cache_key = (str(app_path), tuple(sorted((env or {}).items())))
        if cache_key in started:
            return started[cache_key][1]
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        log = tmp_path_factory.mktemp("streamlit") / "server.log"
        full_env = {**os.environ, **(env or {})}
        full_env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), full_env.get("PYTHONPATH")) if p)
        command = [
            sys.executable, "-m", "streamlit", "run", str(app_path),
            "--server.headless", "true",
            "--server.address", "127.0.0.1",
            "--server.port", str(port),
            "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                command,
                cwd=REPO_ROOT,
                env=full_env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        started[cache_key] = (process, url)
        _wait_until_healthy(url, process, log)
        return url

    yield start
    for process, _ in started.values():
        _stop(process)


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
