"""Bytes to documents: one module per input format.

`load(files)` takes one filing as one or more files (a full submission, an 8-K
body with its exhibits, an HTML exhibit alone, plain text in any common
encoding, Markdown, or a PDF) and returns a `Submission` whose documents share
one canonical text. A file's format is told by its bytes (`%PDF-`, a
byte-order mark, SGML tags, HTML), Markdown also by its name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath

from form8k.errors import InputError
from form8k.load.decode import decode, normalize_newlines
from form8k.load.document import Document, Grid, GridCell, Submission
from form8k.load.html import html_to_text
from form8k.load.ixbrl import read_ixbrl
from form8k.load.markdown import is_markdown, markdown_to_html, spread_headings
from form8k.load.pdf import is_pdf, pdf_text
from form8k.load.plain import text_document
from form8k.load.sgml import is_submission, parse_header, split_parts, unwrap
from form8k.models import Problem, SourceFormat

__all__ = ["Document", "Grid", "GridCell", "Submission", "load", "detect_format"]

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!DOCTYPE\s+html|html|body|head)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:p|div|table|td|font|br|span|b|center)\b[^>]*>", re.I)
_COVER = re.compile(r"FORM\s+8-K(/A)?\b|CURRENT\s+REPORT\s+PURSUANT", re.I)
_EXHIBIT_HEAD = re.compile(r"\bEX(?:HIBIT)?[\s\-.]*(\d{1,3}(?:\.\d{1,3})?)\b", re.I)
_DOC_SEPARATOR = "\n\n"


def is_html(body: str) -> bool:
    """Whether a part's text is HTML (or inline XBRL) rather than plain text."""
    if _HTML_START.match(body[:4000]):
        return True
    head = body[:20000]
    return len(_HTML_TAGS.findall(head)) >= 8 and "</" in head


def detect_format(text: str) -> SourceFormat:
    if is_submission(text) and ("<SEC-HEADER>" in text[:200000] or text.lstrip().startswith(
            ("<SUBMISSION>", "-----BEGIN PRIVACY", "<IMS-"))):
        return "sgml"
    body = text
    if is_submission(text):
        parts, _ = split_parts(text)
        body = parts[0].body if parts else text
    return "html" if is_html(unwrap(body.lstrip())) else "text"


_LAID_OUT = re.compile(r"^ {2,}\S|\S {3,}\S", re.MULTILINE)


def _render(body: str) -> tuple[str, list[Grid], str]:
    """Canonical text, grids and format of one part; HTML that only wraps laid-out text counts as text."""
    body = unwrap(body.strip("\n"))
    if is_html(body):
        text, grids = html_to_text(normalize_newlines(body))
        lines = text.count("\n") + 1
        if not grids and lines >= 20 and len(_LAID_OUT.findall(text)) * 3 >= lines:
            return text, grids, "text"
        return text, grids, "html"
    return text_document(body), [], "text"


def _guess_type(text: str, filename: str | None) -> str:
    """Type of a document given alone: the 8-K body if it has a cover, else an exhibit."""
    head = text[:6000]
    cover = _COVER.search(head)
    if cover:
        return "8-K/A" if cover.group(1) else "8-K"
    m = _EXHIBIT_HEAD.search(text[:600])
    if m:
        return f"EX-{m.group(1)}"
    name = (filename or "").lower()
    m = re.search(r"ex[-_]?(\d{1,3})[-_.]?(\d{0,2})", name)
    if m:
        return f"EX-{m.group(1)}" + (f".{int(m.group(2))}" if m.group(2) else "")
    return "UNKNOWN"


def _documents_of(text: str, filename: str | None, problems: list[Problem]) -> tuple[list[Document], bool]:
    """The documents in one decoded file, and whether it was a full submission."""
    if is_submission(text):
        parts, part_problems = split_parts(text)
        problems.extend(part_problems)
        if not parts and text.lstrip().startswith("<TYPE>"):
            parts, part_problems = split_parts("<DOCUMENT>" + text)
        docs: list[Document] = []
        for part in parts:
            doc = Document(type=part.type, format="binary", sequence=part.sequence,
                           filename=part.filename, description=part.description, skipped=part.skipped)
            if part.skipped is None:
                doc.text, doc.grids, fmt = _render(part.body)
                doc.format = "html" if fmt == "html" else "text"
                doc.ixbrl = read_ixbrl(part.body) if fmt == "html" else None
            docs.append(doc)
        return docs, True
    rendered, grids, fmt = _render(text)
    base = PurePath(filename).name if filename else None
    doc = Document(type=_guess_type(rendered, base), format="html" if fmt == "html" else "text",
                   text=rendered, filename=base, grids=grids, ixbrl=read_ixbrl(text) if fmt == "html" else None)
    return [doc], False


def _pdf_document(data: bytes, name: str | None, problems: list[Problem]) -> Document:
    """A PDF as one plain-text document laid out in columns, with its pages' spans."""
    pdf = pdf_text(data)
    base = PurePath(name).name if name else None
    text = pdf.text if pdf.text.strip() else ""  # already laid out line by line: no offset may move (pages)
    if not text:
        problems.append(Problem(code="no_text_layer", component="load",
                                message=f"{base or 'the PDF'}: no text layer in its {pdf.page_count} page(s) "
                                        "(a scan or images only; run OCR on it first)"))
        return Document(type="UNKNOWN", format="text", filename=base)
    return Document(type=_guess_type(text, base), format="text", text=text, filename=base,
                    pages=pdf.pages)


def _markdown_document(text: str, name: str | None) -> Document:
    """Markdown rendered to HTML and read as HTML: pipe tables become grids."""
    rendered, grids = html_to_text(markdown_to_html(normalize_newlines(text)))
    spread_headings(grids)
    base = PurePath(name).name if name else None
    return Document(type=_guess_type(rendered, base), format="html", text=rendered, filename=base, grids=grids)


def load(files: Sequence[tuple[str | None, bytes]]) -> Submission:
    """Load one filing from one or more files given as `(name, bytes)` pairs.

    Raises InputError (empty, binary) when no file can be read at all.
    """
    problems: list[Problem] = []
    documents: list[Document] = []
    header = None
    formats: list[SourceFormat] = []
    errors: list[str] = []
    for name, data in files:
        try:
            if is_pdf(data):
                formats.append("pdf")
                documents.append(_pdf_document(data, name, problems))
                continue
            text = decode(data)
        except InputError as exc:
            if len(files) == 1:
                raise
            errors.append(f"{name}: {exc}")
            problems.append(Problem(code="unreadable_file", component="load", message=f"{name}: {exc}"))
            continue
        fmt = detect_format(text)
        if fmt == "text" and is_markdown(text, name):
            formats.append("markdown")
            documents.append(_markdown_document(text, name))
            continue
        formats.append(fmt)
        if fmt == "sgml" and header is None:
            header = parse_header(text)
        docs, _ = _documents_of(text, name, problems)
        documents.extend(docs)
    if not documents:
        raise InputError("; ".join(errors) or "no documents in the input")
    return _assemble(documents, header, "sgml" if "sgml" in formats else (formats[0] if formats else "text"),
                     problems)


def _assemble(documents: list[Document], header, fmt: SourceFormat, problems: list[Problem]) -> Submission:
    """Join the documents' texts into the filing's canonical text; make grid spans global."""
    pieces: list[str] = []
    pos = 0
    for doc in documents:
        if doc.format == "binary" or not doc.text:
            doc.start = pos
            continue
        if pieces:
            pieces.append(_DOC_SEPARATOR)
            pos += len(_DOC_SEPARATOR)
        doc.start = pos
        pieces.append(doc.text)
        pos += len(doc.text)
        doc.pages = [doc.span(*page) for page in doc.pages]
        for grid in doc.grids:
            grid.span = doc.span(*grid.span)
            for row in grid.rows:
                for cell in row:
                    if cell.span is not None:
                        cell.span = doc.span(*cell.span)
    return Submission(format=fmt, documents=documents, text="".join(pieces), header=header, problems=problems)
