"""A local fake Semantic Scholar Graph API + dblp server for the tests.

A real ``http.server.ThreadingHTTPServer`` on 127.0.0.1 (port 0) answering with the shapes,
status codes, bodies and headers summarised in ``shared/reference/README.md``:

* 200 bodies are ``json.dumps`` style plus ``"\\n"``; app errors are compact JSON plus
  ``"\\n"`` (``{"error": ...}`` for 400/404, ``{"message": ...}`` for 5xx);
* batch answers are arrays in input order with ``null`` for unknown ids, and 400
  ``No valid paper ids given`` when no id is known;
* ``/paper/search/match`` answers ``{"data": [paper + matchScore]}`` or 404
  ``{"error":"Title match not found"}``;
* pages carry ``next == offset + limit`` only when more data exists;
* dblp search: string numbers, one author as an object, no ``hit`` key for zero hits.

Faults are queued with :meth:`FakeServer.fail` and consumed by matching requests. Every
request (method, path, query, headers, body) is appended to ``server.log``.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from fakedata import FakeWorld, build_world

from papergraph.models import normalize_title

TOO_MANY = ('{"message": "Too Many Requests. Please wait and try again or apply for a key '
            'for higher rate limits. https://www.semanticscholar.org/product/api#api-key-form",'
            ' "code": "429"}')


@dataclass
class Logged:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: str
    status: int = 0

    @property
    def kind(self) -> str:
        p = self.path
        if p.startswith("/search/publ"):
            return "dblp-search"
        if p.startswith("/rec/"):
            return "dblp-bib"
        for k in ("batch", "match", "references", "citations"):
            if p.endswith("/" + k):
                return k
        return "search" if p.endswith("/search") else "paper"


@dataclass
class Fault:
    where: str  # substring of the path (or of path?query)
    what: str  # "429", "429-retry-after", "500", "503", "slow", "malformed", "refuse-fields",
    #            "wrong-match", "null-batch", "no-match"
    times: int = 1
    arg: Any = None


@dataclass
class State:
    world: FakeWorld
    faults: list[Fault] = field(default_factory=list)
    log: list[Logged] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    slow_seconds: float = 1.5


def _ok(obj: Any) -> bytes:
    return (json.dumps(obj) + "\n").encode()


def _err(obj: Any) -> bytes:
    return (json.dumps(obj, separators=(",", ":")) + "\n").encode()


class Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    # headers and body leave in separate writes: without this, Nagle + delayed ACK cost
    # ~40 ms per request on loopback (measured: a cold run took 5.4 s instead of 0.3 s)
    disable_nagle_algorithm = True

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    # ----------------------------------------------------------------- plumbing
    def _send(self, status: int, body: bytes, ctype: str = "application/json",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)
        self.entry.status = status

    def _fault(self) -> Fault | None:
        st = self.server.state
        where = self.path
        with st.lock:
            for f in st.faults:
                if f.times > 0 and f.where in unquote(where):
                    f.times -= 1
                    return f
        return None

    def do_GET(self) -> None:  # noqa: N802
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    def _handle(self, method: str) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        self.entry = Logged(method, parts.path, parse_qs(parts.query, keep_blank_values=True),
                            {k.lower(): v for k, v in self.headers.items()}, body)
        with self.server.state.lock:
            self.server.state.log.append(self.entry)
        fault = self._fault()
        if fault is not None:
            if fault.what == "429":
                return self._send(429, TOO_MANY.encode(),
                                  headers={"x-amzn-ErrorType": "TooManyRequestsException"})
            if fault.what == "429-retry-after":
                return self._send(429, b"", ctype="text/html",
                                  headers={"Retry-After": str(fault.arg or 1)})
            if fault.what in ("500", "503"):
                return self._send(int(fault.what), _err({"message": "Internal Server Error"}))
            if fault.what == "slow":
                time.sleep(self.server.state.slow_seconds)
            if fault.what == "malformed":
                return self._send(200, b'{"data": [{"paperId": "trunc')
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route(method, parts.path, self.entry.query, body, fault)

    # ----------------------------------------------------------------- routes
    def _route(self, method: str, path: str, q: dict[str, list[str]], body: str,
               fault: Fault | None) -> None:
        w = self.server.state.world
        fields = [f for f in (q.get("fields", [""])[0]).split(",") if f]
        if path.startswith("/search/publ/api"):
            return self._dblp_search(q)
        if path.startswith("/rec/") and path.endswith(".bib"):
            key = unquote(path[len("/rec/"):-len(".bib")])
            p = w.dblp.get(key)
            if p is None or not p.bibtex:
                return self._send(404, b"", ctype="text/html")
            return self._send(200, (p.bibtex + "\n").encode(), ctype="application/x-bibtex")
        if not path.startswith("/graph/v1/paper"):
            return self._send(404, _err({"error": "Not found"}))
        rest = path[len("/graph/v1/paper"):]
        if rest == "/batch" and method == "POST":
            if fault is not None and fault.what == "refuse-fields" and "citationStyles" in fields:
                return self._send(400, _err({"error": "Unrecognized or unsupported fields: "
                                                      "[citationStyles]"}))
            ids = json.loads(body or "{}").get("ids", [])
            found = [w.by_external(i) for i in ids]
            if fault is not None and fault.what == "null-batch":
                found = [None if (p is not None and fault.arg in (p.arxiv, p.paper_id))
                         else p for p in found]
            if not any(found):
                return self._send(400, _err({"error": "No valid paper ids given"}))
            return self._send(200, _ok([p.as_s2(fields) if p else None for p in found]))
        if rest == "/search/match":
            query = q.get("query", [""])[0]
            hits = w.by_title(query)
            if fault is not None and fault.what == "wrong-match":
                hits = [w.papers[fault.arg]]
            if fault is not None and fault.what == "no-match":
                hits = []
            if not hits:
                return self._send(404, _err({"error": "Title match not found"}))
            return self._send(200, _ok({"data": [{**hits[0].as_s2(fields),
                                                  "matchScore": 101.5}]}))
        if rest == "/search":
            words = normalize_title(q.get("query", [""])[0]).split()
            hits = [p for p in w.papers.values()
                    if words and all(x in normalize_title(p.title) for x in words)]
            return self._page(hits, q, lambda p: p.as_s2(fields), total=True)
        for edge, inner in (("/references", "citedPaper"), ("/citations", "citingPaper")):
            if rest.endswith(edge):
                p = w.by_external(unquote(rest[1:-len(edge)]))
                if p is None:
                    return self._send(404, _err({"error": f"Paper with id {rest[1:-len(edge)]}"
                                                          " not found"}))
                items = p.references if edge == "/references" else p.citations
                paper_fields = [f for f in fields if f not in ("isInfluential", "contexts",
                                                               "intents")]

                def item(x: tuple[str, bool], inner: str = inner,
                         pf: list[str] = paper_fields) -> dict:
                    out: dict = {}
                    if "isInfluential" in fields:
                        out["isInfluential"] = x[1]
                    out[inner] = w.papers[x[0]].as_s2(pf)
                    return out

                return self._page(items, q, item)
        p = w.by_external(unquote(rest[1:]))
        if p is None:
            return self._send(404, _err({"error": f"Paper with id {unquote(rest[1:])} "
                                                  "not found"}))
        return self._send(200, _ok(p.as_s2(fields)))

    def _page(self, items: list, q: dict, conv: Any, total: bool = False) -> None:
        offset = int(q.get("offset", ["0"])[0])
        limit = int(q.get("limit", ["100"])[0])
        if limit > 1000:
            return self._send(400, _err({"error": "Limit must be <= 1000"}))
        page: dict[str, Any] = {}
        if total:
            page["total"] = len(items)
        page["offset"] = offset
        if offset + limit < len(items):
            page["next"] = offset + limit
        page["data"] = [conv(x) for x in items[offset:offset + limit]]
        return self._send(200, _ok(page))

    def _dblp_search(self, q: dict) -> None:
        w = self.server.state.world
        words = normalize_title(q.get("q", [""])[0]).split()
        h = int(q.get("h", ["30"])[0])
        keys = [k for k, p in w.dblp.items()
                if words and all(x in normalize_title(p.title) for x in words)][:h]
        hits: dict[str, Any] = {"@total": str(len(keys)), "@computed": str(len(keys)),
                                "@sent": str(len(keys)), "@first": "0"}
        if keys:
            out = []
            for i, k in enumerate(keys):
                p = w.dblp[k]
                authors = [{"@pid": f"{i}/{j}", "text": a} for j, a in enumerate(p.authors)]
                info = {
                    "authors": {"author": authors[0] if len(authors) == 1 else authors},
                    "title": p.title.replace("'", "&apos;") + ".",
                    "venue": "CoRR" if k.startswith("journals/corr") else (p.venue or "Fake"),
                    "year": str(p.year), "type": "Informal and Other Publications"
                    if k.startswith("journals/corr") else "Conference and Workshop Papers",
                    "access": "open", "key": k, "ee": f"https://example.org/{k}",
                    "url": f"https://dblp.org/rec/{k}",
                }
                out.append({"@score": str(10 - i), "@id": str(1000 + i), "info": info,
                            "url": f"URL#{1000 + i}"})
            hits["hit"] = out
        result = {"result": {"query": " ".join(x + "*" for x in words),
                             "status": {"@code": "200", "text": "OK"},
                             "time": {"@unit": "msecs", "text": "1.00"},
                             "completions": {"@total": "0", "@computed": "0", "@sent": "0"},
                             "hits": hits}}
        return self._send(200, _ok(result))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: State


class FakeServer:
    """Start with :meth:`start`; ``url`` serves both S2 (``/graph/v1``) and dblp."""

    def __init__(self, world: FakeWorld | None = None) -> None:
        self.state = State(world or build_world())
        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.httpd.state = self.state
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> FakeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def world(self) -> FakeWorld:
        return self.state.world

    @property
    def log(self) -> list[Logged]:
        return self.state.log

    def fail(self, where: str, what: str, times: int = 1, arg: Any = None) -> None:
        with self.state.lock:
            self.state.faults.append(Fault(where, what, times, arg))

    def clear(self) -> None:
        with self.state.lock:
            self.state.log.clear()
            self.state.faults.clear()

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.log:
            out[e.kind] = out.get(e.kind, 0) + 1
        return out


if __name__ == "__main__":  # a manual server: python tests/fakeserver.py
    srv = FakeServer().start()
    print(srv.url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        srv.stop()
