"""`papergraph bib` as a user runs it, the .bib linter, and byte-identical outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from papergraph import bib
from papergraph.bibcheck import check_bib, check_bib_text
from papergraph.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args))


def test_topic_output_is_exactly_the_entry(syllabus, resolution):
    result = _run("bib", "--offline", "--topic", "vc-dimension")
    assert result.exit_code == 0, result.output
    expected = bib.bibtex_entries(syllabus, resolution)["bartlett2017"]
    assert result.stdout == expected
    assert result.stdout.startswith("@inproceedings{harvey2017nearly,\n")
    # the page-vs-record difference is reported, on stderr
    assert "bartlett2017: the page lists Peter L. Bartlett" in result.stderr


def test_output_file_and_formats(tmp_path):
    out = tmp_path / "all.json"
    result = _run("bib", "--offline", "--format", "csl-json", "-o", str(out))
    assert result.exit_code == 0, result.output
    items = json.loads(out.read_text("utf-8"))
    assert len(items) == 15
    jacot = next(i for i in items if i["id"] == "jacot2018neural")
    assert jacot["author"][2] == {"family": "Hongler", "given": "Clément"}
    assert jacot["type"] == "paper-conference" and jacot["page"] == "8571-8580"
    biblatex = _run("bib", "--offline", "--format", "biblatex", "--unicode")
    assert "journaltitle" not in biblatex.stdout  # no journal articles by default
    assert "eprinttype = {arxiv}" in biblatex.stdout
    assert "Hongler, Clément" in biblatex.stdout


def test_dblp_key_style_falls_back_to_scholar_without_dblp_keys():
    result = _run("bib", "--offline", "--key-style", "dblp", "--topic", "memorisation")
    assert result.stdout.startswith("@inproceedings{yun2019small,")


def test_explain_shows_each_field_and_its_source():
    result = _run("bib", "--offline", "--explain", "arora2019convergence")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ("@inproceedings{arora2019convergence}  paper arora2019linear, "
                        "from the published record")
    text = result.stdout
    assert ("booktitle     = 7th International Conference on Learning Representations, "
            "ICLR 2019, New Orleans, LA, USA, May 6-9, 2019") in text
    assert "papergraph proceedings table (ICLR 2019: dblp record conf/iclr/LiuSY19" in text
    assert ("pages           (missing: no verified value in the record or in papergraph's "
            "proceedings table; left out)") in text
    # a syllabus paper key works too
    assert _run("bib", "--offline", "--explain", "arora2019linear").stdout == text


def test_bad_options_are_one_line_errors():
    # (an unknown --format or --key-style fails in the parser: tests/test_cli_types.py)
    for args in (("--topic", "nope"), ("--explain", "nokey")):
        result = _run("bib", "--offline", *args)
        assert result.exit_code == 1
        assert result.stderr.splitlines()[-1].startswith("error: "), result.stderr
        assert "Traceback" not in result.output


BAD = """% comment
@article{smith2020,
  author = {Smith, John},
  title = {Deep ReLU networks & SGD},
  year = 2020,
}

@inproceedings{Smith2020,
  author = {Doe, Jane},
  title = {100% of {ReLU} with $x_i$ and a_b},
  booktitle = {Proc.},
  year = {2020},
  url = {https://a.org/x_y#z%20},
}

@misc{open,
  title = {Unclosed {brace here},
  year = {2020}
}

@misc{extra,
  title = {Extra}},
  year = {2021}
}
"""


def test_check_reports_file_line_messages(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(BAD, encoding="utf-8")
    result = _run("bib", "--check", str(path))
    assert result.exit_code == 1
    p = str(path)
    assert result.stdout.splitlines() == [
        f"{p}:2: smith2020: @article is missing required field 'journal'",
        f"{p}:4: title: unescaped '&' (write \\&)",
        f"{p}:4: warning: title: unprotected acronym 'ReLU' (styles may lower-case it; "
        "write {ReLU})",
        f"{p}:4: warning: title: unprotected acronym 'SGD' (styles may lower-case it; "
        "write {SGD})",
        f"{p}:8: duplicate key 'Smith2020' (first defined at line 2)",
        f"{p}:10: title: unescaped '%' (write \\%)",
        f"{p}:10: title: unescaped '_' (write \\_)",
        f"{p}:16: open: entry is not closed before the next entry (unbalanced braces)",
        f"{p}:17: open: unbalanced braces: field 'title' runs on into 'year =' on line 18",
        f"{p}:22: extra: text after the end of the entry (an extra '}}' closed it early? "
        "BibTeX ignores what follows)",
    ]
    assert result.stderr.strip() == f"{p}: 8 error(s), 2 warning(s)"


def test_check_accepts_math_escapes_and_biblatex():
    text = ("@online{a, title = {The {$\\ell_1$} norm \\& 50\\% of {SGD}}, "
            "date = {2020}, url = {https://x.org/a_b#c}}\n"
            "@book{b, editor = {E}, title = {T}, publisher = {P}, year = 1999}\n")
    assert check_bib_text(text, "x.bib") == []
    unbalanced_math = check_bib_text("@misc{c, title = {costs $5}}\n", "x.bib")
    assert [str(p) for p in unbalanced_math] == [
        "x.bib:1: title: unescaped '$' (write \\$, or close the math)"]


def test_check_accepts_what_url_reads_verbatim(tmp_path):
    # url.sty reads \url's argument verbatim: '_', '&' and '~' compile with bibtex and
    # biber alike; '%' and '#' do with BibTeX but break biblatex (checked with real
    # pdflatex + biber: "File ended while scanning use of \field")
    path = tmp_path / "urls.bib"
    path.write_text(
        "@misc{a, title = {A},\n"
        "  howpublished = {\\url{https://example.org/a_b&x=1~y}},\n"
        "  note = {See \\href{https://x.org/p_q}{the p\\_q page}}}\n"
        "@misc{b, title = {B}, howpublished = {\\url{https://x.org/a%20b#top}}}\n"
        "@misc{c, title = {C}, note = {a_b outside \\url{http://x/y_z}}}\n",
        encoding="utf-8")
    result = _run("bib", "--check", str(path))
    p = str(path)
    assert result.stdout.splitlines() == [
        f"{p}:4: howpublished: '%' inside \\url breaks when the field is read as an argument "
        "(biblatex); put the address in the url field",
        f"{p}:4: howpublished: '#' inside \\url breaks when the field is read as an argument "
        "(biblatex); put the address in the url field",
        f"{p}:5: note: unescaped '_' (write \\_)",
    ]
    assert (result.exit_code, result.stderr) == (1, f"{p}: 3 error(s), 0 warning(s)\n")


def test_check_of_a_missing_file_is_one_line(tmp_path):
    result = _run("bib", "--check", str(tmp_path / "none.bib"))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{tmp_path / 'none.bib'}: no such file"


def test_papergraphs_own_output_passes_the_check(tmp_path, syllabus, resolution):
    for path in bib.write_bibtex(syllabus, resolution, tmp_path):
        assert check_bib(path) == [], path


def test_two_builds_are_byte_identical(tmp_path, syllabus, resolution):
    first = bib.write_bibtex(syllabus, resolution, tmp_path / "a")
    second = bib.write_bibtex(syllabus, resolution, tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    assert len(first) == 1 + len(syllabus.topics)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_repository_bib_is_what_an_offline_build_writes(tmp_path):
    from papergraph.build import build_outputs

    result = build_outputs(None, tmp_path, offline=True)
    built = sorted((tmp_path / "bib").glob("*.bib"))
    assert {p.name for p in built} == {p.name for p in (ROOT / "bib").glob("*.bib")}
    for path in built:
        assert path.read_bytes() == (ROOT / "bib" / path.name).read_bytes(), path.name
    assert tmp_path / "bib" / "seminar.bib" in result.written


def test_stale_generated_topic_files_are_removed(tmp_path, syllabus, resolution):
    bib.write_bibtex(syllabus, resolution, tmp_path)
    (tmp_path / "old-topic.bib").write_text((tmp_path / "memorisation.bib").read_text())
    (tmp_path / "mine.bib").write_text("@misc{x, title = {kept}}\n")
    bib.write_bibtex(syllabus, resolution, tmp_path)
    assert not (tmp_path / "old-topic.bib").exists()
    assert (tmp_path / "mine.bib").exists()


@pytest.mark.parametrize("name", ["seminar.bib", "kernel-behaviour-of-nns.bib"])
def test_files_are_sorted_by_key(name):
    text = (ROOT / "bib" / name).read_text("utf-8")
    keys = [line.split("{", 1)[1].rstrip(",") for line in text.splitlines()
            if line.startswith("@")]
    assert keys == sorted(keys)
    if name == "kernel-behaviour-of-nns.bib":
        assert keys == ["allen2019convergence", "allen2019resnet", "jacot2018neural"]


@pytest.mark.parametrize("to_file", [True, False])
def test_bib_runs_the_check_build_runs_before_writing(tmp_path, monkeypatch, to_file):
    """Defence in depth, as in `build`: were a writer to regress, nothing is delivered."""
    real = bib.render

    def regressed(records, **kw):
        return real(records, **kw).replace("    title = {", "    title = {50% of ", 1)

    monkeypatch.setattr(bib, "render", regressed)
    out = tmp_path / "x.bib"
    result = _run("bib", "--offline", *(["-o", str(out)] if to_file else []))
    shown = str(out) if to_file else "<stdout>"
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-2:] == [
        f"error: {shown} not written: the BibTeX papergraph made fails its own check "
        "(1 error(s); please report this with the syllabus)",
        f"{shown}:3: title: unescaped '%' (write \\%)",
    ]
    assert not out.exists()


def test_output_into_a_new_folder_is_made(tmp_path):
    result = _run("bib", "--offline", "-o", str(tmp_path / "new" / "x.bib"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == f"wrote {tmp_path / 'new' / 'x.bib'}"
    assert (tmp_path / "new" / "x.bib").read_text("utf-8").startswith("@")


def test_unwritable_output_is_one_line(tmp_path):
    (tmp_path / "afile").write_text("in the way")
    target = tmp_path / "afile" / "x.bib"
    result = _run("bib", "--offline", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"error: cannot write {target}: Not a directory"


def test_write_bibtex_into_a_file_path_is_a_papergraph_error(tmp_path, syllabus, resolution):
    from papergraph.errors import PapergraphError

    blocker = tmp_path / "bib"
    blocker.write_text("not a folder")
    with pytest.raises(PapergraphError, match="cannot write"):
        bib.write_bibtex(syllabus, resolution, blocker)
