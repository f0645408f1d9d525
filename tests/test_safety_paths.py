"""Hostile names and odd output targets: nothing is written outside ``--out``, nothing is
overwritten that should not be, and ``-o`` writes through links and into devices.

Each attack here was measured on an earlier main: a topic slug ``../../x`` wrote
``x.bib`` two folders above ``--out`` (overwriting a user's file), a topic slug
``seminar`` replaced ``bib/seminar.bib``, and ``-o`` replaced a symbolic link, or
``/dev/stdout``, with a regular file.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from papergraph import bib
from papergraph.cli import app
from papergraph.errors import PapergraphError, SyllabusError
from papergraph.files import confined_to, output_file, write_output
from papergraph.models import Topic
from papergraph.syllabus import load_syllabus

runner = CliRunner()

SYLLABUS = """
[seminar]
title = "T"

[[areas]]
slug = "a"
title = "Area"

[[topics]]
slug = "SLUG"
title = "Topic"
area = "a"
papers = ["p1"]

[[papers]]
key = "p1"
title = "Paper one"
authors = ["Ann Author"]
year = 2020
"""


def _syllabus(tmp_path: Path, text: str = SYLLABUS, **subs: str) -> Path:
    for old, new in subs.items():
        text = text.replace(old, new)
    path = tmp_path / "s.toml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(SyllabusError) as info:
        load_syllabus(path)
    return [str(p) for p in info.value.problems]


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- slugs


SLUG_LINE = 9  # line of `slug = "SLUG"` in SYLLABUS (after dedent/lstrip)


@pytest.mark.parametrize("slug", [
    "../../victim", "../victim", "/tmp/victim", "a/b", "a\\\\b", ".", "..", ".hidden",
    "Kernels", "kernel methods", "kernel_methods", "-leading", "trailing-", "a--b",
    "café", "x\\u0000y", "x\\ny", "a" * 101,
])
def test_unsafe_topic_slugs_are_refused_at_load(tmp_path, slug):
    path = _syllabus(tmp_path, SLUG=slug)
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:{SLUG_LINE}: topic slug ")
    assert len(problem.splitlines()) == 1
    assert ("is not allowed: use lower-case letters, digits and single hyphens" in problem
            or "characters long (at most 100)" in problem)


@pytest.mark.parametrize("slug", ["seminar", "con", "aux", "nul", "prn", "com1", "lpt9"])
def test_reserved_topic_slugs_are_refused(tmp_path, slug):
    path = _syllabus(tmp_path, SLUG=slug)
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:{SLUG_LINE}: topic slug '{slug}' is reserved (")
    assert problem.endswith("): choose another")


def test_a_slug_made_from_a_title_is_checked_too(tmp_path):
    path = _syllabus(tmp_path, **{'slug = "SLUG"\n': "", 'title = "Topic"': 'title = "Seminar"'})
    assert _problems(path) == [
        f"{path}:9: topic slug 'seminar' is reserved (bib/seminar.bib holds every paper): "
        'choose another (made from its title; add slug = "...")']
    path = _syllabus(tmp_path, **{'slug = "SLUG"\n': "", 'title = "Topic"': 'title = "Теория"'})
    assert _problems(path) == [
        f"{path}:8: topic 'Теория': no slug can be made from its title; add slug = \"...\" "
        "(lower-case letters, digits and hyphens)"]


def test_area_slugs_follow_the_same_charset(tmp_path):
    path = _syllabus(tmp_path, SLUG="t", **{'slug = "a"': 'slug = "../a"',
                                            'area = "a"': 'area = "../a"'})
    assert _problems(path) == [
        f"{path}:5: area slug '../a' is not allowed: use lower-case letters, digits and single "
        "hyphens between words (e.g. 'kernel-methods')"]


def test_good_slugs_load(tmp_path):
    for slug in ("kernel-behaviour-of-nns", "vc-dimension", "a", "2020", "seminar-2"):
        assert load_syllabus(_syllabus(tmp_path, SLUG=slug)).topics[0].slug == slug


# --------------------------------------------------------------------------- keys and ids


@pytest.mark.parametrize(("field", "value", "message"), [
    ("key", "p 1", "paper key 'p 1' is not allowed"),
    ("key", "p1}", "paper key 'p1}' is not allowed"),
    ("key", "<b>p1</b>", "paper key '<b>p1</b>' is not allowed"),
    ("citekey", "smith,2020", "paper p1: citekey 'smith,2020' is not allowed"),
    ("citekey", "a}\\\\input{x}", "paper p1: citekey 'a}\\input{x}' is not allowed"),
    ("doi", "10.1/x}\\\\input{/etc/hostname}",
     "paper p1: doi '10.1/x}\\input{/etc/hostname}' is not a DOI"),
    ("doi", "10.1000/a b", "paper p1: doi '10.1000/a b' is not a DOI"),
    ("doi", "10.1000/^^5cinput", "paper p1: doi '10.1000/^^5cinput' is not a DOI"),
    ("arxiv", "2001.00001}\\\\input{x}", "paper p1: arXiv id '2001.00001}\\input{x}' is not"),
    ("arxiv", "arXiv:1806.07572", "paper p1: arXiv id 'arXiv:1806.07572' is not an arXiv"),
    ("dblp", "conf/x/Y}\\\\input{z}", "paper p1: dblp key 'conf/x/Y}\\input{z}' is not"),
    ("s2_id", "../../etc/passwd", "paper p1: s2_id '../../etc/passwd' is not a Semantic"),
])
def test_unsafe_keys_and_ids_are_refused_at_load(tmp_path, field, value, message):
    text = SYLLABUS.replace('slug = "SLUG"', 'slug = "t"')
    if field == "key":
        text = text.replace('key = "p1"', f'key = "{value}"').replace('["p1"]', f'["{value}"]')
    else:
        text = text.replace("year = 2020", f'year = 2020\n{field} = "{value}"')
    path = _syllabus(tmp_path, text)
    problems = _problems(path)
    assert len(problems) == 1, problems
    line = 15 if field == "key" else 19
    assert problems[0].startswith(f"{path}:{line}: {message}"), problems[0]


def test_real_ids_load(tmp_path):
    ids = {"doi": "10.1007/978-3-030-58452-8_13", "arxiv": "math.GT/0309136",
           "dblp": "conf/icml/Allen-ZhuLS19", "s2_id": "CorpusId:49321232",
           "citekey": "DBLP:conf/nips/JacotHG18"}
    extra = "".join(f'{k} = "{v}"\n' for k, v in ids.items())
    text = SYLLABUS.replace('slug = "SLUG"', 'slug = "t"').replace("year = 2020\n",
                                                                   "year = 2020\n" + extra)
    paper = load_syllabus(_syllabus(tmp_path, text)).papers[0]
    assert {k: getattr(paper, k) for k in ids} == ids


def test_the_shipped_seminar_passes_every_check(syllabus):
    assert syllabus.warnings == ()
    assert len(syllabus.topics) == 13


# --------------------------------------------------------------------------- confinement


def test_nothing_is_written_outside_out_even_past_the_loader(tmp_path, syllabus, resolution):
    """Defence in depth: a syllabus built in memory (no loader) with a hostile slug."""
    evil = replace(syllabus, topics=syllabus.topics + (
        Topic("../../victim", "Evil", syllabus.areas[0].slug, "", ("jacot2018",)),))
    victim = tmp_path / "victim.bib"
    victim.write_text("the user's own file\n")
    out = tmp_path / "site" / "x"
    with pytest.raises(PapergraphError) as info, confined_to(out):
        bib.write_bibtex(evil, resolution, out / "bib")
    assert str(info.value) == ("refusing to write '../../victim.bib' in "
                               f"{out / 'bib'}: not a plain file name")
    assert victim.read_text() == "the user's own file\n"


def test_confinement_refuses_any_path_outside_the_root(tmp_path):
    with confined_to(tmp_path / "out"):
        write_output(tmp_path / "out" / "graphs" / "x.md", "inside\n")
        for path in (tmp_path / "elsewhere.md", tmp_path / "out" / ".." / "x.md", Path("/x")):
            with pytest.raises(PapergraphError, match="outside the output folder"):
                write_output(path, "outside\n")
    assert _tree(tmp_path) == {"out/graphs/x.md": b"inside\n"}
    for name in ("", ".", "..", "a/b", "a\\b", "x\0y"):
        with pytest.raises(PapergraphError, match="not a plain file name"):
            output_file(tmp_path, name)


def test_build_of_a_hostile_syllabus_writes_nothing(tmp_path):
    (tmp_path / "victim.bib").write_text("the user's own file\n")
    path = _syllabus(tmp_path, SLUG="../../victim")
    out = tmp_path / "a" / "b"
    result = runner.invoke(app, ["build", str(path), "--offline", "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:{SLUG_LINE}: topic slug '../../victim' is not")
    assert "Traceback" not in result.output
    assert _tree(tmp_path) == {"s.toml": path.read_bytes(),
                               "victim.bib": b"the user's own file\n"}


# --------------------------------------------------------------------------- writers


def test_output_through_a_symlink_replaces_its_target(tmp_path):
    real = tmp_path / "thesis" / "refs.bib"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "refs.bib"
    link.symlink_to(Path("thesis") / "refs.bib")  # relative, as users make them
    write_output(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(Path("thesis") / "refs.bib")
    assert real.read_text() == "new\n"
    assert sorted(os.listdir(real.parent)) == ["refs.bib"]  # no temporary file left


def test_output_through_a_chain_of_links_and_a_dangling_link(tmp_path):
    (tmp_path / "real.bib").write_text("old\n")
    (tmp_path / "one.bib").symlink_to("real.bib")
    (tmp_path / "two.bib").symlink_to("one.bib")
    write_output(tmp_path / "two.bib", "new\n")
    assert (tmp_path / "real.bib").read_text() == "new\n"
    assert (tmp_path / "two.bib").is_symlink() and (tmp_path / "one.bib").is_symlink()
    (tmp_path / "dangling.bib").symlink_to("later.bib")
    write_output(tmp_path / "dangling.bib", "made\n")
    assert (tmp_path / "dangling.bib").is_symlink()
    assert (tmp_path / "later.bib").read_text() == "made\n"


def test_a_symlink_loop_is_one_error(tmp_path):
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(PapergraphError, match=r"^cannot write .*/a: Too many levels"):
        write_output(tmp_path / "a", "x")


def test_a_file_written_again_keeps_its_permissions(tmp_path):
    path = tmp_path / "private.bib"
    path.write_text("old\n")
    path.chmod(0o600)
    write_output(path, "new\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text() == "new\n"


def test_output_into_a_fifo_is_written_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_output(fifo, "through the pipe\n")
    reader.join(timeout=30)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.listdir(tmp_path) == ["pipe"]


def test_output_into_dev_null_leaves_the_device(tmp_path):
    before = os.stat("/dev/null")
    write_output("/dev/null", "discarded\n")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def _bib_command(tmp_path: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PAPERGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, "-m", "papergraph.cli", "bib", "--offline", *args],
                          env=env, check=True, **kwargs)


def test_dash_o_dev_stdout_into_a_pipe_and_into_a_redirected_file(tmp_path):
    expected = _bib_command(tmp_path, capture_output=True).stdout
    piped = _bib_command(tmp_path, "-o", "/dev/stdout", capture_output=True)
    assert piped.stdout == expected
    target = tmp_path / "redirected.bib"
    with open(target, "wb") as f:
        _bib_command(tmp_path, "-o", "/dev/stdout", stdout=f, stderr=subprocess.DEVNULL)
    assert target.read_bytes() == expected
    with open(target, "ab") as f:  # >> appends, as printing would
        _bib_command(tmp_path, "-o", "/dev/stdout", stdout=f, stderr=subprocess.DEVNULL)
    assert target.read_bytes() == expected * 2
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_an_imported_page_never_drafts_a_slug_the_loader_refuses(tmp_path):
    page = tmp_path / "page.md"
    long_title = "Very long topic " + " ".join(f"word{i}" for i in range(60))
    page.write_text(f"# Reading group\n\n## Seminar\n\n- Kernel methods in deep nets. Ann "
                    f"Author, ICML 2018\n\n## Aux\n\n- LeCun, Y., Bengio, Y., & Hinton, G. (2015). "
                    f"Deep learning. Nature, 521, 436–444."
                    f"\n\n## {long_title}\n\n- Learning bounds for kernel machines. Bob "
                    "Builder, COLT 2019\n",
                    encoding="utf-8")
    out = tmp_path / "draft.toml"
    result = runner.invoke(app, ["import", str(page), "-o", str(out)])
    assert result.exit_code == 0, result.output
    slugs = [t.slug for t in load_syllabus(out).topics]
    assert slugs[:2] == ["seminar-2", "aux-2"]
    assert len(slugs[2]) <= 80 and slugs[2].startswith("very-long-topic-word0-")
