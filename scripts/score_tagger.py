"""Score the shipped citation tagger per label on labelled references it never saw.

    python scripts/score_tagger.py

Two held-out sets: AnyStyle's ``bad.xml`` and ``ugly.xml`` (real references, not in
training), and strings rendered from the reference corpus's .bib files that training may
not use (other fields, other licences: ../shared/reference/bib-corpus/, when present).
Per label: precision, recall and F1 over alphanumeric tokens (punctuation carries no
field, and data sets disagree on where it belongs).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from papergraph.importer.learned import tagger  # noqa: E402
from training import fit, labelled, synthetic  # noqa: E402

SHARED = Path(os.environ.get("PAPERGRAPH_SHARED", ROOT.parent / "shared")) / "reference"
HELD_OUT_BIB = ("ContextLab--CDL-bibliography--cdl.bib",
                "BEAST2-Dev--cladeage--references.bib", "akhirsch--bibliography--main.bib",
                "QuantEcon--lecture-python.myst--quant-econ.bib",
                "Oneplus--bib--db.bib", "larskotthoff--assurvey--survey.bib",
                "HoTT--book--references.bib", "geocompx--geocompr--geocompr.bib")


def scores(data: list, model: tagger.Tagger) -> dict[str, tuple[float, float, float, int]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for tokens, gold in data:
        pred = model.tag(tokens)
        for tok, g, p in zip(tokens, gold, pred, strict=False):
            if not any(c.isalnum() for c in tok.text):
                continue
            if g == p:
                tp[g] += 1
            else:
                fp[p] += 1
                fn[g] += 1
    out = {}
    for label in sorted(set(tp) | set(fn)):
        p = tp[label] / max(1, tp[label] + fp[label])
        r = tp[label] / max(1, tp[label] + fn[label])
        out[label] = (p, r, 2 * p * r / max(1e-9, p + r), tp[label] + fn[label])
    total = sum(tp.values()) / max(1, sum(tp.values()) + sum(fn.values()))
    out["= accuracy"] = (total, total, total, sum(tp.values()) + sum(fn.values()))
    return out


def held_out_sets() -> dict[str, list]:
    sets = {}
    anystyle_dir = SHARED / "labelled-refs" / "anystyle"
    if anystyle_dir.is_dir():
        seqs = [s for name in ("bad.xml", "ugly.xml")
                for s in labelled.read_sequences(anystyle_dir / name)]
        sets["anystyle bad+ugly"] = fit.tagged(seqs)
    bibs = [SHARED / "bib-corpus" / name for name in HELD_OUT_BIB]
    records = [r for path in bibs if path.exists() for r in synthetic.read_records(path)]
    if records:
        sets["unseen .bib fields"] = fit.tagged(synthetic.generate(records, 3000, seed=7))
    return sets


def main() -> int:
    model = tagger.load()
    sets = held_out_sets()
    if not sets:
        print(f"no held-out data under {SHARED} (set PAPERGRAPH_SHARED)", file=sys.stderr)
        return 1
    for name, data in sets.items():
        print(f"{name} ({len(data)} strings)")
        print(f"  {'label':12} {'precision':>9} {'recall':>7} {'F1':>6} {'tokens':>7}")
        for label, (p, r, f1, n) in scores(data, model).items():
            print(f"  {label:12} {100 * p:8.1f}% {100 * r:6.1f}% {100 * f1:5.1f}% {n:7d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
