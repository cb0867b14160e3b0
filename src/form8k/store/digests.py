"""Sets and maps of strings (sha256 digests, filing ids) in 16 bytes a key, for an ingest of any size.

An ingest remembers what the database holds (each filing's id and sha256),
what this run has handled, and tells its workers which files need no parse.
As Python sets and dicts of strings that is 150-300 bytes an entry: near
500 MB in the writer at a million stored filings, and a copy in every
worker. Here a key is its 16-byte MD5 digest (what DuckDB's `md5()` gives,
so the database can hand the digests over already sorted), held in one
sorted `bytes` buffer and found by binary search; the latest additions wait
in a small Python set and are merged in when they reach an eighth of the
buffer. No NumPy: the writing process stays lean.

>>> seen = DigestSet(["a", "b"])
>>> seen.add("c")
>>> "c" in seen, "d" in seen, len(seen)
(True, False, 3)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

_SIZE = 16
_MERGE = 1 << 16  # at least this many additions wait in Python before a merge


def digest(key: str) -> bytes:
    """The MD5 digest of `key`'s UTF-8 bytes: DuckDB's `md5(key)`, unhexed."""
    return hashlib.md5(key.encode("utf-8", "surrogatepass"), usedforsecurity=False).digest()


class _Sorted:
    """Sorted 16-byte keys in one buffer."""

    __slots__ = ("buf", "n")

    def __init__(self, buf: bytes = b"") -> None:
        self.buf, self.n = buf, len(buf) // _SIZE

    def position(self, key: bytes) -> int:
        """Where `key` is, or would go: the first row not below it."""
        buf, lo, hi = self.buf, 0, self.n
        while lo < hi:
            mid = (lo + hi) >> 1
            if buf[mid * _SIZE:(mid + 1) * _SIZE] < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def find(self, key: bytes) -> int:
        """The row of `key`, or -1."""
        i = self.position(key)
        return i if i < self.n and self.buf[i * _SIZE:(i + 1) * _SIZE] == key else -1


def _inserted(buf: bytes | bytearray, rows: list[int], items: list[bytes]) -> bytes:
    """`buf`, rows of 16 bytes, with each item put before the row its place in `rows` names (ascending), in
    time linear in the buffer's size."""
    pieces: list[bytes | bytearray] = []
    done = 0
    for at, item in zip(rows, items, strict=True):
        pieces += [buf[done * _SIZE:at * _SIZE], item]
        done = at
    pieces.append(buf[done * _SIZE:])
    return b"".join(pieces)


def _from_sorted(pairs: Iterable[tuple[bytes, bytes]]) -> tuple[_Sorted, bytearray]:
    """The buffer of keys given in ascending order, and the buffer of the values beside them (of a key given
    twice, its last value), each written as it comes: no list of a million keys is ever held."""
    keys, values = bytearray(), bytearray()
    last = b""
    for key, value in pairs:
        if key < last:
            raise ValueError("digests out of order")
        if key == last:
            values[-_SIZE:] = value
            continue
        keys += key
        values += value
        last = key
    return _Sorted(bytes(keys)), values


class DigestSet:
    """A set of strings by their digests: `add`, `in`, `len`."""

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self._sorted, _ = _from_sorted((d, b"") for d in sorted({digest(k) for k in keys}))
        self._recent: set[bytes] = set()

    @classmethod
    def from_md5(cls, hexes: Iterable[str]) -> DigestSet:
        """The set of the keys whose `md5()` hex digests are given in ascending order (as `ORDER BY md5(x)`)."""
        out = cls()
        out._sorted, _ = _from_sorted((bytes.fromhex(h), b"") for h in hexes)
        return out

    def add(self, key: str) -> None:
        d = digest(key)
        if d in self._recent or self._sorted.find(d) >= 0:
            return
        self._recent.add(d)
        if len(self._recent) >= max(_MERGE, self._sorted.n // 8):
            new = sorted(self._recent)
            self._sorted = _Sorted(_inserted(self._sorted.buf, [self._sorted.position(d) for d in new], new))
            self._recent = set()

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        d = digest(key)
        return d in self._recent or self._sorted.find(d) >= 0

    def __len__(self) -> int:
        return self._sorted.n + len(self._recent)


class ShaMap:
    """filing id -> the first 32 hex digits (128 bits) of its sha256, by the id's digest.

    `get` answers with that prefix, or None for an id never stored."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        last = {digest(key): _prefix(sha) for key, sha in pairs}  # a later pair replaces an earlier one
        self._init(sorted(last.items()))

    @classmethod
    def from_md5(cls, rows: Iterable[tuple[str, str]]) -> ShaMap:
        """The map of (`md5(filing_id)` hex, sha256) rows in ascending order of the first."""
        out = cls.__new__(cls)
        out._init((bytes.fromhex(h), _prefix(sha)) for h, sha in rows)
        return out

    def _init(self, pairs: Iterable[tuple[bytes, bytes]]) -> None:
        self._keys, self._values = _from_sorted(pairs)
        self._recent: dict[bytes, bytes] = {}

    def get(self, key: str) -> str | None:
        d = digest(key)
        value = self._recent.get(d)
        if value is None:
            i = self._keys.find(d)
            if i < 0:
                return None
            return self._values[i * _SIZE:(i + 1) * _SIZE].hex()
        return value.hex()

    def __setitem__(self, key: str, sha: str) -> None:
        d, value = digest(key), _prefix(sha)
        i = self._keys.find(d)
        if i >= 0:  # an id stored before: its value changes in place
            self._values[i * _SIZE:(i + 1) * _SIZE] = value
            return
        self._recent[d] = value
        if len(self._recent) >= max(_MERGE, self._keys.n // 8):
            new = sorted(self._recent)
            rows = [self._keys.position(k) for k in new]
            self._keys = _Sorted(_inserted(self._keys.buf, rows, new))
            self._values = bytearray(_inserted(self._values, rows, [self._recent[k] for k in new]))
            self._recent = {}


def _prefix(sha: str) -> bytes:
    """A sha256's first 16 bytes; for a string that is no hex digest, its digest."""
    try:
        raw = bytes.fromhex(sha[:32])
    except ValueError:
        return digest(sha)
    return raw.ljust(_SIZE, b"\x00")
