"""The copies of the seminar's ground truth in tests/seminar/ match their origin."""

from __future__ import annotations

import pytest
from conftest import FACTS, SEMINAR_PAGE, SHARED_SEMINAR


@pytest.mark.parametrize(("copy", "origin"), [
    (FACTS, SHARED_SEMINAR / "facts" / "seminar-facts.json"),
    (SEMINAR_PAGE, SHARED_SEMINAR / "seminar-page.txt"),
])
def test_copy_equals_the_shared_original(copy, origin):
    if not origin.exists():
        pytest.skip(f"{origin} is not beside this checkout")
    assert copy.read_bytes() == origin.read_bytes(), f"{copy.name} drifted from {origin}"


def test_facts_cover_the_fifteen_papers(facts):
    assert len(facts["papers"]) == 15
    assert all(p["evidence"] for p in facts["papers"])


def test_shipped_snapshot_is_what_make_snapshot_builds(facts):
    """src/papergraph/data/snapshot.json is exactly `make snapshot` over the facts."""
    import importlib.util
    import json

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("build_snapshot",
                                                  ROOT / "scripts" / "build_snapshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = json.dumps(module.build(facts), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    assert built == module.OUT.read_text(encoding="utf-8"), "run make snapshot"
