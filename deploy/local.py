"""Starting and stopping ``streamlit run`` on 127.0.0.1, and finding Debian's Chromium.

Shared by the end-to-end tests (``tests/browser/conftest.py``) and the benchmark (``bench/browser.py``,
``bench/classroom.py``), so that the benchmark does not import from ``tests``. It needs the package
installed (``pip install -e .``, as ``make`` does) or the repository as the working directory: the
server runs in the repository, so ``app.py`` and the apps under ``tests/`` find ``graph`` either way.
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
from pathlib import Path

__all__ = ["CHROMIUM_ARGS", "REPO_ROOT", "find_chromium", "start_streamlit", "stop_streamlit"]

REPO_ROOT = Path(__file__).resolve().parents[1]
# Without the background-networking flags Chromium keeps trying to reach Google on a closed network.
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


def find_chromium() -> str | None:
    """The path of Debian's ``chromium``, or ``None`` when it is not installed."""
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


def start_streamlit(app_path: str | Path, log: Path, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run app_path`` on a free port of 127.0.0.1; return the process and its URL once healthy."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    full_env = {**os.environ, **(env or {})}
    command = [
        sys.executable, "-m", "streamlit", "run", str(app_path),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log.open("wb") as log_file:
        # Its own session, so that stopping it stops whatever it started too.
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=full_env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _wait_until_healthy(url, process, log)
    except RuntimeError:
        stop_streamlit(process)
        raise
    return process, url


def stop_streamlit(process: subprocess.Popen) -> None:
    """Stop a server from :func:`start_streamlit` and whatever it started (SIGTERM, then SIGKILL after 10 s)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


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
            time.sleep(0.2)  # not listening yet
            continue
        time.sleep(0.2)
    raise RuntimeError(f"Streamlit did not answer in {STARTUP_TIMEOUT_S} s:\n{log.read_text()[-3000:]}")
