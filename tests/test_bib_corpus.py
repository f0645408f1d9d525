"""The BibTeX writer against a corpus of real metadata shapes (tests/bib_corpus/).

Every case is a record as papergraph's sources give it, with its public source and a
hand-made truth: the citation key, each name as BibTeX must split it, and the text the
compiled bibliography must show. The whole corpus is compiled with real bibtex +
pdflatex in the styles students use (plain, alpha, abbrv, unsrt, IEEEtran, apalike,
plainnat, abbrvnat, acm, ACM-Reference-Format) and with biblatex + biber: no error, no
warning the record does not explain, and (in plain and abbrv) the expected text in the PDF.
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from pybtex.database import parse_string
from test_bib_latex import _compile_bibtex, _need, _need_sty, _run

from papergraph import bib
from papergraph.models import Paper, Provenance, Record, Resolution

CORPUS = Path(__file__).parent / "bib_corpus" / "cases.json"
CASES = json.loads(CORPUS.read_text("utf-8"))["cases"]
COMPILED = [c for c in CASES if c.get("compile", True)]
# BibTeX warnings a record explains: no year is known for it (nothing is invented).
ALLOWED_WARNINGS = re.compile(r"Warning--(empty year|missing year) in krizhevsky")
# ACM's style also wants an address for every paper, a publisher and pages, which dblp
# gives for none, some and most of them respectively: it says so, rightly.
ACM_MISSING = re.compile(r"Warning--(empty (address|publisher)|page numbers missing) ")


def _record(case: dict) -> Record:
    r = dict(case["record"])
    prov = Provenance("dblp", "2024-01-01", f"corpus case {case['id']}")
    for name in ("authors", "editors"):
        if name in r:
            r[name] = tuple(r[name])
    return Record(key=case["id"], status="matched", confidence=1.0,
                  sources=tuple((f, prov) for f in sorted(r)), **r)


@pytest.fixture(scope="module")
def corpus(syllabus):
    papers = tuple(Paper(key=c["id"], title=c["record"]["title"],
                         authors=tuple(c["record"].get("authors", ())),
                         year=c["record"].get("year")) for c in CASES)
    syl = replace(syllabus, papers=papers, topics=(), areas=(), talks=())
    res = Resolution(records=tuple(_record(c) for c in CASES))
    records = {r.paper: r for r in bib.bib_records(syl, res)}
    return syl, res, records


def _ids(case: dict) -> str:
    return case["id"]


@pytest.mark.parametrize("case", [c for c in CASES if "key" in c["expect"]], ids=_ids)
def test_citation_key(corpus, case):
    _, _, records = corpus
    assert records[case["id"]].key == case["expect"]["key"]


def test_keys_are_stable_and_collisions_deterministic(corpus):
    syl, res, records = corpus
    again = {r.paper: r.key for r in bib.bib_records(syl, res)}
    assert again == {k: r.key for k, r in records.items()}
    # the same paper twice under two syllabus keys: suffixes in title order, either way round
    twin = replace(syl.papers[0], key="twin")
    rec = replace(res.records[0], key="twin", title=res.records[0].title + " (Extended)")
    for papers in ((syl.papers[0], twin), (twin, syl.papers[0])):
        keys = bib.citation_keys(replace(syl, papers=papers),
                                 Resolution(records=(res.records[0], rec)))
        assert keys == {"erdos1960": "erdos1960evolutiona", "twin": "erdos1960evolutionb"}


def _names(entry_text: str, role: str) -> list[str]:
    """Each name of ``role`` as BibTeX splits it, ``von Last, Jr, First`` (from the UTF-8
    form of the entry: the split is the same in both forms, the characters are checked in
    the compiled PDF)."""
    entry = next(iter(parse_string(entry_text, "bibtex").entries.values()))
    out = []
    for p in entry.persons.get(role, []):
        def text(parts: list[str]) -> str:
            return " ".join(parts).replace("{", "").replace("}", "")
        name = text(p.prelast_names + p.last_names)
        if p.lineage_names:
            name += ", " + text(p.lineage_names)
        if p.first_names or p.middle_names:
            name += ", " + text(p.first_names + p.middle_names)
        out.append(unicodedata.normalize("NFC", name))
    return out


@pytest.mark.parametrize("case", [c for c in CASES if "author" in c["expect"]
                                  or "author_count" in c["expect"]], ids=_ids)
def test_names_split_as_bibtex_must(corpus, case):
    _, _, records = corpus
    text = bib.entry_text(records[case["id"]], unicode=True)
    authors = _names(text, "author")
    if "author" in case["expect"]:
        assert authors == case["expect"]["author"], text
    else:
        assert len(authors) == case["expect"]["author_count"]
    if "editor" in case["expect"]:
        assert _names(text, "editor") == case["expect"]["editor"], text


@pytest.mark.parametrize("case", [c for c in CASES if "title_tex" in c["expect"]], ids=_ids)
def test_title_tex(corpus, case):
    _, _, records = corpus
    assert case["expect"]["title_tex"] in bib.entry_text(records[case["id"]])


STYLES = {  # style -> (preamble, LaTeX file the style needs)
    "plain": ("", None), "alpha": ("", None), "abbrv": ("", None), "unsrt": ("", None),
    "IEEEtran": ("", "IEEEtran.bst"), "apalike": ("", "apalike.bst"),
    "plainnat": ("", "plainnat.bst"),  # _compile_bibtex loads natbib for it
    "abbrvnat": ("\\usepackage[numbers]{natbib}\n", "abbrvnat.bst"),
    "acm": ("", "acm.bst"),
    "ACM-Reference-Format": ("\\usepackage[numbers]{natbib}\n", "ACM-Reference-Format.bst"),
}
# One very wide page and no hyphenation: each entry is one line of the PDF's text.
PAGE = ("\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n\\usepackage{url}\n"
        "\\usepackage[paperwidth=500cm,paperheight=100cm,margin=1cm]{geometry}\n"
        "\\hyphenpenalty=10000 \\exhyphenpenalty=10000 \\raggedright\n")


def _pdf_text(pdf: Path) -> str:
    _need("pdftotext")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    out = unicodedata.normalize("NFKC", out)  # ligatures (ﬁ) and accents composed
    return re.sub(r"\s+", " ", out.replace("\u2019", "'"))  # T1 prints ' as ’


def _bibliography(records: dict) -> tuple[str, list[str]]:
    chosen = [records[c["id"]] for c in COMPILED]
    return bib.render_bibtex(chosen), [r.key for r in chosen]


pytestmark = pytest.mark.latex


@pytest.mark.parametrize("style", list(STYLES))
def test_corpus_compiles_cleanly(tmp_path, corpus, style):
    _need("pdflatex", "bibtex")
    for sty in ("lmodern.sty", "geometry.sty", STYLES[style][1]):
        if sty:
            _need_sty(sty)
    _, _, records = corpus
    text, keys = _bibliography(records)
    blg, log = _compile_bibtex(tmp_path, text, keys, style, preamble=PAGE + STYLES[style][0])
    pdf = _pdf_text(tmp_path / "doc.pdf")
    warnings = [w for w in re.findall(r"Warning--.*", blg) if not ALLOWED_WARNINGS.match(w)
                and not (style == "ACM-Reference-Format" and ACM_MISSING.match(w))]
    assert not warnings, blg
    assert "error message" not in blg, blg
    problems = [line for line in log.splitlines() if re.search(
        r"^!|Missing character|[Uu]ndefined|Unicode character|Overfull", line)]
    assert not problems, problems
    bbl = (tmp_path / "doc.bbl").read_text("utf-8")
    assert all(f"{{{k}}}" in bbl for k in keys)
    if style in ("plain", "abbrv"):
        missing = [(c["id"], want) for c in COMPILED for want in c["expect"].get(style, ())
                   if want not in pdf]
        assert not missing, missing
    absent = [(c["id"], bad) for c in COMPILED for bad in c["expect"].get("absent", ())
              if bad in pdf]
    assert not absent, absent


@pytest.mark.parametrize("unicode", [False, True], ids=["latex", "unicode"])
def test_corpus_compiles_with_biber(tmp_path, corpus, unicode):
    """biblatex + biber: LaTeX-encoded with pdflatex, UTF-8 (``--unicode``) with lualatex.

    biber turns LaTeX accents back into UTF-8 for the .bbl, and pdflatex's inputenc knows
    no Vietnamese letter with two marks (ễ, ị): those cases need lualatex or xelatex
    (``pdflatex": false`` in the corpus). lualatex runs without fontspec here (this
    machine's luaotfload finds no OpenType font), so its missing glyphs are not checked;
    biber's name parsing is, against the corpus's truth.
    """
    engine = "lualatex" if unicode else "pdflatex"
    _need(engine, "biber")
    _need_sty("biblatex.sty")
    _, _, records = corpus
    cases = [c for c in COMPILED if unicode or c.get("pdflatex", True)]
    chosen = [records[c["id"]] for c in cases]
    (tmp_path / "refs.bib").write_text(
        bib.render(chosen, fmt="biblatex", unicode=unicode), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n"
        + ("" if unicode else "\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n")
        + "\\usepackage[backend=biber,maxnames=99]{biblatex}\n\\addbibresource{refs.bib}\n"
        "\\begin{document}\n" + "".join(f"\\cite{{{r.key}}}\n" for r in chosen)
        + "\\printbibliography\n\\end{document}\n", encoding="utf-8")
    latex = [engine, "-interaction=nonstopmode", "-halt-on-error", "doc"]
    assert _run(latex, tmp_path).returncode == 0
    biber = _run(["biber", "doc"], tmp_path)
    assert biber.returncode == 0, biber.stdout
    assert "WARN" not in biber.stdout and "ERROR" not in biber.stdout, biber.stdout
    for _ in range(2):
        done = _run(latex, tmp_path)
        assert done.returncode == 0, done.stdout[-3000:]
    log = (tmp_path / "doc.log").read_text("utf-8", "replace")
    pattern = r"^!|[Uu]ndefined|Unicode character" + ("" if unicode else "|Missing character")
    problems = [line for line in log.splitlines() if re.search(pattern, line)]
    assert not problems, problems
    if unicode:  # biber splits every name as the corpus says
        bbl = (tmp_path / "doc.bbl").read_text("utf-8")
        for case in cases:
            for want in case["expect"].get("author", ()):
                # biber keeps lower-case particles apart: prefix={van den}, family={Oord}
                family = re.sub(r"^([a-z]+ )+", "", want.split(", ")[0])
                words = r"(?:\\bibnamedelim[ab] ?| )".join(map(re.escape, family.split()))
                assert re.search(rf"family=\{{\{{?{words}\}}", bbl), (case["id"], family)


def test_title_math_is_kept_only_when_harmless():
    assert bib.latex_title(r"An $O(\sqrt{n})$ Bound") == r"An {$O(\sqrt{n})$} Bound"
    assert bib.latex_title(r"Using \(\ell_1\) Norms") == r"Using {$\ell_1$} Norms"
    for hostile in (r"A $\input{/etc/hostname}$ B", r"A $^^5cinput{x}$ B", r"A $x}\input{y$ B"):
        tex = bib.latex_title(hostile)
        assert tex.count("\\$") == 2 and "^^" not in tex, tex  # both dollars escaped: text
        assert "\\input" not in tex and "\\in" not in tex.replace("\\textbrace", ""), tex
    # a price is not math: "$5 and $10" stays text
    assert bib.latex_title("From $5 and $10 Budgets") == r"From \$5 and \$10 Budgets"


def test_plain_names_split_as_bibtex_splits_them():
    """A name of capitalised ASCII words (most authors) is split without pybtex's parser:
    the same given names and surname as pybtex gives, so the same citation."""
    from pybtex.database import Person

    from papergraph.bib.names import bibtex_name, name_parts

    for name in ("Yann N. LeCun", "J.R.R. Tolkien", "Author0 Surname0", "Mary Ann McDonald",
                 "A. B. C. Dee", "Kaiming He"):
        parts, p = name_parts(name), Person(name)
        assert (parts.first, parts.von, parts.last, parts.jr) == (
            " ".join(p.first_names + p.middle_names), "", " ".join(p.last_names), "")
    assert bibtex_name(name_parts("Yann N. LeCun"), str) == "LeCun, Yann N."


def test_csl_names_and_titles_follow_the_same_rules(corpus):
    _, _, records = corpus
    item = {k: bib.csl.csl_item(r) for k, r in records.items()}
    assert item["heath2016"]["author"][0] == {"family": "Heath", "given": "Robert W.",
                                              "suffix": "Jr."}
    assert item["rothe2018"]["author"][2] == {"family": "Van Gool", "given": "Luc"}
    assert item["bai2020"]["author"][0] == {"family": "Bai", "given": "Lei"}
    assert item["atlas2012"]["author"] == [{"literal": "The ATLAS Collaboration"}]
    assert item["arthur2007"]["title"].startswith('<span class="nocase">k</span>-means++: The')
    assert item["mironov2017"]["title"] == (
        '<span class="nocase">Rényi</span> differential privacy')
