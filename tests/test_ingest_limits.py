"""Ingest under limits: a per-file deadline, workers that die with their parent, a script without a main guard."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from form8k.store import ingest, open_db

from conftest import FILINGS

SRC = Path(__file__).resolve().parents[1] / "src"

# Loaded by every Python process started with this folder on the path (the ingest and its workers alike):
# a file whose name holds "slow" takes `seconds` to parse.
SLOW_PARSE = """
import time
import form8k.pipeline as pipeline
_parse = pipeline.parse

def parse(files, sha256=None):
    if any("slow" in (name or "") for name, _ in files):
        time.sleep({seconds})
    return _parse(files, sha256)

pipeline.parse = parse
"""


def _corpus(tmp_path: Path, n: int = 3) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(FILINGS.iterdir())[:n]:
        shutil.copy(path, folder / path.name)
    first = sorted(FILINGS.iterdir())[0]
    shutil.copy(first, folder / ("slow-" + first.name))
    return folder


def _slow_env(tmp_path: Path, seconds: float) -> dict[str, str]:
    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(SLOW_PARSE.format(seconds=seconds))
    return {**os.environ, "PYTHONPATH": f"{hook}{os.pathsep}{SRC}", "FORM8K_STRICT": ""}


def test_a_file_past_its_deadline_is_a_failure_and_the_run_goes_on(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import form8k.pipeline as pipeline

    parse = pipeline.parse

    def slow(files, sha256=None):  # type: ignore[no-untyped-def]
        if any("slow" in (name or "") for name, _ in files):
            time.sleep(30)
        return parse(files, sha256)

    monkeypatch.setattr(pipeline, "parse", slow)
    folder = _corpus(tmp_path)
    db = tmp_path / "f.duckdb"
    started = time.monotonic()
    summary = ingest([folder], db=db, workers=0, progress=False, file_timeout=0.5)
    assert time.monotonic() - started < 20
    assert (summary.parsed, summary.failed) == (3, 1)
    con = open_db(db, read_only=True)
    kind, reason, path = con.execute("SELECT kind, reason, path FROM failures").fetchone()  # type: ignore[misc]
    con.close()
    assert kind == "timeout" and "deadline of 0.5 s" in reason and "slow-" in path


def test_the_deadline_holds_on_the_process_pool(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    db = tmp_path / "f.duckdb"
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "form8k.cli", "ingest", str(folder), "--db", str(db),
                             "--workers", "2", "--file-timeout", "1", "--no-progress", "--json"],
                            capture_output=True, text=True, env=_slow_env(tmp_path, 60), timeout=120)
    assert time.monotonic() - started < 60, result.stderr
    assert '"parsed": 3' in result.stdout and '"failed": 1' in result.stdout, result.stdout + result.stderr
    con = open_db(db, read_only=True)
    rows = con.execute("SELECT kind, reason FROM failures").fetchall()
    con.close()
    assert rows == [("timeout", "past the per-file deadline of 1 s")]


def test_kill_9_of_ingest_leaves_no_worker_alive(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, 1)
    for n in range(4):
        shutil.copy(next(folder.glob("slow-*")), folder / f"slow-{n}.txt")
    proc = subprocess.Popen([sys.executable, "-m", "form8k.cli", "ingest", str(folder), "--db",
                             str(tmp_path / "f.duckdb"), "--workers", "2", "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_slow_env(tmp_path, 120))
    try:
        parent = psutil.Process(proc.pid)
        deadline = time.monotonic() + 60
        children: list[psutil.Process] = []
        while time.monotonic() < deadline:
            children = parent.children(recursive=True)
            if len(children) >= 3:  # the fork server and two workers
                break
            time.sleep(0.2)
        assert len(children) >= 3, children
        time.sleep(1.0)
        children = parent.children(recursive=True)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        _, alive = psutil.wait_procs(children, timeout=10)
        assert not alive, [p.cmdline() for p in alive]
    finally:
        if proc.poll() is None:
            proc.kill()


def test_a_script_without_a_main_guard_is_told_what_to_add(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, 2)
    script = tmp_path / "plain.py"
    script.write_text(textwrap.dedent(f"""
        from form8k.store import ingest
        summary = ingest([{str(folder)!r}], db={str(tmp_path / 'f.duckdb')!r}, workers=2, progress=False)
        print("stored", summary.parsed, "failed", summary.failed)
    """))
    started = time.monotonic()
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(SRC)})
    assert time.monotonic() - started < 60
    if result.returncode == 0:  # a start method that needs no guard: then every file is stored
        assert "stored 3 failed 0" in result.stdout
    else:
        assert 'if __name__ == "__main__":' in result.stderr, result.stderr
        assert "stored" not in result.stdout


def test_the_main_guard_check_is_quiet_in_a_normal_process() -> None:
    from form8k.store.ingest import check_not_bootstrapping

    check_not_bootstrapping()  # raises StoreError only while a worker imports the calling script


STUCK_PARSE = """
import signal
import time
import form8k.pipeline as pipeline
import form8k.store.ingest as ingest
ingest.KILL_GRACE = 1.0
_parse = pipeline.parse

def parse(files, sha256=None):
    if any("slow" in (name or "") for name, _ in files):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # like C code that never returns to Python
        time.sleep(120)
    return _parse(files, sha256)

pipeline.parse = parse
"""


def test_a_worker_stuck_where_no_alarm_reaches_is_killed_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    db = tmp_path / "f.duckdb"
    env = _slow_env(tmp_path, 0)
    (tmp_path / "hook" / "sitecustomize.py").write_text(STUCK_PARSE)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "form8k.cli", "ingest", str(folder), "--db", str(db),
                             "--workers", "2", "--file-timeout", "1", "--no-progress", "--json"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert time.monotonic() - started < 60, result.stderr
    assert '"parsed": 3' in result.stdout and '"failed": 1' in result.stdout, result.stdout + result.stderr
    con = open_db(db, read_only=True)
    rows = con.execute("SELECT kind, reason, path FROM failures").fetchall()
    con.close()
    assert len(rows) == 1 and rows[0][0] == "timeout" and "killed" in rows[0][1] and "slow-" in rows[0][2]
