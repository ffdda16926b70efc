"""``python -m bench``: how fast the explorer is on graphs from 1k to 1M links, and against the naive way.

For each size: a synthetic scale-free graph in the CSV schema (made once, kept in bench/out/,
which git ignores), then in a fresh process its load + validate + build time and peak memory,
and the time from a click to the view's payload (`build_view(...).to_vis()`) for the hub and
for an ordinary concept, at depth 1 and 2. Then the naive way (the whole graph handed to pyvis)
with a time limit, and, with --browser, the app itself in headless Chromium. With --classroom,
30 and 60 learners at once (bench/classroom.py) against one process and against several behind
HAProxy (deploy/serve.py); with --app-scale, the app's steps at 200,000 links (bench/app_scale.py)
and ``python -m graph check`` at 1M links.

Results go to bench/results/results.md and results.json (--quick and custom --sizes write to
bench/out/results/ unless --results is given, so the committed results stay those of a full run).
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import report
from bench.synthetic import SEED, write_graph

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
RESULTS = REPO / "bench" / "results"
DEFAULT_SIZES = (1_000, 10_000, 20_000, 100_000, 1_000_000)
QUICK_SIZES = (1_000, 10_000)
APP_SCALE_LINKS = 200_000
"""The largest graph the app accepts (KG_MAX_ROWS)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Each click is repeated --reps times, or fewer (at least 11) once 10 s have been spent on it. "
        "A full run (default sizes, with --browser) takes about 6-8 minutes on 2 cores; "
        "making the 1M-link graph the first time adds about 20 s.",
    )
    parser.add_argument(
        "--sizes", type=_sizes, help="comma-separated numbers of links (default " + ",".join(map(str, DEFAULT_SIZES)) + ")"
    )
    parser.add_argument("--quick", action="store_true", help="1k and 10k links only")
    parser.add_argument("--browser", action="store_true", help="also measure the app in headless Chromium (streamlit run app.py)")
    parser.add_argument(
        "--classroom",
        action="store_true",
        help="also load the app with a class of learners (websocket clients), one process vs the proxied setup",
    )
    parser.add_argument("--class-sizes", type=_sizes, default=(30, 60), help="learners at once (default 30,60)")
    parser.add_argument(
        "--class-seconds", type=float, default=60.0, help="how long each learner moves after its first page (default 60)"
    )
    parser.add_argument("--processes", type=int, default=2, help="streamlit processes behind HAProxy (default 2)")
    parser.add_argument(
        "--app-scale", action="store_true", help="also time the app's steps at 200k links and `python -m graph check` at 1M"
    )
    parser.add_argument(
        "--draft",
        action="store_true",
        help="only: draft the article's text (shared/seed/) and compare with data/edges.csv (bench/draft.py)",
    )
    parser.add_argument(
        "--class-view",
        action="store_true",
        help="only the teacher's Class view for 60 learners x 40-link maps (bench/class_view.py; bench/results/class_view/)",
    )
    parser.add_argument("--text", type=Path, help="with --draft: the text to draft (default: the article in shared/seed/)")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive pyvis comparison")
    parser.add_argument("--naive-timeout", type=float, default=60.0, help="seconds before a naive run is stopped (default 60)")
    parser.add_argument("--reps", type=int, default=51, help="timed repetitions of each click below 1M links (default 51)")
    parser.add_argument("--reps-large", type=int, default=11, help="timed repetitions of each click from 1M links (default 11)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed of the synthetic graphs (default {SEED})")
    parser.add_argument(
        "--profile", action="store_true", help="also write cProfile reports of loading and clicks to bench/out/profiles/"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="where graphs and logs are kept (default bench/out, git-ignored)")
    parser.add_argument(
        "--results", type=Path, help="where results.md and results.json go (default bench/results for a full run)"
    )
    args = parser.parse_args(argv)
    if args.draft:
        from bench import draft

        command = " ".join(["python -m bench", *(sys.argv[1:] if argv is None else argv)])
        return draft.run(command, _revision(), args.text, args.results or draft.RESULTS, say=_say)
    if args.class_view:
        from bench.class_view import run

        return run(args.out, args.results)

    sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    custom = args.quick or (args.sizes is not None and tuple(args.sizes) != DEFAULT_SIZES)
    results_dir = args.results or (args.out / "results" if custom else RESULTS)
    command = " ".join(["python -m bench", *(sys.argv[1:] if argv is None else argv)])
    started = time.perf_counter()
    results = {
        "command": command,
        "revision": _revision(),
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "seed": args.seed,
        "machine": report.machine(),
        "load_average_start": list(os.getloadavg()),
        "naive_timeout_s": args.naive_timeout,
        "sizes": [],
    }

    paths = {}
    for links in sizes:
        _say(f"graph of {links:,} links")
        paths[links] = write_graph(links, args.out, args.seed)
    for links in sizes:
        reps = args.reps_large if links >= 1_000_000 else args.reps
        _say(f"measuring {links:,} links (up to {reps} repetitions per click) in a fresh process")
        measured = _measure(paths[links], reps, args.out / "profiles" if args.profile else None)
        measured["file_mb"] = paths[links].stat().st_size / 1024 / 1024
        results["sizes"].append(measured)
        hub = report.hub_click(measured) or {"median_ms": float("nan")}
        _say(f"  load {measured['load_s']:.2f} s, peak {measured['peak_rss_mb']:.0f} MB, hub click {hub['median_ms']:.1f} ms")

    layout_graph = paths[min(sizes, key=lambda links: abs(links - 10_000))]
    _say(f"layout of a capped view ({layout_graph.parent.name}) and of the article's whole map")
    from bench.layout import measure_layout

    results["layout"] = measure_layout(layout_graph)

    if not args.no_naive:
        results["naive"] = _naive_all(sizes, paths, results["sizes"], args.naive_timeout)

    if args.browser:
        results["browser"] = _browser(args.out / "browser")

    if args.app_scale:
        results["app_scale"] = _app_scale(args.out, args.seed)

    if args.classroom:
        results["classroom"] = _classroom(args)

    results["duration_s"] = time.perf_counter() - started
    results["load_average_end"] = list(os.getloadavg())
    results["targets"] = report.targets(results)
    text = report.markdown(results)
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (results_dir / "results.md").write_text(text, encoding="utf-8")
    print(text)
    _say(f"written to {results_dir}/results.md and results.json")
    return 0


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError("sizes are whole numbers separated by commas, like 1000,10000") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("give at least one size of 1 link or more")
    return sizes


def _revision() -> dict:
    """The commit measured, and whether the library or the app had changes not yet committed."""

    def git(*args):
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
        return done.stdout.rstrip("\n") if done.returncode == 0 else None

    changed = git("status", "--porcelain", "--", "graph", "app.py", "explorer")
    commit = git("rev-parse", "--short", "HEAD")
    return {"commit": commit and commit.strip(), "uncommitted": changed.splitlines() if changed else []}


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _measure(edges: Path, reps: int, profile: Path | None) -> dict:
    command = [sys.executable, "-m", "bench.measure", str(edges), "--reps", str(reps)]
    if profile:
        command += ["--profile", str(profile)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"measuring {edges} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def _naive_all(sizes, paths, ours: list[dict], timeout: float) -> list[dict]:
    by_links = {size["links"]: size for size in ours}
    runs = []
    too_slow = None
    for links in sizes:
        if too_slow is not None:
            runs.append(
                {
                    "links": links,
                    "status": f"not run: {too_slow:,} links already did not finish in {timeout:.0f} s",
                    "finished": False,
                }
            )
            continue
        _say(f"naive pyvis on {links:,} links (stopped after {timeout:.0f} s)")
        run = _naive(paths[links], timeout)
        run["links"] = links
        _ratios(run, by_links.get(links), timeout)
        if not run["finished"]:
            too_slow = links
        _say(f"  {run['status']}")
        runs.append(run)
    return runs


def _naive(edges: Path, timeout: float) -> dict:
    launched = time.time()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time, sys; print(time.time(), flush=True); from bench.naive import main; sys.exit(main(sys.argv[1:]))",
            str(edges),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = process.communicate(timeout=timeout)
        finished = process.returncode == 0
        status = "finished" if finished else f"failed: {err.strip().splitlines()[-1] if err.strip() else process.returncode}"
    except subprocess.TimeoutExpired:
        process.kill()  # this child only, by its PID
        out, err = process.communicate()
        finished = False
        status = None
    lines = out.splitlines()
    run: dict = {"finished": finished, "steps": {}, "html_bytes": None, "pyvis_s": None, "imports_s": None}
    if lines:
        try:
            run["imports_s"] = float(lines[0]) - launched
        except ValueError:
            pass
    for line in lines[1:]:
        step = json.loads(line)
        run["steps"][step["step"]] = step["elapsed_s"]
        if step["step"] == "html":
            run["html_bytes"] = step["bytes"]
            run["pyvis_s"] = step["pyvis_s"]
    if status is None:
        reached = list(run["steps"]) or ["nothing"]
        status = f"did not finish in {timeout:.0f} s (done: {', '.join(reached)})"
    run["status"] = status
    return run


def _ratios(run: dict, ours: dict | None, timeout: float) -> None:
    """naive / ours; when the naive run was stopped, lower bounds from the time it had been running."""
    run["click_ratio"] = run["total_ratio"] = None
    if ours is None:
        return
    hub = report.hub_click(ours)
    steps = run["steps"]
    if run["finished"]:
        pyvis_s, total_s = run["pyvis_s"], steps["html"]
    else:
        budget = timeout - (run["imports_s"] or 0.0)
        total_s = budget
        pyvis_s = budget - steps["networkx"] if "networkx" in steps else None
    if pyvis_s is not None and hub:
        run["click_ratio"] = pyvis_s * 1000 / hub["median_ms"]
    run["total_ratio"] = total_s / ours["load_and_first_view_s"]
    run["ours_click_ms"] = hub["median_ms"] if hub else None
    run["ours_load_and_first_view_s"] = ours["load_and_first_view_s"]


def _app_scale(out: Path, seed: int) -> dict:
    """The app's steps at its largest graph, and `check` at 1M links, each in a fresh process."""
    big_app = write_graph(APP_SCALE_LINKS, out, seed)
    _say(f"the app's steps at {APP_SCALE_LINKS:,} links, in a fresh process")
    done = subprocess.run(
        [sys.executable, "-m", "bench.app_scale", str(big_app)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if done.returncode != 0:
        return {"error": done.stderr[-3000:]}
    result = json.loads(done.stdout)
    million = write_graph(1_000_000, out, seed)
    _say("python -m graph check at 1,000,000 links")
    began = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    checked = subprocess.run(
        [sys.executable, "-m", "graph", "check", str(million)], cwd=REPO, capture_output=True, text=True, timeout=600
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["check_1m"] = {
        "seconds": time.perf_counter() - began,
        "ok": checked.returncode == 0,
        "cpu_s": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        "first_line": checked.stdout.splitlines()[0] if checked.stdout else checked.stderr[-500:],
    }
    return result


def _classroom(args) -> dict:
    from bench.classroom import measure_setups
    from graph.files.load import load_graph

    article = load_graph(REPO / "data" / "edges.csv")
    focus = sorted(article.graph.nodes)  # each learner starts somewhere in the article
    try:
        return measure_setups(
            tuple(args.class_sizes), args.class_seconds, args.processes, args.out / "classroom", focus, say=_say
        )
    except Exception as err:  # reported in the results rather than losing the rest of the run
        return {"error": f"{type(err).__name__}: {err}"}


def _browser(log_dir: Path) -> dict:
    from bench.browser import measure_browser

    _say("the app in headless Chromium")
    try:
        result = measure_browser(log_dir)
    except Exception as err:  # reported in the results rather than losing the rest of the run
        return {"error": f"{type(err).__name__}: {err}"}
    clicks = result["clicks"]
    details = sorted(c["details_ms"] for c in clicks)
    per_run = [size for c in clicks for size in c["runs"]]
    result["details_median_ms"] = statistics.median(details)
    result["details_p90_ms"] = details[max(0, math.ceil(0.9 * len(details)) - 1)]
    result["redrawn_median_ms"] = statistics.median(c["redrawn_ms"] for c in clicks)
    result["rerun_bytes_median"] = statistics.median(per_run)
    result["rerun_bytes_max"] = max(per_run)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
