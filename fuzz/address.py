"""Fuzz the one-cell address splitter (``endingnote.convert._address.parse_address``), as vendors
write addresses: with or without a postal code in the cell, or the postal code in a column of its
own (the input's first line): an ``Address`` or an ``AddressError`` with a reason, nothing else."""

from __future__ import annotations

from _common import instrumented, main, text

with instrumented():
    from endingnote.convert._address import AddressError, parse_address


def one_input(data: bytes) -> None:
    value = text(data)
    postal, _, cell = value.partition("\n")
    for call in (lambda: parse_address(value), lambda: parse_address(cell, postal_code=postal)):
        try:
            got = call()
        except AddressError as exc:
            assert exc.reason
            continue
        assert got.prefecture and got.city, got
        assert len(got.local_government_code) == 6 and got.local_government_code.isdigit(), got


if __name__ == "__main__":
    main(one_input)
