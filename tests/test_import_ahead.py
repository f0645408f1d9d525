"""A long page read on two cores (its items by a forked child reading ahead, a Markdown
page's second half parsed beside the first) drafts the same bytes as one process."""

from __future__ import annotations

import os

import pytest

from papergraph import parallel
from papergraph.importer import import_text, markdown
from papergraph.importer.learned import ahead
from papergraph.importer.toml import dump_draft

PAGE = """# Reading group

## Week 1: Foundations (2021)

- Ann Lee and Bo Chen. [Layer Norm Revisited](https://arxiv.org/abs/1607.06450). ICML 2016.
- **Deep Sets**, Manzil Zaheer, Satwik Kottur (NeurIPS 2017) [[pdf](https://arxiv.org/abs/1703.06114)]
1. Smith, J., & Lee, B. (2011). The Long Shadow of Land Reform. *J. Econ. Hist.*, 71(2), 1–30.
- "Attention Is All You Need." Vaswani et al. *NeurIPS*, 2017.
- [Consensus in the Cloud](https://doi.org/10.1145/1234567) — Lamport et al., 2001
- Glorot, Bengio: Understanding the difficulty of training deep feedforward neural networks
- Introduction and course logistics

## Week 2: Graphs

- 3/14 Kipf, T. N., & Welling, M. (2017). Semi-Supervised Classification with GCNs. ICLR.
- Title: How Powerful are Graph Neural Networks? Keyulu Xu, Weihua Hu. ICLR 2019.
- Spring break
- Hamilton, Ying. Inductive Learning on Large Graphs. NIPS 2017; Veličković et al. Graph
  Attention Networks. ICLR 2018.
"""


def _draft(text: str) -> tuple[str, tuple, tuple]:
    result = import_text(text, "md")
    return dump_draft(result), result.unplaced, result.unread


@pytest.mark.skipif(not hasattr(os, "fork"), reason="reading ahead needs fork")
def test_a_page_read_ahead_drafts_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _draft(PAGE)
    taken: list[int] = []
    start = ahead.Ahead.start

    def start_and_wait(self: ahead.Ahead, blocks: int, work: ahead.Work) -> None:
        start(self, blocks, work)  # the child reads every item before the walk starts
        while self.running:
            self.receive()
        taken.append(sum(key[0] == "block" for key in self.memo))

    monkeypatch.setattr(ahead, "MIN_BLOCKS", 0)
    monkeypatch.setattr(ahead.Ahead, "start", start_and_wait)
    monkeypatch.setattr(ahead, "usable", lambda blocks: True)
    assert _draft(PAGE) == alone
    assert taken and taken[0] >= 10  # the walk had the child's readings to take


def test_a_short_page_is_read_in_one_process() -> None:
    assert not ahead.usable(ahead.MIN_BLOCKS - 1)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="parsing in halves needs fork")
def test_a_long_markdown_page_parsed_in_two_halves_gives_the_same_blocks(
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = "---\ntitle: Reading group\n---\n\n" + PAGE + "\n## Week 3: More\n\n" + PAGE
    alone = markdown.markdown_page(page)
    monkeypatch.setattr(markdown, "HALVES_MIN_CHARS", 0)
    monkeypatch.setattr(markdown, "spare_cpu", lambda: True)
    assert markdown.halfway(page)  # a heading after a blank line near the middle
    halves = markdown.markdown_page(page)
    assert halves.blocks == alone.blocks and halves.title == "Reading group"


def test_a_page_is_not_cut_where_a_block_may_run_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "HALVES_MIN_CHARS", 0)
    monkeypatch.setattr(markdown, "spare_cpu", lambda: True)
    body = "- a\n\n" * 20 + "## B\n\n" + "- c\n\n" * 20
    assert markdown.halfway(body)
    assert not markdown.halfway(body + "[pdf]: https://x.org/a.pdf\n")  # a reference
    assert not markdown.halfway("```\n\n" + body + "```\n")  # fenced code
    assert not markdown.halfway("<!--\n\n" + body + "-->\n")  # an HTML comment


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a second process needs fork")
def test_no_second_process_on_a_busy_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "usable_cpus", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (4.2, 4.0, 3.9))
    assert not parallel.spare_cpu() and not ahead.usable(ahead.MIN_BLOCKS)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.3, 0.5, 0.4))
    assert parallel.spare_cpu() and ahead.usable(ahead.MIN_BLOCKS)
