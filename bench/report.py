"""The benchmark's results as Markdown tables (and the machine they were measured on)."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path

__all__ = ["TARGETS", "hub_click", "machine", "markdown", "targets"]

PACKAGES = ("networkx", "pandas", "pyarrow", "pyvis", "streamlit", "playwright", "numpy")

TARGETS = {
    "click_1m": "click → view payload ≤ 30 ms median at 1M links (hub, depth 1)",
    "naive_20k": "≥ 100× faster than naive pyvis at 20k links (click → payload of the hub)",
    "load_1m_time": "load + validate + build 1M links ≤ 8 s",
    "load_1m_memory": "load + validate + build 1M links ≤ 3 GB peak",
    "drawn": "article graph drawn ≤ 3 s",
    "details": "click → details ≤ 0.5 s (median)",
    "rerun": "a rerun sends ≤ 50 KB",
    "load_1m_6s": "library load of 1M links ≤ 6 s (issue 13)",
    "check_1m": "`python -m graph check` at 1M links ≤ 5 s",
    "classroom_30": "30 learners moving every 2–6 s: p95 ≤ 0.5 s per move",
    "classroom_60": "60 learners moving every 2–6 s: p95 ≤ 1 s per move",
    "app_upload": "200k links: upload → picture ≤ 10 s (server side: load + first view)",
    "app_click": "200k links: click → details ≤ 0.5 s (server side: view + links, slowest of 20)",
    "app_search": "200k links: search ≤ 0.2 s (median of typed searches; the first builds the index)",
    "app_key": "200k links: key concepts ≤ 2 s when opened",
    "app_export": "200k links: whole-graph export ≤ 5 s (each format)",
    "layout_150": "layout of a capped view (150 concepts) ≤ 50 ms (median)",
}


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_gb, 1) if memory_gb else None,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
    }


def _size(links: int) -> str:
    for unit, scale in (("M", 1_000_000), ("k", 1000)):
        if links >= scale and links % (scale // 10) == 0:
            return f"{links / scale:g}{unit}"
    return str(links)


def _ms(value) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def _s(value) -> str:
    return "–" if value is None else f"{value:.2f}"


def _kb(value) -> str:
    return "–" if value is None else f"{value / 1024:.1f}"


def _table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines + [""]


def hub_click(size: dict) -> dict | None:
    return next((c for c in size["clicks"] if c["role"] == "hub" and c["depth"] == 1), None)


def targets(results: dict) -> list[dict]:
    """Each target with the measured figure and whether it is met (None: not measured in this run)."""
    sizes = {s["links"]: s for s in results["sizes"]}
    naive = {n["links"]: n for n in results.get("naive", [])}
    browser = results.get("browser")
    rows = []

    def add(key, measured, met):
        rows.append({"key": key, "target": TARGETS[key], "measured": measured, "met": met})

    big = sizes.get(1_000_000)
    hub = hub_click(big) if big else None
    add(
        "click_1m",
        f"{hub['median_ms']:.0f} ms (p90 {hub['p90_ms']:.0f} ms; CPU median {hub.get('cpu_median_ms', 0):.0f} ms)"
        if hub
        else "not measured",
        hub["median_ms"] <= 30 if hub else None,
    )
    comparison = naive.get(20_000)
    if comparison and comparison.get("click_ratio") is not None:
        bound = "≥ " if not comparison["finished"] else ""
        add(
            "naive_20k",
            f"{bound}{comparison['click_ratio']:.1f}× (load + first view: {bound}{comparison['total_ratio']:.1f}×)",
            comparison["click_ratio"] >= 100,
        )
    else:
        add("naive_20k", "not measured", None)
    add(
        "load_1m_time",
        f"{big['load_s']:.1f} s (CPU {big.get('load_cpu_s', 0):.1f} s)" if big else "not measured",
        big["load_s"] <= 8 if big else None,
    )
    add(
        "load_1m_memory",
        f"{big['peak_rss_mb'] / 1024:.2f} GB peak RSS ({big['peak_growth_mb'] / 1024:.2f} GB growth)" if big else "not measured",
        big["peak_rss_mb"] <= 3 * 1024 if big else None,
    )
    if browser and "drawn_cold_ms" in browser:
        reload = browser.get("drawn_reload_median_ms")
        add(
            "drawn",
            f"{browser['drawn_cold_ms'] / 1000:.2f} s first visit after start, {browser['drawn_warm_median_ms'] / 1000:.2f} s "
            "new visitors (median)" + (f", {reload / 1000:.2f} s reloads (median)" if reload else ""),
            browser["drawn_cold_ms"] <= 3000 and browser["drawn_warm_median_ms"] <= 3000,
        )
        details = browser["details_median_ms"]
        add("details", f"{details:.0f} ms (p90 {browser['details_p90_ms']:.0f} ms)", details <= 500)
        most = browser["rerun_bytes_max"]
        add(
            "rerun",
            f"{most / 1024:.1f} KB at most ({browser['rerun_bytes_median'] / 1024:.1f} KB median) per click's rerun",
            most <= 50 * 1024,
        )
    else:
        for key in ("drawn", "details", "rerun"):
            add(key, "not measured (run with --browser)", None)
    add(
        "load_1m_6s",
        f"{big['load_s']:.1f} s (CPU {big.get('load_cpu_s', 0):.1f} s)" if big else "not measured",
        big["load_s"] <= 6 if big else None,
    )
    _app_targets(results.get("app_scale"), add)
    _classroom_targets(results.get("classroom"), add)
    layout = results.get("layout")
    if layout:
        slowest = max(layout["capped"], key=lambda c: c["median_ms"])
        add(
            "layout_150",
            f"{slowest['median_ms']:.0f} ms (depth {slowest['depth']}, {slowest['concepts']} concepts); "
            f"article's whole map {layout['article_map_first_ms']:.0f} ms once, then cached "
            f"({layout['article_map_cached_ms']:.3f} ms)",
            slowest["median_ms"] <= 50,
        )
    else:
        add("layout_150", "not measured", None)
    return rows


def _app_targets(app: dict | None, add) -> None:
    if not app or "error" in app:
        for key in ("check_1m", "app_upload", "app_click", "app_search", "app_key", "app_export"):
            add(key, app["error"][-200:] if app else "not measured (run with --app-scale)", None)
        return
    check = app["check_1m"]
    add("check_1m", f"{check['seconds']:.1f} s (CPU {check['cpu_s']:.1f} s)", check["ok"] and check["seconds"] <= 5)
    add(
        "app_upload",
        f"{app['upload_to_picture_s']:.1f} s (CPU {app['upload_to_picture_cpu_s']:.1f} s)",
        app["upload_to_picture_s"] <= 10,
    )
    add(
        "app_click",
        f"{app['click_max_s'] * 1000:.0f} ms slowest, {app['click_median_s'] * 1000:.0f} ms median",
        app["click_max_s"] <= 0.5,
    )
    add(
        "app_search",
        f"{app['search_median_s'] * 1000:.0f} ms median, {app['search_max_s'] * 1000:.0f} ms slowest; "
        f"first (index built) {app['search_first_s']:.2f} s",
        app["search_median_s"] <= 0.2,
    )
    add("app_key", f"{app['key_concepts_s']:.2f} s (CPU {app['key_concepts_cpu_s']:.2f} s)", app["key_concepts_s"] <= 2)
    add(
        "app_export",
        ", ".join(f"{fmt} {seconds:.1f} s" for fmt, seconds in app["export_s"].items()),
        max(app["export_s"].values()) <= 5,
    )


def _classroom_targets(classroom: dict | None, add) -> None:
    for key, learners, limit in (("classroom_30", 30, 0.5), ("classroom_60", 60, 1.0)):
        runs = [r for r in (classroom or {}).get("runs", []) if r["learners"] == learners and r["move_p95_s"] is not None]
        if not runs:
            add(key, (classroom or {}).get("error") or "not measured (run with --classroom)", None)
            continue
        add(
            key,
            "; ".join(
                f"{r['setup']}: p95 {r['move_p95_s']:.2f} s (median {r['move_median_s']:.2f} s, "
                f"{r['moves']} moves, {r['error_count']} errors)"
                for r in runs
            ),
            min(r["move_p95_s"] for r in runs if r["error_count"] == 0) <= limit
            if any(r["error_count"] == 0 for r in runs)
            else False,
        )


def markdown(results: dict) -> str:
    lines = ["# Benchmark results", ""]
    revision = results.get("revision") or {}
    state = f"commit {revision.get('commit')}" + (
        " with uncommitted changes in " + ", ".join(sorted({line[3:] for line in revision["uncommitted"]}))
        if revision.get("uncommitted")
        else ""
    )
    lines += [f"Made by `{results['command']}` on {results['date']} in {results['duration_s']:.0f} s, on {state}.", ""]
    m = results["machine"]
    lines += ["## Machine", ""]
    lines += _table(
        ["CPU", "cores", "memory", "Python", "packages", "load average (start → end)"],
        [
            [
                m["cpu"],
                m["cores"],
                f"{m['memory_gb']} GB",
                m["python"],
                ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v),
                " → ".join(
                    "/".join(f"{x:.1f}" for x in la) for la in (results["load_average_start"], results["load_average_end"])
                ),
            ]
        ],
    )

    lines += ["## Targets", ""]
    mark = {True: "met", False: "**not met**", None: "not measured"}
    lines += _table(["target", "measured", ""], [[t["target"], t["measured"], mark[t["met"]]] for t in results["targets"]])

    lines += [
        "## Graphs",
        "",
        "Synthetic, scale-free (`networkx.scale_free_graph`, seed "
        f"{results['seed']}), in the CSV schema, with a `sources.csv` beside each `edges.csv`; files in `bench/out/`.",
        "",
    ]
    rows = []
    for size in results["sizes"]:
        hub = hub_click(size)
        if hub is None:
            continue
        median = next(c for c in size["clicks"] if c["role"] == "median")
        rows.append(
            [
                _size(size["links"]),
                f"{size['links']:,}",
                f"{size['concepts']:,}",
                f"{size['file_mb']:.1f}",
                f"{hub['concept']} ({hub['degree']:,} links, {hub['neighbours']:,} neighbours)",
                f"{median['concept']} ({median['degree']} links)",
            ]
        )
    lines += _table(["size", "links", "concepts", "edges.csv MB", "hub", "median concept"], rows)

    lines += [
        "## Load + validate + build (`graph.files.load.load_graph`)",
        "",
        "Each size in a fresh process. Peak memory: `ru_maxrss` of that process (peak resident set size), "
        "and its growth over the peak after the imports. CPU s = `time.process_time()` of the load (less "
        "disturbed than wall time when other work shares the machine). The split comes from timing `graph.files.load`'s own "
        "stage functions: read = file read, decode, parse and trim; validate = the `_check_*` functions; "
        "tables = assembling the links and concepts tables; graph = `build_graph` (networkx).",
        "",
    ]
    rows = []
    for size in results["sizes"]:
        split = size["load_split_s"] or {}
        rows.append(
            [
                _size(size["links"]),
                _s(size["load_s"]),
                _s(size.get("load_cpu_s")),
                _s(split.get("read")),
                _s(split.get("validate")),
                _s(split.get("tables")),
                _s(split.get("graph")),
                f"{size['peak_rss_mb']:.0f}",
                f"{size['peak_growth_mb']:.0f}",
                _s(size["first_view"]["seconds"]),
                _s(size["load_and_first_view_s"]),
            ]
        )
    lines += _table(
        [
            "size",
            "load s",
            "CPU s",
            "read s",
            "validate s",
            "tables s",
            "graph s",
            "peak RSS MB",
            "growth MB",
            "first view s",
            "load + first view s",
        ],
        rows,
    )

    lines += [
        "## Click → payload (`build_view(kg, concept, depth, cap=150).to_vis()`)",
        "",
        "The hub is the concept with the most links, the median concept the one in the middle when ranked by links. "
        "'first' is the first call (caches cold); median, p90 and min of the wall time over the repetitions after "
        "it, and the median of their CPU time (`time.process_time()`, which other work on the machine disturbs less). "
        "Payload = `json.dumps` of the result, in KB.",
        "",
    ]
    rows = []
    for size in results["sizes"]:
        for click in size["clicks"]:
            rows.append(
                [
                    _size(size["links"]),
                    f"{click['role']} ({click['degree']:,} links)",
                    click["depth"],
                    _ms(click["median_ms"]),
                    _ms(click["p90_ms"]),
                    _ms(click["min_ms"]),
                    _ms(click.get("cpu_median_ms")),
                    _ms(click["first_ms"]),
                    click["reps"],
                    f"{click['nodes']} / {click['edges']:,}",
                    f"{click.get('more_marks', '–')} ({click.get('more_total', 0):,})",
                    _kb(click["bytes"]),
                ]
            )
    lines += _table(
        [
            "size",
            "focus",
            "depth",
            "median ms",
            "p90 ms",
            "min ms",
            "CPU median ms",
            "first ms",
            "reps",
            "concepts / links shown",
            "'+N more' marks (N summed)",
            "payload KB",
        ],
        rows,
    )

    if results.get("naive"):
        lines += [
            "## The naive way: the whole graph to pyvis",
            "",
            f"`pd.read_csv` → `nx.from_pandas_edgelist(..., create_using=nx.MultiDiGraph)` → "
            f"`Network(directed=True).from_nx(G)` → `generate_html()`, in a subprocess stopped after "
            f"{results['naive_timeout_s']:.0f} s. Ratio 'click' = naive pyvis (from_nx + generate_html) / our hub "
            "click (depth 1, median); ratio 'total' = naive total / our load + first view. "
            "'≥' marks a lower bound (the naive run did not finish).",
            "",
        ]
        rows = []
        for naive in results["naive"]:
            steps = naive.get("steps", {})
            rows.append(
                [
                    _size(naive["links"]),
                    naive["status"],
                    _s(steps.get("read")),
                    _s(steps.get("networkx")),
                    _s(steps.get("from_nx")),
                    _s(steps.get("html")),
                    "–" if naive.get("html_bytes") is None else f"{naive['html_bytes'] / 1024 / 1024:.1f}",
                    _ratio(naive, "click_ratio"),
                    _ratio(naive, "total_ratio"),
                ]
            )
        lines += _table(
            [
                "size",
                "status",
                "read s",
                "+ networkx s",
                "+ from_nx s",
                "+ html s (total)",
                "HTML MB",
                "click ratio",
                "total ratio",
            ],
            rows,
        )
        lines += ["Times in the naive table are cumulative from the start of the run.", ""]

    lines += _classroom_section(results.get("classroom"))
    lines += _app_section(results.get("app_scale"))

    browser = results.get("browser")
    if browser:
        lines += ["## In the browser (`streamlit run app.py`, headless Chromium, the article's graph)", ""]
        if "error" in browser:
            lines += [f"Not measured: {browser['error']}", ""]
        else:
            lines += [
                'Drawn = from `page.goto` until the view\'s container has `data-ready="true"`. '
                "A new visitor is a new browser context (empty HTTP cache, new session); the first visit is the first "
                "since the server started; reloads are the last visitor's page reloaded (new session, files cached). "
                "vis-network is requested by the component when it first renders, after the script run.",
                "",
            ]
            cold, warm = browser["timeline_cold_ms"], browser["timeline_warm_median_ms"] or {}
            reload = browser.get("timeline_reload_median_ms") or {}
            lines += _table(
                [
                    "step (ms after goto)",
                    "first visit",
                    f"new visitors (median of {len(browser['drawn_warm_ms'])})",
                    f"reloads, HTTP cache warm (median of {len(browser.get('drawn_reload_ms', []))})",
                ],
                [[step, _ms(at), _ms(warm.get(step)), _ms(reload.get(step))] for step, at in cold.items()],
            )
            lines += [
                "Click → details = from the mouse click on a concept in the canvas until the details panel's "
                "heading names it; redrawn = until the new view is ready (after its 0.4 s fit animation). "
                "Bytes = websocket frames received from the click until the connection is quiet; runs = Streamlit "
                "script runs (its `new_session` messages).",
                "",
            ]
            rows = [
                [
                    f"{c['from']} → {c['to']}",
                    _ms(c["details_ms"]),
                    _ms(c["redrawn_ms"]),
                    str(len(c["runs"])),
                    _kb(c["bytes"]),
                    c["frames"],
                ]
                for c in browser["clicks"]
            ]
            rows.append(
                [
                    "**median**",
                    _ms(browser["details_median_ms"]),
                    _ms(browser["redrawn_median_ms"]),
                    "",
                    _kb(browser["rerun_bytes_median"]),
                    "",
                ]
            )
            lines += _table(["click", "details ms", "redrawn ms", "runs", "KB received", "frames"], rows)
            lines += [
                f"First page: {_kb(browser['first_page']['bytes'])} KB over the websocket in "
                f"{len(browser['first_page']['runs'])} run(s). Page errors: {len(browser['page_errors'])}. "
                f"Chromium {browser['chromium']}.",
                "",
            ]
    return "\n".join(lines)


def _ratio(naive: dict, key: str) -> str:
    value = naive.get(key)
    if value is None:
        return "–"
    return f"{'' if naive['finished'] else '≥ '}{value:,.0f}×" if value >= 10 else f"{value:.1f}×"


def _classroom_section(classroom: dict | None) -> list[str]:
    if not classroom:
        return []
    lines = ["## A classroom at once (`bench/classroom.py`)", ""]
    if "error" in classroom:
        return lines + [f"Not measured: {classroom['error']}", ""]
    lines += [
        f"Each learner is a websocket client speaking Streamlit's protocol (no browser, so the client's cost stays "
        f"out of the server's): it opens the page, then every 2–6 s presses one of the links listed beside the "
        f"picture, for {classroom['seconds']:.0f} s after its first page. A move = from sending the click until "
        f"`script_finished`. The class arrives within 3 s. 'One process' is `streamlit run app.py`; the proxied "
        f"setup is `deploy/serve.py`: {classroom['processes']} processes behind HAProxy, sticky by cookie. "
        "The clients run on the same 2 cores as the server.",
        "",
    ]
    rows = [
        [
            r["setup"],
            r["learners"],
            r["moves"],
            _s(r["move_median_s"]),
            _s(r["move_p95_s"]),
            _s(r["move_max_s"]),
            _s(r["first_page_median_s"]),
            _s(r["first_page_p95_s"]),
            "–" if r["move_kb_median"] is None else f"{r['move_kb_median']:.1f}",
            r["error_count"],
            " → ".join("/".join(f"{x:.1f}" for x in la) for la in (r["load_average_start"], r["load_average_end"])),
        ]
        for r in classroom["runs"]
    ]
    lines += _table(
        [
            "setup",
            "learners",
            "moves",
            "median s",
            "p95 s",
            "max s",
            "first page median s",
            "first page p95 s",
            "KB per move (median)",
            "errors",
            "load average (start → end)",
        ],
        rows,
    )
    errors = [e for r in classroom["runs"] for e in r["errors"]]
    if errors:
        lines += ["Errors (first few): " + "; ".join(errors[:5]), ""]
    return lines


def _app_section(app: dict | None) -> list[str]:
    if not app or "error" in app:
        return [] if not app else ["## The app at 200k links", "", f"Not measured: {app['error'][-500:]}", ""]
    lines = [
        "## The app's steps at its largest graph (`bench/app_scale.py`)",
        "",
        f"A synthetic graph of {app['links']:,} links and {app['concepts']:,} concepts (KG_MAX_ROWS), through the "
        "library calls the app's panels make, in a fresh process: the server's part of each step (the browser adds "
        "drawing the 150-concept picture, as in the browser section).",
        "",
    ]
    rows = [
        ["upload → picture (load_files + first view)", _s(app["upload_to_picture_s"]), _s(app["upload_to_picture_cpu_s"])],
        ["  of which load_files", _s(app["upload_load_s"]), ""],
        ["click → details (median of 20)", _s(app["click_median_s"]), ""],
        ["click → details (slowest of 20)", _s(app["click_max_s"]), ""],
        ["first search (builds the index)", _s(app["search_first_s"]), _s(app.get("search_first_cpu_s"))],
        ["search (median of 9 more)", _s(app["search_median_s"]), ""],
        ["key concepts (first time)", _s(app["key_concepts_s"]), _s(app["key_concepts_cpu_s"])],
    ]
    rows += [
        [f"export {fmt} ({app['export_mb'][fmt]:.0f} MB)", _s(seconds), _s(app["export_cpu_s"][fmt])]
        for fmt, seconds in app["export_s"].items()
    ]
    check = app["check_1m"]
    rows.append(["`python -m graph check` at 1M links (whole command)", _s(check["seconds"]), _s(check["cpu_s"])])
    return lines + _table(["step", "s", "CPU s"], rows)
