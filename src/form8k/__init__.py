"""form8k: read SEC Form 8-K current reports into structured, verified records.

    >>> from form8k import parse_paths
    >>> filing = parse_paths(["examples/immunogen_2007-02-01_8-K_earnings.txt"])  # doctest: +SKIP
    >>> filing.cover.registrant  # doctest: +SKIP
    'ImmunoGen, Inc.'

Heavy modules load on first use, so `import form8k` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["parse", "parse_paths", "statements", "statements_paths", "Filing", "__version__"]

if TYPE_CHECKING:
    from form8k.models import Filing
    from form8k.pipeline import parse, parse_paths, statements, statements_paths


def __getattr__(name: str) -> Any:
    if name in ("parse", "parse_paths", "statements", "statements_paths"):
        from form8k import pipeline

        return getattr(pipeline, name)
    if name == "Filing":
        from form8k.models import Filing

        return Filing
    raise AttributeError(name)
