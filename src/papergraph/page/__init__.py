"""The interactive page, in one direction: model → layout → render.

* :mod:`.model` – the page model, built once from the syllabus, the resolution and the
  graph (each area's look, topics and reading order, talks, what the panels show);
* :mod:`.layout` – where each node stands (rings and timeline), from the model alone;
* :mod:`.visnet` – vis-network's groups, records, options and bundle, from both;
* :mod:`.render` – the one offline HTML file, from both.

No module here imports a later one; the rest of papergraph calls this package alone.
"""

from __future__ import annotations

from .model import LIGHT_MODE_NODES, PageModel, build_model
from .render import render_model, render_page, write_graphs, write_page

__all__ = ["LIGHT_MODE_NODES", "PageModel", "build_model", "render_model", "render_page",
           "write_graphs", "write_page"]
