"""``python -m bench --class-view``: the teacher's Class view for a class of 60 learners, each handing in a 40-link map.

The map is the article's graph. Each learner hands in 40 propositions drawn from it at random
(most as the article says, some reversed, some with another relation, some the article does not
have) and a five-question quiz, through :mod:`graph.classroom.results` into an SQLite file under
``bench/out/class_view/``. Then:

- *server*: the Class view's work in Python, as the page does it when the view is opened:
  reading and scoring every hand-in (:func:`graph.classroom.results.class_results`), with the
  version's graph loaded anew (``cold``) and kept (``warm``, as the app caches it); drawing the
  group map, the map and a difference map (:mod:`graph.classroom.group_picture`); the tables
  and the xlsx workbook;
- *browser* (with Chromium): the teacher link in headless Chromium, from the click that opens
  the Class view until the group map's picture is drawn (its ``data-ready``), opened and closed
  several times.

Results go to ``bench/results/class_view/results.md`` and ``results.json``.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "class_view"
LEARNERS = 60
LINKS = 40
TARGET_S = 1.0


def run(out: Path, results_dir: Path | None = None, learners: int = LEARNERS, links: int = LINKS, reps: int = 7) -> int:
    """Prepare the class, measure, write the results; 0 when done."""
    from bench import report

    started = time.perf_counter()
    where = out / "class_view"
    where.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{where / 'maps.db'}"
    _say(f"a class of {learners} learners handing in {links}-link maps, in {where / 'maps.db'}")
    map_id, key = prepare(url, learners, links)
    results: dict = {
        "command": "python -m bench " + " ".join(sys.argv[1:]),
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": report.machine(),
        "load_average_start": list(os.getloadavg()),
        "learners": learners,
        "links_per_learner": links,
    }
    _say("the Class view's work in Python")
    results["server"] = measure_server(url, map_id, key, reps)
    _say("the Class view in headless Chromium")
    results["browser"] = measure_browser(url, map_id, key, where, reps)
    results["load_average_end"] = list(os.getloadavg())
    results["duration_s"] = time.perf_counter() - started
    results_dir = results_dir or RESULTS
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    text = markdown(results)
    (results_dir / "results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


def prepare(url: str, learners: int, links: int, seed: int = 24) -> tuple[str, str]:
    """Publish the article as a map and hand in every learner's map and quiz; return the map's id and key."""
    from graph.classroom import results, store
    from graph.files.load import load_files
    from graph.teaching.quiz import check, make_quiz
    from graph.teaching.score import Proposition

    path = url.removeprefix("sqlite:///")
    if os.path.exists(path):
        os.remove(path)
    files = [("edges.csv", (REPO / "data" / "edges.csv").read_bytes())]
    saved = store.publish(files, "Dopamine deficiency", url=url)
    kg = load_files(files)
    all_links = [kg.link(k) for k in kg.links.index]
    concepts = sorted(kg.graph)
    draw = random.Random(seed)
    questions = make_quiz(kg, 7, 5)
    for number in range(learners):
        token = results.join(saved.map_id, f"Learner {number + 1:02}", url=url)
        drawn = []
        for link in draw.sample(all_links, min(links, len(all_links))):
            roll = draw.random()
            if roll < 0.6:
                drawn.append(Proposition(link.source, link.relation, link.target))
            elif roll < 0.75:
                drawn.append(Proposition(link.target, link.relation, link.source))
            elif roll < 0.85:
                drawn.append(Proposition(link.source, "is linked to", link.target))
            else:
                source, target = draw.sample(concepts, 2)
                drawn.append(Proposition(source, "causes", target))
        results.hand_in(saved.map_id, token, "map", results.map_work(drawn), 0.0, 1, url=url)
        answers = [draw.choice(q.options) for q in questions]
        items = [
            {"question": q.prompt, "answer": q.answer, "given": a, "right": bool(check(q, a))}
            for q, a in zip(questions, answers, strict=True)
        ]
        results.hand_in(saved.map_id, token, "quiz", {"seed": 7, "items": items}, 0.0, 1, url=url)
    store.dispose(url)
    return saved.map_id, saved.key


def measure_server(url: str, map_id: str, key: str, reps: int) -> dict:
    from explorer.panels.class_view import tables, workbook
    from graph.classroom import results, store
    from graph.classroom.group_picture import base_picture, difference_payload, group_payload, reference_payload
    from graph.files.load import load_files
    from graph.teaching.score import Reference

    cpu: dict[str, list[float]] = {}

    def timed(step, name: str) -> list[float]:
        """Wall-clock times of ``step``; its CPU times (this process's, less affected by a busy machine) go to ``cpu``."""
        times, used = [], []
        for _ in range(reps):
            began, began_cpu = time.perf_counter(), time.process_time()
            step()
            times.append(time.perf_counter() - began)
            used.append(time.process_time() - began_cpu)
        cpu[name] = used
        return times

    cold = timed(lambda: results.class_results(map_id, key, url=url), "results_cold_s")
    reference = Reference(load_files(store.open_map(map_id, url=url).files))
    where = base_picture(reference.kg)
    layout = timed(lambda: base_picture(reference.kg), "layout_s")
    warm = timed(lambda: results.class_results(map_id, key, url=url, reference=reference), "results_warm_s")
    found = results.class_results(map_id, key, url=url, reference=reference)
    first = found.learners[0]
    pictures = timed(
        lambda: (
            group_payload(found.kg, found.group, where),
            reference_payload(found.kg, where, found.title),
            difference_payload(found.kg, found.group, first, where),
        ),
        "pictures_s",
    )
    shown = timed(lambda: tables(found), "tables_s")
    sheets = timed(lambda: workbook(tables(found)), "xlsx_s")
    total = [w + p + s for w, p, s in zip(warm, pictures, shown, strict=True)]
    cpu["class_view_warm_total_s"] = [
        w + p + s for w, p, s in zip(cpu["results_warm_s"], cpu["pictures_s"], cpu["tables_s"], strict=True)
    ]
    return {
        "learners": len(found.learners),
        "map_links": len(found.group.links),
        "extra_links": len(found.group.extra),
        "quiz_items": len(found.items),
        "results_cold_s": _stats(cold),
        "results_warm_s": _stats(warm),
        "layout_s": _stats(layout),
        "pictures_s": _stats(pictures),
        "tables_s": _stats(shown),
        "xlsx_s": _stats(sheets),
        "class_view_warm_total_s": _stats(total),
        "cpu": {name: _stats(used) for name, used in cpu.items()},
    }


def measure_browser(url: str, map_id: str, key: str, where: Path, reps: int) -> dict:
    """From the click on "Class view" until its group map is drawn, in headless Chromium."""
    from bench.browser import CHROMIUM
    from deploy.local import CHROMIUM_ARGS, find_chromium, start_streamlit, stop_streamlit

    executable = find_chromium() or (CHROMIUM if os.path.exists(CHROMIUM) else None)
    if executable is None:
        return {"status": "not measured: Chromium not found"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"status": "not measured: playwright is not installed"}
    server, base = start_streamlit(REPO / "app.py", where / "streamlit.log", {"KG_DATABASE_URL": url})
    ready = '.kg-graph[aria-label^="Group map"][data-ready="true"]'
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                page.goto(f"{base}/?map={map_id}&key={key}")
                page.locator('.kg-graph[data-ready="true"]').first.wait_for(state="visible", timeout=120_000)
                title = page.get_by_text("Class view ·")
                title.wait_for(timeout=60_000)
                label = title.inner_text().strip()
                times = []
                for _ in range(reps):
                    began = time.perf_counter()
                    title.click()
                    page.locator(ready).wait_for(state="visible", timeout=60_000)
                    times.append(time.perf_counter() - began)
                    title.click()  # close it again: the next click opens and draws it anew
                    page.locator(ready).wait_for(state="detached", timeout=60_000)
                return {"status": "measured", "chromium": browser.version, "title": label, "click_to_group_map_s": _stats(times)}
            finally:
                browser.close()
    finally:
        stop_streamlit(server)


def markdown(results: dict) -> str:
    server, browser = results["server"], results["browser"]
    lines = [
        "# Class view benchmark",
        "",
        f"Made by `{results['command']}` on {results['date']} in {results['duration_s']:.0f} s; "
        f"load average {_load(results['load_average_start'])} → {_load(results['load_average_end'])}.",
        "",
        f"The article's map ({server['map_links']} links); {server['learners']} learners each handed in a "
        f"{results['links_per_learner']}-link map and a {server['quiz_items']}-question quiz; their maps add "
        f"{server['extra_links']} links the map lacks.",
        "",
        "| step | median | max | CPU time, median |",
        "|---|---|---|---|",
    ]
    names = {
        "results_cold_s": "read and score every hand-in, the version's graph loaded anew",
        "results_warm_s": "read and score every hand-in, the graph kept (as the app does)",
        "layout_s": "place the map's concepts (once per version in the app)",
        "pictures_s": "group map, map and a difference map as pictures",
        "tables_s": "the tables shown (most missed, items)",
        "class_view_warm_total_s": "the Class view's Python work when opened (warm: the three above)",
        "xlsx_s": "the xlsx workbook (made only when its download is clicked)",
    }
    for key, name in names.items():
        lines.append(
            f"| {name} | {server[key]['median']:.3f} s | {server[key]['max']:.3f} s | {server['cpu'][key]['median']:.3f} s |"
        )
    lines.append("")
    if browser.get("status") == "measured":
        clicks = browser["click_to_group_map_s"]
        met = "met" if clicks["max"] <= TARGET_S else "not met"
        lines += [
            f"In headless Chromium {browser['chromium']}, on the teacher link ({browser['title']}): from the click "
            f"that opens the Class view until its group map is drawn, median {clicks['median']:.2f} s, "
            f"max {clicks['max']:.2f} s over {clicks['n']} openings (each: {', '.join(f'{t:.2f}' for t in clicks['each'])} s; "
            f"the first is the first since the server started). Target ≤ {TARGET_S:.0f} s: {met}.",
        ]
    else:
        lines.append(f"Browser: {browser.get('status')}.")
    return "\n".join(lines) + "\n"


def _stats(times: list[float]) -> dict:
    return {
        "median": statistics.median(times),
        "max": max(times),
        "min": min(times),
        "n": len(times),
        "each": [round(t, 4) for t in times],
    }


def _load(values) -> str:
    return "/".join(f"{v:.1f}" for v in values)


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)
