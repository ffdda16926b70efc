"""A classroom at once: many learners moving through the article's graph, measured at the server.

Headless browsers cost this 2-core machine more than the server does, so each learner is a
websocket client speaking Streamlit's own protocol (``streamlit.proto``), as the browser does:

- it opens the page (an HTTP request that also picks up the proxy's sticky-session cookie,
  when there is a proxy), then ``/_stcore/stream`` with that cookie;
- its first run (``rerun_script`` with ``?focus=…``) is the first page;
- then, every 2–6 s (uniformly at random), it *moves*: it presses one of the links listed beside
  the picture (a ``link_…`` button, by its widget id, as a click sends it) and waits for
  ``script_finished``. That time is the move's latency; the bytes read are its traffic.

:func:`run_classroom` runs N learners against one address; :func:`measure_setups` starts one
``streamlit run app.py`` and the proxied setup (``deploy/serve.py``), and runs each class size
against each, side by side.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import math
import os
import random
import statistics
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import websockets
from streamlit.proto import BackMsg_pb2, ForwardMsg_pb2
from websockets.typing import Subprotocol

__all__ = ["Learner", "measure_setups", "run_async", "run_classroom", "summarise"]

REPO = Path(__file__).resolve().parents[1]
FRAGMENT_DONE = ForwardMsg_pb2.ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
LINK_BUTTON = "-link_"
"""Widget ids of the links listed beside the picture end in their key, ``link_<id>``."""


class Page(NamedTuple):
    """What one script run sent: the link buttons drawn (widget id, fragment id), bytes, the address after it."""

    links: list[tuple[str, str]]
    size: int
    query: str
    fragment_only: bool
    """Whether only a fragment (``st.fragment``) reran, not the whole page."""


@dataclass
class Learner:
    """What one simulated learner saw: its first page and each move, in seconds and bytes."""

    number: int
    first_page_s: float | None = None
    first_page_bytes: int = 0
    moves_s: list[float] = field(default_factory=list)
    moves_bytes: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def _learner(number: int, url: str, start_focus: str, seconds: float, rng: random.Random) -> Learner:
    learner = Learner(number)
    ws_url = url.replace("http://", "ws://", 1) + "/_stcore/stream"
    query = f"focus={urllib.parse.quote(start_focus)}"
    try:
        cookie = await asyncio.to_thread(_open_page, url)
        headers = {"Origin": url} | ({"Cookie": cookie} if cookie else {})
        async with websockets.connect(
            ws_url,
            subprotocols=[Subprotocol("streamlit")],
            additional_headers=headers,
            max_size=None,
            open_timeout=60,
            ping_interval=None,
        ) as socket:
            begun = time.perf_counter()
            cached: set[str] = set()
            links, size, query, _ = await _rerun(socket, query, None, cached)
            learner.first_page_s, learner.first_page_bytes = time.perf_counter() - begun, size
            until = time.perf_counter() + seconds  # moves for ``seconds`` after its first page
            while True:
                await asyncio.sleep(rng.uniform(2.0, 6.0))
                if time.perf_counter() >= until:
                    break
                if not links:
                    learner.errors.append("no link to follow on the page")
                    break
                begun = time.perf_counter()
                links, size, query, _ = await _rerun(socket, query, rng.choice(links), cached)
                learner.moves_s.append(time.perf_counter() - begun)
                learner.moves_bytes.append(size)
    except Exception as err:  # noqa: BLE001 - a learner that fails is counted, not the end of the run
        learner.errors.append(f"{type(err).__name__}: {err}")
    return learner


def _open_page(url: str) -> str:
    """Load the page as a browser would first; the cookie a sticky-session proxy sets comes back."""
    with urllib.request.urlopen(url + "/", timeout=60) as response:
        response.read()
        cookies = response.headers.get_all("Set-Cookie") or []
    return "; ".join(c.split(";", 1)[0] for c in cookies)


async def _rerun(socket, query: str, clicked: tuple[str, str] | None, cached: set[str] | None = None) -> Page:
    """One script run (with ``clicked`` pressed, if given): see :class:`Page`.

    The address is sent with every run, as a browser sends the one in its address bar; the app writes
    the view there, and reads an address it did not write as the browser's Back or Forward.

    ``cached``: the hashes of the large messages received so far, which a browser keeps and tells the
    server about, so that the server sends a reference instead of the same message again (updated here).
    """
    message = BackMsg_pb2.BackMsg()
    message.rerun_script.query_string = query
    if cached:
        message.rerun_script.cached_message_hashes.extend(sorted(cached))
    if clicked:
        # As the browser does: a button inside a fragment (``st.fragment``) reruns that fragment only.
        widget, message.rerun_script.fragment_id = clicked
        state = message.rerun_script.widget_states.widgets.add()
        state.id = widget
        state.trigger_value = True
    await socket.send(message.SerializeToString())
    links: list[tuple[str, str]] = []
    received = 0
    while True:
        data = await asyncio.wait_for(socket.recv(), timeout=120)
        received += len(data)
        forward = ForwardMsg_pb2.ForwardMsg()
        forward.ParseFromString(data)
        kind = forward.WhichOneof("type")
        if cached is not None and forward.metadata.cacheable:
            cached.add(forward.hash)
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            if element.WhichOneof("type") == "button" and LINK_BUTTON in element.button.id:
                links.append((element.button.id, forward.delta.fragment_id))
            elif element.WhichOneof("type") == "exception":  # said, so that "no link to follow" has a reason
                raise RuntimeError(f"the app raised {element.exception.type}: {element.exception.message[:200]}")
        elif kind == "page_info_changed":
            query = forward.page_info_changed.query_string
        elif kind == "script_finished" and forward.script_finished != ForwardMsg_pb2.ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            # A run cut short for another (the server had a newer request) is followed by that run's messages.
            return Page(links, received, query, forward.script_finished == FRAGMENT_DONE)


async def _classroom(url: str, learners: int, seconds: float, focus: list[str], seed: int) -> list[Learner]:
    rng = random.Random(seed)
    tasks = []
    for number in range(learners):
        # The class arrives within a few seconds, as when a teacher hands out the link.
        tasks.append(
            asyncio.create_task(
                _late(rng.uniform(0, 3), _learner(number, url, rng.choice(focus), seconds, random.Random(rng.random())))
            )
        )
    return list(await asyncio.gather(*tasks))


async def _late(delay: float, learner):
    await asyncio.sleep(delay)
    return await learner


def run_async(coroutine):
    """``asyncio.run``, also from a thread whose event loop is already running (as Playwright's sync API
    keeps one while a browser is open in the same process): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def run_classroom(url: str, learners: int, seconds: float = 60.0, focus: list[str] | None = None, seed: int = 7) -> dict:
    """``learners`` at once against the app at ``url``, each moving for ``seconds`` after its first page;
    see :func:`summarise`."""
    focus = focus or ["Dopamine deficiency"]
    load_before = os.getloadavg()
    began = time.perf_counter()
    result = run_async(_classroom(url, learners, seconds, focus, seed))
    summary = summarise(result)
    summary.update(
        learners=learners,
        seconds=round(time.perf_counter() - began, 1),
        load_average_start=list(load_before),
        load_average_end=list(os.getloadavg()),
    )
    return summary


def summarise(learners: list[Learner]) -> dict:
    """Median, p95 and max of the moves and first pages, in seconds; bytes per move; errors."""
    moves = sorted(s for learner in learners for s in learner.moves_s)
    firsts = sorted(learner.first_page_s for learner in learners if learner.first_page_s is not None)
    sizes = [b for learner in learners for b in learner.moves_bytes]
    errors = [f"learner {learner.number}: {error}" for learner in learners for error in learner.errors]
    return {
        "moves": len(moves),
        "move_median_s": _round(statistics.median(moves)) if moves else None,
        "move_p95_s": _round(_percentile(moves, 95)),
        "move_max_s": _round(moves[-1]) if moves else None,
        "first_page_median_s": _round(statistics.median(firsts)) if firsts else None,
        "first_page_p95_s": _round(_percentile(firsts, 95)),
        "move_kb_median": round(statistics.median(sizes) / 1024, 1) if sizes else None,
        "errors": errors[:10],
        "error_count": len(errors),
    }


def _percentile(values: list[float], percent: float) -> float | None:
    """Nearest-rank percentile of sorted ``values``."""
    if not values:
        return None
    return values[max(0, math.ceil(percent / 100 * len(values)) - 1)]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def measure_setups(
    class_sizes: tuple[int, ...], seconds: float, processes: int, log_dir: Path, focus: list[str], say=print
) -> dict:
    """Each class size against one ``streamlit run app.py`` and against ``processes`` of them behind HAProxy."""
    from deploy.local import start_streamlit, stop_streamlit
    from deploy.serve import Deployment

    log_dir.mkdir(parents=True, exist_ok=True)
    runs = []
    say("classroom: one streamlit process")
    process, url = start_streamlit(REPO / "app.py", log_dir / "single.log")
    try:
        _warm(url, focus)
        for size in class_sizes:
            say(f"  {size} learners for {seconds:.0f} s")
            runs.append({"setup": "one process", **run_classroom(url, size, seconds, focus)})
            say(f"    p95 {runs[-1]['move_p95_s']} s over {runs[-1]['moves']} moves, {runs[-1]['error_count']} errors")
    finally:
        stop_streamlit(process)
    say(f"classroom: {processes} streamlit processes behind HAProxy (cookie-sticky)")
    with Deployment(processes=processes, run_dir=log_dir / "deploy") as deployment:
        _warm(deployment.url, focus, times=processes * 2)
        for size in class_sizes:
            say(f"  {size} learners for {seconds:.0f} s")
            runs.append({"setup": f"{processes} processes behind HAProxy", **run_classroom(deployment.url, size, seconds, focus)})
            say(f"    p95 {runs[-1]['move_p95_s']} s over {runs[-1]['moves']} moves, {runs[-1]['error_count']} errors")
    return {"processes": processes, "seconds": seconds, "runs": runs}


def _warm(url: str, focus: list[str], times: int = 1) -> None:
    """A first visit (per process) loads the graph and fills the caches: a server's start, not a learner's move."""
    for number in range(times):
        run_async(_classroom(url, 1, 0.0, focus, seed=number))
