"""The package layout follows the pipeline: one package per stage, dependencies pointing one way.

    models, errors ← text ← load ← record / statements ← release ← pipeline ← store / export / web / fetch / commands

Imports are read with `ast` (lazy imports inside functions count too), so a
stage that reaches into the store, the web or the CLI fails here.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "form8k"

# The rank of each top-level part of the package: a module may import a lower rank or its own part;
# the outer parts of one rank may also import each other.
RANK = {"models": 0, "errors": 0, "text": 1, "load": 2, "record": 3, "statements": 3, "release": 4,
        "pipeline": 5, "store": 6, "export": 6, "web": 6, "fetch": 6, "commands": 6, "cli": 7, "": 7, "__main__": 8}
STAGES = ("text", "load", "record", "statements", "release")
OUTER = ("store", "web", "commands", "cli", "export", "fetch")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _imports(name: str, path: Path) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            if base == "form8k" or base.startswith("form8k."):
                for alias in node.names:
                    candidate = f"{base}.{alias.name}"
                    found.add(candidate if candidate in MODULES else base)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("form8k"))
    return {m for m in found if m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _part(module: str) -> str:
    """'form8k.statements.tables.grid' -> 'statements'; 'form8k' -> ''."""
    return module.split(".")[1] if "." in module else ""


def test_at_most_eight_modules_at_the_top() -> None:
    top = sorted(p.name for p in SRC.glob("*.py"))
    assert len(top) <= 8, top


def test_no_module_over_600_lines() -> None:
    long = {name: n for name, p in MODULES.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert not long


def test_no_two_modules_share_a_name_outside_the_web_views() -> None:
    stems = Counter(p.stem for p in MODULES.values()
                    if p.name != "__init__.py" and "views" not in p.relative_to(SRC).parts)
    assert not [s for s, n in stems.items() if n > 1]


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _part(m) in STAGES or _part(m) in ("models", "errors")))
def test_a_stage_never_imports_the_store_the_web_or_the_cli(module: str) -> None:
    outer = sorted(m for m in GRAPH[module] if _part(m) in OUTER or m in ("form8k.pipeline", "form8k"))
    assert not outer, f"{module} imports {outer}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_dependencies_point_one_way(module: str) -> None:
    mine = _part(module)
    # the bare package holds only `__version__` and lazy names, so importing it counts as the frame
    theirs = {m: RANK[_part(m)] if m != "form8k" else 0 for m in GRAPH[module] if _part(m) != mine}
    # the outer parts (store, export, web, fetch, commands) build on each other; the stages never on a sibling
    upward = sorted(m for m, rank in theirs.items()
                    if rank > RANK[mine] or (rank == RANK[mine] and RANK[mine] < RANK["store"]))
    assert not upward, f"{module} ({mine}) imports {upward}"


def test_no_import_cycle() -> None:
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for dep in sorted(GRAPH[module]):
            if state.get(dep) == 1:
                return path[path.index(dep):] + [dep]
            if dep not in state and (cycle := visit(dep)):
                return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(GRAPH):
        if module not in state:
            assert visit(module) is None, " -> ".join(path)


@pytest.mark.parametrize("stage, entry", [("record", "read_record"), ("statements", "read_statements"),
                                          ("release", "read_release")])
def test_each_stage_re_exports_its_main_function(stage: str, entry: str) -> None:
    package = __import__(f"form8k.{stage}", fromlist=["__all__"])
    assert entry in package.__all__ and callable(getattr(package, entry))
    assert (package.__doc__ or "").strip(), f"form8k.{stage} has no docstring saying what goes in and out"


def test_the_pipeline_imports_only_the_stages_entry_points() -> None:
    deep = sorted(m for m in GRAPH["form8k.pipeline"] if m.count(".") > 1)
    assert not deep, deep
