"""The classroom load benchmark's client (bench/classroom.py) and the proxied setup (deploy/serve.py),
against real Streamlit processes behind a real HAProxy (Debian's package; .ci/run installs it)."""

from __future__ import annotations

import os
import shutil
import urllib.parse
import urllib.request

import pytest
import websockets

from bench.classroom import _open_page, _rerun, run_async, run_classroom
from deploy.serve import Deployment


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    if not (shutil.which("haproxy") or os.path.exists("/usr/sbin/haproxy")):
        message = "CLASSROOM SETUP NOT TESTED: HAProxy is not installed (apt-get install haproxy)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with Deployment(processes=2, run_dir=tmp_path_factory.mktemp("deploy")) as running:
        yield running


def test_the_proxy_hands_each_new_visitor_the_next_process_by_cookie(deployment):
    cookies = {_open_page(deployment.url) for _ in range(4)}
    assert cookies == {"KG_SERVER=app1", "KG_SERVER=app2"}
    request = urllib.request.Request(deployment.url + "/", headers={"Cookie": "KG_SERVER=app2"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers.get_all("Set-Cookie") is None  # already placed: stays where it is


def test_a_learner_moves_by_pressing_a_link_through_the_proxy(deployment):
    async def visit():
        cookie = _open_page(deployment.url)
        url = deployment.url.replace("http", "ws") + "/_stcore/stream"
        async with websockets.connect(
            url, subprotocols=["streamlit"], max_size=None, additional_headers={"Origin": deployment.url, "Cookie": cookie}
        ) as socket:
            query = "focus=" + urllib.parse.quote("Dopamine deficiency")  # the hub: any move from it draws less
            first = await _rerun(socket, query, None)
            clicked = first.links[0]
            after = await _rerun(socket, first.query, clicked)
            return first, clicked, after

    first, (clicked, _), after = run_async(visit())
    assert first.size > 10_000  # a whole page, picture included
    assert first.query == "focus=Dopamine+deficiency"  # the app writes the view to the address bar
    assert after.query != first.query and after.query.startswith("focus=")  # ... and the move with it
    # A move reruns only the fragment holding the picture and the panel (explorer/page.py's explore_and_read), not the page.
    assert not first.fragment_only and after.fragment_only
    assert after.size < first.size
    first, after = [widget for widget, _ in first.links], [widget for widget, _ in after.links]
    assert all("-link_" in widget for widget in first)

    # The pressed link joins the old focus to the new one, so it is listed again (its button now keyed
    # by the new focus), among other links.
    def link_id(widget: str) -> str:
        return widget.split("-link_", 1)[1].split("_")[1]

    assert link_id(clicked) in {link_id(widget) for widget in after}
    assert set(after) != set(first)


def test_a_small_class_is_measured_without_errors(deployment):
    result = run_classroom(deployment.url, learners=3, seconds=7, focus=["Dopamine deficiency", "Levodopa"])
    assert result["error_count"] == 0, result["errors"]
    assert result["learners"] == 3
    assert result["moves"] >= 3  # each waits 2-6 s, then moves
    assert 0 < result["move_median_s"] <= result["move_p95_s"] <= result["move_max_s"]
    assert result["first_page_median_s"] > 0


def test_stopping_ends_every_process_it_started(tmp_path):
    deployment = Deployment(processes=1, run_dir=tmp_path)
    deployment.start()
    pids = [int(p) for p in (tmp_path / "pids").read_text().split()]
    assert len(pids) == 2  # HAProxy and one streamlit
    deployment.stop()
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert not (tmp_path / "pids").exists()
    with pytest.raises(OSError):
        urllib.request.urlopen(deployment.url + "/_stcore/health", timeout=2)
