"""One learner's session as plain Python: everything the app remembers between reruns, and its moves.

:class:`Session` holds which graph, the view (focus, depth, hidden kinds) and the trail to it, and
each panel's own state, a small dataclass it owns (:class:`Teaching`, :class:`Practice`,
:class:`Sharing`, :class:`Uploads`, :class:`Editing`). Its methods are the transitions (go to a
concept, go back, open a path, step through a tour, follow the browser's Back...), and
:meth:`Session.start` is the one place where a new graph starts afresh.

This module knows nothing of Streamlit (an import-linter contract keeps it so), so the moves are
tested as plain objects (``tests/explorer/test_state.py``). What the page must do is handed over as
data: the address bar's query parameters come in as a mapping (read with :mod:`graph.params`), and
a move that changes what a widget shows (the toolbar's depth, "Connect two"'s ends, the open tab)
records the new value under the widget's key in :attr:`Session.widgets`; the page writes those into
its widgets before it draws them (``explorer/panels/session.py``, the Streamlit side).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.core.model import KnowledgeGraph
from graph.core.query import ConceptNotFound, find_concept, search
from graph.files.edits import History
from graph.params import DEPTHS, Address, ViewState, parse, read_params
from graph.teaching.practice import Record
from graph.teaching.tours import Tour

if TYPE_CHECKING:  # only named in types
    from graph.files.load import ValidationError
    from graph.teaching.score import MapScore, Proposition

__all__ = [
    "DEPTH_CHOICE",
    "Editing",
    "FILL_IN",
    "MAP_FROM",
    "MAP_TO",
    "MAP_UPLOAD",
    "MAP_WORDS",
    "PANEL",
    "PATH_FROM",
    "PATH_TO",
    "PRACTICE_MODE",
    "PUBLISH_DESCRIPTION",
    "PUBLISH_TITLE",
    "SEARCH_TEXT",
    "SHOWN_TYPES",
    "TABS",
    "TOUR_CHOICE",
    "Practice",
    "Session",
    "SharedMap",
    "Sharing",
    "Teaching",
    "Uploads",
    "fill_key",
    "quiz_key",
]

TABS = ("Concept", "Connect two", "Tour", "Quiz", "Key concepts", "Practice")
"""The panel's tabs; the open one is the value of the :data:`PANEL` widget."""

# Widget keys the app's logic reads or writes (the widgets' own state, kept by Streamlit under these keys).
PANEL = "panel"
SEARCH_TEXT = "search_text"
DEPTH_CHOICE = "depth_choice"
SHOWN_TYPES = "shown_types"
PATH_FROM = "path_from"
PATH_TO = "path_to"
TOUR_CHOICE = "tour_choice"
PRACTICE_MODE = "practice_mode"
PUBLISH_TITLE = "publish_title"
PUBLISH_DESCRIPTION = "publish_description"
MAP_FROM = "map_from"
MAP_WORDS = "map_words"
MAP_TO = "map_to"
MAP_UPLOAD = "map_upload"

FILL_IN = "Fill in the map"
"""The Practice activity (the :data:`PRACTICE_MODE` widget's value) a shared exercise opens."""


def quiz_key(seed: int, index: int) -> str:
    """The key of quiz ``seed``'s radio for question ``index`` (a new quiz gets new, empty widgets)."""
    return f"quiz_{seed}_{index}"


def fill_key(seed: int, number: int) -> str:
    """The key of fill-in exercise ``seed``'s answer to blank ``number``."""
    return f"fill_{seed}_{number}"


# --- each panel's state -----------------------------------------------------------


@dataclass
class Teaching:
    """The tour being taken and the quiz on screen."""

    tour: tuple[str, int] | None = None
    """The tour's name and the step shown (from 1)."""
    quiz_seed: int | None = None
    quiz_answers: dict[int, str] = field(default_factory=dict)
    """Question index → the option the learner checked."""
    quiz_last: int | None = None
    """The question checked last, whose verdict gets keyboard focus."""
    quiz_unchecked: int | None = None
    """A question whose "Check answer" was pressed with no option chosen (said once)."""

    def show_quiz(self, seed: int) -> None:
        self.quiz_seed = seed
        self.quiz_answers = {}
        self.quiz_last = None

    def answer(self, index: int, choice: str | None) -> None:
        if choice is None:
            self.quiz_unchecked = index
        else:
            self.quiz_answers[index] = choice
            self.quiz_last = index

    def take_unchecked(self, index: int) -> bool:
        """Whether question ``index`` was checked with no answer chosen; asked once, when it is said."""
        if self.quiz_unchecked != index:
            return False
        self.quiz_unchecked = None
        return True


@dataclass
class Practice:
    """Fill in the map, build a map, and the record of what this learner got right or wrong per link."""

    record: Record = field(default_factory=Record)
    fill_seed: int | None = None
    fill_checked: tuple[tuple[int, str], dict[int, tuple[str, bool]]] | None = None
    """((seed, focus), blank number → (answer, right?)) of the last check."""
    map_focus: str | None = None
    map_links: list[Proposition] = field(default_factory=list)
    map_result: MapScore | None = None
    map_message: str | None = None
    map_load_error: str | None = None

    def active(self) -> bool:
        return self.fill_seed is not None or self.map_focus is not None

    def start_fill(self, seed: int) -> None:
        self.fill_seed = seed
        self.fill_checked = None

    def stop_fill(self) -> None:
        self.fill_seed = None
        self.fill_checked = None

    def fill_answered(self, seed: int, focus: str, results: dict[int, tuple[str, bool]]) -> None:
        self.fill_checked = ((seed, focus), results)

    def start_build(self, focus: str) -> None:
        self.map_focus = focus
        self.map_links = []
        self.map_result = None
        self.map_message = None

    def stop_build(self) -> None:
        """End building: the picture and the Concept tab show the links again (the map is dropped with the task)."""
        self.map_focus = None
        self.map_links = []
        self.map_result = None
        self.map_message = None

    def add_link(self, link: Proposition) -> None:
        """Add one link to the learner's map (from the form, or drawn in the picture)."""
        if link in self.map_links:
            self.map_message = f"Your map already has “{link.sentence}”."
            return
        self.map_links.append(link)
        self.map_message = None
        self.map_result = None

    def refuse_link(self, message: str) -> None:
        self.map_message = message

    def remove_link(self, index: int) -> None:
        del self.map_links[index]
        self.map_result = None

    def map_checked(self, result: MapScore) -> None:
        self.map_result = result

    def open_map(self, links: list[Proposition]) -> None:
        """A map the learner saved before, without repeats."""
        self.map_load_error = None
        self.map_links = list(dict.fromkeys(links))
        self.map_result = None

    def map_not_opened(self, error: str | None) -> None:
        self.map_load_error = error


@dataclass(frozen=True)
class SharedMap:
    """The map this session shows: which version, whether the link pinned it, and the edit key if a teacher opened it."""

    map_id: str
    number: int
    latest: int
    title: str
    description: str
    graph_key: str
    pinned: bool = False
    key: str | None = None

    @property
    def edit_key(self) -> str:
        """The key of a map a teacher opened (only teachers' maps reach the saving tools)."""
        if self.key is None:
            raise PermissionError("this map was opened with its learner link: it has no edit key")
        return self.key


@dataclass
class Sharing:
    """The classroom map on screen, and this session's saves (for the rate limit)."""

    shared_map: SharedMap | None = None
    link_read: bool = False
    """Whether the ``?map=`` link was read (on the session's first run only)."""
    key_in_address: bool = False
    """Whether the address bar may still hold the teacher link's edit key: the page writes no address
    until the address cleaner has taken the key out (see :mod:`explorer.components.address_cleaner`)."""
    save_times: list[float] = field(default_factory=list)
    notice: tuple[str, str] | None = None
    """What the last save did ("done") or why it did not ("refused"), shown once."""

    def read_link(self) -> bool:
        """True the first time only: the map link is read once per session."""
        first, self.link_read = not self.link_read, True
        return first

    def show(self, found: SharedMap) -> None:
        self.shared_map = found

    def key_read(self) -> None:
        """The first run read an edit key from the address: hold the page's address until it is out."""
        self.key_in_address = True

    def key_gone(self) -> None:
        """The address cleaner has taken the edit key out of the address bar (and its history entry)."""
        self.key_in_address = False

    def saves_in_last_minute(self, now: float) -> list[float]:
        return [moment for moment in self.save_times if now - moment < 60]

    def saved(self, now: float) -> None:
        self.save_times = self.saves_in_last_minute(now) + [now]

    def tell(self, kind: str, message: str) -> None:
        self.notice = (kind, message)

    def take_notice(self) -> tuple[str, str] | None:
        notice, self.notice = self.notice, None
        return notice


@dataclass
class Uploads:
    """The session's own graph (an upload or an edit) and the upload being checked or refused."""

    own_graph: tuple[str, tuple[tuple[str, bytes], ...], str, dict[str, str]] | None = None
    """(digest, files, title, what it keeps of the graph it was edited from)."""
    pending: bool = False
    report: tuple[str, ValidationError] | None = None
    """(the files' names, why they were refused)."""
    cleared: int = 0
    """How many times the uploader was emptied: part of its key."""

    def uploader_key(self) -> str:
        # A new key after "Back to the article's graph" gives an empty uploader, so that the same
        # file chosen again is a new upload (a widget's files cannot be cleared otherwise).
        return f"upload_files_{self.cleared}"

    def queue(self) -> None:
        self.pending = True

    def take_pending(self) -> bool:
        pending, self.pending = self.pending, False
        return pending

    def use(self, digest: str, files: tuple[tuple[str, bytes], ...], title: str, about: dict[str, str]) -> None:
        self.own_graph = (digest, files, title, about)

    def use_article(self) -> None:
        self.own_graph = None
        self.cleared += 1  # empty the uploader too, so that choosing the same file again counts as a new upload

    def refuse(self, names: str, err: ValidationError) -> None:
        self.report = (names, err)

    def dismiss(self) -> None:
        self.report = None


@dataclass
class Editing:
    """Editing the map in the picture: the undo and redo history of the graph it belongs to, and what the last edit did."""

    graph_key: str | None = None
    """The graph the history leads to; another graph (an upload, a map opened) starts a new history."""
    history: History = field(default_factory=History)
    notice: tuple[str, str] | None = None
    """("done", what changed) or ("refused", why), shown once."""

    def follow(self, graph_key: str) -> None:
        """The graph on screen: when it is not the one the edits made, its history starts afresh."""
        if graph_key != self.graph_key:
            self.graph_key = graph_key
            self.history.clear()

    def made(self, graph_key: str, message: str) -> None:
        self.graph_key = graph_key
        self.notice = ("done", message)

    def refuse(self, message: str) -> None:
        self.notice = ("refused", message)

    def take_notice(self) -> tuple[str, str] | None:
        notice, self.notice = self.notice, None
        return notice


# --- the session --------------------------------------------------------------------


@dataclass
class Session:
    """Which graph, the view (focus, depth, hidden kinds) and the trail to it, and each panel's state."""

    graph_key: str | None = None
    """The graph the state below belongs to; None until the first run has chosen one."""
    current: ViewState | None = None
    history: list[str] = field(default_factory=list)
    """The concepts visited before the focus, oldest first."""
    selected_link: int | None = None
    search_message: tuple[str, list[str]] | None = None
    """(what was typed, suggestions) when the search found no concept."""
    links_shown: dict[str, int] = field(default_factory=dict)
    """A busy concept → how many of its links are listed, once "Show all" was pressed."""
    path: tuple[str, str] | None = None
    """The two concepts "Connect two" shows the paths between, while it does."""
    path_message: str | None = None
    url_messages: list[str] = field(default_factory=list)
    """What a link asked for that could not be shown (cleared by the next move)."""
    first_params: Address | None = None
    """The first run's query parameters, for the panels to read once (:meth:`take_first_params`)."""
    address: dict[str, str] | None = None
    """The query parameters the last run wrote (:meth:`remember_address`)."""
    opening_tab: str | None = None
    """The panel's tab on the session's first run (:meth:`tab_to_open`)."""
    teaching: Teaching = field(default_factory=Teaching)
    practice: Practice = field(default_factory=Practice)
    sharing: Sharing = field(default_factory=Sharing)
    uploads: Uploads = field(default_factory=Uploads)
    editing: Editing = field(default_factory=Editing)
    widgets: dict[str, object] = field(default_factory=dict)
    """Widget key → the value a move gave that widget, until the page writes it (:meth:`take_widgets`)."""
    widgets_emptied: set[str] = field(default_factory=set)
    """Widget keys a move emptied, so that their widgets start from their defaults again."""

    @property
    def view(self) -> ViewState:
        """The view on screen (set by :meth:`start` before anything draws)."""
        if self.current is None:
            raise RuntimeError("Session.start must run before the view is read")
        return self.current

    # --- what the widgets show ----------------------------------------------------

    def set_widget(self, key: str, value: object) -> None:
        """Show ``value`` in the widget ``key`` (written by the page before the widget is drawn)."""
        self.widgets[key] = value
        self.widgets_emptied.discard(key)

    def empty_widget(self, key: str) -> None:
        """Empty the widget ``key``: drawn again, it starts from its default."""
        self.widgets.pop(key, None)
        self.widgets_emptied.add(key)

    def take_widgets(self) -> tuple[dict[str, object], set[str]]:
        """The widget values the moves since the last call set, and the widget keys they emptied; once."""
        taken = (self.widgets, self.widgets_emptied)
        self.widgets, self.widgets_emptied = {}, set()
        return taken

    def tab_to_open(self, wanted: str | None) -> str:
        """The tab the panel opens on: the one the first run wanted (a shared link's path, tour, quiz or
        exercise), else the first, and the same on every run after.

        A tabs widget's default is part of its identity: a new default makes it a new widget, back on
        that default, whichever tab the learner had open (a path that failed to show, say, would have
        left its message in a hidden tab). Moves that open a tab write the tab's key (:meth:`explore`).
        """
        if self.opening_tab is None:
            self.opening_tab = wanted or TABS[0]
        return self.opening_tab

    # --- moving through the graph --------------------------------------------

    def go(self, concept: str) -> None:
        """Make ``concept`` the focus and remember where we came from."""
        state = self.view
        if concept != state.focus:
            self.history.append(state.focus)
        self.current = ViewState(concept, state.depth, state.hidden)
        self.selected_link = None
        self.url_messages = []
        self.set_widget(PATH_FROM, concept)  # "Connect two" starts from where the learner is

    def explore(self, concept: str) -> None:
        """Make ``concept`` the focus and open its details, whichever tab the learner was in."""
        self.go(concept)
        self.open_details()

    def open_details(self) -> None:
        self.set_widget(PANEL, TABS[0])

    def back(self) -> None:
        if self.history:
            state = self.view
            self.current = ViewState(self.history.pop(), state.depth, state.hidden)
            self.selected_link = None

    def turn_page(self, shown: int, step: int) -> None:
        """From the page shown (which a too-large page in the URL was brought back to) to the next or previous."""
        state = self.view
        self.current = ViewState(state.focus, state.depth, state.hidden, max(shown + step, 0))

    def select_link(self, link_id: int) -> None:
        self.selected_link = link_id

    def set_depth(self, choice: str | None) -> None:
        """The depth chosen in the toolbar (a key of :data:`graph.params.DEPTHS`: "1", "2", "3" or "all").

        No choice (a rerun asked for by a component before the browser had drawn the toolbar's value) keeps
        the depth, and the toolbar shows it again.
        """
        state = self.view
        if choice not in DEPTHS:
            self.set_widget(DEPTH_CHOICE, next(k for k, v in DEPTHS.items() if v == state.depth))
            return
        self.current = ViewState(state.focus, DEPTHS[choice], state.hidden)

    def set_types(self, kg: KnowledgeGraph, shown: Iterable[str]) -> None:
        """The kinds of concept chosen in the toolbar (``shown``); the others are hidden."""
        state = self.view
        self.current = ViewState(state.focus, state.depth, frozenset(kg.types) - set(shown))

    def find(self, kg: KnowledgeGraph, typed: str) -> None:
        """Go to the concept ``typed`` in the search box (and empty the box), or say what it could have meant."""
        text = typed.strip()
        self.search_message = None
        if not text:
            return
        try:
            self.go(find_concept(kg, text))
            self.set_widget(SEARCH_TEXT, "")
        except ConceptNotFound as err:
            self.search_message = (text, err.suggestions or search(kg, text, limit=5))

    def show_all_links(self, focus: str, count: int) -> None:
        self.links_shown[focus] = count

    # --- connect two ----------------------------------------------------------

    def fit_path_ends(self, kg: KnowledgeGraph, chosen: Mapping[str, object]) -> None:
        """Before "Connect two"'s lists are drawn: ends this graph has (the path's, else from the focus).

        ``chosen``: the widgets' values now (the page's widget store), read for :data:`PATH_FROM` and :data:`PATH_TO`.
        """
        pair = self.path
        if PATH_FROM not in chosen or chosen[PATH_FROM] not in kg.graph:
            self.set_widget(PATH_FROM, pair[0] if pair else self.view.focus)
        if PATH_TO not in chosen or (chosen[PATH_TO] is not None and chosen[PATH_TO] not in kg.graph):
            self.set_widget(PATH_TO, pair[1] if pair else None)

    def show_path(self, kg: KnowledgeGraph, start: str | None, end: str | None, typed: bool) -> None:
        """The paths between the two ends chosen; ``typed``: the ends are typed names, found as the search box finds them."""
        self.path_message = None
        if typed:
            try:
                start, end = (find_concept(kg, name) if name else None for name in (start, end))
            except ConceptNotFound as err:
                self.path_message = str(err)
                start = end = None
        self.path = (start, end) if start and end and start != end else None

    def close_path(self) -> None:
        self.path = None

    def leave_path_for(self, concept: str) -> None:
        """From the paths to one of their ends, explored as any concept is."""
        self.close_path()
        self.go(concept)

    # --- tours and exercises ----------------------------------------------------

    def start_tour(self, tour: Tour, step: int = 1) -> None:
        step = min(max(step, 1), len(tour.steps))
        self.teaching.tour = (tour.name, step)
        self.path = None
        self.go(tour.steps[step - 1].concept)

    def open_tour(self, tour: Tour, step: int, keep_view: bool) -> None:
        """The tour step a shared link names; ``keep_view`` when the link carries its own view too
        (shared from the app: the learner may have moved on, or opened a path)."""
        if keep_view:
            self.teaching.tour = (tour.name, step)
        else:
            self.start_tour(tour, step)
            self.history = []

    def stop_tour(self) -> None:
        self.teaching.tour = None
        self.empty_widget(TOUR_CHOICE)  # else the list still shows the ended tour, and choosing it again does nothing

    def open_fill(self, seed: int) -> None:
        """The exercise a shared link names, in the Practice tab's "Fill in the map"."""
        self.practice.fill_seed = seed
        self.set_widget(PRACTICE_MODE, FILL_IN)

    # --- a new graph, and the address bar ---------------------------------------

    def start(self, kg: KnowledgeGraph, graph_key: str, params: Mapping[str, str]) -> None:
        """On a session's first run take the view from the address bar's query parameters ``params``
        (a shared link); after a new graph, start afresh.

        The one reset: the view, trail, path, tour and quiz answers belong to the graph they were made on.
        """
        if self.graph_key == graph_key:
            return
        first = self.graph_key is None
        self.graph_key = graph_key
        address = parse(params) if first else Address()
        lost = address.own_graph and not graph_key.startswith("own:")
        if lost:  # the focus, quiz and tour it names belong to a graph this session does not have
            address = Address()
        state, messages = read_params(address, kg)
        if lost:
            messages.append(
                "This link was made for an uploaded graph that this page no longer has: uploads stay private to "
                "the browser session that made them, and a reload starts a new one. So this is the article's "
                "graph; upload the file again under “Your graph” to carry on."
            )
        previous = self.current
        if previous is not None and previous.focus in kg.graph:  # an edit keeps the learner's place
            state = ViewState(previous.focus, previous.depth, previous.hidden & frozenset(kg.types))
        self._show_view(kg, state)
        self.history = []
        self.search_message = None
        self.teaching.tour = None
        self.teaching.quiz_answers = {}
        self.path, problem = _path_named(kg, address)
        self.url_messages = messages + ([problem] if problem else [])
        self.first_params = address

    def _show_view(self, kg: KnowledgeGraph, state: ViewState) -> None:
        """Show ``state``, and the toolbar's depth and kinds with it."""
        self.current = state
        self.selected_link = None
        self.set_widget(DEPTH_CHOICE, next(k for k, v in DEPTHS.items() if v == state.depth))
        self.set_widget(SHOWN_TYPES, [kind for kind in kg.types if kind not in state.hidden])

    def take_first_params(self) -> Address | None:
        """The first run's address, once (the tour, quiz or exercise a shared link names)."""
        params, self.first_params = self.first_params, None
        return params

    def tell(self, messages: list[str]) -> None:
        """Add to what the page says about the link it was opened with."""
        self.url_messages += messages

    def remember_address(self, params: Mapping[str, str]) -> None:
        """The query parameters the page writes to the address bar, remembered to tell the browser's Back
        and Forward from our own changes."""
        self.address = dict(params)

    def follow_address(self, kg: KnowledgeGraph, params: Mapping[str, str]) -> None:
        """The browser's Back or Forward button: show the view the address bar's query parameters ``params`` name.

        Streamlit reruns the script when the address changes that way, with the address's query
        parameters; every other run gets back what the last run wrote (:meth:`remember_address`). So an
        address other than that is the learner moving through the concepts they visited.
        """
        params = dict(params)
        if self.address is None or params == self.address:
            return
        address = parse(params)
        state, _ = read_params(address, kg)  # a step back is to an address this app wrote: nothing to warn about
        current = self.view
        if state.focus != current.focus:
            if self.history and self.history[-1] == state.focus:
                self.history.pop()  # Back: the trail goes back too
            else:
                self.history.append(current.focus)
        self._show_view(kg, state)
        self.path, _ = _path_named(kg, address)
        tour, step = self.teaching.tour, address.step
        if tour and address.tour == tour[0] and step:
            self.teaching.tour = (tour[0], step)
        self.address = params


def _path_named(kg: KnowledgeGraph, address: Address) -> tuple[tuple[str, str] | None, str | None]:
    """The path an address names (``from`` and ``to``), if this graph has both ends and they differ
    (as in :meth:`Session.show_path`, a concept is no path to itself); and what to say if it has not."""
    if address.path is None:
        return None, None
    start, end = address.path
    try:
        start, end = find_concept(kg, start), find_concept(kg, end)
    except ConceptNotFound as err:
        return None, f"The link asked for a path with '{err.name}', which this graph does not have."
    return ((start, end) if start != end else None), None
