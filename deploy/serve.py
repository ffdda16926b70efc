"""``python -m deploy.serve``: the explorer for a whole class, several processes behind HAProxy on one port.

One Streamlit process runs every learner's script on one core (Python's GIL); a class of 60
needs more. This starts ``--processes`` of ``streamlit run app.py`` on free ports of 127.0.0.1
and Debian's HAProxy in front of them (``deploy/haproxy.cfg``), keeping each learner on one
process by a cookie. ``start`` stays in the foreground until Ctrl-C (or ``stop``), then stops
everything it started, by PID; ``stop`` stops a ``start`` running elsewhere, from its PID file.

Example
-------
    python -m deploy.serve start --processes 2 --port 8501
    python -m deploy.serve stop
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

from deploy.local import free_port, make_static_folder, stop_process, streamlit_command, wait_until_healthy
from graph import memory, settings

__all__ = ["Deployment", "main"]

REPO = Path(__file__).resolve().parents[1]
CONFIG = Path(__file__).resolve().parent / "haproxy.cfg"
RUN_DIR = REPO / "deploy" / "run"
STARTUP_TIMEOUT_S = 90
BACKEND_HOST = "127.0.0.1"
"""Where the Streamlit processes listen, whatever ``--host`` HAProxy listens on: learners reach them only
through HAProxy (and its sticky cookie), never past it."""


class Deployment:
    """``processes`` Streamlit processes and HAProxy before them on ``host:port`` (0: a free port).

    Use as a context manager, or call :meth:`start` and :meth:`stop`. ``url`` is the address to open.
    Logs, the generated HAProxy config and the PID file go to ``run_dir``.
    """

    def __init__(
        self, processes: int = 2, port: int = 0, host: str = "127.0.0.1", run_dir: Path = RUN_DIR, app: Path = REPO / "app.py"
    ):
        if processes < 1:
            raise ValueError("at least one process is needed")
        self.processes, self.host, self.run_dir, self.app = processes, host, Path(run_dir), app
        self.port = port or free_port(host)
        self.url = f"http://{host}:{self.port}"
        self.apps: list[tuple[subprocess.Popen, int]] = []
        self.proxy: subprocess.Popen | None = None
        self._wrote_pid_file = False

    def __enter__(self) -> Deployment:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def pid_file(self) -> Path:
        return self.run_dir / "pids"

    def start(self) -> None:
        # HAProxy binds with SO_REUSEPORT: a second one on a port in use would start too and share the class
        # with the first. So the port is tried first, as a plain listener would be, and a clash refused.
        _refuse_a_port_in_use(self.host, self.port)
        haproxy = shutil.which("haproxy") or ("/usr/sbin/haproxy" if os.path.exists("/usr/sbin/haproxy") else None)
        if haproxy is None:
            raise RuntimeError("HAProxy is not installed; on Debian: apt-get install haproxy")
        self.run_dir.mkdir(parents=True, exist_ok=True)
        # One secret for all processes, so a cookie Streamlit signs in one is valid in the others.
        secret = secrets.token_hex(16)
        try:
            for number in range(1, self.processes + 1):
                port = free_port(BACKEND_HOST)
                self.apps.append((self._start_app(number, port, secret), port))
            for number, (process, port) in enumerate(self.apps, 1):
                wait_until_healthy(
                    f"http://{BACKEND_HOST}:{port}", process, self.run_dir / f"app-{number}.log", STARTUP_TIMEOUT_S
                )
            config = self.run_dir / "haproxy.cfg"
            servers = "".join(
                f"    server app{n} {BACKEND_HOST}:{port} check cookie app{n}\n" for n, (_, port) in enumerate(self.apps, 1)
            )
            config.write_text(CONFIG.read_text("utf-8") + servers, encoding="utf-8")
            env = {
                **os.environ,
                "KG_BIND": f"{self.host}:{self.port}",
                "KG_FRAME_ANCESTORS": settings.value("KG_FRAME_ANCESTORS"),  # checked there: only origins
            }
            with (self.run_dir / "haproxy.log").open("wb") as log:
                # -db: stay in the foreground, so that this PID is HAProxy's and stopping it stops it.
                self.proxy = subprocess.Popen(
                    [haproxy, "-db", "-f", str(config)], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )
            wait_until_healthy(self.url, self.proxy, self.run_dir / "haproxy.log", STARTUP_TIMEOUT_S)
        except BaseException:
            self.stop()
            raise
        self.pid_file.write_text("\n".join(str(p.pid) for p in self._processes()) + "\n", encoding="utf-8")
        self._wrote_pid_file = True

    def _start_app(self, number: int, port: int, secret: str) -> subprocess.Popen:
        env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secret}
        if settings.value("KG_MEMORY_BUDGET_MB") is None:  # the machine's share, split among the processes
            env["KG_MEMORY_BUDGET_MB"] = str(max(64, memory.budget_bytes() // self.processes // 2**20))
        make_static_folder(self.app)
        command = streamlit_command(self.app, BACKEND_HOST, port)
        with (self.run_dir / f"app-{number}.log").open("wb") as log:
            return subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def _processes(self) -> list[subprocess.Popen]:
        return ([self.proxy] if self.proxy else []) + [process for process, _ in self.apps]

    def stop(self) -> None:
        """Stop HAProxy, then each Streamlit process (each its own process group), by PID."""
        for process in self._processes():
            stop_process(process)
        self.proxy, self.apps = None, []
        if self._wrote_pid_file:  # never another start's: stopping a refused start must not orphan the running one
            self.pid_file.unlink(missing_ok=True)
            self._wrote_pid_file = False


def _refuse_a_port_in_use(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as err:
            raise RuntimeError(
                f"port {port} on {host} is in use ({err.strerror}): is the explorer already running? Stop it with "
                "`python -m deploy.serve stop`, or choose another --port."
            ) from None


def _stop_recorded(run_dir: Path) -> int:
    """Stop the processes a ``start`` recorded in its PID file (each the leader of its own group)."""
    pid_file = run_dir / "pids"
    if not pid_file.exists():
        print(f"Nothing to stop: no {pid_file}.", file=sys.stderr)
        return 1
    for line in pid_file.read_text("utf-8").split():
        try:
            os.killpg(int(line), signal.SIGTERM)
        except ProcessLookupError:
            pass
    pid_file.unlink()
    print("Stopped.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__.split("\n\n")[1])
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("start", help="start the processes and HAProxy; Ctrl-C stops them all")
    start.add_argument("--processes", type=int, default=os.cpu_count() or 2, help="streamlit processes (default: one per core)")
    start.add_argument("--port", type=int, default=8501, help="the port learners open (default 8501)")
    start.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1)")
    commands.add_parser("stop", help="stop what a running start started")
    args = parser.parse_args(argv)
    if args.command == "stop":
        return _stop_recorded(RUN_DIR)
    if args.processes < 1:
        parser.error("--processes must be 1 or more")
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    deployment = Deployment(args.processes, args.port, args.host)
    try:
        deployment.start()
    except RuntimeError as err:
        print(f"Could not start: {err}", file=sys.stderr)
        return 1
    try:
        print(f"The explorer is at {deployment.url} ({args.processes} processes behind HAProxy). Ctrl-C stops it.", flush=True)
        while not stopping.is_set() and all(p.poll() is None for p in deployment._processes()):
            stopping.wait(1)
    finally:
        deployment.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
