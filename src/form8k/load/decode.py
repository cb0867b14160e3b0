"""Bytes to text: the one decoding every loader shares."""

from __future__ import annotations

from form8k.errors import BinaryInputError, EmptyInputError

# Control bytes that text does not hold (tab, line breaks and ESC aside), counted with bytes.translate.
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0e, 0x1b), *range(0x1c, 0x20)])
# Characters that mean "space" or "line break" in filings but are not ASCII.
_SPACE_LIKE = str.maketrans({**{chr(c): " " for c in (0xA0, *range(0x2002, 0x200B), 0x202F, 0x205F, 0x3000)},
                             "\u200b": "", "\ufeff": ""})


def decode(data: bytes) -> str:
    """Decode filing bytes: UTF-8, else cp1252, else latin-1; never fails on text.

    Raises EmptyInputError for nothing but whitespace and BinaryInputError for
    bytes that are clearly not text (NUL bytes or many control characters).

    >>> decode("caf\\u00e9".encode("cp1252"))
    'café'
    """
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
    return text if text.isascii() else text.translate(_SPACE_LIKE)  # _SPACE_LIKE maps non-ASCII characters only
