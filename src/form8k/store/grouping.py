"""Which files make one filing: `ingest` stores the files of one filing as one record.

Files found under the paths given are grouped, in this order:
1. an EDGAR index page (`…-index.htm`, `…-index.html`) groups the files of
   its folder that it links to (the page itself is not a filing);
2. an accession number in the file's name or in a folder of its path
   (`0000885245-24-000050`, or its 18 digits run together) groups the files
   that share it — unless one of them is a full submission, which holds every
   part already and is stored alone (the loose parts are left out);
3. an SGML header file (`….hdr.sgml`) joins the documents beside it;
4. a folder that holds one filing — one body and its exhibits (`ex99-1.htm`,
   `…_EX-99.1_…`, `exhibit99.htm`), no full submission — is one group.
Anything else is a filing of its own. A group lists the body (or header) first,
then its exhibits in order; it is handed to the parser as one `FileGroup`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

__all__ = ["FileGroup", "group_files", "split_task"]

SEPARATOR = "\0"  # no path holds a NUL: a group's task string joins its members with it
_ACCESSION = re.compile(r"(?<!\d)(\d{10})-?(\d{2})-?(\d{6})(?!\d)")
_INDEX = re.compile(r"-index\.html?$", re.I)
_HREF = re.compile(r"""href\s*=\s*["']?([^"' >]+)""", re.I)
_EXHIBIT = re.compile(r"(?:^|[_\-.\s])(?:ex|exh|exhibit)[-_.]?\d", re.I)
_HEADER_FILE = re.compile(r"\.hdr\.sgml?$", re.I)
_SUBMISSION_START = (b"<SEC-DOCUMENT>", b"<SUBMISSION>", b"-----BEGIN PRIVACY", b"<IMS-DOCUMENT>")


class FileGroup(tuple[Path, ...]):
    """The files of one filing, body first; `str()` gives the task string `parse_file` splits."""

    def __str__(self) -> str:
        return SEPARATOR.join(str(p) for p in self)

    @property
    def name(self) -> str:
        return self[0].name


def split_task(task: str | Path) -> list[str]:
    """The member paths of a task string: one path, or a group's members."""
    return str(task).split(SEPARATOR)


def accession_of(path: Path) -> str | None:
    """The accession number in a file's name or folders (dashed), if any."""
    for part in reversed(path.parts):
        m = _ACCESSION.search(part)
        if m:
            return "-".join(m.groups())
    return None


def _is_submission(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            head = f.read(4096).lstrip()
    except OSError:
        return False
    return head.startswith(_SUBMISSION_START) or (b"<SEC-HEADER>" in head and b"<DOCUMENT>" in head)


def _is_exhibit(path: Path) -> bool:
    return bool(_EXHIBIT.search(path.stem)) and not _HEADER_FILE.search(path.name)


def _order(paths: Iterable[Path]) -> FileGroup:
    """Header first, then the body (not an exhibit), then the exhibits by name."""
    def key(p: Path) -> tuple[int, str]:
        rank = 0 if _HEADER_FILE.search(p.name) else (2 if _is_exhibit(p) else 1)
        return rank, p.name.lower()
    return FileGroup(sorted(set(paths), key=key))


def _linked(index: Path, candidates: list[Path]) -> list[Path]:
    try:
        page = index.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    names = {href.rsplit("/", 1)[-1].lower() for href in _HREF.findall(page)}
    return [p for p in candidates if p.name.lower() in names]


def group_files(files: list[Path]) -> tuple[list[Path | FileGroup], int]:
    """The filings among `files`: single paths and groups (see the module's docstring), and how many
    files were left out (index pages, loose parts of a full submission beside it)."""
    taken: set[Path] = set()
    groups: list[Path | FileGroup] = []
    left_out = 0
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for path in files:
        by_folder[path.parent].append(path)
    # 1. EDGAR index pages
    for members in by_folder.values():
        for index in [p for p in members if _INDEX.search(p.name)]:
            taken.add(index)
            left_out += 1
            linked = [p for p in _linked(index, members) if p not in taken and not _INDEX.search(p.name)]
            if linked:
                taken.update(linked)
                groups.append(_group_or_submission(linked))
    # 2. accession numbers (3. a header file names its accession too)
    by_accession: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        if path not in taken:
            accession = accession_of(path)
            if accession:
                by_accession[accession].append(path)
    for members in by_accession.values():
        if len(members) < 2:
            continue
        submissions = [p for p in members if _is_submission(p)]
        if submissions:
            keep = submissions[0]
            taken.update(members)
            left_out += len(members) - 1
            groups.append(keep)
        else:
            taken.update(members)
            groups.append(_order(members))
    # 4. a folder holding one filing
    for members in by_folder.values():
        rest = [p for p in members if p not in taken]
        if len(rest) < 2:
            continue
        bodies = [p for p in rest if not _is_exhibit(p) and not _HEADER_FILE.search(p.name)]
        if len(bodies) != 1 or any(_is_submission(p) for p in rest):
            continue
        taken.update(rest)
        groups.append(_order(rest))
    groups.extend(p for p in files if p not in taken)
    return sorted(groups, key=lambda g: str(g[0] if isinstance(g, FileGroup) else g)), left_out


def _group_or_submission(members: list[Path]) -> Path | FileGroup:
    submissions = [p for p in members if _is_submission(p)]
    if submissions:
        return submissions[0]
    return members[0] if len(members) == 1 else _order(members)
