"""Fuzz the signed-package reader (``endingnote.sign.asice.open_container``) on the bytes written
to a file, as ``verify`` and ``import`` open them: a container or findings. From a container every
entry is streamed to its end (CRC-32 and size checked: an ``EntryError`` is the documented outcome)
and the manifest parsed (``ManifestError``)."""

from __future__ import annotations

import contextlib

from _common import instrumented, main, scratch_file

with instrumented():
    from endingnote.sign.asice import MANIFEST_NAME, Limits, ManifestError, open_container, parse_manifest
    from endingnote.sign.asice._container import EntryError

_SCRATCH = scratch_file("package.asice")
# the declared limits scaled down so the fuzzer meets them: 1 MB an entry, 4 MB in all, 64 entries,
# the compression ratio checked from 64 KB
LIMITS = Limits(
    max_entries=64, max_entry_size=1 << 20, max_total_size=4 << 20, ratio_floor=1 << 16, max_small=1 << 20
)


def one_input(data: bytes) -> None:
    _SCRATCH.write_bytes(data)
    container, issues = open_container(_SCRATCH, LIMITS)
    if container is None:
        assert issues and all(i.code.startswith("sign.package.") for i in issues), issues
        return
    assert not issues
    with container:
        for name in container.entries:
            try:
                container.digest(name)
            except EntryError as exc:
                assert exc.code in ("sign.package.entry_corrupt", "sign.package.crc_mismatch")
        if MANIFEST_NAME in container.entries:
            with contextlib.suppress(EntryError, ManifestError):
                parse_manifest(container.read(MANIFEST_NAME))


if __name__ == "__main__":
    main(one_input)
