"""Organisers' planning: who presents what (:mod:`.assign`), in which order
(:mod:`.schedule`), and what to add for a new term (:mod:`.suggest`)."""
