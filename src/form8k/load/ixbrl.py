"""Inline XBRL: the facts an HTML document tags, read with lxml.

    read_ixbrl(html) -> IxDocument(contexts, units, facts) | None

Every `ix:nonNumeric` and `ix:nonFraction` of the document, its `ix:header`
contexts (entity, period, dimensions) and units included, as Inline XBRL 1.1
defines them:
- `ix:nonFraction`: the displayed number read by its `format` (`ixt:num-dot-decimal`,
  `num-comma-decimal`, `fixed-zero`, `zerodash`…), times 10^`scale`, negated
  when `sign="-"`; `xsi:nil` gives no value;
- `ix:nonNumeric`: its text, `ix:exclude` parts left out, followed along
  `continuedAt` through its `ix:continuation`s; `ixt:` formats for dates,
  booleans (ballot boxes), state and exchange names kept as printed in
  `text` and transformed in `value` where the transform is known.
Nothing here guesses: an element that cannot be read is left out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = ["IxContext", "IxDocument", "IxFact", "has_ixbrl", "read_ixbrl"]

IX_NS = ("http://www.xbrl.org/2013/inlineXBRL", "http://www.xbrl.org/2008/inlineXBRL")
XBRLI = "http://www.xbrl.org/2003/instance"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
_IX_TAGS = {name: tuple(f"{{{ns}}}{name}" for ns in IX_NS)
            for name in ("nonFraction", "nonNumeric", "continuation", "exclude")}
_HAS_IX = re.compile(rb"<ix:(?:header|nonfraction|nonnumeric)\b", re.I)
_DIGITS = re.compile(r"[^0-9]")


@dataclass(slots=True)
class IxContext:
    id: str
    entity: str | None = None  # the identifier, a CIK for the SEC scheme
    start: dt.date | None = None
    end: dt.date | None = None  # the instant, or the end of the duration
    instant: bool = False
    dimensions: dict[str, str] = field(default_factory=dict)

    @property
    def months(self) -> int | None:
        if self.instant:
            return 0
        if self.start is None or self.end is None:
            return None
        return max(0, round(((self.end - self.start).days + 1) / 30.44))


@dataclass(slots=True)
class IxFact:
    name: str  # prefixed concept: dei:EntityCentralIndexKey, us-gaap:Revenues
    context: str | None
    text: str  # as printed (exclusions removed, continuations joined)
    value: Any = None  # Decimal for numbers (base units, sign applied), str / bool / date for the rest
    numeric: bool = False
    unit: str | None = None
    decimals: int | None = None
    scale: int = 0
    sign: str | None = None
    format: str | None = None
    id: str | None = None


@dataclass(slots=True)
class IxDocument:
    contexts: dict[str, IxContext] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)  # id -> USD, shares, USD/shares
    facts: list[IxFact] = field(default_factory=list)

    def dei(self, name: str) -> list[IxFact]:
        return [f for f in self.facts if f.name == f"dei:{name}"]


def has_ixbrl(data: bytes | str) -> bool:
    head = data[:2_000_000]
    raw = head.encode("utf-8", "ignore") if isinstance(head, str) else head
    return bool(_HAS_IX.search(raw))


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _ns(tag: Any) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def read_ixbrl(html: str) -> IxDocument | None:
    """The inline XBRL of an (X)HTML document; None when it has none or lxml cannot parse it."""
    if not has_ixbrl(html):
        return None
    try:
        from lxml import etree
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    parser = etree.XMLParser(recover=True, huge_tree=True, resolve_entities=False, no_network=True)
    data = html.encode("utf-8")
    start = data.find(b"<")
    try:
        root = etree.fromstring(data[start:] if start > 0 else data, parser)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    doc = IxDocument()
    _read_resources(root, doc)
    # lxml filters by tag in C: only the ix elements reach Python, in document order
    continuations = {el.get("id"): el for el in root.iter(*_IX_TAGS["continuation"]) if el.get("id")}
    for el in root.iter(*_IX_TAGS["nonFraction"], *_IX_TAGS["nonNumeric"]):
        fact = _non_fraction(el) if _local(el.tag) == "nonFraction" else _non_numeric(el, continuations)
        if fact is not None:
            doc.facts.append(fact)
    return doc


def _read_resources(root: Any, doc: IxDocument) -> None:
    for el in root.iter(f"{{{XBRLI}}}context"):
        ctx = IxContext(id=el.get("id") or "")
        ident = el.find(f"{{{XBRLI}}}entity/{{{XBRLI}}}identifier")
        ctx.entity = ident.text.strip() if ident is not None and ident.text else None
        period = el.find(f"{{{XBRLI}}}period")
        if period is not None:
            instant = period.find(f"{{{XBRLI}}}instant")
            if instant is not None:
                ctx.instant, ctx.end = True, _date(instant.text)
            else:
                ctx.start = _date(period.findtext(f"{{{XBRLI}}}startDate"))
                ctx.end = _date(period.findtext(f"{{{XBRLI}}}endDate"))
        for member in el.iter():
            if _local(member.tag) in ("explicitMember", "typedMember") and member.get("dimension"):
                ctx.dimensions[member.get("dimension")] = "".join(member.itertext()).strip()
        if ctx.id:
            doc.contexts[ctx.id] = ctx
    for el in root.iter(f"{{{XBRLI}}}unit"):
        measures = [m.text.split(":")[-1].strip() for m in el.iter(f"{{{XBRLI}}}measure") if m.text]
        divide = el.find(f"{{{XBRLI}}}divide")
        if divide is not None and len(measures) == 2:
            doc.units[el.get("id") or ""] = f"{measures[0]}/{measures[1]}"
        elif measures:
            doc.units[el.get("id") or ""] = measures[0]


def _text(el: Any) -> str:
    """An element's text without its ix:exclude parts."""
    if next(el.iter(*_IX_TAGS["exclude"]), None) is None:  # most facts: lxml joins the text in C
        return " ".join("".join(el.itertext()).split())
    parts: list[str] = []

    def walk(node: Any) -> None:
        if not isinstance(node.tag, str) or (_ns(node.tag) in IX_NS and _local(node.tag) == "exclude"):
            if node.tail:  # a comment or processing instruction shows only its tail, as in itertext
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if node is not el and node.tail:
            parts.append(node.tail)

    walk(el)
    return " ".join("".join(parts).split())


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "", "INF") else None
    except ValueError:
        return None


def _number(text: str, fmt: str) -> Decimal | None:
    """The displayed number by its ixt format, before scale and sign."""
    f = fmt.rsplit(":", 1)[-1].replace("-", "").lower()
    s = text.strip()
    if f in ("fixedzero", "zerodash") or (s and all(c in "-–—" for c in s)):
        return Decimal(0)
    if not s:
        return None
    if f in ("numcommadecimal", "numdotcomma", "numspacecomma", "numcomma"):
        whole, _, frac = s.rpartition(",") if "," in s else (s, "", "")
        digits = _DIGITS.sub("", whole) + ("." + _DIGITS.sub("", frac) if frac else "")
    elif f in ("numwordsen", "numwordes"):
        return None
    else:  # num-dot-decimal, numdotdecimal, numcommadot, numspacedot, no format
        whole, _, frac = s.rpartition(".") if "." in s else (s, "", "")
        digits = _DIGITS.sub("", whole) + ("." + _DIGITS.sub("", frac) if frac else "")
    if not digits or digits == ".":
        return None
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _non_fraction(el: Any) -> IxFact | None:
    name = el.get("name")
    if not name:
        return None
    text = _text(el)
    fmt = el.get("format") or ""
    scale = _int(el.get("scale")) or 0
    fact = IxFact(name=name, context=el.get("contextRef"), text=text, numeric=True, unit=el.get("unitRef"),
                  decimals=_int(el.get("decimals")), scale=scale, sign=el.get("sign"), format=fmt or None,
                  id=el.get("id"))
    if el.get(XSI_NIL) in ("true", "1"):
        return fact
    number = _number(text, fmt)
    if number is None:
        return fact
    value = number.scaleb(scale)
    fact.value = -value if fact.sign == "-" else value
    return fact


_TRUE_BOXES = set("☒☑✓✔xX■")
_FALSE_BOXES = set("☐□○")


def _non_numeric(el: Any, continuations: dict[str, Any]) -> IxFact | None:
    name = el.get("name")
    if not name:
        return None
    text = _text(el)
    seen: set[str] = set()
    nxt = el.get("continuedAt")
    while nxt and nxt in continuations and nxt not in seen:
        seen.add(nxt)
        part = continuations[nxt]
        text = f"{text} {_text(part)}".strip()
        nxt = part.get("continuedAt")
    fmt = el.get("format") or ""
    fact = IxFact(name=name, context=el.get("contextRef"), text=text, format=fmt or None, id=el.get("id"))
    fact.value = _transform(text, fmt)
    return fact


def _transform(text: str, fmt: str) -> Any:
    f = fmt.rsplit(":", 1)[-1].lower()
    s = text.strip()
    if f == "fixed-true":
        return True
    if f == "fixed-false":
        return False
    if f == "boolballotbox":
        if s[:1] in _TRUE_BOXES:
            return True
        if s[:1] in _FALSE_BOXES:
            return False
        return None
    if f.startswith("date"):
        from form8k.text.dates import parse_date

        return parse_date(s)
    return s
