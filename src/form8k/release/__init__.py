"""The release stage: a loaded submission and its record in, the press release read as a whole out.

    read_release(sub: Submission, filing: Filing) -> Release(press_release, mentions, guidance, checks, problems)

`assemble` locates the release and runs the rest: its `parts` (dateline,
headline, contacts, quotes, call), the `narrative` amounts of its prose
(`amounts`, `prose`, `lexicon`, `periods`, `binding`) tied to the statements
(`tie`), and its `guidance`.
"""

from __future__ import annotations

from form8k.release.assemble import Release, read_release

__all__ = ["Release", "read_release"]
