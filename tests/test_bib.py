"""BibTeX entries: agreement with the verified facts, keys, escaping, determinism."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pybtex.database import parse_string

from papergraph import bib
from papergraph.bib.proceedings import volumes
from papergraph.models import normalize_title


@pytest.fixture(scope="module")
def entries(syllabus, resolution):
    return bib.bibtex_entries(syllabus, resolution)


@pytest.fixture(scope="module")
def parsed(entries):
    """Every entry parsed back with pybtex, by syllabus paper key."""
    return {k: next(iter(parse_string(text, "bibtex").entries.values()))
            for k, text in entries.items()}


def _plain(text: str) -> str:
    """LaTeX field value -> plain text (decode {\\'e}, drop protecting braces)."""
    import codecs

    return codecs.decode(text, "ulatex").replace("{", "").replace("}", "")


def _name(person) -> str:
    return _plain(" ".join(person.first_names + person.middle_names
                           + person.prelast_names + person.last_names))


def test_every_entry_agrees_with_the_facts(facts, parsed):
    """Each field is the verified fact, or, where the facts have none (or another name of
    the same proceedings volume), the proceedings table's value, which names its source."""
    by_key = {p["key"]: p for p in facts["papers"]}
    table = {(v.venue, v.year): v for v in volumes()}
    assert set(parsed) == set(by_key)
    for key, entry in parsed.items():
        fact = by_key[key]
        vol = table.get((fact["venue"], fact["year"]))
        assert _plain(entry.fields["title"]) == fact["title"], key
        assert [_name(p) for p in entry.persons["author"]] == fact["authors"], key
        assert entry.fields["year"] == str(fact["year"]), key
        assert entry.type == "inproceedings", key
        booktitle = fact["booktitle"]
        if vol is not None and (not booktitle or normalize_title(booktitle) in vol.names()):
            booktitle = vol.booktitle
        assert _plain(entry.fields["booktitle"]) == booktitle, key
        for name in ("volume", "series", "publisher"):
            value = fact.get(name) or (getattr(vol, name) if vol else None)
            if value:
                assert _plain(entry.fields[name]) == str(value), (key, name)
            else:
                assert name not in entry.fields, (key, name)
        editors = fact.get("editors") or (list(vol.editors) if vol else [])
        assert [_name(e) for e in entry.persons.get("editor", [])] == editors, key
        if fact["pages"]:
            assert entry.fields["pages"] == re.sub(r"-+", "--", fact["pages"]), key
        else:
            assert "pages" not in entry.fields, key
        assert entry.fields["eprint"] == fact["arxiv"]
        assert entry.fields["url"] == fact["url"]
        assert "doi" not in entry.fields  # none of these papers has a DOI


def test_neurips_entries_are_even(resolution, parsed):
    """NeurIPS 2018 and 2019 entries carry the same fields: the dblp booktitle, editors,
    series and volume; the publisher is verified for neither, so neither has one."""
    neurips = [r.key for r in resolution.records if r.venue == "NeurIPS"]
    assert len(neurips) == 9
    for key in neurips:
        entry = parsed[key]
        year = int(entry.fields["year"])
        assert _plain(entry.fields["booktitle"]).startswith(
            f"Advances in Neural Information Processing Systems {year - 1987}: Annual Conference "
            f"on Neural Information Processing Systems {year}, NeurIPS {year}, December "), key
        assert len(entry.persons["editor"]) == 6, key
        assert _plain(entry.fields["series"]) == "Advances in Neural Information Processing Systems"
        assert entry.fields["volume"] == str(year - 1987)
        assert "publisher" not in entry.fields


def test_every_proceedings_volume_names_its_source():
    for v in volumes():
        assert v.source and v.booktitle and str(v.year) in v.booktitle, v
        assert v.venue in bib.VENUE_NAMES or v.venue.upper() in bib.VENUE_NAMES, v


def test_scholar_keys_are_readable_and_unique(syllabus, resolution):
    keys = bib.citation_keys(syllabus, resolution)
    assert keys["arora2019fine"] == "arora2019fine"
    assert keys["bartlett2017"] == "harvey2017nearly"  # the COLT record's first author
    assert keys["jacot2018"] == "jacot2018neural"
    assert keys["allenzhu2019resnet"] == "allen2019resnet"
    assert keys["ma2018"] == "ma2018power"
    assert len(set(keys.values())) == len(keys)


def test_pinned_citekey_wins_and_collisions_get_suffixes(syllabus, resolution):
    papers = list(syllabus.papers)
    papers[0] = replace(papers[0], citekey="myVCpaper")
    pinned = replace(syllabus, papers=tuple(papers))
    assert bib.citation_keys(pinned, resolution)["bartlett2017"] == "myVCpaper"
    # a second copy of arora2019fine's record under another key collides
    twin = replace(syllabus.paper("arora2019fine"), key="twin", title="Fine structure")
    recs = resolution.records + (replace(resolution.record("arora2019fine"), key="twin",
                                         title="Fine structure"),)
    syl2 = replace(syllabus, papers=syllabus.papers + (twin,))
    keys = bib.citation_keys(syl2, replace(resolution, records=recs))
    # suffixes follow normalised title order: "fine grained analysis..." < "fine structure"
    assert keys["arora2019fine"] == "arora2019finea"
    assert keys["twin"] == "arora2019fineb"


def test_version_pin_cites_the_journal_article(syllabus, resolution):
    papers = tuple(replace(p, version="article") if p.key == "bartlett2017" else p
                   for p in syllabus.papers)
    syl = replace(syllabus, papers=papers)
    text = bib.bibtex_entries(syl, resolution)["bartlett2017"]
    entry = next(iter(parse_string(text, "bibtex").entries.values()))
    assert entry.type == "article"
    assert entry.key == "bartlett2019nearly"
    assert [_name(p) for p in entry.persons["author"]][0] == "Peter L. Bartlett"
    assert entry.fields["journal"] == "Journal of Machine Learning Research"
    assert (entry.fields["volume"], entry.fields["number"], entry.fields["pages"]) == (
        "20", "63", "1--17")


def test_page_difference_is_reported(syllabus, resolution):
    lines = bib.page_differences(syllabus, resolution)
    assert any(line.startswith("bartlett2017: the page lists Peter L. Bartlett")
               for line in lines)


def test_unresolved_paper_is_marked(syllabus, resolution):
    recs = tuple(r for r in resolution.records if r.key != "gao2019")
    text = bib.bibtex_entries(syllabus, replace(resolution, records=recs))["gao2019"]
    entry = next(iter(parse_string(text, "bibtex").entries.values()))
    assert entry.type == "misc"
    assert entry.fields["note"] == bib.UNRESOLVED_NOTE
    assert [str(p) for p in entry.persons["author"]] == ["Gao, Ruiqi", "others"]


def test_titles_protect_acronyms_and_names():
    assert bib.latex_title("Small ReLU networks via SGD on ResNets") == (
        "Small {ReLU} networks via {SGD} on {ResNets}")
    assert bib.latex_title("Nearly-tight VC-dimension bounds") == (
        "Nearly-tight {VC}-dimension bounds")
    assert bib.latex_title("Lipschitz Augmentation in L2") == "{Lipschitz} Augmentation in {L2}"
    assert bib.latex_title("A Theory: A Study") == "A Theory: A Study"


def test_unicode_mode_keeps_utf8():
    assert bib.latex_text("Clément & co") == r"Cl{\'e}ment \& co"
    assert bib.latex_text("Clément & co", unicode=True) == r"Clément \& co"


def test_versions_with_unknown_kind_fall_back(syllabus, resolution):
    papers = tuple(replace(p, version="chapter") if p.key == "jacot2018" else p
                   for p in syllabus.papers)
    records = bib.bib_records(replace(syllabus, papers=papers), resolution)
    jacot = next(r for r in records if r.paper == "jacot2018")
    assert jacot.origin == "published"
    assert "pinned version 'chapter'" in jacot.notes[0]


def test_dblp_key_style_uses_dblp_keys(syllabus, resolution):
    recs = tuple(replace(r, dblp="conf/icml/AroraDHLW19") if r.key == "arora2019fine" else r
                 for r in resolution.records)
    res = replace(resolution, records=recs)
    keys = bib.citation_keys(syllabus, res, style="dblp")
    assert keys["arora2019fine"] == "DBLP:conf/icml/AroraDHLW19"
    assert keys["jacot2018"] == "jacot2018neural"  # no dblp key known: scholar style
    assert bib.citation_keys(syllabus, res)["arora2019fine"] == "arora2019fine"
    text = bib.bibtex_entries(syllabus, res, key_style="dblp")["arora2019fine"]
    assert text.startswith("@inproceedings{DBLP:conf/icml/AroraDHLW19,\n")


def test_semantic_scholar_only_record_becomes_inproceedings(syllabus, resolution):
    from papergraph.models import Provenance

    s2 = Provenance("s2", "2026-01-01", "paper/abc")
    rec = replace(resolution.record("yun2019"), status="matched", entry_type="misc",
                  booktitle="", venue="Neural Information Processing Systems", pages="",
                  year=2021, volume="",  # a volume the proceedings table does not know
                  sources=(("authors", s2), ("title", s2), ("venue", s2), ("year", s2)))
    res = replace(resolution, records=tuple(rec if r.key == "yun2019" else r
                                            for r in resolution.records))
    br = next(r for r in bib.bib_records(syllabus, res) if r.paper == "yun2019")
    assert br.entry_type == "inproceedings"
    assert br.get("booktitle") == "Advances in Neural Information Processing Systems"
    source = next(f.source for f in br.fields if f.name == "booktitle")
    assert "VENUE_NAMES" in source and "s2 2026-01-01" in source
    assert "pages" in br.missing


def test_conference_acronyms():
    assert bib.conference_acronym("Neurips") == "NEURIPS"
    assert bib.conference_acronym("International Conference on Machine Learning") == "ICML"
    assert bib.conference_acronym("ArXiv") is None
    assert bib.conference_acronym("Systems") is None


def test_a_record_without_booktitle_gets_its_volumes_from_the_table(syllabus, resolution):
    from papergraph.models import Provenance

    s2 = Provenance("s2", "2026-01-01", "paper/abc")
    rec = replace(resolution.record("yun2019"), status="matched", entry_type="misc",
                  booktitle="", venue="NeurIPS", editors=(), series="", volume="",
                  sources=(("authors", s2), ("title", s2), ("venue", s2), ("year", s2)))
    res = replace(resolution, records=tuple(rec if r.key == "yun2019" else r
                                            for r in resolution.records))
    br = next(r for r in bib.bib_records(syllabus, res) if r.paper == "yun2019")
    assert br.get("booktitle").endswith("NeurIPS 2019, December 8-14, 2019, Vancouver, BC, Canada")
    assert br.get("volume") == "32" and br.editors[0] == "Hanna M. Wallach"
    sources = {f.name: f.source for f in br.fields}
    assert sources["booktitle"].startswith("papergraph proceedings table (NeurIPS 2019: dblp")
    assert "publisher" in br.missing


def test_a_volume_number_that_disagrees_is_not_completed(syllabus, resolution):
    rec = replace(resolution.record("yun2019"), booktitle="", volume="33", editors=())
    res = replace(resolution, records=tuple(rec if r.key == "yun2019" else r
                                            for r in resolution.records))
    br = next(r for r in bib.bib_records(syllabus, res) if r.paper == "yun2019")
    assert not br.editors and "NeurIPS 2019, December" not in br.get("booktitle")


def test_entries_read_back_with_pybtex_names_and_all(syllabus, resolution):
    """papergraph writes the .bib itself (pybtex's Writer has only private hooks for
    braced values); pybtex's parser must read back exactly what was meant."""
    names = ("John von Neumann", "Clément Hongler", "Ruslan Salakhutdinov", "others")
    jacot = next(r for r in bib.bib_records(syllabus, resolution) if r.paper == "jacot2018")
    fields = tuple(bib.BibField("author", " and ".join(names), "test") if f.name == "author"
                   else f for f in jacot.fields)
    text = bib.render_bibtex([replace(jacot, fields=fields)])
    entry = parse_string(text, "bibtex").entries["jacot2018neural"]
    assert [str(p) for p in entry.persons["author"]] == [
        "von Neumann, John", r"Hongler, Cl{\'e}ment",
        "Salakhutdinov, Ruslan", "others"]
    assert entry.persons["editor"][4].last_names == ["Cesa-Bianchi"]
    assert _plain(entry.fields["booktitle"]).endswith("NeurIPS 2018, December 3-8, 2018, "
                                                      "Montréal, Canada")
    assert text.endswith("\n}\n") and text.count("@inproceedings{") == 1
