"""Reference: the domain tables in ``data/``, loaded once and shared by every stage.

Districts and areas, the gazetteer, the actor crosswalk, the event-type taxonomy, the key events
and the phases of the war.

Knowledge that changes with the war is data, reviewed like code and sourced: change the files in
``libya_conflict/data/``, not this code.
"""
