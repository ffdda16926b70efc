"""Draft a map from a text, in the app (AppTest): paste or upload, review in the table, explore the accepted links.

The table's edits are set as the browser sends them (the data editor's edit state on ``at.session_state``),
so the panel's own code and the upload's validation are what is tested.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from explorer.panels.draft import DRAFT_STATE
from tests.apptest import focus, run, session, start, texts, unescape

TEXT = """# Scurvy

Scurvy can be caused by a poor diet. It can cause bleeding gums and tiredness.

Treatments for scurvy include:

- Vitamin C tablets
"""
ARTICLE_TITLE = "Dopamine deficiency: how the ideas connect"


def open_panel() -> AppTest:
    at = start()
    at.session_state["kg_draft"] = True  # the expander, opened: its content is made only while open
    return run(at)


def draft(at: AppTest, text: str) -> AppTest:
    at.text_area(key="draft_text").set_value(text)
    return run(at.button(key="draft_make").click())


def title(at: AppTest) -> str:
    return unescape(at.title[0].value)


def review(at: AppTest, edited_rows=None, deleted_rows=None) -> AppTest:
    (editor,) = at.data_editor
    at.session_state[editor.key] = {"edited_rows": edited_rows or {}, "added_rows": [], "deleted_rows": deleted_rows or []}
    return run(at.button(key="draft_use").click())


def test_a_pasted_text_is_drafted_into_a_table_of_links_to_accept():
    at = draft(open_panel(), TEXT)
    assert not at.exception and not at.error
    (editor,) = at.data_editor
    table = editor.value
    assert table[["accept", "source", "relation", "target", "section"]].values.tolist() == [
        [True, "Poor diet", "can cause", "Scurvy", "Scurvy"],
        [True, "Scurvy", "can cause", "Bleeding gums", "Scurvy"],
        [True, "Scurvy", "can cause", "Tiredness", "Scurvy"],
        [True, "Vitamin C tablets", "treats", "Scurvy", "Scurvy"],
    ]
    assert table["explanation"].iloc[0] == "Scurvy can be caused by a poor diet."
    assert "4 links proposed from 4 sentences of pasted text." in " ".join(texts(at))
    assert title(at) == ARTICLE_TITLE  # nothing changes until the teacher explores the accepted links


def test_the_accepted_and_edited_links_become_the_graph_to_explore():
    at = draft(open_panel(), TEXT)
    at = review(at, edited_rows={2: {"accept": False}, 3: {"relation": "can help manage"}})
    assert not at.exception and not at.error
    assert title(at) == "Draft from pasted text"
    assert focus(at) == "Scurvy"
    # The graph on screen is made of exactly the accepted rows, the edit included, with their evidence.
    ((name, data),) = session(at).uploads.own_graph[1]
    lines = data.decode().splitlines()
    assert name == "draft.csv" and len(lines) == 4
    assert lines[3] == (
        "Vitamin C tablets,treatment,can help manage,Scurvy,concept,Scurvy,Treatments for scurvy include: Vitamin C tablets,"
    )
    assert not any("Tiredness" in line for line in lines)
    assert len(at.session_state[DRAFT_STATE].table) == 4  # the draft stays, for more review


def test_an_edit_that_makes_the_draft_invalid_is_refused_and_the_graph_stays():
    at = draft(open_panel(), TEXT)
    at = review(at, edited_rows={1: {"target": ""}})
    assert title(at) == ARTICLE_TITLE
    errors = texts(at, "error")
    assert any("not loaded" in e and "Your draft" in e for e in errors), errors
    assert any("draft.csv, row 3, column 'target'" in m for m in texts(at)), texts(at)


def test_bad_texts_get_a_message_and_no_draft():
    at = open_panel()
    for text, says in (
        ("", "No draft: pasted text: the text is empty"),
        ("12 34\n\n56", "No draft: pasted text: no sentences found"),
    ):
        at = draft(at, text)
        assert not at.exception
        assert any(e.startswith(says) for e in texts(at, "error")), texts(at, "error")
        assert not at.data_editor
    upload = at.file_uploader(key="draft_file").set_value([("notes.txt", b"%PDF-1.5 \x00\x01", "text/plain")])
    at = run(upload)
    at = run(at.button(key="draft_make").click())
    assert any("notes.txt: this is not plain text" in e for e in texts(at, "error")), texts(at, "error")
    assert title(at) == ARTICLE_TITLE


def test_a_text_with_no_links_says_so():
    at = draft(open_panel(), "The cat sat on the mat. The dog slept all day long.")
    assert not at.data_editor and not at.error
    assert texts(at, "info")[0].startswith("No links found in pasted text")


def test_an_uploaded_text_over_the_limit_is_refused_by_its_size():
    at = open_panel()
    at = run(at.file_uploader(key="draft_file").set_value([("book.txt", b"word " * 600_000, "text/plain")]))
    at = run(at.button(key="draft_make").click())
    assert any(
        e.startswith("No draft: book.txt: the text is 3.0 MB; a draft is made from up to 1 MB") for e in texts(at, "error")
    )
    assert not at.data_editor


def test_an_uploaded_word_document_is_drafted():
    from graph.files.documents import minimal_docx

    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in TEXT.replace("# ", "").split("\n") if line)
    at = open_panel()
    at = run(at.file_uploader(key="draft_file").set_value([("scurvy.docx", minimal_docx(body), "application/octet-stream")]))
    at = run(at.button(key="draft_make").click())
    assert not at.error
    (editor,) = at.data_editor
    assert ("Poor diet", "Scurvy") in set(zip(editor.value.source, editor.value.target, strict=True))
