"""The prose of a press release: paragraphs and sentences, with table lines left out.

A document's canonical text keeps HTML table rows as tab-separated lines and
fixed-width text tables as they were typed; neither is prose. What is left is
cut into paragraphs (a blank line, or one HTML block, ends one), paragraphs
broken by a page number ("… include $3.4 million / 1 / of license and
milestone fees") are joined again, and each paragraph is cut into sentences.
Every piece keeps its offsets in the document text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

__all__ = ["Paragraph", "Sentence", "paragraphs", "sentences", "is_table_line"]

_TABLE_MARKUP = re.compile(r"^\s*</?(?:PAGE|TABLE|S|C|CAPTION|FN|F\d+)>", re.I)
_WIDE_GAP = re.compile(r"\S {3,}\S")
_RULE = re.compile(r"^[\s\-_=*.]+$")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:page\s+)?\d{1,3}(?:\s*-)?\s*$", re.I)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦■□\-–*]|\(?[a-z0-9]\)|\d{1,2}\.|\d(?=[A-Z][a-z]))\s*(?=[A-Z“\"$])")
_TERMINAL = re.compile(r"[.!?:;\"”’)]\s*$")
_TERMINAL_CHARS = frozenset('.!?:;"”’)')
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")
_ABBREV = {"inc", "corp", "co", "ltd", "llc", "mr", "mrs", "ms", "dr", "st", "no", "jr", "sr", "vs", "calif",
           "ill", "mass", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec", "u.s", "a.m", "p.m", "e.g", "i.e", "fla", "conn", "wash", "n.y", "n.j", "del", "tex", "penn",
           "ariz", "colo", "minn", "mich", "wis", "ore", "nev", "va", "ga", "md", "mo", "ky", "tenn", "ala",
           "okla", "kan", "neb", "s.a", "n.v", "plc", "bros", "dept", "est", "fig", "vol", "ph.d", "m.d"}
_SENT_BREAK = re.compile(r"[.!?]+[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9$\\])")


def is_table_line(line: str) -> bool:
    """A line of a table, not prose: tab-separated cells, fixed-width columns, SGML table markup, rules."""
    if "\t" in line:
        return True
    stripped = line.strip()
    if not stripped:
        return False
    if _TABLE_MARKUP.match(line) or _RULE.match(stripped):
        return True
    return "   " in stripped and bool(_WIDE_GAP.search(stripped))


@dataclass(slots=True)
class Paragraph:
    """Prose joined from one or more lines; `to_doc(i)` maps an offset in `text` back to the document."""

    text: str
    starts: list[int] = field(default_factory=list)  # offsets in `text` where a piece begins…
    doc_starts: list[int] = field(default_factory=list)  # …and where that piece begins in the document

    def to_doc(self, i: int) -> int:
        k = bisect.bisect_right(self.starts, i) - 1
        k = max(k, 0)
        return self.doc_starts[k] + (i - self.starts[k])

    def doc_span(self, a: int, b: int) -> tuple[int, int]:
        return self.to_doc(a), self.to_doc(max(a, b - 1)) + (1 if b > a else 0)

    @property
    def doc_start(self) -> int:
        return self.doc_starts[0] if self.doc_starts else 0

    @property
    def is_heading(self) -> bool:
        t = self.text.strip()
        return 0 < len(t) <= 90 and len(t.split()) <= 12 and not _TERMINAL.search(t) and "$" not in t

    def _append(self, piece: str, doc_start: int, sep: str = " ") -> None:
        if self.text:
            self.text += sep
        self.starts.append(len(self.text))
        self.doc_starts.append(doc_start)
        self.text += piece


@dataclass(slots=True)
class Sentence:
    text: str
    start: int  # offsets in the paragraph's text
    end: int
    paragraph: Paragraph

    def doc_span(self, a: int, b: int) -> tuple[int, int]:
        """A span local to this sentence, in document offsets."""
        return self.paragraph.doc_span(self.start + a, self.start + b)


def paragraphs(text: str, start: int = 0, end: int | None = None, html: bool = False) -> list[Paragraph]:
    """The prose paragraphs of `text[start:end]`; offsets stay those of `text`.

    In HTML-rendered text every line is a block of its own; in plain text a
    paragraph runs until a blank line.
    """
    end = len(text) if end is None else end
    out: list[Paragraph] = []
    current: Paragraph | None = None
    pending_break = False
    table_between = False  # a table line since the last piece: a sentence never runs on across it
    pos = start
    for line in text[start:end].split("\n"):
        line_start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped or is_table_line(line):
            pending_break = True
            table_between = table_between or bool(stripped)
            continue
        if _PAGE_NUMBER.match(line):
            continue  # page furniture: neither prose nor a paragraph break
        lead = len(line) - len(line.lstrip())
        bullet = _BULLET.match(line)
        if bullet and not html or bullet:
            lead = bullet.end()
        piece = line[lead:].rstrip()
        continues = current is not None and (
            (not pending_break and not html and not bullet)
            or (not table_between and not _ends_sentence(current.text) and piece[:1].islower()))
        if continues and current is not None:
            current._append(piece, line_start + lead)
        else:
            current = Paragraph(text="")
            current._append(piece, line_start + lead)
            out.append(current)
        pending_break = table_between = False
    return out


def _ends_sentence(text: str) -> bool:
    """`_TERMINAL.search(text)`, read from the end: a paragraph grows line by line and is asked at each."""
    return text.rstrip()[-1:] in _TERMINAL_CHARS


def _last_word(text: str, begin: int, end: int) -> str | None:
    """The run of letters and dots ending `text[begin:end]` (as `[A-Za-z.]+$` finds it), read from the end."""
    if end > begin and text[end - 1] == "\n":
        end -= 1  # `$` also matches before a final line break
    start = end
    while start > begin and text[start - 1] in _WORD_CHARS:
        start -= 1
    return text[start:end] if start < end else None


def sentences(paragraph: Paragraph) -> list[Sentence]:
    """The sentences of a paragraph; 'Inc.', 'p.m.', initials and the like do not end one."""
    text = paragraph.text
    out: list[Sentence] = []
    begin = 0
    for m in _SENT_BREAK.finditer(text):
        dot = m.start()
        word = _last_word(text, begin, dot)
        token = word.lower().strip(".") if word else ""
        if token in _ABBREV or (len(token) == 1 and token.isalpha()):
            continue
        if word and re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):  # U.S, a.m, p.m
            continue
        cut = m.end()
        while cut > begin and text[cut - 1].isspace():
            cut -= 1
        out.append(Sentence(text=text[begin:cut], start=begin, end=cut, paragraph=paragraph))
        begin = m.end()
    if begin < len(text) and text[begin:].strip():
        out.append(Sentence(text=text[begin:], start=begin, end=len(text), paragraph=paragraph))
    return out
