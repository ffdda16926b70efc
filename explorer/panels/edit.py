"""Edit the map in a picture: draw links, add, change and delete concepts and links, undo and redo.

For a teacher's own graph (an upload, an edit, a draft) or a classroom map opened with its teacher
link. Each change is made by :func:`graph.files.edits.apply_edit`, which checks the edited files as an
upload is checked: a change the map cannot take is refused with the reason and the map stays as it
was; one it can take becomes this session's graph (:func:`explorer.panels.graphs.use_files`), to
explore, save as a classroom map's next version or download. The picture is Practice's
:func:`~explorer.components.map_builder.map_builder` (drag from one concept to another, then choose
or type the relation); the forms beside it do everything by keyboard.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from explorer.components.map_builder import DrawnLink, map_builder
from explorer.panels import share
from explorer.panels.graphs import MAX_ROWS, Graph, use_files
from explorer.panels.session import session
from explorer.panels.your_graph import MAX_EDIT_ROWS
from graph.core.relations import ARTICLE_RELATIONS, Vocabulary
from graph.core.sentences import counted
from graph.core.text import plain
from graph.files.edits import (
    AddConcept,
    AddLink,
    ChangeConcept,
    ChangeLink,
    DeleteConcept,
    DeleteLink,
    Edit,
    apply_edit,
)
from graph.files.load import ValidationError
from graph.files.vocabulary import load_vocabulary, vocabulary_from_files

__all__ = ["MAX_DRAWN", "MAX_EDITED_LINKS", "editable", "panel"]

MAX_DRAWN = 60
"""The most concepts the drawing holds (in a circle, names stay legible); a bigger map is edited with the forms."""
MAX_EDITED_LINKS = MAX_EDIT_ROWS
"""The most links a map edited here may have (as in the table editor): lists of more would crawl, and every
change writes and checks the whole map again; a bigger map is edited in a spreadsheet and uploaded again."""
HEDGE_LABELS = {
    "states": "said plainly",
    "can": "can: possible, not always",
    "may": "may: uncertain, or research suggests",
    "thought": "thought: a belief, not backed",
    "linked": "linked: connected, no cause said",
}
"""How sure each hedge level of the vocabulary is, in a few words beside each relation offered."""
NEW_CONCEPT_NAME = "edit_new_name"
NEW_CONCEPT_KIND = "edit_new_kind"
NEW_CONCEPT_DESCRIPTION = "edit_new_description"
LINK_FROM = "edit_link_from"
LINK_RELATION = "edit_link_relation"
LINK_TO = "edit_link_to"
LINK_EXPLANATION = "edit_link_explanation"
CONCEPT_CHOICE = "edit_concept_choice"
LINK_CHOICE = "edit_link_choice"


def editable(graph: Graph) -> bool:
    """Whether this session may edit the graph on screen: its own graph, unless a learner link opened a map."""
    return graph.key.startswith("own:") and not share.read_only()


def panel(graph: Graph) -> None:
    """The drawing, the undo and redo buttons, and the forms that add, change and delete."""
    editing = session().editing
    editing.follow(graph.key)
    if not editable(graph):
        st.caption(
            "Upload a graph under “Your graph” (or draft one from a text), or open a classroom map with its teacher "
            "link, to edit it here. The article's own graph is edited in the table (“Edit the links in a table”)."
            if not share.read_only()
            else "This map is open with its learner link: only its teacher can change it."
        )
        return
    if len(graph.kg.links) > MAX_EDITED_LINKS:
        st.info(
            f"This map has {len(graph.kg.links):,} links, more than can be edited here ({MAX_EDITED_LINKS:,}): "
            "download it as CSV, edit it in a spreadsheet and upload it again."
        )
        return
    if notice := editing.take_notice():
        kind, message = notice
        (st.success if kind == "done" else st.error)(plain(message))
    undo, redo, _ = st.columns([1, 1, 3])
    undo.button(
        "Undo", icon=":material/undo:", key="edit_undo", on_click=_undo, args=(graph,), disabled=not editing.history.undone
    )
    redo.button(
        "Redo", icon=":material/redo:", key="edit_redo", on_click=_redo, args=(graph,), disabled=not editing.history.redone
    )
    kg = graph.kg
    relations = _relations(graph)
    picture, forms = st.columns([1.4, 1], gap="medium")
    with picture:
        names = kg.sorted_labels
        if len(names) > MAX_DRAWN:
            st.info(f"This map has {len(names):,} concepts, too many to draw here legibly: use the forms beside it.")
        else:
            st.caption(
                "*Draw a link*, drag from one concept to another, then choose a relation of this map (how sure each is "
                "is said beside it) or type new words."
            )
            links = [(link.source, link.relation, link.target) for link in kg.links.itertuples()]
            map_builder(
                names,
                links,
                relations=list(relations.items()),
                key="edit_builder",
                on_link=lambda drawn: _drawn(graph, drawn),
            )
    with forms:
        _add_concept(graph)
        _add_link(graph, relations)
        _change_concept(graph)
        _change_link(graph, relations)


# --- the forms ----------------------------------------------------------------------


def _add_concept(graph: Graph) -> None:
    with st.form("edit_add_concept", clear_on_submit=True):
        st.markdown("**Add a concept**")
        st.text_input("Name", key=NEW_CONCEPT_NAME, max_chars=200)
        st.selectbox(
            "Kind", graph.kg.types, key=NEW_CONCEPT_KIND, accept_new_options=True, help="Choose one, or type a new kind."
        )
        st.text_area("Description (optional)", key=NEW_CONCEPT_DESCRIPTION, height=68)
        st.form_submit_button("Add the concept", icon=":material/add:", on_click=_submit_concept, args=(graph,))


def _submit_concept(graph: Graph) -> None:
    state = st.session_state
    _apply(
        graph,
        AddConcept(state[NEW_CONCEPT_NAME] or "", state[NEW_CONCEPT_KIND] or "", state[NEW_CONCEPT_DESCRIPTION] or ""),
        "Added the concept “{}”.".format(" ".join((state[NEW_CONCEPT_NAME] or "").split())),
    )


def _add_link(graph: Graph, relations: dict[str, str]) -> None:
    names = graph.kg.sorted_labels
    with st.form("edit_add_link", clear_on_submit=True):
        st.markdown("**Add a link**")
        st.selectbox("From", names, key=LINK_FROM, index=None, placeholder="Choose a concept")
        st.selectbox(
            "Relation",
            list(relations),
            key=LINK_RELATION,
            index=None,
            accept_new_options=True,
            placeholder="Choose a relation or type a new one",
            format_func=lambda name: _offered(name, relations),
        )
        st.selectbox("To", names, key=LINK_TO, index=None, placeholder="Choose a concept")
        st.text_input("Explanation (optional)", key=LINK_EXPLANATION, max_chars=2000)
        st.form_submit_button("Add the link", icon=":material/add_link:", on_click=_submit_link, args=(graph,))


def _submit_link(graph: Graph) -> None:
    state = st.session_state
    source, relation, target = state[LINK_FROM], state[LINK_RELATION], state[LINK_TO]
    if not source or not target or not relation:
        session().editing.refuse("To add a link, choose where it starts, its relation and where it ends.")
        return
    _apply(graph, AddLink(source, relation, target, state[LINK_EXPLANATION] or ""), f"Added {source} → {relation} → {target}.")


def _change_concept(graph: Graph) -> None:
    kg = graph.kg
    names = kg.sorted_labels
    if st.session_state.get(CONCEPT_CHOICE) not in names:
        st.session_state.pop(CONCEPT_CHOICE, None)  # renamed or deleted, or another graph
    chosen = st.selectbox("Change or delete a concept", names, key=CONCEPT_CHOICE, index=None, placeholder="Choose a concept")
    if chosen is None:
        return
    about = kg.concept(chosen)
    with st.form(f"edit_concept_{graph.key}_{chosen}"):
        name = st.text_input("Name", value=chosen, max_chars=200)
        kind = st.selectbox("Kind", kg.types, index=kg.types.index(about["type"]), accept_new_options=True)
        description = st.text_area("Description", value=about["description"], height=68)
        save, delete = st.columns(2)
        if save.form_submit_button("Save the concept", icon=":material/save:"):
            _apply(graph, ChangeConcept(chosen, name, kind or "", description), f"Changed the concept “{chosen}”.")
            st.rerun()
        if delete.form_submit_button("Delete the concept and its links", icon=":material/delete:"):
            _apply(graph, DeleteConcept(chosen), f"Deleted “{chosen}” and its {counted(kg.graph.degree(chosen), 'link')}.")
            st.rerun()


def _change_link(graph: Graph, relations: dict[str, str]) -> None:
    links = graph.kg.links
    ids = [int(i) for i in links.index]
    if st.session_state.get(LINK_CHOICE) not in ids:
        st.session_state.pop(LINK_CHOICE, None)
    chosen = st.selectbox(
        "Change or delete a link",
        ids,
        key=LINK_CHOICE,
        index=None,
        placeholder="Choose a link",
        format_func=lambda i: f"{links.at[i, 'source']} → {links.at[i, 'relation']} → {links.at[i, 'target']}",
    )
    if chosen is None:
        return
    row = links.loc[chosen]
    offered = list(dict.fromkeys([row["relation"], *relations]))
    with st.form(f"edit_link_{graph.key}_{chosen}"):
        relation = st.selectbox(
            "Relation", offered, index=0, accept_new_options=True, format_func=lambda name: _offered(name, relations)
        )
        explanation = st.text_input("Explanation", value=row["explanation"], max_chars=2000)
        save, delete = st.columns(2)
        said = f"{row['source']} → {row['relation']} → {row['target']}"
        if save.form_submit_button("Save the link", icon=":material/save:"):
            _apply(graph, ChangeLink(chosen, relation or "", explanation), f"Changed {said}.")
            st.rerun()
        if delete.form_submit_button("Delete the link", icon=":material/delete:"):
            _apply(graph, DeleteLink(chosen), f"Deleted {said}.")
            st.rerun()


# --- the changes ------------------------------------------------------------------


def _drawn(graph: Graph, drawn: DrawnLink) -> None:
    link = AddLink(drawn["source"], drawn["relation"], drawn["target"])
    _apply(graph, link, f"Added {link.source} → {link.relation} → {link.target}.")


def _apply(graph: Graph, edit: Edit, done: str) -> None:
    """Make the edit this session's graph, or say why the map cannot take it (the map stays as it was)."""
    editing = session().editing
    try:
        files, _ = apply_edit(graph.files, graph.kg, edit, max_rows=MAX_ROWS)
        key = use_files(files, graph.title, based_on=graph)
    except ValidationError as err:
        more = f"\n… and {err.total - len(err.problems)} more." if err.total > len(err.problems) else ""
        editing.refuse("Not changed, the map stays as it was.\n" + "\n".join(map(str, err.problems)) + more)
        return
    editing.history.done(graph.files)
    editing.made(key, done)


def _undo(graph: Graph) -> None:
    editing = session().editing
    before = editing.history.undo(graph.files)
    if before is not None:
        editing.made(use_files(before, graph.title, based_on=graph), "Undone.")


def _redo(graph: Graph) -> None:
    editing = session().editing
    after = editing.history.redo(graph.files)
    if after is not None:
        editing.made(use_files(after, graph.title, based_on=graph), "Redone.")


def _relations(graph: Graph) -> dict[str, str]:
    """The relations offered: the map's vocabulary (its ``relations.csv``, else the article's), each with how
    sure it is, then the relations the map uses that the vocabulary does not list."""
    own = any(Path(name).stem.lower() == "relations" for name, _ in graph.files)
    words: Vocabulary = vocabulary_from_files(graph.files) if own else load_vocabulary(ARTICLE_RELATIONS)
    offered = {relation.name: HEDGE_LABELS.get(relation.hedge, relation.hedge) for relation in words}
    for used in dict.fromkeys(graph.kg.links["relation"]):
        offered.setdefault(used, "used in this map")
    return offered


def _offered(name: str, relations: dict[str, str]) -> str:
    return f"{name} ({relations[name]})" if name in relations else name
