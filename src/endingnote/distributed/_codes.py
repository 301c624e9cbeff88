"""Findings of distributed runs: an input the cluster could not process is reported, never dropped."""

from __future__ import annotations

from endingnote._codes import define

define(
    "distributed.input_failed",
    "error",
    "この入力を処理できませんでした: {reason}",
    "this input could not be processed: {reason}",
    "A worker died on this input more often than the scheduler allows (or raised an error); the input "
    "is reported instead of being lost. Run it alone to see why.",
)
