"""Folded text and the word tests that rule a case-insensitive pattern out before it runs.

A word test may only ever skip a search that could not have matched: these
tests pin that down for `fold` itself (over every Unicode character) and for
the word lists kept beside the cover labels.
"""

from __future__ import annotations

import re
import string

import pytest

from form8k.record.cover import LABEL_WORDS, LABELS, _label_in
from form8k.text.fold import fold

from conftest import FILINGS

_ALL_CHARS = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
_FOLDED = fold(_ALL_CHARS)


def test_fold_keeps_length_and_ascii_letters() -> None:
    assert fold("Fourth QUARTER") == "fourth quarter"
    assert len(_FOLDED) == len(_ALL_CHARS)


@pytest.mark.parametrize("letter", string.ascii_lowercase)
def test_a_character_matching_a_letter_case_insensitively_folds_to_it(letter: str) -> None:
    matching = {m.start() for m in re.finditer(letter, _ALL_CHARS, re.IGNORECASE)}
    folding = {m.start() for m in re.finditer(letter, _FOLDED)}
    assert matching == folding


def test_label_words_never_hide_a_label() -> None:
    texts = ["(Exact name of registrant as specified in its charter)", "(I.R.S. Employer Identification No.)",
             "( I.R.S. Employer", "IRS No.", "(State or other jurisdiction", "(Commission File Number)",
             "(Zip Code)", "Registrant's telephone number, including area code", "Former name or former address",
             "Date of Report (Date of earliest event reported)", "REGISTRANT", "(Registrant)", "Registrant;",
             "SEC File No. 0-1", "Tax Identification No.", "(Address of principal executive offices)"]
    for path in sorted(FILINGS.iterdir()):
        texts += path.read_text(encoding="utf-8", errors="replace")[:20_000].splitlines()
    lookalikes = str.maketrans({"i": "\u0130", "s": "\u017f", "k": "\u212a", "I": "\u0131"})
    texts += [t.upper() for t in texts[:16]] + [t.translate(lookalikes) for t in texts[:16]]
    assert set(LABEL_WORDS) == set(LABELS)
    for text in texts:
        low = fold(text)
        for name, pattern in LABELS.items():
            found, gated = pattern.search(text), _label_in(name, text, low)
            assert (found and found.span()) == (gated and gated.span()), (name, text)
