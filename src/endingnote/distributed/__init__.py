"""Batch validation and conversion on a ``dask.distributed`` cluster (the ``endingnote[dask]`` extra).

- :func:`client_for` connects to a running scheduler, or starts a ``LocalCluster`` for the run;
- :func:`validate_distributed` validates files, folders and NDJSON streams (local paths, or URLs
  with ``fsspec``), partitioned by batches of files and byte blocks of NDJSON, and yields one
  report per document in input order with the same labels and results as a local run;
- :func:`convert_distributed` converts vendor files, one per unit, each into its own output folder.

Every input is accounted for exactly once — valid, invalid, or ``distributed.input_failed`` —
also when workers die during the run.
"""

from __future__ import annotations

from endingnote.distributed._run import SourceOutcome, client_for, convert_distributed, validate_distributed

__all__ = ["SourceOutcome", "client_for", "convert_distributed", "validate_distributed"]
