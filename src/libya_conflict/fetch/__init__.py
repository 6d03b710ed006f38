"""Fetch and refresh event data from ACLED's and UCDP's APIs into files ``clean`` reads.

``fetch_acled`` (:mod:`.acled`, updates with deletions by :mod:`.merge`) and ``fetch_ucdp``
(:mod:`.ucdp`, or a release's CSV zip by :mod:`.download`) write ``data/raw/...csv`` with a
manifest beside it (:mod:`.output`), through one HTTP client with timeouts and bounded retries
(:mod:`.http`) and the credentials and tokens of :mod:`.auth`. Nothing here imports
``cleaning``: a fetched file is an export like any other.
"""
