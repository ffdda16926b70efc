"""A Word document's text, read for a draft (graph/files/documents.py): what is kept, and what is refused."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.core.problems import ValidationError
from graph.files import documents
from graph.files.documents import docx_text, is_docx, minimal_docx
from graph.teaching.draft import draft_text, read_text


def para(text: str, style: str | None = None, listed: bool = False) -> str:
    props = ""
    if style or listed:
        props = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:numPr/>" if listed else "") + "</w:pPr>"
    return f"<w:p>{props}<w:r><w:t>{text}</w:t></w:r></w:p>"


def test_headings_lists_and_paragraphs_come_out_as_markdown_a_draft_reads():
    body = (
        para("Scurvy", "Title")
        + para("Causes", "Heading2")
        + "<w:p><w:r><w:t>Scurvy can be caused </w:t></w:r><w:r><w:t>by a poor diet.</w:t><w:tab/><w:t>It can cause tiredness.</w:t></w:r></w:p>"
        + para("Treatments for scurvy include:")
        + para("Vitamin C tablets", listed=True)
        + para("Fresh fruit", "ListBullet")
        + "<w:p/>"
    )
    assert docx_text(minimal_docx(body)) == (
        "# Scurvy\n\n## Causes\n\nScurvy can be caused by a poor diet. It can cause tiredness.\n\n"
        "Treatments for scurvy include:\n\n- Vitamin C tablets\n\n- Fresh fruit\n"
    )


def test_a_paragraph_in_a_text_box_is_read_once():
    inner = para("Boxed words")
    body = f"<w:p><w:r><w:t>Outer words</w:t><w:pict><w:txbxContent>{inner}</w:txbxContent></w:pict></w:r></w:p>"
    assert docx_text(minimal_docx(body)) == "Outer words\n\nBoxed words\n"


def test_a_word_document_is_drafted_like_the_same_text_pasted():
    body = (
        para("Scurvy", "Heading1")
        + para("Scurvy can be caused by a poor diet. It can cause bleeding gums and tiredness.")
        + para("Treatments for scurvy include:")
        + para("Vitamin C tablets", listed=True)
    )
    text = read_text(minimal_docx(body), "scurvy.docx")
    from_word = draft_text(text, "scurvy.docx").table()
    pasted = draft_text(
        "# Scurvy\n\nScurvy can be caused by a poor diet. It can cause bleeding gums and tiredness.\n\n"
        "Treatments for scurvy include:\n\n- Vitamin C tablets\n",
        "scurvy.docx",
    ).table()
    assert len(from_word) >= 3 and from_word.equals(pasted)
    assert ("Poor diet", "Scurvy") in set(zip(from_word.source, from_word.target, strict=True))


def test_a_docx_is_known_by_its_contents_under_any_name():
    data = minimal_docx(para("Scurvy can be caused by a poor diet."))
    assert is_docx(data) and not is_docx(b"PK\x03\x04 not really a zip") and not is_docx(b"plain words")
    assert "poor diet" in read_text(data, "notes.txt")


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (zipped({"word/other.xml": b"<x/>"}), "not a Word document (.docx): it has no text part"),
        (b"PK\x03\x04\x14\x00 damaged", "cannot be unpacked (BadZipFile)"),
        (
            zipped(
                {"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><d>&b;</d>'}
            ),
            "declares XML entities",
        ),
        (zipped({"word/document.xml": b"<w:document><unclosed>"}), "text part is damaged"),
    ],
    ids=["no text part", "damaged zip", "entities", "damaged xml"],
)
def test_a_bad_document_is_refused_with_a_message_naming_the_file(data, says):
    with pytest.raises(ValidationError) as refused:
        read_text(data, "notes.docx")
    problem = refused.value.problems[0]
    assert problem.file == "notes.docx" and says in problem.message


def test_a_document_that_unpacks_to_too_much_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr(documents, "MAX_DOCUMENT_XML_BYTES", 10_000)
    data = minimal_docx(para("word " * 5_000))  # a small file that unpacks to 25 kB
    assert len(data) < 2_000
    with pytest.raises(ValidationError, match="unpacked, the document's text takes 0 MB; the limit is 0.01 MB"):
        docx_text(data, "big.docx")


def test_a_document_whose_text_is_over_the_text_limit_is_refused():
    data = minimal_docx(para("word " * 250_000))  # 1.25 MB of text in a small file
    with pytest.raises(ValidationError, match="big.docx: the text is 1.2 MB"):
        read_text(data, "big.docx")


@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1), max_size=8))
def test_every_paragraphs_words_are_kept_in_order(paragraphs):
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>" for text in paragraphs)
    kept = [" ".join(text.split()) for text in paragraphs if text.strip()]
    assert docx_text(minimal_docx(body)) == "\n\n".join(kept) + "\n"
