"""The record stage: a loaded submission in, the 8-K's own parts out.

    read_record(sub: Submission) -> Record(cover, items, exhibits, signatures, problems, is_8k)

`cover` (with `cover_fields` and the line model of `lines`) reads the cover
page, `items` the item headings and their text, `exhibits` the exhibit index
joined with the EX- documents, `signatures` the signature block.

    read_identity(header, cover, items, exhibits, statements, release, body) -> Identity

`identity` reads who filed and when (acceptance time, filing date, period),
whether it reports results of operations and under which numbering, and
what an 8-K/A amends; the pipeline runs it once the statements are read.
`tagged` joins the inline XBRL of the documents: `dei:` tags reconciled with
the printed cover, tagged numbers as facts (`tagged_facts`) with their
`cross_source` checks.
"""

from __future__ import annotations

from form8k.record.identity import Identity, read_identity
from form8k.record.reader import FORM_TYPES_8K, Record, read_record, run_stage
from form8k.record.tagged import tagged_cover, tagged_facts

__all__ = ["FORM_TYPES_8K", "Identity", "Record", "read_identity", "read_record", "run_stage", "tagged_cover",
           "tagged_facts"]
