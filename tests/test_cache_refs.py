"""The cache stores each distinct reference once and hands out one Ref per reference."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from papergraph.cache import Cache
from papergraph.models import Record, Ref, to_jsonable

SHARED = Ref(title="A Paper Everyone Cites", year=2015, authors=("Ann Lee",), s2_id="s2x")


def _record(key: str, *extra: Ref) -> Record:
    return Record(key=key, status="matched", title=f"Paper {key}",
                  references=(SHARED, *extra), references_complete=True,
                  citations=(SHARED,))


def test_a_shared_reference_is_stored_and_decoded_once(tmp_path: Path):
    cache = Cache(tmp_path)
    cache.put_record("fa", _record("a", Ref(title="Only in A")))
    cache.put_record("fb", _record("b"))
    cache.close()
    db = sqlite3.connect(tmp_path / "papergraph.sqlite3")
    assert db.execute("SELECT count(*) FROM refs").fetchone()[0] == 2
    stored = json.loads(db.execute("SELECT record FROM records WHERE paper='a'").fetchone()[0])
    assert all(isinstance(k, str) for k in stored["references"] + stored["citations"])
    db.close()
    cache = Cache(tmp_path)
    a, b = cache.get_record("fa").record, cache.get_record("fb").record
    assert a == _record("a", Ref(title="Only in A")) and b == _record("b")
    assert a.references[0] is b.references[0] is b.citations[0]  # one object


def test_an_older_inline_record_is_still_read_and_a_missing_ref_is_a_miss(tmp_path: Path):
    cache = Cache(tmp_path)
    cache.put_record("fb", _record("b"))
    inline = json.dumps(to_jsonable(_record("old")), sort_keys=True)
    cache._db.execute("INSERT INTO records (fingerprint, paper, record, fetched, complete)"
                      " VALUES ('fo', 'old', ?, '2026-01-01', 1)", (inline,))
    cache._db.execute("DELETE FROM refs")
    assert cache.get_record("fo").record == _record("old")
    assert cache.get_record("fb") is None  # its refs are gone: fetched again
    cache.close()


def test_a_stored_reference_with_a_null_list_is_still_read(tmp_path: Path):
    """Bodies are decoded a query at a time by msgspec; one it refuses (``"authors":
    null``, as a hand-edited or older entry may hold) is read the old way, not lost."""
    cache = Cache(tmp_path)
    cache.put_record("fa", _record("a", Ref(title="Only in A")))
    cache._db.execute("UPDATE refs SET body = replace(body, '\"authors\": []', "
                      "'\"authors\": null')")
    assert cache.get_record("fa").record == _record("a", Ref(title="Only in A"))
    cache.close()


def test_records_read_together_lose_only_a_damaged_one(tmp_path: Path):
    """A build reads its records 500 to a query: one damaged entry (not JSON, or an
    object of the wrong shape) is a miss for its own paper, the others are read."""
    cache = Cache(tmp_path)
    cache.put_record("fa", _record("a", Ref(title="Only in A")))
    cache.put_record("fb", _record("b"))
    for fp, text in (("fx", "{not json"), ("fy", "[1, 2]")):
        cache._db.execute("INSERT INTO records (fingerprint, paper, record, fetched, complete)"
                          " VALUES (?, 'x', ?, '2026-01-01', 1)", (fp, text))
    got = cache.get_records(["fa", "fx", "fb", "fy", "fmissing", "fa"])
    assert sorted(got) == ["fa", "fb"]
    assert got["fa"].record == _record("a", Ref(title="Only in A"))
    assert got["fb"].record.references[0] is got["fa"].record.references[0]
    cache.close()
