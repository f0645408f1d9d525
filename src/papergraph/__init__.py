"""papergraph: from a seminar reading list to BibTeX, a citation graph, a page and a report.

The pipeline has one module per stage::

    syllabus  ->  resolve  ->  bib / graph  ->  render / report

Library functions take and return plain dataclasses (see :mod:`papergraph.models`);
the Typer CLI in :mod:`papergraph.cli` is a thin layer over them.
"""

__version__ = "0.1.0"
