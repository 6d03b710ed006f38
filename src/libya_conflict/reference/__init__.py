"""Reference: the domain tables in ``data/`` (districts and areas, gazetteer, actor crosswalk,
event-type taxonomy, key events and phases of the war), loaded once and shared by every stage.

Knowledge that changes with the war is data, reviewed like code and sourced: change the files in
``libya_conflict/data/``, not this code.
"""
