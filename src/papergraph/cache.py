"""The persistent cache: one SQLite file (WAL) in the cache folder.

Two tables: ``responses`` (raw response bodies by request key: method, URL path, query
and body, never a header, so never the API key) and ``records`` (one normalised
:class:`~papergraph.models.Record` per paper fingerprint). Each write commits at once,
so a ``kill -9`` loses nothing already fetched and the next run resumes from there.
The shipped snapshot (:mod:`papergraph.snapshot`) is the read-only layer under it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import date
from pathlib import Path

from .errors import CacheError
from .models import Record, record_from_json, to_jsonable

SCHEMA = 1
DB_NAME = "papergraph.sqlite3"


class Cache:
    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / DB_NAME
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None,
                                       check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(
                """
                CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
                CREATE TABLE IF NOT EXISTS responses (
                    key TEXT PRIMARY KEY, status INTEGER NOT NULL, body TEXT NOT NULL,
                    fetched TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS records (
                    fingerprint TEXT PRIMARY KEY, paper TEXT NOT NULL, record TEXT NOT NULL,
                    fetched TEXT NOT NULL);
                """
            )
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
        except (sqlite3.Error, OSError) as exc:
            raise CacheError(f"cannot open the cache {self.path}: {exc}") from None

    def _run(self, sql: str, args: tuple) -> list[tuple]:
        try:
            with self._lock:
                return self._db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise CacheError(f"cache {self.path}: {exc}") from None

    # raw responses --------------------------------------------------------
    def get_response(self, key: str) -> tuple[int, str] | None:
        rows = self._run("SELECT status, body FROM responses WHERE key = ?", (key,))
        return (rows[0][0], rows[0][1]) if rows else None

    def put_response(self, key: str, status: int, body: str) -> None:
        self._run("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?)",
                  (key, status, body, date.today().isoformat()))

    # normalised records ---------------------------------------------------
    def get_record(self, fingerprint: str) -> Record | None:
        rows = self._run("SELECT record FROM records WHERE fingerprint = ?", (fingerprint,))
        if not rows:
            return None
        try:
            return record_from_json(json.loads(rows[0][0]))
        except (ValueError, TypeError):
            return None  # an old or damaged entry: fetch again

    def put_record(self, fingerprint: str, record: Record) -> None:
        text = json.dumps(to_jsonable(record), sort_keys=True, ensure_ascii=False)
        self._run("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?)",
                  (fingerprint, record.key, text, date.today().isoformat()))

    def close(self) -> None:
        with self._lock:
            self._db.close()
