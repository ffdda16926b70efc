"""Server memory while a class uploads at once: ``python -m bench.memory [--sessions N] [--links L]``.

Each of N sessions (Streamlit's AppTest: the real app script, session state and caches, one
process as on the server) uploads a graph of its own (L links, a different seed each, so no two
share a cache entry), and the process's resident memory (RSS, from /proc) is read after each
upload; then the sessions end (their state dropped, as Streamlit drops a closed session's) and
the caches are left to their bounds. What should hold: an open session holds its own graph (its
picture's callbacks name it) and nothing more; once the sessions end only the article and the
graph cache's 4 entries (explorer/panels/graphs.py) are left. RSS does not fall back when objects are freed
(the C allocator keeps its pages for reuse), so the count of graphs held is the check, RSS the cost.

``--budget MB`` sets the process's memory budget (``KG_MEMORY_BUDGET_MB``, :mod:`graph.memory`): uploads
past it are refused as "the server is busy" and counted, and memory should level off near the budget.

``--refused N [--file-mb M]`` measures something else, on a real server in headless Chromium: one learner
chooses a file of M MB (over the upload limit) N times, and the Streamlit server's RSS is read after each
choice (issue 26: each refused file used to stay in the server's memory until the tab closed).
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.synthetic import generate_links
from explorer.panels.session import SESSION_KEY
from graph.core.model import KnowledgeGraph

APP = Path(__file__).resolve().parents[1] / "app.py"


def rss_mb(pid: int | str = "self") -> float:
    """A process's resident memory (this one's by default), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def graphs_alive() -> int:
    """How many graphs this process holds (the caches' and the open sessions')."""
    gc.collect()
    return sum(isinstance(thing, KnowledgeGraph) for thing in gc.get_objects())


class Busy(RuntimeError):
    """The app refused the upload as "the server is busy" (its memory budget)."""


def upload(links: int, seed: int) -> AppTest:
    """A new session that opens the app and uploads its own graph (:class:`Busy` if the app is at its budget)."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    buffer = io.BytesIO()
    generate_links(links, seed=seed).to_csv(buffer, index=False)
    (found,) = [u for u in at.file_uploader if (u.key or "").startswith("upload_files")]
    at = found.set_value([(f"class-{seed}.csv", buffer.getvalue(), "text/csv")]).run()
    report = at.session_state[SESSION_KEY].uploads.report
    if report is not None and "the server is busy" in str(report[1]):
        raise Busy(f"upload {seed}")
    if at.exception or at.session_state[SESSION_KEY].uploads.own_graph is None:
        raise RuntimeError(f"upload {seed} failed: {[e.value for e in at.exception]}")
    return at


def measure(sessions: int, links: int) -> dict:
    gc.collect()
    start = rss_mb()
    open_sessions, after, busy = [], [], 0
    for seed in range(sessions):
        refused = ""
        try:
            open_sessions.append(upload(links, seed + 1))
        except Busy:
            busy, refused = busy + 1, " (refused: the server is busy)"
        gc.collect()
        after.append(rss_mb())
        print(f"session {seed + 1:3d}: {after[-1]:7.1f} MB{refused}", flush=True)
    held_open = graphs_alive()
    open_sessions.clear()  # every session ends
    gc.collect()
    time.sleep(1)
    return {
        "sessions": sessions,
        "links": links,
        "start_mb": start,
        "after_mb": after,
        "ended_mb": rss_mb(),
        "graphs_open": held_open,
        "graphs_ended": graphs_alive(),
        "busy": busy,
    }


def measure_refused(times: int, file_mb: float) -> list[float]:
    """A real server and a real browser: choose a file of ``file_mb`` MB ``times`` times; the server's RSS after each."""
    from playwright.sync_api import sync_playwright

    from deploy.local import CHROMIUM_ARGS, find_chromium, start_streamlit, stop_streamlit

    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("Chromium is needed for --refused: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "too-big.csv"
        line = b"A,cause,leads to,B,condition,,," + b"x" * 90 + b"\n"
        with big.open("wb") as out:
            out.write(b"source,source_type,relation,target,target_type,section,explanation,sources\n")
            for _ in range(int(file_mb * 2**20 / len(line))):
                out.write(line)
        copies = []  # the same bytes under a new name each time, as a learner trying file after file
        for number in range(times):
            copies.append(Path(folder) / f"too-big-{number + 1}.csv")
            os.link(big, copies[-1])
        server, url = start_streamlit(APP, Path(folder) / "server.log")
        sizes = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(url)
                page.wait_for_function("() => window.kgNetwork !== undefined", timeout=120_000)
                page.get_by_role("button", name="Your graph").click()
                time.sleep(3)
                sizes.append(rss_mb(server.pid))  # the page open, the article's graph drawn
                print(f"page open: server {sizes[-1]:7.1f} MB", flush=True)
                for number, copy in enumerate(copies):
                    if page.locator("input[type=file]").count() == 0:  # a refusal's report closed the popover
                        page.get_by_role("button", name="Your graph").click()
                    page.locator("input[type=file]").set_input_files(str(copy))
                    time.sleep(8)  # the upload (if the browser sends it) and the app's run
                    sizes.append(rss_mb(server.pid))
                    print(f"choice {number + 1:3d}: server {sizes[-1]:7.1f} MB", flush=True)
                browser.close()
        finally:
            stop_streamlit(server)
    return sizes


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--links", type=int, default=5_000)
    parser.add_argument("--budget", type=float, help="KG_MEMORY_BUDGET_MB for this run (uploads past it are refused as busy)")
    parser.add_argument("--refused", type=int, help="instead: choose a too-big file this many times in a real server")
    parser.add_argument("--file-mb", type=float, default=45, help="with --refused: the file's size (default 45 MB)")
    args = parser.parse_args(argv)
    if args.refused:
        sizes = measure_refused(args.refused, args.file_mb)
        print(
            f"{args.refused} choices of a {args.file_mb:g} MB file: the server held {sizes[0]:.0f} MB before, "
            f"{sizes[-1]:.0f} MB after (peak {max(sizes):.0f} MB)"
        )
        return
    if args.budget:
        os.environ["KG_MEMORY_BUDGET_MB"] = str(args.budget)
    result = measure(args.sessions, args.links)
    after = result["after_mb"]
    print(
        f"{args.sessions} sessions, {args.links:,} links each: start {result['start_mb']:.0f} MB, "
        f"after 4 uploads {after[min(3, len(after) - 1)]:.0f} MB, after {len(after)} {after[-1]:.0f} MB "
        f"(peak {max(after):.0f} MB), all sessions ended {result['ended_mb']:.0f} MB; graphs held with the sessions "
        f"open {result['graphs_open']}, once they ended {result['graphs_ended']} (the article and the bounded cache's)"
        + (f"; {result['busy']} uploads refused as busy (budget {args.budget:g} MB)" if args.budget else "")
    )


if __name__ == "__main__":
    main()
