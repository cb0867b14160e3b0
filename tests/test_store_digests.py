"""The compact sets and maps an ingest keeps of what is stored: they answer as a Python set and dict would."""

from __future__ import annotations

import hashlib
import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from form8k.store import digests
from form8k.store.digests import DigestSet, ShaMap

_KEYS = st.text(min_size=0, max_size=12)


def _sha(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


@settings(max_examples=60, deadline=None)
@given(first=st.lists(_KEYS, max_size=30), later=st.lists(_KEYS, max_size=30), probes=st.lists(_KEYS, max_size=30))
def test_a_digest_set_answers_as_a_set(first: list[str], later: list[str], probes: list[str]) -> None:
    model = set(first)
    seen = DigestSet(first)
    for key in later:
        seen.add(key)
        model.add(key)
    assert len(seen) == len(model)
    assert all((key in seen) == (key in model) for key in [*probes, *first, *later])


@settings(max_examples=60, deadline=None)
@given(first=st.dictionaries(_KEYS, _KEYS, max_size=30), later=st.lists(st.tuples(_KEYS, _KEYS), max_size=30),
       probes=st.lists(_KEYS, max_size=30))
def test_a_sha_map_answers_as_a_dict_of_sha256_prefixes(first: dict[str, str], later: list[tuple[str, str]],
                                                         probes: list[str]) -> None:
    model = {key: _sha(value) for key, value in first.items()}
    stored = ShaMap(model.items())
    for key, value in later:
        stored[key] = _sha(value)
        model[key] = _sha(value)
    for key in [*probes, *model]:
        got = stored.get(key)
        assert (got is None) == (key not in model)
        if got is not None:
            assert model[key].startswith(got) and len(got) == 32


def test_additions_past_the_merge_size_are_kept(monkeypatch) -> None:
    monkeypatch.setattr(digests, "_MERGE", 4)  # merge into the sorted arrays every 4 additions
    seen, stored = DigestSet(["x"]), ShaMap([("x", _sha("old"))])
    for k in range(50):
        seen.add(f"id{k}")
        stored[f"id{k}"] = _sha(str(k))
    stored["x"] = _sha("new")  # a later value replaces the stored one, merged or not
    for k in range(10):
        stored[f"pad{k}"] = _sha("pad")
    assert len(seen) == 51 and all(f"id{k}" in seen for k in range(50)) and "id50" not in seen
    assert all(_sha(str(k)).startswith(stored.get(f"id{k}") or "-") for k in range(50))
    assert _sha("new").startswith(stored.get("x") or "-")


def test_the_digests_the_database_sorts_are_the_keys_digests() -> None:
    import duckdb

    con = duckdb.connect()
    con.execute("CREATE TABLE filings (filing_id VARCHAR, source_sha256 VARCHAR)")
    pairs = [(f"0000950123-07-{k:06d}", _sha(str(k))) for k in range(500)] + [("sha256:é", _sha("x"))]
    con.executemany("INSERT INTO filings VALUES (?, ?)", pairs)
    stored = ShaMap.from_md5(con.execute("SELECT md5(filing_id) AS k, source_sha256 FROM filings ORDER BY k").fetchall())
    known = DigestSet.from_md5(k for k, in con.execute("SELECT md5(source_sha256) AS k FROM filings ORDER BY k").fetchall())
    assert all(sha.startswith(stored.get(fid) or "-") and sha in known for fid, sha in pairs)
    assert stored.get("0000950123-07-000500") is None and _sha("500") not in known
    stored["0000950123-07-000001"] = _sha("replaced")  # an id stored before takes its new sha256
    assert _sha("replaced").startswith(stored.get("0000950123-07-000001") or "-")


def test_a_digest_set_takes_16_bytes_an_entry_and_pickles_as_much() -> None:
    seen = DigestSet(str(k) for k in range(200_000))
    size = len(pickle.dumps(seen))
    assert 200_000 * 16 <= size < 200_000 * 16 + 10_000
    assert "199999" in seen and "200000" not in seen
