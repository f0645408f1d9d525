"""LaTeX injection: no value from a syllabus or a web service makes pdflatex run anything.

On an earlier main a ``doi`` of ``10.1/x}\\input{/etc/hostname}`` was written verbatim and
pdflatex read /etc/hostname. Here every field of an entry carries a payload that, if
LaTeX executed it, would read a marker file which writes ``pwned.txt`` and prints
``PWNED-MARKER``; the .bib papergraph writes is compiled with real pdflatex + bibtex
(``plain``, ``plainnat`` with and without the url package) and biber, and neither trace
may appear. A canary compiles the raw payload to prove the harness sees an execution.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from test_bib_latex import T1, _need, _need_sty, _run

from papergraph import bib
from papergraph.bib import records as bib_records_module
from papergraph.bibcheck import check_bib_text
from papergraph.errors import InputError
from papergraph.identifiers import key_problem
from papergraph.models import Paper, Provenance, Record, Resolution

pytestmark = pytest.mark.latex

MARKER_TEX = ("\\typeout{PWNED-MARKER}\n\\newwrite\\pwnedfile\n"
              "\\immediate\\openout\\pwnedfile=pwned.txt\n"
              "\\immediate\\write\\pwnedfile{pwned}\n\\immediate\\closeout\\pwnedfile\n")


def _marker(tmp: Path) -> Path:
    marker = tmp / "marker.tex"
    marker.write_text(MARKER_TEX)
    return marker


def _payloads(marker: Path) -> dict[str, str]:
    """Ways to reach ``\\input`` from a field value."""
    cmd = f"\\input{{{marker}}}"
    return {
        "command": cmd,
        "close-and-run": f"x}}{cmd}{{",
        "caret-notation": f"^^5cinput{{{marker}}}",
        "comment-then-line": f"x%\n{cmd}",
        "carriage-return": f"x\r{cmd}",
        "blank-line": f"x\n\n{cmd}",
    }


def _hostile(payload: str, key: str = "evil") -> tuple[Paper, Paper, Record]:
    """A resolved paper whose record carries ``payload`` in every field, and an unresolved
    paper whose syllabus entry does (the two ways values reach the .bib)."""
    prov = Provenance("s2", "2020-01-01", "hostile test record")
    rec = Record(
        key=key, status="matched", confidence=1.0, title=f"Title {payload}",
        authors=(f"Ann {payload} Author", "Bob Builder"), year=2020, venue=f"ICML {payload}",
        entry_type="inproceedings", booktitle=f"Proceedings {payload}",
        editors=(f"Ed {payload} Itor",), series=f"PMLR {payload}", volume=f"1{payload}",
        number=payload, pages=f"1-{payload}", publisher=f"Pub {payload}",
        doi=f"10.1234/a{payload}", url=f"https://example.org/{payload}",
        arxiv=f"2001.00001{payload}", dblp=f"conf/x/Y{payload}",
        sources=tuple((f, prov) for f in ("title", "authors", "doi", "url", "arxiv")),
    )
    paper = Paper(key=key, title="Title", authors=("Ann Author",), venue="ICML", year=2020)
    page = Paper(key=f"{key}page", title=f"Page title {payload}",
                 authors=(f"Cy {payload} Page",), venue=f"Venue {payload}", year=2021,
                 doi=f"10.1234/b{payload}", arxiv=f"2002.00002{payload}")
    return paper, page, rec


@pytest.fixture
def hostile_bib(syllabus, resolution):
    """(the .bib text, the records) for papers carrying each of ``payloads``."""
    def make(*payloads: str, fmt: str = "bibtex",
             key_style: str = "scholar") -> tuple[str, list[bib.BibRecord]]:
        papers, records = [], []
        for i, payload in enumerate(payloads):
            paper, page, rec = _hostile(payload, f"evil{i}")
            papers += [paper, page]
            records.append(rec)
        syl = replace(syllabus, papers=syllabus.papers + tuple(papers))
        res = Resolution(records=resolution.records + tuple(records))
        wanted = {p.key for p in papers}
        made = [r for r in bib.bib_records(syl, res, key_style=key_style) if r.paper in wanted]
        return bib.render(made, fmt=fmt), made
    return make


def _compile(tmp: Path, bibtext: str, keys: list[str], style: str, preamble: str = "") -> str:
    (tmp / "refs.bib").write_text(bibtext, encoding="utf-8")
    if style == "biblatex":
        head = T1 + "\\usepackage[backend=biber]{biblatex}\n\\addbibresource{refs.bib}\n"
        tail = "\\printbibliography\n"
    else:
        head, tail = preamble, f"\\bibliographystyle{{{style}}}\n\\bibliography{{refs}}\n"
    (tmp / "doc.tex").write_text(
        "\\documentclass{article}\n" + head + "\\begin{document}\n"
        + "".join(f"\\cite{{{k}}}\n" for k in keys) + tail + "\\end{document}\n",
        encoding="utf-8")
    latex = ["pdflatex", "-interaction=nonstopmode", "-no-shell-escape", "doc"]
    _run(latex, tmp)
    helper = _run(["biber" if style == "biblatex" else "bibtex", "doc"], tmp)
    logs = [helper.stdout]
    for _ in range(2):
        logs.append(_run(latex, tmp).stdout)
    logs.append((tmp / "doc.log").read_text("utf-8", "replace"))
    return "\n".join(logs)


STYLES = {
    "plain": ("plain", ""),
    "plainnat+url": ("plainnat", "\\usepackage{natbib}\n\\usepackage{url}\n"),
    "plainnat-bare": ("plainnat", "\\usepackage{natbib}\n"),
    "biblatex": ("biblatex", ""),
}


def _assert_not_executed(tmp: Path, log: str, marker: Path) -> None:
    assert not (tmp / "pwned.txt").exists(), "LaTeX ran the injected \\input"
    assert "PWNED-MARKER" not in log
    assert f"({marker}" not in log  # TeX logs every file it opens as "(/path"


def test_canary_the_harness_sees_an_execution(tmp_path):
    """Proves the assertions above can fail: a raw \\input in a note is executed."""
    _need("pdflatex", "bibtex")
    marker = _marker(tmp_path)
    raw = f"@misc{{canary,\n  title = {{Canary}},\n  note = {{\\input{{{marker}}}}}\n}}\n"
    log = _compile(tmp_path, raw, ["canary"], "plain")
    assert (tmp_path / "pwned.txt").exists() and "PWNED-MARKER" in log


@pytest.mark.parametrize("style_name", list(STYLES))
def test_no_field_value_runs_in_latex(tmp_path, hostile_bib, style_name):
    """Every payload of :func:`_payloads` in every field, one document per style."""
    style, preamble = STYLES[style_name]
    _need("pdflatex", "biber" if style == "biblatex" else "bibtex")
    if style == "biblatex":
        _need_sty("biblatex.sty")
        _need_sty("lmodern.sty")
    marker = _marker(tmp_path)
    text, records = hostile_bib(*_payloads(marker).values(),
                                fmt="biblatex" if style == "biblatex" else "bibtex")
    assert len(records) == 2 * len(_payloads(marker))
    assert [p for p in check_bib_text(text) if p.level == "error"] == []
    log = _compile(tmp_path, text, [r.key for r in records], style, preamble)
    _assert_not_executed(tmp_path, log, marker)
    bbl = (tmp_path / "doc.bbl").read_text("utf-8", "replace")
    assert all(r.key in bbl for r in records)  # the entries are there, not dropped
    # ... and pdflatex read all of them: the document was finished, not abandoned
    assert "Output written on doc.pdf" in (tmp_path / "doc.log").read_text("utf-8", "replace")


def test_identifiers_are_refused_with_a_note_and_text_is_escaped(hostile_bib):
    _, records = hostile_bib("}\\input{m}{")
    evil, page = records
    assert {f.name for f in evil.fields} >= {"author", "title", "booktitle", "year", "pages"}
    assert not {"doi", "url", "eprint", "archiveprefix"} & {f.name for f in evil.fields}
    assert [n.split(":", 2)[1].strip().split()[0] for n in evil.notes] == ["doi", "url", "arXiv"]
    assert all(n.endswith(")") and "; left out of its entry (from " in n for n in evil.notes)
    assert evil.notes[0].startswith("evil0: doi '10.1234/a}\\input{m}{' is not a DOI")
    assert not {"doi", "eprint", "archiveprefix"} & {f.name for f in page.fields}
    assert [n.split(":", 2)[1].split()[0] for n in page.notes] == ["doi", "arXiv"]
    entry = bib.render_bibtex([evil])
    assert "\\input" not in entry
    assert "{\\textbackslash}input" in entry  # the text survives, as text


def test_a_dblp_key_that_is_not_a_safe_key_falls_back_to_scholar(hostile_bib):
    _, records = hostile_bib("}x{", key_style="dblp")
    evil = records[0]
    assert evil.key.endswith("2020title") and key_problem(evil.key) is None
    assert "evil0: the record's dblp key 'conf/x/Y}x{' is not allowed" in " ".join(evil.notes)


def test_control_characters_and_line_breaks_become_one_space():
    assert bib.one_line("A\r\n\n  title\x00 with\u2028breaks\x7f ") == "A title with breaks"
    assert bib.one_line("Already fine") == "Already fine"
    assert bib.one_line("Non\u00a0breaking") == "Non\u00a0breaking"  # kept: LaTeX has ~


def test_an_oversized_value_is_refused_not_written():
    fields = [bib.BibField("title", "T" * (bib.MAX_FIELD + 1), "s2"),
              bib.BibField("author", "A" * 2001 + " and Bob", "s2"),
              bib.BibField("year", "2020", "s2")]
    kept, notes = bib.safe_fields("big", fields)
    assert [f.name for f in kept] == ["year"]
    assert notes == [
        "big: title is 20,001 characters long (at most 20,000); left out of its entry (from s2)",
        "big: author: a name is 2,001 characters long (at most 2,000); left out of its entry "
        "(from s2)"]


# --------------------------------------------------------------------------- end to end


def test_build_warns_per_paper_and_writes_a_bib_latex_cannot_be_tricked_by(tmp_path):
    """Hostile answers from the (fake) services: build exits 0, says what it refused for
    which paper, and the seminar.bib it wrote runs nothing in pdflatex."""
    _need("pdflatex", "bibtex")
    sys.path.insert(0, str(Path(__file__).parent))
    from fakeserver import FakeServer

    marker = _marker(tmp_path)
    srv = FakeServer().start()
    try:
        p = srv.world.papers[srv.world.seminar_ids["jacot2018"]]
        p.doi = f"10.1234/x}}\\input{{{marker}}}"
        p.venue = f"NeurIPS \\input{{{marker}}}"
        env = {**os.environ, "PAPERGRAPH_S2_API_URL": srv.url, "PAPERGRAPH_DBLP_URL": srv.url,
               "PAPERGRAPH_CACHE_DIR": str(tmp_path / "cache"), "PAPERGRAPH_RATE_LIMIT": "0",
               "PAPERGRAPH_DBLP_INTERVAL": "0", "PAPERGRAPH_BACKOFF": "0.001"}
        out = tmp_path / "site"
        done = subprocess.run([sys.executable, "-m", "papergraph.cli", "build", "--out",
                               str(out)], env=env, capture_output=True, text=True, timeout=300)
    finally:
        srv.stop()
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    warned = [line for line in done.stderr.splitlines()
              if line.startswith("warning: jacot2018: ") and "doi" in line]
    assert warned, done.stderr
    text = (out / "bib" / "seminar.bib").read_text("utf-8")
    assert "\\input" not in text
    keys = sorted(bib.citation_keys(*_loaded()).values())
    log = _compile(tmp_path, text, keys, "plainnat", STYLES["plainnat+url"][1])
    _assert_not_executed(tmp_path, log, marker)


def _loaded():
    from papergraph.resolve import load_and_resolve

    loaded = load_and_resolve(offline=True)
    return loaded.syllabus, loaded.resolution


# --------------------------------------------------------------------------- own check


def test_the_bib_check_flags_commands_that_read_write_or_redefine():
    text = ("@misc{a,\n  title = {Hello \\input{/etc/passwd}},\n  note = {a ^^5cinput b},\n"
            "  journal = {\\csname x\\endcsname},\n  doi = {10.1/x\\relax},\n"
            "  eprint = {2001.1 x},\n  url = {https://x.org/\\textbackslash b},\n"
            "  howpublished = {\\url{https://x.org/ab}},\n  publisher = {\\textbf{Bold}},\n}\n")
    assert [str(p) for p in check_bib_text(text, "t.bib")] == [
        "t.bib:2: title: TeX command '\\input' has no place in a .bib field (it can read or "
        "write files or redefine TeX)",
        "t.bib:3: note: '^^' notation can spell any character TeX reads as a command (write "
        "\\^{} for a caret)",
        "t.bib:4: journal: TeX command '\\csname' has no place in a .bib field (it can read or "
        "write files or redefine TeX)",
        "t.bib:5: doi: TeX command '\\relax' in a field that styles typeset verbatim",
        "t.bib:6: eprint: a space in a field that styles typeset verbatim",
        "t.bib:7: url: TeX command '\\textbackslash' in a field that styles typeset verbatim",
    ]


def test_build_refuses_to_write_a_bib_that_fails_its_own_check(tmp_path, syllabus, resolution,
                                                               monkeypatch):
    """Defence in depth: were the escaping to regress, nothing would be written."""
    paper, page, rec = _hostile("\\input{m}")  # balanced: pybtex's writer takes it
    syl = replace(syllabus, papers=syllabus.papers + (paper,))
    res = Resolution(records=resolution.records + (rec,))
    monkeypatch.setattr(bib_records_module, "safe_fields", lambda key, fields: (fields, []))
    with pytest.raises(InputError) as info:
        bib.write_bibtex(syl, res, tmp_path / "bib")
    first, *problems = [str(p) for p in info.value.problems]
    assert first.startswith(f"{tmp_path / 'bib'} not written: the BibTeX papergraph made fails "
                            "its own check (")
    assert problems and all(p.startswith(f"{tmp_path / 'bib'}/") for p in problems)
    assert any(": doi: TeX command '\\input' has no place" in p for p in problems)
    assert not (tmp_path / "bib").exists() or list((tmp_path / "bib").iterdir()) == []
