"""The text of a Word document (.docx), as Markdown a draft reads: headings as "#" lines, list items as "-".

Only ``word/document.xml`` is read, with :mod:`defusedxml` (no DTD, no entities), after checking the size
it unpacks to; pictures, comments, headers and footers are left out. Nothing in the document is run or
followed (fields, links and macros are text or nothing).
"""

from __future__ import annotations

import io
import re
import zipfile

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from graph.core.problems import Problem, ValidationError

__all__ = ["MAX_DOCUMENT_BYTES", "MAX_DOCUMENT_XML_BYTES", "docx_text", "is_docx", "minimal_docx"]

MAX_DOCUMENT_BYTES = 20_000_000
"""The largest .docx read (pictures make a document big; its text is what is drafted)."""
MAX_DOCUMENT_XML_BYTES = 20_000_000
"""The most its text part (word/document.xml) may unpack to: a book's text is a few MB of XML."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PART = "word/document.xml"
_HEADING = re.compile(r"(?:heading|berschrift|titre|titolo|título|kop)\s*([1-6])$", re.IGNORECASE)


def is_docx(data: bytes) -> bool:
    """A zip archive with a Word document's text part in it."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _PART in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def docx_text(data: bytes, name: str = "document.docx") -> str:
    """The text of the Word document ``data``: paragraphs apart, headings as "#" lines, list items as "-" lines.

    Raises :class:`ValidationError` naming ``name`` for a file that is too big, damaged, not a Word
    document, or whose XML declares entities.

    Example
    -------
    >>> body = '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Scurvy</w:t></w:r></w:p>'
    >>> print(docx_text(minimal_docx(body)), end="")
    # Scurvy
    """
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _refuse(name, f"the document is {len(data) / 1e6:,.1f} MB; the limit is {MAX_DOCUMENT_BYTES / 1e6:g} MB.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            try:
                part = archive.getinfo(_PART)
            except KeyError:
                raise _refuse(name, "this is not a Word document (.docx): it has no text part.") from None
            if part.file_size > MAX_DOCUMENT_XML_BYTES:
                raise _refuse(
                    name,
                    f"unpacked, the document's text takes {part.file_size / 1e6:,.0f} MB; the limit is "
                    f"{MAX_DOCUMENT_XML_BYTES / 1e6:g} MB. Draft it a chapter at a time.",
                )
            xml = archive.read(part)  # zipfile stops at the stated size and checks the CRC
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as err:
        raise _refuse(name, f"this document cannot be unpacked ({type(err).__name__}); save it again as .docx or .txt.") from None
    try:
        root = ElementTree.fromstring(xml)
    except DefusedXmlException:
        raise _refuse(name, "the document declares XML entities, which a Word document does not; save it again.") from None
    except ElementTree.ParseError as err:
        raise _refuse(name, f"the document's text part is damaged ({err}); save it again as .docx or .txt.") from None
    lines = [_markdown(paragraph) for paragraph in root.iter(f"{_W}p")]
    return "\n\n".join(line for line in lines if line.strip()) + "\n"


def _markdown(paragraph) -> str:
    """One paragraph (``w:p``) as a Markdown line."""
    text = re.sub(r"\s+", " ", "".join(_texts(paragraph))).strip()
    properties = paragraph.find(f"{_W}pPr")
    if properties is None or not text:
        return text
    style = properties.find(f"{_W}pStyle")
    style_name = "" if style is None else style.get(f"{_W}val", "")
    level = _HEADING.search(style_name)
    if level:
        return "#" * int(level.group(1)) + " " + text
    if style_name.lower() == "title":
        return "# " + text
    if properties.find(f"{_W}numPr") is not None or style_name.lower().startswith("list"):
        return "- " + text
    return text


def _texts(paragraph):
    """The paragraph's own words in order (runs, tabs and breaks as spaces); not those of a nested paragraph."""
    for element in paragraph:
        if element.tag == f"{_W}t":
            yield element.text or ""
        elif element.tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            yield " "
        elif element.tag != f"{_W}p":  # a paragraph in a text box is a paragraph of its own
            yield from _texts(element)


def _refuse(name: str, message: str) -> ValidationError:
    return ValidationError([Problem(name, None, None, message)])


def minimal_docx(body: str) -> bytes:
    """A Word document whose body is ``body`` (WordprocessingML paragraphs): for examples and tests."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            _PART,
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{_W[1:-1]}"><w:body>{body}</w:body></w:document>',
        )
    return buffer.getvalue()
