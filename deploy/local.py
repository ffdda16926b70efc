"""Starting and stopping ``streamlit run`` on 127.0.0.1, and finding Debian's Chromium.

Shared by the end-to-end tests (``tests/browser/conftest.py``) and the benchmark (``bench/browser.py``,
``bench/classroom.py``), so that the benchmark does not import from ``tests``. It needs the package
installed (``pip install -e .``, as ``make`` does) or the repository as the working directory: the
server runs in the repository, so ``app.py`` and the apps under ``tests/`` find ``graph`` either way.
"""

from __future__ import annotations

import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

__all__ = [
    "CHROMIUM_ARGS",
    "REPO_ROOT",
    "find_chromium",
    "free_port",
    "make_static_folder",
    "start_streamlit",
    "stop_process",
    "stop_streamlit",
    "streamlit_command",
    "wait_until_healthy",
]

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


def free_port(host: str = "127.0.0.1") -> int:
    """A port of ``host`` that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def streamlit_command(app_path: str | Path, host: str, port: int) -> list[str]:
    """``streamlit run app_path`` headless on ``host:port``, without usage statistics; Streamlit refuses
    uploads over ``KG_MAX_UPLOAD_MB`` itself, so that a refused file never sits in the server's memory."""
    from graph import settings

    return [
        sys.executable, "-m", "streamlit", "run", str(app_path),
        "--server.headless", "true",
        "--server.address", host,
        "--server.port", str(port),
        "--server.maxUploadSize", str(max(1, math.ceil(settings.value("KG_MAX_UPLOAD_MB")))),
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip


def make_static_folder(app_path: str | Path) -> None:
    """Make the ``static/`` folder Streamlit serves beside ``app_path``, empty if it is not there.

    The graph view copies vis-network into it when it first draws (``explorer/components/graph_view``);
    Streamlit looks each file up when asked, so the folder need not be there before, but without it
    Streamlit warns on starting that static file serving has no folder.
    """
    (Path(app_path).resolve().parent / "static").mkdir(exist_ok=True)


def start_streamlit(app_path: str | Path, log: Path, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run app_path`` on a free port of 127.0.0.1; return the process and its URL once healthy."""
    make_static_folder(app_path)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    full_env = {**os.environ, **(env or {})}
    command = streamlit_command(app_path, "127.0.0.1", port)
    with log.open("wb") as log_file:
        # Its own session, so that stopping it stops whatever it started too.
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=full_env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_until_healthy(url, process, log)
    except RuntimeError:
        stop_streamlit(process)
        raise
    return process, url


def stop_process(process: subprocess.Popen) -> None:
    """Stop a process started in its own session and whatever it started (SIGTERM, then SIGKILL after 10 s)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


stop_streamlit = stop_process
"""Stop a server from :func:`start_streamlit` (see :func:`stop_process`)."""


def wait_until_healthy(url: str, process: subprocess.Popen, log: Path, timeout_s: float = STARTUP_TIMEOUT_S) -> None:
    """Wait until ``url`` answers Streamlit's health check (through a proxy too); raise RuntimeError,
    with the end of ``log``, if ``process`` stops first or nothing answers in ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            program = process.args[0] if isinstance(process.args, list) else process.args
            raise RuntimeError(f"{Path(str(program)).name} stopped at start; its log ({log}) ends:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass  # not answering yet
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {timeout_s} s; {log} ends:\n{_tail(log)}")


def _tail(log: Path) -> str:
    return log.read_text("utf-8", "replace")[-3000:] if log.exists() else "(no log)"
