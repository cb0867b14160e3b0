"""Read the 8-K record around the statements: cover, items, exhibits, signatures."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from form8k.load import Submission
from form8k.models import Cover, Exhibit, Item, Problem, Signature
from form8k.record import cover, exhibits, items, signatures, tagged

T = TypeVar("T")

FORM_TYPES_8K = {"8-K", "8-K/A", "8-K12B", "8-K12G3", "8-K15D5", "8-K12B/A", "8-K12G3/A"}


@dataclass(slots=True)
class Record:
    cover: Cover
    items: list[Item] = field(default_factory=list)
    exhibits: list[Exhibit] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    is_8k: bool = True  # False when the form type read says this is another form: nothing past the cover is read


def run_stage(problems: list[Problem], name: str, fn: Callable[[], T], default: T) -> T:
    """Run one stage; a stage that raises becomes a `stage_error` problem (FORM8K_STRICT=1 lets it raise)."""
    if os.environ.get("FORM8K_STRICT"):
        return fn()
    try:
        return fn()
    except MemoryError:
        raise  # out of memory is the file's fate, not one stage's: the caller abandons the file
    except Exception as exc:  # noqa: BLE001 - a broken stage must not cost the whole record
        problems.append(Problem(code="stage_error", component=name,
                                message=f"{name} stage failed: {type(exc).__name__}: {exc}"))
        return default


def read_record(sub: Submission) -> Record:
    """The cover page, items, exhibits and signatures of a loaded submission."""
    header = sub.header
    record = Record(cover=Cover())
    problems = record.problems
    header_form = header.form_type if header is not None else None
    if header_form is None or header_form.upper() in FORM_TYPES_8K:
        record.cover = run_stage(problems, "cover", lambda: cover.read_cover(sub), record.cover)
        record.cover = run_stage(problems, "ixbrl", lambda: tagged.tagged_cover(record.cover, sub), record.cover)
    form = header_form or record.cover.form_type
    if form is not None and form.upper() not in FORM_TYPES_8K:
        problems.append(Problem(code="not_8k", component="cover",
                                message=f"this is a {form}, not an 8-K current report; "
                                        "`form8k statements` reads the statements of any filing"))
        record.is_8k = False
        return record
    record.items = run_stage(problems, "items", lambda: items.read_items(sub, record.cover), [])
    if record.items and all(i.heading is None for i in record.items):
        problems.append(Problem(code="items_from_header", component="items",
                                message="no item headings in the body; items taken from the SGML header"))
    elif not record.items and record.cover.span is not None:
        problems.append(Problem(code="no_items", component="items", message="no item headings found"))
    record.exhibits = run_stage(problems, "exhibits", lambda: exhibits.read_exhibits(sub, record.items), [])
    record.signatures = run_stage(problems, "signatures", lambda: signatures.read_signatures(sub), [])
    return record
