"""Rebuild the importer's shipped models from the labelled data in the repository.

    python scripts/make_model.py            # both models (make model)
    python scripts/make_model.py --finder   # only the finder (seconds)

The tagger is trained on AnyStyle's hand-labelled references (training/anystyle/, BSD),
the hand-labelled page shapes in training/shapes.jsonl
and on synthetic citation strings rendered from the permissively licensed .bib files in
training/bib/ (see training/SOURCES.md); the finder on the readings the importer weighs
on every page of the import corpus (tests/import_corpus/, labelled by its truth files).
Fixed seeds: the same data gives the same models.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from papergraph.importer.learned.tagger import MODELS  # noqa: E402
from training import fit, labelled, synthetic  # noqa: E402

TRAINING = ROOT / "training"
SYNTHETIC = 9000  # strings rendered from the .bib records
SHAPE_WEIGHT = 12  # each hand-labelled page shape counts as this many strings
ANYSTYLE = ("core.xml", "gold.xml", "good.xml")


def tagger_data() -> list:
    sequences = []
    for name in ANYSTYLE:
        sequences += list(labelled.read_sequences(TRAINING / "anystyle" / name))
    records = []
    for bib in sorted((TRAINING / "bib").glob("*.bib")):
        records += list(synthetic.read_records(bib))
    fit.write_names(records, [text for seq in sequences for text, label, _ in seq
                            if label == "author"])
    fit.write_journals(records, [t for name in ANYSTYLE
                                 for t in labelled.read_journals(TRAINING / "anystyle" / name)])
    sequences += synthetic.generate(records, SYNTHETIC, seed=1)
    sequences += labelled.read_shapes(TRAINING / "shapes.jsonl") * SHAPE_WEIGHT
    return fit.tagged(fit.shuffled(sequences, seed=2))


def finder_rows(pages: list | None = None) -> list:
    import score_import

    rows = fit.made_up_rows()
    for page, truth in pages or score_import.corpus():
        rows += fit.label_rows(fit.record_page(page), truth)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--finder", action="store_true", help="rebuild only the finder")
    args = parser.parse_args(argv)
    if not args.finder:
        data = tagger_data()
        fit.train_tagger(data, MODELS / "tagger.crfsuite")
        print(f"tagger: {len(data)} strings -> {MODELS / 'tagger.crfsuite'}")
    rows = finder_rows()
    fit.train_finder(rows, MODELS / "finder.crfsuite")
    print(f"finder: {len(rows)} readings -> {MODELS / 'finder.crfsuite'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
