"""Remote sources: Semantic Scholar (through the ``semanticscholar`` package) and dblp
(through ``requests``), sharing one HTTP layer (:mod:`.http`) for rate limiting,
retries, request accounting, the response cache and the offline/unreachable guards."""
