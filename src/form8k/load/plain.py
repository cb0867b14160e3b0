"""Plain-text documents: 1990s–2000s EDGAR text, and text extracted from PDFs.

The canonical text is the decoded text with line breaks normalised (CR LF and
bare CR become LF, form feeds become line breaks, non-breaking spaces become
spaces). Layout is kept as it is: fixed-width tables, tabs, SGML `<PAGE>`,
`<TABLE>`, `<S>`/`<C>` markers all stay for the readers to use.
"""

from __future__ import annotations

from form8k.load.decode import normalize_newlines


def text_document(body: str) -> str:
    """The canonical text of a plain-text document.

    >>> text_document("FORM 8-K\\r\\nCURRENT REPORT  \\r\\n")
    'FORM 8-K\\nCURRENT REPORT'
    """
    lines = normalize_newlines(body).split("\n")
    return "\n".join(line.rstrip(" \t") for line in lines).strip("\n").rstrip()
