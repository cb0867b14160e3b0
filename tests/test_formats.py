"""Every way a filing arrives: PDF, Markdown, UTF-16/UTF-32 text — read like the filings they were made from.

tests/data/formats holds real content in those shapes:
- `buckle_…_EX-99.1_press-release.pdf`: the shipped Buckle EX-99.1 printed to PDF by headless Chromium;
- `buckle_…_8-K_earnings.md`: the Buckle 8-K body and EX-99.1 saved as Markdown with HTML fragments
  (the centred cover heading) and pipe tables;
- `sears-roebuck_…_utf16.txt`: the shipped Sears submission re-encoded as UTF-16 with a byte-order mark.
Their golden records are tests/data/golden/formats (UPDATE_GOLDEN=1 rewrites them).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import form8k
from form8k.errors import InputError
from form8k.load import load
from form8k.load.decode import decode
from form8k.load.pdf import layout
from form8k.models import Filing

from conftest import FILINGS, GOLDEN, check_golden, load_view

FORMATS = Path(__file__).parent / "data" / "formats"
FILES = sorted(p for p in FORMATS.iterdir() if p.is_file())
PDF = FORMATS / "buckle_2024-11-22_EX-99.1_press-release.pdf"
MD = FORMATS / "buckle_2024-11-22_8-K_earnings.md"
UTF16 = FORMATS / "sears-roebuck_2004-07-22_8-K_earnings_utf16.txt"
BUCKLE_EX99 = FILINGS / "buckle_2024-11-22_8-K_earnings_ex99-1.html"


def _view(filing: Filing) -> dict[str, Any]:
    data = json.loads(filing.model_dump_json())
    return {
        **load_view(filing, data),
        "documents": data["documents"],
        "identity": {k: data[k] for k in ("accepted_at", "filed_at", "period_of_report", "item_numbering",
                                          "results_of_operations", "results_item", "amends")},
        "cover": data["cover"],
        "items": [{k: v for k, v in i.items() if k != "text"} for i in data["items"]],
        "exhibits": data["exhibits"],
        "tables": [{"statement": t["statement"], "title": t["title"], "scale": t["scale"],
                    "columns": [[c["period_end"], c["period_months"]] for c in t["columns"]], "rows": len(t["rows"])}
                   for t in data["tables"]],
        "facts": [[f["concept"], f["period_end"], f["period_months"], f["value"], f["confirmed"]] for f in data["facts"]],
        "checks": {s: sum(c["status"] == s for c in data["checks"]) for s in ("pass", "fail", "skipped")},
    }


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_format_matches_golden(path: Path) -> None:
    check_golden(GOLDEN / "formats" / (path.stem + ".json"), _view(form8k.parse(path)))


def _facts(filing: Filing) -> dict[tuple, object]:
    return {(f.concept, f.period_end, f.period_months): f.value for f in filing.facts}


def test_utf16_with_a_bom_reads_as_its_utf8_original() -> None:
    original = form8k.parse(FILINGS / "sears-roebuck_2004-07-22_8-K_earnings.txt")
    wide = form8k.parse(UTF16)
    assert wide.text == original.text
    assert _facts(wide) == _facts(original) and wide.cover == original.cover


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be", "utf-16-le"])
def test_wide_encodings_decode(codec: str) -> None:
    text = "FORM 8-K\r\nCURRENT REPORT — Café Société\r\n"
    assert decode(text.encode(codec)) == text


def test_binary_is_still_refused() -> None:
    with pytest.raises(InputError):
        decode(bytes(range(256)) * 20)


def test_markdown_reads_like_its_html() -> None:
    md = form8k.parse(MD)
    html = form8k.parse([FILINGS / "buckle_2024-11-22_8-K_earnings.html", BUCKLE_EX99])
    assert md.source.format == "markdown" and md.status == "ok"
    assert md.cover.registrant == html.cover.registrant == "THE BUCKLE, INC."
    assert md.cover.commission_file_number == "001-12951"
    assert [e.number for e in md.exhibits][:1] == ["99.1"] and md.exhibits[0].is_press_release
    assert [i.number for i in md.items] == ["2.02", "9.01"]
    assert _facts(md) == _facts(html)  # the pipe tables give the statement reader the same numbers
    assert not any(m.status == "contradicts" for m in md.mentions)


def test_markdown_pipe_table_becomes_a_grid() -> None:
    text = ("Revenue table\n\n|  | Three Months Ended |  |\n|---|--:|--:|\n|  | June 30, 2024 | June 30, 2023 |\n"
            "| Revenue | $ 1,234 | $ 1,000 |\n| Net income | (5) | 7 |\n")
    sub = load([("r.md", text.encode())])
    doc = sub.documents[0]
    assert sub.format == "markdown" and doc.format == "html" and len(doc.grids) == 1
    heading = doc.grids[0].rows[0]
    assert [(c.text, c.colspan) for c in heading] == [("", 1), ("Three Months Ended", 2)]
    cell = doc.grids[0].rows[2][1]
    assert sub.text[cell.span[0]:cell.span[1]] == "$ 1,234"


def test_pdf_reads_the_press_release_with_its_pages() -> None:
    pdf = form8k.parse(PDF)
    html = form8k.parse(BUCKLE_EX99)
    assert pdf.source.format == "pdf"
    assert pdf.press_release is not None and pdf.press_release.headline == html.press_release.headline
    doc = pdf.documents[0]
    assert doc.type == "EX-99.1" and len(doc.pages) == 6
    assert all(a <= b for a, b in doc.pages) and doc.pages[0][0] == 0
    income = _facts(html)
    got = _facts(pdf)
    assert got and all(income.get(k) == v for k, v in got.items())  # every number read equals the HTML's
    revenue = [f for f in pdf.facts if f.concept.startswith("Revenue")]
    page = next(n for n, (a, b) in enumerate(doc.pages, 1) if a <= revenue[0].span[0] < b)
    assert page == 4  # the statement of income is on the fourth page (the second is blank)


def test_layout_keeps_columns_and_single_spaces() -> None:
    chars = []
    for word, x in (("Net", 50), ("sales", 70), ("1,234", 300), ("(56)", 400)):
        for i, ch in enumerate(word):
            chars.append((ch, x + i * 5, x + i * 5 + 4.8, 700.0, 710.0))
    chars.append((" ", 65, 69, 700.0, 710.0))
    chars += [(ch, 315 + 5 * i, 319.8 + 5 * i, 680.0, 690.0) for i, ch in enumerate("99")]  # right edge of 1,234
    lines = layout(chars).split("\n")
    assert lines[0].lstrip().startswith("Net sales ") and "  1,234" in lines[0] and lines[0].endswith("(56)")
    assert lines[0].index("1,234") + 5 == lines[1].index("99") + 2  # numbers align on their right edges


def test_image_only_pdf_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(612, 792)
    path = tmp_path / "scan.pdf"
    pdf.save(path)
    filing = form8k.parse(path)
    assert filing.status == "failed"
    problem = next(p for p in filing.problems if p.code == "no_text_layer")
    assert "no text layer" in problem.message


def test_broken_pdf_is_an_input_error() -> None:
    with pytest.raises(InputError, match="PDF"):
        form8k.parse(b"%PDF-1.4\n garbage")
