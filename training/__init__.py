"""Training the importer's shipped models (``make model``; maintainers only).

This folder holds the training data (``SOURCES.md`` says where each part comes from and
under which licence) and the code that turns it into the model files the package ships
in ``src/papergraph/importer/models/``:

* :mod:`.labelled`: hand-labelled reference strings (AnyStyle's XML, ``shapes.jsonl``)
  as labelled segments;
* :mod:`.synthetic`: labelled citation strings rendered from the ``.bib`` records in
  ``bib/``;
* :mod:`.fit`: the tagger and finder trained from them, and the name lists.

None of it runs when a page is imported, and none of it is installed with the package:
``scripts/make_model.py``, ``scripts/score_import.py --cv`` (and the corpus gate in the
tests that uses it) and ``scripts/score_tagger.py`` import it from the repository.
"""
