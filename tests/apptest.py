"""Helpers shared by the AppTest tests: start the app, read what it shows (as text), and what the picture was sent."""

from __future__ import annotations

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from explorer.panels.session import SESSION_KEY
from explorer.state import PANEL, Session

APP = str(Path(__file__).resolve().parents[1] / "app.py")
HUB = "Dopamine deficiency"


def unescape(label: str) -> str:
    """Button labels are Markdown-escaped so that data shows as typed; read them back as text."""
    return re.sub(r"\\(.)", r"\1", label)


def start(**params) -> AppTest:
    """The app opened at an address with query parameters ``params``, as a browser would open it."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    if session(at).sharing.key_in_address:  # what the browser's address cleaner does (AppTest runs no component)
        assert url(at) == params, "the page wrote its address while the edit key was still in it"
        session(at).sharing.key_gone()
        at.run()
        assert not at.exception, at.exception
    return at


def focus(at: AppTest) -> str:
    return unescape(at.header[0].value)


def session(at: AppTest) -> Session:
    """What the app remembers for this learner (:class:`explorer.panels.session.Session`)."""
    return at.session_state[SESSION_KEY]


def trail(at: AppTest) -> list[str]:
    """The concepts visited before the focus, oldest first."""
    return session(at).history


def path(at: AppTest) -> tuple[str, str] | None:
    """The two concepts "Connect two" shows the paths between, if it does."""
    return session(at).path


def picture(at: AppTest) -> dict:
    """What the clickable view was sent: the vis-network nodes (concepts; linking phrases left out) and edges."""
    (data,) = [d for d in (json.loads(c.proto.json) for c in at.get("bidi_component")) if "payload" in d]
    named = by_name(data["payload"])
    return {**named, "nodes": [node for node in named["nodes"] if node["group"]]}


def by_name(sent: dict) -> dict:
    """The picture's data as Python made it, keyed by names: the browser gets opaque ids (``graph.picture.view.for_browser``)."""
    names = {node["id"]: node.get("name", node["id"]) for node in sent["nodes"]}
    kinds = dict(enumerate(sent["group_names"]))
    type_of = {f"g{k}": kind for k, kind in kinds.items()}
    nodes = [
        {
            **{k: v for k, v in node.items() if k != "name"},
            "id": names[node["id"]],
            "group": type_of.get(node.get("group"), node.get("group")),
        }
        for node in sent["nodes"]
    ]
    edges = [{**edge, "from": names[edge["from"]], "to": names[edge["to"]]} for edge in sent["edges"]]
    options = dict(sent.get("options") or {})
    if "groups" in options:
        options["groups"] = {type_of[g]: group for g, group in options["groups"].items()}
    return {**sent, "nodes": nodes, "edges": edges, "options": options}


def link_buttons(at: AppTest) -> dict[str, object]:
    return {unescape(b.label): b for b in at.button if b.key and b.key.startswith("link_")}


def run(widget) -> AppTest:
    """Run after an interaction (``widget.run()``), and insist that the app did not raise."""
    at = widget.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def url(at: AppTest) -> dict[str, str]:
    return dict(at.query_params)


def tab(at: AppTest, label: str):
    (found,) = [t for t in at.tabs if t.label == label]
    return found


def open_tab(at: AppTest, label: str):
    """Open the panel's tab ``label`` as a learner would (a tab's costly content runs only while it is open)."""
    at.session_state[PANEL] = label
    return tab(run(at), label)


def texts(block, kind: str = "markdown") -> list[str]:
    return [unescape(e.value) for e in getattr(block, kind)]


def uploader(at: AppTest):
    """The "Your graph" file uploader (its key changes when it is emptied)."""
    (found,) = [u for u in at.file_uploader if u.key.startswith("upload_files")]
    return found
