"""The machine around the command: odd inputs, a full disk, a damaged database, a closed or full stdout — one line each."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import FILINGS

EXAMPLE = sorted(FILINGS.glob("*.txt"))[0]
ENV = {**os.environ, "FORM8K_STRICT": ""}


def form8k(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    options: dict[str, object] = {"capture_output": True, "text": True, "env": ENV, "timeout": 120}
    options.update(kwargs)
    if "stdout" in kwargs:
        options.pop("capture_output")
        options["stderr"] = subprocess.PIPE
    return subprocess.run([sys.executable, "-m", "form8k.cli", *args], **options)  # type: ignore[call-overload,no-any-return]


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_folder_a_missing_file_and_an_empty_stdin_each_say_what_they_are(tmp_path: Path) -> None:
    folder = form8k("parse", str(tmp_path))
    assert folder.returncode == 2 and "is a folder, not a file" in one_line(folder)
    missing = form8k("parse", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and one_line(missing).endswith("nope.txt: no such file")
    empty = form8k("parse", "-", input="")
    assert empty.returncode == 2 and one_line(empty) == "form8k: -: the input is empty"
    assert len({one_line(folder), one_line(missing), one_line(empty)}) == 3
    statements = form8k("statements", str(tmp_path))
    assert statements.returncode == 2 and "is a folder" in one_line(statements)


def test_stdin_and_a_pipe_are_read(tmp_path: Path) -> None:
    data = EXAMPLE.read_bytes()
    piped = subprocess.run([sys.executable, "-m", "form8k.cli", "parse", "-", "--json", "--no-text"], input=data,
                           capture_output=True, env=ENV, timeout=120)
    assert piped.returncode == 0 and b'"status": "ok"' in piped.stdout
    fifo = tmp_path / "filing.pipe"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as f:
            f.write(data)

    writer = threading.Thread(target=feed)
    writer.start()
    result = form8k("parse", str(fifo), "--json", "--no-text")
    writer.join()
    assert result.returncode == 0 and '"status": "ok"' in result.stdout


def test_a_pipe_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "form8k.cli", "parse", "-", "--max-bytes", "1000"],
                            input=EXAMPLE.read_bytes(), capture_output=True, env=ENV, timeout=120)
    assert result.returncode == 2 and b"over the" in result.stderr and b"Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_stdout_is_one_line() -> None:
    with open("/dev/full", "w") as full:
        result = form8k("parse", str(EXAMPLE), "--json", stdout=full)
    assert result.returncode == 1
    assert one_line(result) == "form8k: no space left on the device writing the output"


def test_a_closed_stdout_is_one_line() -> None:
    result = form8k("parse", str(EXAMPLE), "--json", preexec_fn=lambda: os.close(1), stdout=None)
    assert result.returncode == 2 and "standard output is closed" in one_line(result)


def test_a_reader_that_goes_away_is_no_traceback() -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte
    try:
        result = form8k("parse", str(EXAMPLE), "--json", stdout=write)
    finally:
        os.close(write)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "Exception" not in result.stderr


def test_a_damaged_database_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "f.duckdb"
    assert form8k("ingest", str(FILINGS), "--db", str(db), "--workers", "0", "--no-progress").returncode == 0
    size = db.stat().st_size
    with open(db, "r+b") as f:
        for offset in range(300_000, size, 40_000):
            f.seek(offset)
            f.write(b"\xde\xad\xbe\xef" * 16)
    for args in (("facts", "--limit", "2"), ("ingest", str(FILINGS), "--reparse", "--workers", "0", "--no-progress")):
        result = form8k(*args, "--db", str(db))
        assert result.returncode in (1, 2)
        line = one_line(result)
        assert "damaged" in line or "cannot open" in line, line


def test_a_full_disk_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import duckdb

    from form8k import cli

    def disk_full() -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "out/facts.parquet")

    def database_full() -> None:
        raise duckdb.IOException('IO Error: Could not write file "f.duckdb.wal": No space left on device')

    for fail, expected in ((disk_full, "form8k: no space left on the device writing out/facts.parquet"),
                           (database_full, "form8k: no space left on the device for the database: IO Error")):
        monkeypatch.setattr(cli, "app", fail)
        monkeypatch.setattr(cli, "_silence_stdout", lambda: None)
        with pytest.raises(SystemExit) as exit_:
            cli.main()
        assert exit_.value.code == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith(expected), err
