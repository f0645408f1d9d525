"""RIS for Zotero, Mendeley, EndNote and Leganto: read back by a real RIS reader (rispy),
field for field the same references as the CSL-JSON, one file per topic."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rispy
from typer.testing import CliRunner

from papergraph import bib
from papergraph.bib import BibField, BibRecord
from papergraph.build import build_outputs
from papergraph.cli import app
from papergraph.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _read(text: str) -> list[dict]:
    return rispy.loads(text)


def _csl_title(title: str) -> str:
    return re.sub(r"</?span[^>]*>", "", title)


def _csl_name(name: dict) -> tuple[str, str]:
    family = name.get("family", name.get("literal", ""))
    return (family, ", ".join(x for x in (name.get("given"), name.get("suffix")) if x))


def _ris_name(name: str) -> tuple[str, str]:
    family, _, rest = name.partition(", ")
    return (family, rest)


def test_every_field_round_trips_against_the_csl_json():
    csl = json.loads(runner.invoke(app, ["bib", "--offline", "-f", "csl-json"]).stdout)
    ris = _read((ROOT / "bib" / "seminar.ris").read_text("utf-8"))
    assert [r["id"] for r in ris] == [c["id"] for c in csl]  # same entries, same order
    assert len(ris) == 15
    for r, c in zip(ris, csl, strict=True):
        assert r["type_of_reference"] == "CPAPER" and c["type"] == "paper-conference"
        assert [_ris_name(a) for a in r["authors"]] == [_csl_name(a) for a in c["author"]]
        assert [_ris_name(a) for a in r.get("secondary_authors", [])] == [
            _csl_name(a) for a in c.get("editor", [])]
        # CSL holds the title in sentence case for its styles; RIS as published
        assert r["title"].casefold() == _csl_title(c["title"]).casefold()
        assert r["secondary_title"] == c["container-title"]  # the venue
        assert int(r["year"]) == c["issued"]["date-parts"][0][0]
        assert r.get("doi") == c.get("DOI")
        assert r["urls"][0] == c["URL"]
        assert r.get("volume") == c.get("volume")
        assert r.get("publisher") == c.get("publisher")
        pages = f"{r['start_page']}-{r['end_page']}" if "end_page" in r else r.get("start_page")
        assert pages == c.get("page")


def test_one_file_per_topic_with_the_topics_papers(syllabus):
    names = {p.name for p in (ROOT / "bib").glob("*.ris")}
    assert names == {"seminar.ris"} | {f"{t.slug}.ris" for t in syllabus.topics}
    keys = {r["id"]: r for r in _read((ROOT / "bib" / "seminar.ris").read_text("utf-8"))}
    citekeys = {k: v.get("ID") for k, v in keys.items()}
    assert all(citekeys)
    kernel = _read((ROOT / "bib" / "kernel-behaviour-of-nns.ris").read_text("utf-8"))
    assert [r["id"] for r in kernel] == [
        "allen2019convergence", "allen2019resnet", "jacot2018neural"]
    jacot = kernel[2]
    assert jacot["authors"] == ["Jacot, Arthur", "Gabriel, Franck", "Hongler, Clément"]
    assert jacot["urls"][1] == "https://arxiv.org/abs/1806.07572"  # the open copy too


def test_repository_ris_is_what_an_offline_build_writes(tmp_path):
    result = build_outputs(None, tmp_path, offline=True)
    built = sorted((tmp_path / "bib").glob("*.ris"))
    assert {p.name for p in built} == {p.name for p in (ROOT / "bib").glob("*.ris")}
    for path in built:
        assert path.read_bytes() == (ROOT / "bib" / path.name).read_bytes(), path.name
        assert path in result.written


def test_bib_format_ris_prints_what_build_writes(tmp_path):
    out = tmp_path / "refs.ris"
    result = runner.invoke(app, ["bib", "--offline", "-f", "ris", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == f"wrote {out}"
    assert out.read_bytes() == (ROOT / "bib" / "seminar.ris").read_bytes()


def test_a_stale_topic_file_goes_with_its_bib(tmp_path):
    build_outputs(None, tmp_path, offline=True)
    folder = tmp_path / "bib"
    for suffix in (".bib", ".ris"):
        (folder / f"old-topic{suffix}").write_bytes((folder / f"memorisation{suffix}")
                                                    .read_bytes())
    (folder / "mine.ris").write_text("TY  - GEN\nTI  - kept\nER  - \n")
    build_outputs(None, tmp_path, offline=True)
    assert not (folder / "old-topic.ris").exists() and not (folder / "old-topic.bib").exists()
    assert (folder / "mine.ris").exists()


def test_a_preprint_and_names_with_particles():
    record = BibRecord(
        paper="p", key="vaart2020", entry_type="misc",
        fields=(BibField("title", "Über ReLU & SGD: a 50% study", "page"),
                BibField("year", "2020", "page"),
                BibField("eprint", "2001.00001", "page"),
                BibField("archiveprefix", "arXiv", "page")),
        authors=("van der Vaart, Jr, Aad", "Ludwig van Beethoven", "others"))
    text = bib.render([record], fmt="ris")
    assert text == (
        "TY  - UNPB\nID  - vaart2020\nAU  - van der Vaart, Aad, Jr\n"
        "AU  - van Beethoven, Ludwig\nTI  - Über ReLU & SGD: a 50% study\nPY  - 2020\n"
        "PB  - arXiv\nUR  - https://arxiv.org/abs/2001.00001\nER  - \n")
    (entry,) = _read(text)
    assert entry["authors"] == ["van der Vaart, Aad, Jr", "van Beethoven, Ludwig"]
    assert entry["publisher"] == "arXiv"


def test_a_journal_article_with_a_doi_round_trips():
    record = BibRecord(
        paper="p", key="harvey2019", entry_type="article",
        fields=(BibField("title", "Nearly-tight VC-dimension and pseudodimension bounds", "s"),
                BibField("journal", "Journal of Machine Learning Research", "s"),
                BibField("year", "2019", "s"), BibField("volume", "20", "s"),
                BibField("number", "63", "s"), BibField("pages", "1--17", "s"),
                BibField("doi", "10.5555/3322706.3362020", "s"),
                BibField("url", "http://jmlr.org/papers/v20/17-612.html", "s")),
        authors=("Peter L. Bartlett", "Nick Harvey"))
    (entry,) = _read(bib.render([record], fmt="ris"))
    (item,) = json.loads(bib.render([record], fmt="csl-json"))
    assert entry["type_of_reference"] == "JOUR" and item["type"] == "article-journal"
    assert [_ris_name(a) for a in entry["authors"]] == [_csl_name(a) for a in item["author"]]
    assert (entry["secondary_title"], entry["doi"], entry["urls"], entry["number"]) == (
        item["container-title"], item["DOI"], [item["URL"]], item["issue"])
    assert (entry["start_page"], entry["end_page"], entry["volume"]) == ("1", "17", "20")


def test_no_ris_is_written_when_the_bibtex_fails_its_check(tmp_path, monkeypatch):
    """The build's promise: a .bib failing papergraph's own check leaves bib/ untouched."""
    def failing(*args, **kwargs):
        raise InputError("bib not written: the BibTeX papergraph made fails its own check")

    monkeypatch.setattr(bib, "write_bibtex", failing)  # build imports it when it writes
    with pytest.raises(InputError):
        build_outputs(None, tmp_path, offline=True)
    assert not (tmp_path / "bib").exists() or not any((tmp_path / "bib").iterdir())
