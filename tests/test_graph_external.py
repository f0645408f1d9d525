"""External papers (``include_external``): one node per paper, never a seminar paper twice,
sized by their links to the seminar, labels told apart."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from papergraph.graph import build_graph
from papergraph.models import Area, Paper, Record, Ref, Resolution, Seminar, Syllabus, Topic


def externals(g) -> set[str]:
    return {n for n, d in g.nodes(data=True) if d["kind"] == "external"}


def seminar(records: tuple[Record, ...]) -> tuple[Syllabus, Resolution]:
    """Papers a, b, c in one topic; ``a`` is known by every kind of id."""
    syl = Syllabus(
        seminar=Seminar(title="Ids"),
        areas=(Area("ar", "Area"),),
        topics=(Topic("t", "Topic", "ar", papers=("a", "b", "c")),),
        papers=(Paper("a", "Deep networks are kernel machines in disguise", ("Ann Alpha",),
                      year=2019),
                Paper("b", "B", ("Bob Beta",), year=2018),
                Paper("c", "C", ("Cy Gamma",), year=2020)),
        talks=(),
    )
    a = Record("a", "matched", title="Deep networks are kernel machines in disguise",
               authors=("Ann Alpha",), year=2019, arxiv="1901.00001", doi="10.1/abc",
               s2_id="a" * 40, dblp="conf/x/Alpha19")
    return syl, Resolution(records=(a, *records))


def test_a_seminar_paper_under_any_of_its_ids_is_not_an_external_node():
    same_as_a = (
        Ref(title="Something else", arxiv="1901.00001v3"),  # arXiv, versioned
        Ref(title="Other", doi="10.1/ABC"),  # DOI, case differs
        Ref(title="Third", s2_id="a" * 40),
        Ref(title="Fourth", dblp="https://dblp.org/rec/conf/x/Alpha19"),
        Ref(title="Deep Networks are Kernel Machines in Disguise.", year=2018),  # title
    )
    syl, res = seminar((Record("b", "matched", title="B", year=2018, references=same_as_a),))
    g = build_graph(syl, res, include_external=True)
    assert externals(g) == set()
    assert not g.has_edge("paper:b", "paper:a")  # the resolution's citations decide that


def test_a_paper_citing_itself_adds_nothing():
    syl, res = seminar(())
    a = res.records[0]
    own = Ref(title="Deep networks are kernel machines in disguise", year=2019,
              arxiv="1901.00001")
    other = Ref(title="A paper about something else entirely", year=2001)
    res = Resolution(records=(replace(a, references=(own, other)),))
    g = build_graph(syl, res, include_external=True)
    assert externals(g) == {"ext:title:a paper about something else entirely"}
    assert not g.has_edge("paper:a", "paper:a")


def test_refs_sharing_an_id_or_a_title_are_one_external_node():
    first = Ref(title="Gradient descent finds global minima", year=2018, authors=("Du",),
                arxiv="1811.03804")
    again = Ref(title="Gradient Descent Finds Global Minima of Deep Nets", year=2019,
                authors=("Du",), s2_id="d" * 40, arxiv="1811.03804v4", citation_count=900)
    by_title = Ref(title="Gradient descent finds global minima!", year=2019, authors=("Du",))
    old_namesake = Ref(title="Gradient descent finds global minima", year=1990,
                       authors=("Dee",))
    syl, res = seminar((
        Record("b", "matched", title="B", year=2018, references=(first, old_namesake)),
        Record("c", "matched", title="C", year=2020, references=(again, by_title)),
    ))
    g = build_graph(syl, res, include_external=True)
    assert externals(g) == {"ext:arxiv:1811.03804",
                            "ext:title:gradient descent finds global minima"}
    du = g.nodes["ext:arxiv:1811.03804"]
    assert du["seminar_citations"] == 2  # cited by b and by c, once each
    assert du["citation_count"] == 900  # filled in from the second description
    assert g.nodes["ext:title:gradient descent finds global minima"]["year"] == 1990
    # coupling sees the one paper b and c both cite
    rel = {(u, v): d for u, v, k, d in g.edges(keys=True, data=True) if k == "related"}
    assert rel[("paper:b", "paper:c")]["coupling"] == 1


def test_externals_are_sized_by_their_links_to_the_seminar():
    cited = Ref(title="Cited by two seminar papers, at least", year=2000, arxiv="0001.00001")
    citing = Ref(title="A later paper citing two of them", year=2021, arxiv="2101.00001")
    syl, res = seminar((
        Record("b", "matched", title="B", year=2018, references=(cited,), citations=(citing,)),
        Record("c", "matched", title="C", year=2020, references=(cited,), citations=(citing,)),
    ))
    g = build_graph(syl, res, include_external=True)
    a = g.nodes["ext:arxiv:0001.00001"]
    assert (a["seminar_citations"], a["seminar_references"]) == (2, 0)
    b = g.nodes["ext:arxiv:2101.00001"]
    assert (b["seminar_citations"], b["seminar_references"]) == (0, 2)


def test_external_labels_are_told_apart():
    refs = tuple(Ref(title=t, year=2018, authors=("Simon Du",), arxiv=f"18{i:02d}.00001")
                 for i, t in enumerate(["On the power of over-parametrization",
                                        "Gradient descent provably optimizes networks",
                                        "How many samples are needed"]))
    namesake = Ref(title="A different paper by another Alpha", year=2019,
                   authors=("Zed Alpha",), arxiv="1999.00001")
    syl, res = seminar((Record("b", "matched", title="B", year=2018,
                               references=(*refs, namesake)),))
    g = build_graph(syl, res, include_external=True)
    labels = {g.nodes[n]["title"]: g.nodes[n]["label"] for n in externals(g)}
    assert labels == {"Gradient descent provably optimizes networks": "Du 2018a",
                      "How many samples are needed": "Du 2018b",
                      "On the power of over-parametrization": "Du 2018c",
                      # the seminar's own paper a is "Alpha 2019"
                      "A different paper by another Alpha": "Alpha 2019a"}
    assert g.nodes["paper:a"]["label"] == "Alpha 2019"


def test_the_seminar_with_external_papers(syllabus, resolution):
    g = build_graph(syllabus, resolution, include_external=True)
    ext = externals(g)
    # bartlett2017 lists its own arXiv version among its references: not an external node
    assert "ext:arxiv:1703.02930" not in ext
    assert all("1703.02930" not in str(g.nodes[n].get("arxiv")) for n in ext)
    labels = Counter(g.nodes[n]["label"] for n in g if g.nodes[n]["kind"] in
                     ("paper", "external"))
    assert [label for label, k in labels.items() if k > 1] == []
    sizes = Counter(g.nodes[n]["seminar_citations"] for n in ext)
    assert max(sizes) >= 3  # some external papers are cited by several seminar papers
