"""Bytes to text: the one decoding every loader shares."""

from __future__ import annotations

import re

from form8k.errors import BinaryInputError, EmptyInputError

# Control bytes that text does not hold (tab, line breaks and ESC aside), counted with bytes.translate.
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0e, 0x1b), *range(0x1c, 0x20)])
# Characters that mean "space" in filings but are not ASCII become a space, zero-width ones vanish: two patterns
# with a fixed replacement each, as str.translate with a dict looks every character of a long text up in Python.
_SPACE_LIKE = re.compile("[\u00a0\u2002-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile("[\u200b\ufeff]")


# Byte-order marks of the wide encodings, longest first (UTF-32 LE begins with UTF-16 LE's mark).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32, by its byte-order mark or, without one, by where the NUL bytes of ASCII text fall."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    head = data[:4096]
    if len(head) < 8 or b"\x00" not in head:
        return None
    for codec, width, at in (("utf-32-le", 4, 0), ("utf-32-be", 4, 3), ("utf-16-le", 2, 0), ("utf-16-be", 2, 1)):
        units = [head[i:i + width] for i in range(0, len(head) - width + 1, width)]
        ascii_like = sum(1 for u in units if u[at] not in (0,) and sum(u) == u[at] and u[at] < 0x80)
        if units and ascii_like >= 0.9 * len(units):
            return codec
    return None


def decode(data: bytes) -> str:
    """Decode filing bytes: UTF-16/32 (BOM), else UTF-8, else cp1252, else latin-1; never fails on text.

    Raises EmptyInputError for nothing but whitespace and BinaryInputError for
    bytes that are clearly not text (NUL bytes or many control characters).

    >>> decode("caf\\u00e9".encode("cp1252"))
    'café'
    >>> decode("FORM 8-K".encode("utf-16"))
    'FORM 8-K'
    """
    wide = wide_encoding(data)
    if wide is not None:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            raise BinaryInputError(f"the input starts like {wide} text but does not decode as it") from None
        text = text.lstrip("\ufeff")
        if not text.strip():
            raise EmptyInputError("the input is empty")
        controls = sum(1 for c in text[:65536] if c < " " and c not in "\t\n\r\f\x1b")
        if controls > max(8, min(len(text), 65536) // 100):
            raise BinaryInputError("the input is binary, not text (NUL or control characters)")
        return text
    if not data.strip():
        raise EmptyInputError("the input is empty")
    head = data[:65536]
    controls = len(head) - len(head.translate(None, _CONTROL))
    if b"\x00" in head or controls > max(8, len(head) // 100):
        raise BinaryInputError("the input is binary, not text (NUL or control bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def normalize_newlines(text: str) -> str:
    """CR LF and bare CR become LF; form feeds become line breaks; odd spaces become spaces."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        text = text.replace("\f", "\n")
    if text.isascii():  # every character replaced is outside ASCII
        return text
    return _ZERO_WIDTH.sub("", _SPACE_LIKE.sub(" ", text))
