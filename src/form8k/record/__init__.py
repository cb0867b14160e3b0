"""The record stage: a loaded submission in, the 8-K's own parts out.

    read_record(sub: Submission) -> Record(cover, items, exhibits, signatures, problems, is_8k)

`cover` (with `cover_fields` and the line model of `lines`) reads the cover
page, `items` the item headings and their text, `exhibits` the exhibit index
joined with the EX- documents, `signatures` the signature block.
"""

from __future__ import annotations

from form8k.record.reader import FORM_TYPES_8K, Record, read_record, run_stage

__all__ = ["FORM_TYPES_8K", "Record", "read_record", "run_stage"]
