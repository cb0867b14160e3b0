"""`ingest` groups the files of one filing: folder, accession number, EDGAR index page, full submission."""

from __future__ import annotations

import shutil
from pathlib import Path

from form8k.pipeline import parse
from form8k.store import discover, ingest, open_db
from form8k.store.grouping import FileGroup, accession_of, group_files, split_task

from conftest import FILINGS

BUCKLE = ("buckle_2024-11-22_8-K_earnings.html", "buckle_2024-11-22_8-K_earnings_ex99-1.html")


def _write(root: Path, names: dict[str, str]) -> list[Path]:
    paths = []
    for name, text in names.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        paths.append(path)
    return sorted(paths)


def test_the_buckle_body_and_its_ex99_in_one_folder_are_one_filing_with_its_cik_and_all_facts(
        tmp_path: Path) -> None:
    folder = tmp_path / "buckle"
    folder.mkdir()
    for name in BUCKLE:
        shutil.copy(FILINGS / name, folder / name)
    files, skipped = discover([tmp_path])
    assert skipped == 0 and len(files) == 1 and isinstance(files[0], FileGroup)
    assert [p.name for p in files[0]] == list(BUCKLE)  # body first
    expected = parse([(str(folder / n), (folder / n).read_bytes()) for n in BUCKLE])
    assert expected.cover.cik == "0000885245" and expected.facts
    db = tmp_path / "f.duckdb"
    summary = ingest([tmp_path], db=db, workers=1, progress=False)
    assert (summary.files, summary.parsed, summary.failed) == (1, 1, 0)
    con = open_db(db, read_only=True)
    try:
        assert con.execute("SELECT cik FROM filings").fetchall() == [("0000885245",)]
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(2,)]
        assert con.execute("SELECT count(*) FROM facts").fetchall() == [(len(expected.facts),)]
    finally:
        con.close()
    again = ingest([tmp_path], db=db, workers=1, progress=False)
    assert (again.parsed, again.unchanged) == (0, 1)  # the group's digest is stable


def test_a_folder_of_many_filings_is_not_one_group() -> None:
    files, _ = discover([FILINGS])
    assert not any(isinstance(f, FileGroup) for f in files)


def test_files_sharing_an_accession_number_are_one_filing(tmp_path: Path) -> None:
    paths = _write(tmp_path, {
        "0000885245-24-000050/ex99-1.htm": "x", "0000885245-24-000050/d8k.htm": "x",
        "000088524524000051_8-K.htm": "x", "000088524524000051_EX-99.1.htm": "x",
        "0000885245-24-000052.txt": "x"})
    groups, left_out = group_files(paths)
    assert left_out == 0
    shapes = sorted([p.name for p in g] if isinstance(g, FileGroup) else [g.name] for g in groups)
    assert shapes == [["0000885245-24-000052.txt"], ["000088524524000051_8-K.htm", "000088524524000051_EX-99.1.htm"],
                      ["d8k.htm", "ex99-1.htm"]]
    assert accession_of(Path("a/000088524524000051_8-K.htm")) == "0000885245-24-000051"
    assert accession_of(Path("a/b.htm")) is None


def test_a_full_submission_beside_its_loose_parts_is_stored_alone(tmp_path: Path) -> None:
    paths = _write(tmp_path, {
        "0000885245-24-000050.txt": "<SEC-DOCUMENT>0000885245-24-000050.txt\n<SEC-HEADER>\n",
        "0000885245-24-000050/d8k.htm": "x", "0000885245-24-000050/ex99-1.htm": "x"})
    groups, left_out = group_files(paths)
    assert groups == [tmp_path / "0000885245-24-000050.txt"] and left_out == 2


def test_an_edgar_index_page_groups_the_files_it_links_to(tmp_path: Path) -> None:
    paths = _write(tmp_path, {
        "filing/x-index.htm": '<a href="/Archives/edgar/data/1/d8k.htm">8-K</a> <a href="ex991.htm">EX-99.1</a>',
        "filing/d8k.htm": "x", "filing/ex991.htm": "x", "filing/other.htm": "x"})
    groups, left_out = group_files(paths)
    assert left_out == 1  # the index page itself
    grouped = [g for g in groups if isinstance(g, FileGroup)]
    assert [[p.name for p in g] for g in grouped] == [["d8k.htm", "ex991.htm"]]
    assert tmp_path / "filing" / "other.htm" in groups


def test_a_header_file_leads_its_group_and_a_task_string_splits_back(tmp_path: Path) -> None:
    paths = _write(tmp_path, {"f/ex99.htm": "x", "f/0000885245-24-000050.hdr.sgml": "<SEC-HEADER>", "f/d8k.htm": "x"})
    groups, _ = group_files(paths)
    assert len(groups) == 1 and isinstance(groups[0], FileGroup)
    assert [p.name for p in groups[0]] == ["0000885245-24-000050.hdr.sgml", "d8k.htm", "ex99.htm"]
    assert split_task(str(groups[0])) == [str(p) for p in groups[0]]
    assert split_task(tmp_path / "one.htm") == [str(tmp_path / "one.htm")]
