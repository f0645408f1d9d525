"""A local fake Semantic Scholar Graph API + dblp + OpenAlex server for the tests.

A real ``http.server.ThreadingHTTPServer`` on 127.0.0.1 (port 0) answering with the shapes,
status codes, bodies and headers summarised in ``shared/reference/README.md``:

* 200 bodies are ``json.dumps`` style plus ``"\\n"``; app errors are compact JSON plus
  ``"\\n"`` (``{"error": ...}`` for 400/404, ``{"message": ...}`` for 5xx);
* batch answers are arrays in input order with ``null`` for unknown ids, and 400
  ``No valid paper ids given`` when no id is known; nested ``references.<field>`` come
  inline (each with its ``paperId``, null for an unresolved reference), at most
  ``State.inline_cap`` of them;
* ``/paper/search/match`` answers ``{"data": [paper + matchScore]}`` or 404
  ``{"error":"Title match not found"}``;
* pages carry ``next == offset + limit`` only when more data exists; ``offset + limit``
  must stay below 10,000 (400 otherwise);
* 504 ``{"message": "Endpoint request timed out"}`` with ``x-amzn-ErrorType``, 429 with
  the S2 body (no ``Retry-After``) or dblp's empty body with ``Retry-After``;
* dblp search: string numbers, one author as an object, no ``hit`` key for zero hits;
* OpenAlex ``/works``: see :mod:`fakeopenalex`.

Faults are queued with :meth:`FakeServer.fail` and consumed by matching requests (see
:class:`Fault`). ``State.latency`` delays every answer. Every request (method, path,
query, headers, body) is appended to ``server.log``.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import fakeopenalex
from fakedata import FakeWorld, build_world

from papergraph.models import normalize_title

TOO_MANY = ('{"message": "Too Many Requests. Please wait and try again or apply for a key '
            'for higher rate limits. https://www.semanticscholar.org/product/api#api-key-form",'
            ' "code": "429"}')
MiB = 1024 * 1024


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
        if p.startswith("/works"):
            return fakeopenalex.kind(p, self.query)
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
    """What a matching request gets instead of (or on top of) the normal answer.

    ``where`` is a substring of the unquoted path and query. ``what``:

    * ``"429"`` (S2's body, no Retry-After), ``"429-retry-after"`` (empty body,
      ``Retry-After: arg`` seconds, as dblp), ``"429-budget"`` (OpenAlex's spent daily
      budget: its JSON body, ``Retry-After`` to midnight), ``"500"``, ``"503"``, ``"504"``;
    * ``"slow"``: wait ``State.slow_seconds``, then answer normally;
    * ``"malformed"``: a cut JSON body;
    * ``"refuse-fields"``, ``"wrong-match"``, ``"null-batch"``, ``"no-match"``: S2 logic;
    * ``"mutate"``: the normal JSON answer passed through ``arg(obj) -> obj``;
    * ``"drip-body"``: the normal answer, its body one byte per ``arg`` s (0.5);
    * ``"drip-headers"``: even the status line and headers one byte per ``arg`` s;
    * ``"hang"``: accept, then answer nothing;
    * ``"gzip-bomb"``: ``arg`` MB of zeros, gzip-compressed (``Content-Encoding: gzip``);
    * ``"huge"``: ``arg`` MB of JSON-ish bytes, without ``Content-Length``;
    * ``"huge-declared"``: a ``Content-Length`` of ``arg`` MB (nothing sent if refused);
    * ``"redirect"``: ``arg[0]`` status to ``arg[1]`` + the same path and query;
    * ``"short-body"``: the normal answer's headers, half its body, then the connection
      closed (a body shorter than its ``Content-Length``);
    * ``"reset"``: the same, then a TCP reset (``SO_LINGER`` 0) instead of a close;
    * ``"bad-chunked"``: ``Transfer-Encoding: chunked`` with a chunk size that is no
      number, after a first good chunk;
    * ``"status"``: ``arg = (status, body bytes)``.
    """

    where: str
    what: str
    times: int = 1
    arg: Any = None


@dataclass
class State:
    world: FakeWorld
    faults: list[Fault] = field(default_factory=list)
    log: list[Logged] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    slow_seconds: float = 1.5
    latency: float = 0.0  # seconds before every answer (a far-away service)
    inline_cap: int = 1000  # references the batch call inlines per paper
    stopping: threading.Event = field(default_factory=threading.Event)
    openalex_key: str | None = None  # the one valid OpenAlex key (any other: 401)


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
    mutate: Callable[[Any], Any] | None = None
    drip: float | None = None
    cut: str | None = None  # "short-body", "reset" or "bad-chunked": how the body breaks

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    # ----------------------------------------------------------------- plumbing
    def _pause(self, seconds: float) -> bool:
        """Sleep unless the server stops; False when it does."""
        return not self.server.state.stopping.wait(seconds)

    def _send(self, status: int, body: bytes, ctype: str = "application/json",
              headers: dict[str, str] | None = None) -> None:
        if self.mutate is not None and status == 200 and ctype == "application/json":
            body = _ok(self.mutate(json.loads(body)))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.entry.status = status
        if self.cut is not None:
            return self._cut_body(status, body, ctype, headers or {})
        if self.drip is None:
            self.end_headers()
            self.wfile.write(body)
            return
        self.end_headers()
        for i in range(len(body)):
            if not self._pause(self.drip):
                return
            self.wfile.write(body[i:i + 1])
            self.wfile.flush()

    def _cut_body(self, status: int, body: bytes, ctype: str, headers: dict[str, str]) -> None:
        """Headers promising ``body``, then half of it and a broken connection."""
        self.close_connection = True
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in headers.items():
            self.send_header(k, v)
        half = body[: max(1, len(body) // 2)]
        if self.cut == "bad-chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"%x\r\n%s\r\nzz-not-a-size\r\n" % (len(half), half))
            self.wfile.flush()
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(half)
        self.wfile.flush()
        if self.cut == "reset":
            import socket
            import struct

            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.connection.close()

    def _fault(self) -> Fault | None:
        st = self.server.state
        with st.lock:
            for f in st.faults:
                if f.times > 0 and f.where in unquote(self.path):
                    f.times -= 1
                    return f
        return None

    def do_GET(self) -> None:  # noqa: N802
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    def _handle(self, method: str) -> None:
        self.mutate = self.drip = self.cut = None  # one handler serves a whole connection
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        self.entry = Logged(method, parts.path, parse_qs(parts.query, keep_blank_values=True),
                            {k.lower(): v for k, v in self.headers.items()}, body)
        with self.server.state.lock:
            self.server.state.log.append(self.entry)
        if self.server.state.latency:
            time.sleep(self.server.state.latency)
        fault = self._fault()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if fault is not None and self._transport_fault(fault):
                return
            self._route(method, parts.path, self.entry.query, body, fault)

    def _transport_fault(self, fault: Fault) -> bool:
        """Faults that replace the answer (True) or change how it is sent (False)."""
        w, arg = fault.what, fault.arg
        simple = {
            "429": (429, TOO_MANY.encode(), "application/json",
                    {"x-amzn-ErrorType": "TooManyRequestsException"}),
            "429-retry-after": (429, b"", "text/html",
                                {"Retry-After": str(1 if arg is None else arg)}),
            "500": (500, _err({"message": "Internal Server Error"}), "application/json", {}),
            "503": (503, _err({"message": "Service Unavailable"}), "application/json", {}),
            "504": (504, b'{"message": "Endpoint request timed out"}', "application/json",
                    {"x-amzn-ErrorType": "InternalServerErrorException"}),
            "malformed": (200, b'{"data": [{"paperId": "trunc', "application/json", {}),
            "429-budget": (429, fakeopenalex.BUDGET_429, "application/json",
                           fakeopenalex.BUDGET_HEADERS),
        }
        if w in simple:
            status, body, ctype, headers = simple[w]
            self._send(status, body, ctype, headers)
            return True
        if w == "status":
            self._send(arg[0], arg[1])
            return True
        if w == "slow":
            self._pause(self.server.state.slow_seconds)
        elif w == "mutate":
            self.mutate = arg
        elif w == "drip-body":
            self.drip = arg or 0.5
        elif w in ("short-body", "reset", "bad-chunked"):
            self.cut = w
        elif w in ("drip-headers", "hang", "gzip-bomb", "huge", "huge-declared", "redirect"):
            getattr(self, "_" + w.replace("-", "_"))(arg)
            return True
        return False

    def _drip_headers(self, arg: Any) -> None:
        self.close_connection = True
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Pad: " + b"x" * 10_000
        for i in range(len(head)):
            if not self._pause(arg or 0.5):
                return
            self.wfile.write(head[i:i + 1])
            self.wfile.flush()

    def _hang(self, arg: Any) -> None:
        self.close_connection = True
        self._pause(arg or 3600)

    def _gzip_bomb(self, arg: Any) -> None:
        z = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip, compressed chunk by chunk
        zeros, size = bytes(64 * 1024), int((arg or 64) * MiB)
        parts = [z.compress(zeros[: min(len(zeros), size - i)])
                 for i in range(0, size, len(zeros))]
        self._send(200, b"".join(parts) + z.flush(), headers={"Content-Encoding": "gzip"})

    def _huge(self, arg: Any) -> None:
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b'{"data": [' + b" " * (MiB - 10)
        for _ in range(int(arg or 200)):
            if self.server.state.stopping.is_set():
                return
            self.wfile.write(chunk)

    def _huge_declared(self, arg: Any) -> None:
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(int((arg or 200) * MiB)))
        self.end_headers()
        self.wfile.write(b'{"data": [')

    def _redirect(self, arg: Any) -> None:
        status, target = arg
        self.send_response(status)
        self.send_header("Location", target.rstrip("/") + self.path)
        self.send_header("Content-Length", "0")
        self.end_headers()
        self.entry.status = status

    # ----------------------------------------------------------------- routes
    def _route(self, method: str, path: str, q: dict[str, list[str]], body: str,
               fault: Fault | None) -> None:
        w = self.server.state.world
        fields = [f for f in (q.get("fields", [""])[0]).split(",") if f]
        if path.startswith("/works"):
            status, out, ctype = fakeopenalex.answer(w.openalex, path, q, self.entry.headers,
                                                     self.server.state.openalex_key)
            return self._send(status, out, ctype)
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
            return self._batch(fields, body, fault)
        if rest == "/search/match":
            query = q.get("query", [""])[0]
            hits = w.by_title(query)
            if fault is not None and fault.what == "wrong-match":
                hits = [w.papers[fault.arg]]
            if fault is not None and fault.what == "no-match":
                hits = []
            if not hits:
                return self._send(404, _err({"error": "Title match not found"}))
            return self._send(200, _ok({"data": [{**self._paper(hits[0], fields),
                                                  "matchScore": 101.5}]}))
        if rest == "/search":
            words = normalize_title(q.get("query", [""])[0]).split()
            hits = [p for p in w.papers.values()
                    if words and all(x in normalize_title(p.title) for x in words)]
            return self._page(hits, q, lambda p: self._paper(p, fields), total=True)
        for edge, inner in (("/references", "citedPaper"), ("/citations", "citingPaper")):
            if rest.endswith(edge):
                return self._edges(rest[1:-len(edge)], edge, inner, fields, q)
        p = w.by_external(unquote(rest[1:]))
        if p is None:
            return self._send(404, _err({"error": f"Paper with id {unquote(rest[1:])} "
                                                  "not found"}))
        return self._send(200, _ok(self._paper(p, fields)))

    def _paper(self, p: Any, fields: list[str]) -> dict:
        """``p.as_s2`` plus nested ``references.<field>`` (inline, capped)."""
        w = self.server.state.world
        out = p.as_s2([f for f in fields if "." not in f])
        nested = [f.split(".", 1)[1] for f in fields if f.startswith("references.")]
        if nested or "references" in fields:
            refs = p.references[: self.server.state.inline_cap]
            out["references"] = [w.papers[rid].as_s2(nested) for rid, _ in refs]
        return out

    def _batch(self, fields: list[str], body: str, fault: Fault | None) -> None:
        w = self.server.state.world
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
        return self._send(200, _ok([self._paper(p, fields) if p else None for p in found]))

    def _edges(self, ident: str, edge: str, inner: str, fields: list[str], q: dict) -> None:
        w = self.server.state.world
        p = w.by_external(unquote(ident))
        if p is None:
            return self._send(404, _err({"error": f"Paper with id {ident} not found"}))
        items = p.references if edge == "/references" else p.citations
        paper_fields = [f for f in fields if f not in ("isInfluential", "contexts", "intents")]

        def item(x: tuple[str, bool]) -> dict:
            out: dict = {}
            if "isInfluential" in fields:
                out["isInfluential"] = x[1]
            out[inner] = w.papers[x[0]].as_s2(paper_fields)
            return out

        return self._page(items, q, item)

    def _page(self, items: list, q: dict, conv: Any, total: bool = False) -> None:
        offset = int(q.get("offset", ["0"])[0])
        limit = int(q.get("limit", ["100"])[0])
        if limit > 1000:
            return self._send(400, _err({"error": "Limit must be <= 1000"}))
        if not total and offset + limit >= 10000:
            return self._send(400, _err({"error": "offset + limit must be < 10000"}))
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
                if k.startswith("journals/corr/"):  # as dblp: CoRR's volume, a paper's pages
                    info["volume"] = "abs/" + k.rsplit("/abs-", 1)[-1].replace("-", ".")
                elif p.pages:
                    info["pages"] = p.pages
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
        if not self.state.world.openalex:
            self.state.world.openalex = fakeopenalex.build_openalex(self.state.world)
        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.httpd.state = self.state
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                        daemon=True)  # (stop() waits one poll interval)

    def start(self) -> FakeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.state.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

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
