"""PDF documents: the text layer laid out as fixed-width text, page by page.

A press release or a statement printed to PDF keeps its tables only as
positions on the page. The characters and their boxes come from pypdfium2
(PDFium, the PDF engine of Chromium; chosen over pdfminer.six by measurement,
see the README); `layout` places them on a grid of character cells the way
`pdftotext -layout` does, so the text-table reader sees the columns:

- a line is the characters whose vertical centres fall together;
- within a line, characters closer than a space's width form one word and a
  space-sized gap is one space, so labels never gain the double spaces that
  mean "next column";
- a wider gap starts a chunk placed at its page position (numbers by their
  right edge, so a column of figures stays right-aligned), with at least two
  spaces before it.

Pages are joined by a blank line; `PdfText.pages` gives each page's span in
the text. A PDF with no text layer (a scan) gives no text, and the caller
reports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import median

from form8k.errors import InputError

__all__ = ["PdfText", "is_pdf", "layout", "pdf_text"]

_NUMERIC = re.compile(r"^[\s$€£(]*[-–—]?[\d.,]+\)?%?\s*\)?$|^[-–—]+$|^\$$")
_PAGE_GAP = "\n\n"


@dataclass(slots=True)
class PdfText:
    text: str
    pages: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each page in `text`
    page_count: int = 0


# One character on a page: (char, left, right, bottom, top) in points, y growing upwards.
Char = tuple[str, float, float, float, float]


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def pdf_text(data: bytes) -> PdfText:
    """The laid-out text of a PDF's pages. Raises InputError for a PDF that cannot be opened."""
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError("reading PDF needs pypdfium2 (pip install pypdfium2)") from exc
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"the PDF cannot be opened ({exc})") from exc
    try:
        pages = [layout(_page_chars(pdf[i])) for i in range(len(pdf))]
    finally:
        pdf.close()
    return _join(pages)


def _page_chars(page) -> list[Char]:  # type: ignore[no-untyped-def]
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        chars: list[Char] = []
        if len(text) != count:  # surrogate pairs: fall back to one call per character
            text = "".join(textpage.get_text_range(i, 1)[:1] or " " for i in range(count))
        for i, ch in enumerate(text):
            if ch in "\r\n" or not (ch.isprintable() or ch == " "):
                continue
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            if right <= left and top <= bottom:
                continue
            chars.append((" " if ch.isspace() else ch, left, right, bottom, top))
        return chars
    finally:
        textpage.close()
        page.close()


def _join(pages: Sequence[str]) -> PdfText:
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for text in pages:
        if pieces:
            pieces.append(_PAGE_GAP)
            pos += len(_PAGE_GAP)
        spans.append((pos, pos + len(text)))
        pieces.append(text)
        pos += len(text)
    return PdfText(text="".join(pieces), pages=spans, page_count=len(pages))


def layout(chars: Iterable[Char]) -> str:
    """Characters with their boxes as lines of fixed-width text (see the module's docstring)."""
    glyphs = [c for c in chars if c[2] > c[1] or c[4] > c[3]]
    if not any(c[0] != " " for c in glyphs):
        return ""
    heights = [c[4] - c[3] for c in glyphs if c[4] > c[3] and c[0] != " "]
    widths = [c[2] - c[1] for c in glyphs if c[2] > c[1] and c[0].isalnum()]
    size = median(heights) if heights else 8.0
    unit = median(widths) if widths else size * 0.55
    lines = _lines(glyphs, size)
    out: list[str] = []
    last_y: float | None = None
    for y, line in lines:
        if last_y is not None and last_y - y > size * 2.2:
            out.append("")  # a wide vertical gap is a blank line, as the eye sees it
        out.append(_render(line, unit, size).rstrip())
        last_y = y
    return "\n".join(out).strip("\n")  # the page's left margin kept: the text-table reader reads better with it


def _lines(glyphs: list[Char], size: float) -> list[tuple[float, list[Char]]]:
    """Group characters into lines by their vertical centres, top of the page first."""
    ordered = sorted(glyphs, key=lambda c: -(c[3] + c[4]) / 2)
    lines: list[tuple[float, list[Char]]] = []
    centre = None
    current: list[Char] = []
    for c in ordered:
        mid = (c[3] + c[4]) / 2
        if centre is not None and centre - mid > size * 0.45:
            lines.append((centre, current))
            current = []
            centre = None
        current.append(c)
        centre = mid if centre is None else (centre * (len(current) - 1) + mid) / len(current)
    if current and centre is not None:
        lines.append((centre, current))
    return lines


def _render(line: list[Char], unit: float, size: float) -> str:
    line = sorted(line, key=lambda c: c[1])
    space = size * 0.15
    wide = max(unit * 1.6, size * 0.75)
    chunks: list[tuple[float, float, str]] = []  # (left, right, text)
    pending_space = False
    for ch, left, right, _, _ in line:
        if ch == " ":
            pending_space = True  # the PDF's own word break
            continue
        if chunks:
            c_left, c_right, c_text = chunks[-1]
            gap = left - c_right
            if gap < wide:
                if right <= c_right and ch == c_text[-1:]:
                    continue  # a glyph drawn twice (fake bold)
                sep = " " if pending_space or gap > space else ""
                chunks[-1] = (c_left, max(c_right, right), c_text + sep + ch)
                pending_space = False
                continue
        chunks.append((left, right, ch))
        pending_space = False
    text = ""
    for left, right, chunk in chunks:
        start = round(right / unit) - len(chunk) if _NUMERIC.match(chunk) else round(left / unit)
        start = max(start, len(text) + 2) if text else max(start, 0)
        text = text.ljust(start) + chunk
    return text
