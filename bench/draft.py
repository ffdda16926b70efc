"""``python -m bench --draft``: how much of the article's map a draft of its text recovers, and how fast.

The article's text is not part of the project (``shared/seed/``, beside the repository; ``--text``
names another). Its draft (:func:`graph.teaching.draft.draft_text`) is compared with
``data/edges.csv``, the map people made from it:

- **recall**: the share of the reference's links whose two ends are also the two ends of a drafted
  link, either way round;
- **precision**: the share of drafted links whose two ends are the two ends of a reference link;
- every drafted link must carry its evidence (the sentence or list line it was read from);
- the time to draft a 2,000-word text (the article, continued from its start to 2,000 words), on one core.

Ends are matched by name as the app matches a typed name (:func:`graph.core.query.similarity`: case,
spacing and punctuation aside, at least 85 % alike), so "Restless leg syndrome" is "Restless legs
syndrome", under a concept's label or one of its aliases (``nodes.csv``: the article's own short
names, "Parkinson's"); relations are not compared. The results name concepts only, never the article's sentences.
"""

from __future__ import annotations

import datetime
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from graph.core.query import NAME_CUTOFF, similarity

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "draft"
REFERENCE = REPO / "data" / "edges.csv"
TIMED_WORDS = 2_000
TARGETS = {"recall": 0.30, "precision": 0.40, "seconds_2000_words": 5.0}


def seed_text() -> Path | None:
    """The article's text in ``shared/seed/`` beside the repository (or beside the folder of worktrees), if there."""
    for folder in REPO.parents:
        seed = folder / "shared" / "seed"
        if seed.is_dir():
            texts = sorted(p for p in seed.glob("*.txt"))
            if texts:
                return texts[0]
    return None


def same_name(a: str, b: str) -> bool:
    return a.casefold() == b.casefold() or similarity(a, b) >= NAME_CUTOFF


def compare(
    drafted: list[tuple[str, str]], reference: list[tuple[str, str]], aliases: dict[str, list[str]] | None = None
) -> dict:
    """Recall and precision of ``drafted`` link ends against ``reference`` link ends (either direction).

    A reference concept is also matched under its ``aliases`` (the other names the article uses for it,
    from the reference's ``nodes.csv``: "Parkinson's" for Parkinson's disease).

    Example
    -------
    >>> result = compare([("A", "B"), ("C", "D")], [("b", "a"), ("E", "F")])
    >>> result["recall"], result["precision"]
    (0.5, 0.5)
    """

    names = aliases or {}

    def named(written: str, concept: str) -> bool:
        return any(same_name(written, name) for name in (concept, *names.get(concept, ())))

    def matches(ref: tuple[str, str], link: tuple[str, str]) -> bool:
        (c, d), (a, b) = ref, link
        return named(a, c) and named(b, d) or named(a, d) and named(b, c)

    found = [ref for ref in reference if any(matches(ref, link) for link in drafted)]
    right = [link for link in drafted if any(matches(ref, link) for ref in reference)]
    return {
        "reference_links": len(reference),
        "drafted_links": len(drafted),
        "recovered": len(found),
        "drafted_in_reference": len(right),
        "recall": len(found) / len(reference) if reference else 0.0,
        "precision": len(right) / len(drafted) if drafted else 0.0,
        "recovered_links": [list(pair) for pair in found],
        "drafted_not_in_reference": [list(link) for link in drafted if link not in right],
    }


def words_of(text: str, count: int) -> str:
    """``text`` repeated until it has at least ``count`` words, cut at the end of the line that reaches them."""
    out, total = [], 0
    lines = text.splitlines(keepends=True)
    while total < count:
        for line in lines:
            out.append(line)
            total += len(line.split())
            if total >= count:
                break
    return "".join(out)


def measure(text_path: Path, reference_path: Path = REFERENCE, repeats: int = 3) -> dict:
    """Draft the text, compare it with the reference and time a 2,000-word draft (warm; and cold, in a fresh process)."""
    import pandas as pd

    from graph.teaching.draft import draft_text, read_text

    text = read_text(text_path.read_bytes(), text_path.name)
    started = time.perf_counter()
    draft = draft_text(text, text_path.name)
    article_s = time.perf_counter() - started
    reference = pd.read_csv(reference_path, dtype=str, keep_default_na=False)
    nodes = reference_path.with_name("nodes.csv")
    aliases: dict[str, list[str]] = {}
    if nodes.is_file():
        concepts = pd.read_csv(nodes, dtype=str, keep_default_na=False)
        if "aliases" in concepts.columns:
            aliases = {
                c: [n.strip() for n in a.split(";") if n.strip()] for c, a in zip(concepts["concept"], concepts["aliases"])
            }
    drafted = [(link.source, link.target) for link in draft.links]
    result = compare(drafted, list(zip(reference["source"], reference["target"])), aliases)
    long_text = words_of(text, TIMED_WORDS)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        draft_text(long_text)
        times.append(time.perf_counter() - started)
    return {
        **result,
        "text": text_path.name,
        "text_words": len(text.split()),
        "with_evidence": sum(1 for link in draft.links if link.evidence.strip()),
        "by_rule": {
            rule: sum(1 for link in draft.links if link.rule == rule) for rule in sorted({lk.rule for lk in draft.links})
        },
        "article_s": article_s,
        "timed_words": len(long_text.split()),
        "seconds_2000_words": statistics.median(times),
        "seconds_2000_words_cold": _cold(long_text),
    }


def _cold(text: str) -> float:
    """A 2,000-word draft in a fresh Python process, imports and word lists loaded included (what a first draft costs)."""
    code = (
        "import sys, time; t = time.perf_counter(); from graph.teaching.draft import draft_text; "
        "draft_text(sys.stdin.read()); print(time.perf_counter() - t)"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, env=env, cwd=REPO, check=True)
    return float(done.stdout.strip())


def targets(measured: dict) -> list[dict]:
    return [
        {
            "target": f"recall ≥ {TARGETS['recall']:.0%} of the article's links",
            "measured": f"{measured['recall']:.1%} ({measured['recovered']} of {measured['reference_links']})",
            "met": measured["recall"] >= TARGETS["recall"],
        },
        {
            "target": f"precision ≥ {TARGETS['precision']:.0%} of drafted links in the reference",
            "measured": f"{measured['precision']:.1%} ({measured['drafted_in_reference']} of {measured['drafted_links']})",
            "met": measured["precision"] >= TARGETS["precision"],
        },
        {
            "target": "every drafted link carries its sentence",
            "measured": f"{measured['with_evidence']} of {measured['drafted_links']}",
            "met": measured["with_evidence"] == measured["drafted_links"],
        },
        {
            "target": f"a {TIMED_WORDS:,}-word draft in < {TARGETS['seconds_2000_words']:g} s on one core",
            "measured": f"{measured['seconds_2000_words']:.2f} s warm, {measured['seconds_2000_words_cold']:.2f} s in a fresh process",
            "met": max(measured["seconds_2000_words"], measured["seconds_2000_words_cold"]) < TARGETS["seconds_2000_words"],
        },
    ]


def markdown(results: dict) -> str:
    m = results["draft"]
    lines = [
        "# Drafting a map from the article's text",
        "",
        f"`{results['command']}` at {results['date']} (commit {_commit(results['revision'])}), load average at start "
        f"{results['load_average_start'][0]:.2f}.",
        "",
        f"The text ({m['text_words']:,} words) drafted {m['drafted_links']} links ({', '.join(f'{n} by {r}' for r, n in m['by_rule'].items())}) "
        f"in {m['article_s']:.2f} s; the reference, `data/edges.csv`, has {m['reference_links']}. Ends are matched by name "
        "(case, spacing and punctuation aside, 85 % alike), either direction; relations are not compared.",
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
        *(f"| {row['target']} | {row['measured']} | {'yes' if row['met'] else '**no**'} |" for row in results["targets"]),
        "",
        "## Recovered links (reference ends)",
        "",
        *(f"- {a} — {b}" for a, b in m["recovered_links"]),
        "",
        "## Drafted links whose ends are not a reference link",
        "",
        *(f"- {a} — {b}" for a, b in m["drafted_not_in_reference"]),
        "",
    ]
    return "\n".join(lines)


def _commit(revision) -> str:
    if not isinstance(revision, dict):
        return str(revision)
    changed = revision.get("uncommitted") or []
    return f"{revision.get('commit')}" + (f", with changes to {', '.join(changed)} not committed" if changed else "")


def run(command: str, revision: dict, text: Path | None = None, results_dir: Path = RESULTS, say=print) -> int:
    text = text or seed_text()
    if text is None or not text.is_file():
        say("The article's text is not here (shared/seed/ beside the repository); name a text with --text.")
        return 2
    say(f"drafting {text.name} and timing a {TIMED_WORDS:,}-word draft")
    results: dict[str, Any] = {
        "command": command,
        "revision": revision,
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "load_average_start": list(os.getloadavg()),
        "draft": measure(text),
    }
    results["targets"] = targets(results["draft"])
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (results_dir / "results.md").write_text(markdown(results), encoding="utf-8")
    for row in results["targets"]:
        say(f"  {row['target']}: {row['measured']} ({'met' if row['met'] else 'NOT met'})")
    say(f"wrote {results_dir / 'results.md'}")
    return 0
