"""Server memory while a class uploads at once: ``python -m bench.memory [--sessions N] [--links L]``.

Each of N sessions (Streamlit's AppTest: the real app script, session state and caches, one
process as on the server) uploads a graph of its own (L links, a different seed each, so no two
share a cache entry), and the process's resident memory (RSS, from /proc) is read after each
upload; then the sessions end (their state dropped, as Streamlit drops a closed session's) and
the caches are left to their bounds. What should hold: an open session holds its own graph (its
picture's callbacks name it) and nothing more; once the sessions end only the article and the
graph cache's 4 entries (explorer/panels/graphs.py) are left. RSS does not fall back when objects are freed
(the C allocator keeps its pages for reuse), so the count of graphs held is the check, RSS the cost.
"""

from __future__ import annotations

import argparse
import gc
import io
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.synthetic import generate_links
from explorer.panels.session import SESSION_KEY
from graph.core.model import KnowledgeGraph

APP = Path(__file__).resolve().parents[1] / "app.py"


def rss_mb() -> float:
    """This process's resident memory, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def graphs_alive() -> int:
    """How many graphs this process holds (the caches' and the open sessions')."""
    gc.collect()
    return sum(isinstance(thing, KnowledgeGraph) for thing in gc.get_objects())


def upload(links: int, seed: int) -> AppTest:
    """A new session that opens the app and uploads its own graph."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    buffer = io.BytesIO()
    generate_links(links, seed=seed).to_csv(buffer, index=False)
    (found,) = [u for u in at.file_uploader if (u.key or "").startswith("upload_files")]
    at = found.set_value([(f"class-{seed}.csv", buffer.getvalue(), "text/csv")]).run()
    if at.exception or at.session_state[SESSION_KEY].uploads.own_graph is None:
        raise RuntimeError(f"upload {seed} failed: {[e.value for e in at.exception]}")
    return at


def measure(sessions: int, links: int) -> dict:
    gc.collect()
    start = rss_mb()
    open_sessions, after = [], []
    for seed in range(sessions):
        open_sessions.append(upload(links, seed + 1))
        gc.collect()
        after.append(rss_mb())
        print(f"session {seed + 1:3d}: {after[-1]:7.1f} MB", flush=True)
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
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--links", type=int, default=5_000)
    args = parser.parse_args(argv)
    result = measure(args.sessions, args.links)
    after = result["after_mb"]
    print(
        f"{args.sessions} sessions, {args.links:,} links each: start {result['start_mb']:.0f} MB, "
        f"after 4 uploads {after[min(3, len(after) - 1)]:.0f} MB, after {len(after)} {after[-1]:.0f} MB "
        f"(peak {max(after):.0f} MB), all sessions ended {result['ended_mb']:.0f} MB; graphs held with the sessions "
        f"open {result['graphs_open']}, once they ended {result['graphs_ended']} (the article and the bounded cache's)"
    )


if __name__ == "__main__":
    main()
