"""The persistent cache: one SQLite file (WAL) in the cache folder.

Three tables: ``responses`` (checked response bodies by request key: method, URL path,
query and body, never a header, so never the API key), ``records`` (one normalised
:class:`~papergraph.models.Record` per paper fingerprint) and ``refs`` (each distinct
reference once, by a hash of its JSON: a record lists its references and citations by
that key, so a paper cited by a thousand seminar papers is stored, read and decoded
once, not a thousand times; a record of the older, inline form is still read). Every
row of the first two says when it was
fetched; negative answers (404, unknown ids, no dblp record) and records built on them
carry an expiry, everything else stays until ``--refresh``. A record whose fetch was cut
short (a service down) is stored too, marked incomplete: ``--offline`` uses it, an online
run completes it. Each write commits at once, so a ``kill -9`` loses nothing already
fetched and the next run resumes from there.

A cache that cannot be written (a read-only folder, file or medium, or
``PAPERGRAPH_CACHE_READONLY=1``) is opened read-only: everything in it is still used,
nothing new is stored, and :attr:`Cache.readonly` says why. A write that fails mid-run
(the disk full, another process locking the file past the 10 s wait) switches the cache
to read-only for the rest of the run: the run finishes, :attr:`Cache.write_failed` says
why (one warning). A damaged or foreign file (not SQLite, another program's tables, a
schema that is no number) is renamed aside (``papergraph.sqlite3.damaged-TIME``) and a
fresh cache started: :attr:`Cache.notice` says so.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import count
from pathlib import Path
from typing import Any, cast

import msgspec

from .errors import CacheError
from .models import Record, Ref, record_from_json, ref_from_json, to_jsonable

SCHEMA = 2
BUSY_SECONDS = 10.0  # how long a write waits for another process's lock, then gives up
DB_NAME = "papergraph.sqlite3"

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY, status INTEGER NOT NULL, body TEXT NOT NULL,
    fetched TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    fingerprint TEXT PRIMARY KEY, paper TEXT NOT NULL, record TEXT NOT NULL,
    fetched TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS refs (key TEXT PRIMARY KEY, body TEXT NOT NULL);
"""
_EDGES = ("references", "citations")  # the record fields stored as lists of refs keys
_UPGRADES = (  # schema 1 -> 2 (old records were stored only when complete)
    "ALTER TABLE responses ADD COLUMN expires TEXT",
    "ALTER TABLE records ADD COLUMN complete INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE records ADD COLUMN expires TEXT",
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class CachedRecord:
    record: Record
    fetched: str  # ISO time (UTC)
    complete: bool
    expires: str | None
    # its references' and citations' numbers in Cache.decoded (None: an older record
    # whose references were stored inline)
    numbers: tuple[list[int], list[int]] | None = None

    @property
    def expired(self) -> bool:
        return self.expires is not None and self.expires <= _now()


class Cache:
    def __init__(self, folder: Path, *, readonly: bool = False) -> None:
        self.path = Path(folder) / DB_NAME
        self._lock = threading.Lock()
        self.readonly: str | None = "PAPERGRAPH_CACHE_READONLY is set" if readonly else None
        self.write_failed: str | None = None
        self.notice: str | None = None
        if readonly:
            self._db = self._open_readonly(None)
        else:
            try:
                self._db = self._open_writable()
            except _Damaged as exc:
                self._db = self._set_aside(str(exc))
            except (sqlite3.Error, OSError) as exc:
                self.readonly = f"cannot write it ({_reason(exc)})"
                self._db = self._open_readonly(exc)
        # equal references of different records decoded once and shared (for this Cache)
        self._shared_refs: dict[tuple, Ref] = {}
        # each refs key decoded once per Cache and numbered: refs key -> its number n,
        # ``decoded[n]`` its Ref (a record's lists come back as numbers too, so the stages
        # need no pass of their own to number them: papergraph.refnumbers)
        self._refs: dict[str, int] = {}
        self.decoded: list[Ref] = []
        # a read-only cache may still be in the first layout (no expiry columns)
        self._v1 = "complete" not in {r[1] for r in self._run("PRAGMA table_info(records)",
                                                              ())}

    def _set_aside(self, why: str) -> sqlite3.Connection:
        """Rename a damaged or foreign cache file aside and start a fresh one."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{DB_NAME}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            src = Path(f"{self.path}{suffix}")
            if src.exists():
                src.replace(Path(f"{aside}{suffix}"))
        self.notice = (f"cache {self.path} was damaged or not papergraph's ({why}): moved "
                       f"aside to {aside.name}; starting a fresh cache")
        return self._open_writable()

    def _open_writable(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None,
                             check_same_thread=False)
        try:
            _check_layout(db)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_TABLES)
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', '1')")
            version = _schema(db)
            if version < SCHEMA:
                for sql in _UPGRADES:
                    db.execute(sql)
                db.execute("UPDATE meta SET value = ? WHERE name = 'schema'", (str(SCHEMA),))
            db.execute("BEGIN IMMEDIATE")  # proves the file can be written
            db.execute("COMMIT")
        except BaseException:
            db.close()
            raise
        return db

    def _open_readonly(self, cause: BaseException | None) -> sqlite3.Connection:
        """Read-only, and ``immutable`` when even WAL's shared-memory file cannot be made."""
        if not self.path.exists():
            why = f": {cause}" if cause else ""
            raise CacheError(f"cannot open the cache {self.path}{why}")
        last: Exception | None = None
        for flags in ("mode=ro", "mode=ro&immutable=1"):
            try:
                db = sqlite3.connect(f"{self.path.as_uri()}?{flags}", uri=True,
                                     timeout=BUSY_SECONDS,
                                     isolation_level=None, check_same_thread=False)
                db.execute("SELECT count(*) FROM records").fetchone()
                return db
            except sqlite3.Error as exc:
                last = exc
        raise CacheError(f"cannot read the cache {self.path}: {last}")

    def _run(self, sql: str, args: tuple) -> list[tuple]:
        """A read; one that fails (a corrupt page) is a miss, and said once."""
        try:
            with self._lock:
                return self._db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            self.write_failed = self.write_failed or f"a read failed ({exc})"
            self.readonly = self.readonly or self.write_failed
            return []

    def _write(self, sql: str, args: tuple, *, many: bool = False) -> None:
        if self.readonly is not None:
            return
        try:
            with self._lock:
                if many:
                    self._db.executemany(sql, args)
                else:
                    self._db.execute(sql, args)
        except sqlite3.Error as exc:  # disk full, locked past the wait: read-only from now
            self.write_failed = self.readonly = f"a write failed ({exc})"

    # raw responses --------------------------------------------------------
    def get_response(self, key: str) -> tuple[int, str, str | None] | None:
        """``(status, body, expires)`` stored for ``key``, expired or not."""
        if self._v1:
            rows = self._run("SELECT status, body, NULL FROM responses WHERE key = ?", (key,))
        else:
            rows = self._run("SELECT status, body, expires FROM responses WHERE key = ?",
                             (key,))
        return (rows[0][0], rows[0][1], rows[0][2]) if rows else None

    def put_response(self, key: str, status: int, body: str,
                     expires: str | None = None) -> None:
        self._write("INSERT OR REPLACE INTO responses (key, status, body, fetched, expires)"
                    " VALUES (?, ?, ?, ?, ?)", (key, status, body, _now(), expires))

    def delete_response(self, key: str) -> None:
        self._write("DELETE FROM responses WHERE key = ?", (key,))

    # normalised records ---------------------------------------------------
    def get_record(self, fingerprint: str) -> CachedRecord | None:
        return self.get_records([fingerprint]).get(fingerprint)

    def get_records(self, fingerprints: Sequence[str]) -> dict[str, CachedRecord]:
        """The records stored for ``fingerprints`` (those found and readable), read 500 to
        a query, the references each chunk names decoded together (10,000 papers: 40
        queries, not 18,000)."""
        cols = "record, fetched, 1, NULL" if self._v1 else "record, fetched, complete, expires"
        wanted = list(dict.fromkeys(fingerprints))
        out: dict[str, CachedRecord] = {}
        for i in range(0, len(wanted), 500):
            chunk = tuple(wanted[i:i + 500])
            rows = self._run(f"SELECT fingerprint, {cols} FROM records WHERE fingerprint IN "
                             f"({','.join('?' * len(chunk))})", chunk)
            parsed = []
            for fp, text, fetched, complete, expires in rows:
                try:
                    parsed.append((fp, json.loads(text), fetched, complete, expires))
                except (ValueError, TypeError, RecursionError):
                    continue  # a damaged entry: fetch again
            self._load_refs(sorted({k for _, data, *_ in parsed if type(data) is dict
                                    for part in _EDGES for k in (data.get(part) or ())
                                    if type(k) is str}.difference(self._refs)))
            for fp, data, fetched, complete, expires in parsed:
                if (got := self._cached(data, fetched, complete, expires)) is not None:
                    out[fp] = got
        return out

    def _cached(self, data: Any, fetched: str, complete: int, expires: str | None
                ) -> CachedRecord | None:
        try:
            nums = [self._numbers(data.get(part) or ()) for part in _EDGES]
            for part, got in zip(_EDGES, nums, strict=True):  # (a missing key: KeyError)
                data[part] = self._decoded(data.get(part) or ()) if got is None else \
                    tuple(map(self.decoded.__getitem__, got))
            record = record_from_json(data, self._shared_refs)
        except (ValueError, TypeError, AttributeError, KeyError, RecursionError):
            return None  # an old or damaged entry: fetch again
        numbers = None if None in nums else (nums[0], nums[1])
        return CachedRecord(record, fetched, bool(complete), expires, numbers)  # type: ignore[arg-type]

    def _numbers(self, items: list) -> list[int] | None:
        """The numbers of the Refs a record's list of refs keys names, each decoded once
        per Cache; None for an older record's list of inline dicts."""
        refs = self._refs
        try:  # every one decoded before (most lists): one pass in C
            return list(map(refs.__getitem__, items))
        except KeyError:
            pass
        except TypeError:  # an older record's inline dicts (unhashable)
            return None
        if not all(map(str.__instancecheck__, items)):
            return None
        self._load_refs(sorted(set(items).difference(refs)))
        return list(map(refs.__getitem__, items))

    def _decoded(self, items: list) -> list:
        """An older record's list as :func:`record_from_json` takes it: its inline dicts
        as they are, a refs key's Ref decoded once per Cache."""
        refs = self._refs
        self._load_refs([k for k in items if type(k) is str and k not in refs])
        return [self.decoded[refs[k]] if type(k) is str else k for k in items]

    def _load_refs(self, keys: list[str]) -> None:
        """Decode the refs ``keys`` name into :attr:`_refs` (a few hundred per query):
        each query's bodies as one JSON array, straight into :class:`Ref` objects by
        msgspec (a fifth of the time of ``json.loads`` and :func:`ref_from_json` per
        body, about 0.6 s of a 10,000-paper build); a body msgspec refuses (a null list
        in an older entry) is read the old way."""
        keys = list(dict.fromkeys(keys))
        for i in range(0, len(keys), 500):
            chunk = tuple(keys[i:i + 500])
            rows = self._run("SELECT key, body FROM refs WHERE key IN "
                             f"({','.join('?' * len(chunk))})", chunk)
            try:
                refs = _refs_decoder().decode(
                    ("[" + ",".join([body for _, body in rows]) + "]").encode("utf-8"))
            except msgspec.MsgspecError:
                refs = [ref_from_json(json.loads(body)) for _, body in rows]
            start = len(self.decoded)
            self._refs.update(zip([key for key, _ in rows], count(start), strict=False))
            self.decoded.extend(refs)

    def put_record(self, fingerprint: str, record: Record, *, complete: bool = True,
                   expires: str | None = None) -> None:
        data = cast(dict[str, Any], to_jsonable(record))
        refs: dict[str, str] = {}
        for part in _EDGES:  # each reference stored once, by its key (before the record)
            bodies = [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in data[part]]
            data[part] = [_ref_key(b) for b in bodies]
            refs.update(zip(data[part], bodies, strict=True))
        self._write("INSERT OR IGNORE INTO refs (key, body) VALUES (?, ?)",
                    tuple(refs.items()), many=True)
        text = json.dumps(data, sort_keys=True, ensure_ascii=False)
        self._write("INSERT OR REPLACE INTO records (fingerprint, paper, record, fetched,"
                    " complete, expires) VALUES (?, ?, ?, ?, ?, ?)",
                    (fingerprint, record.key, text, _now(), int(complete), expires))

    def close(self) -> None:
        with self._lock:
            self._shared_refs, self._refs, self.decoded = {}, {}, []
            self._db.close()


@functools.cache
def _refs_decoder() -> msgspec.json.Decoder:
    return msgspec.json.Decoder(list[Ref])


def _ref_key(body: str) -> str:
    """A reference's key in the ``refs`` table: a hash of its JSON."""
    return hashlib.blake2b(body.encode("utf-8"), digest_size=10).hexdigest()


class _Damaged(sqlite3.DatabaseError):
    """The file is no papergraph cache (or a damaged one)."""


_COLUMNS = {"meta": {"name", "value"},
            "responses": {"key", "status", "body", "fetched"},
            "records": {"fingerprint", "paper", "record", "fetched"},
            "refs": {"key", "body"}}


def _check_layout(db: sqlite3.Connection) -> None:
    """Raise :class:`_Damaged` unless ``db`` is empty or papergraph's (any schema)."""
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for table in tables & set(_COLUMNS):
            cols = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
            if not _COLUMNS[table] <= cols:
                raise _Damaged(f"table {table} without the columns papergraph writes")
        if "meta" in tables:
            _schema(db)
    except _Damaged:
        raise
    except sqlite3.DatabaseError as exc:  # "file is not a database", a corrupt page
        if "locked" in str(exc) or "readonly" in str(exc) or "read-only" in str(exc):
            raise
        raise _Damaged(str(exc)) from None


def _schema(db: sqlite3.Connection) -> int:
    row = db.execute("SELECT value FROM meta WHERE name='schema'").fetchone()
    try:
        return int(row[0]) if row is not None else 1
    except (TypeError, ValueError):
        raise _Damaged(f"schema {row[0]!r} is no number") from None


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.split(": '", 1)[0] if isinstance(exc, OSError) and exc.strerror else text
