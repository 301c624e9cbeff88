"""Fuzz ``endingnote.calendar.find_dates``, the dates inside a paper register's sentences
(``明治弐拾八年参月参日本籍ニ於テ出生同月拾日父政右衛門届出同日受附入籍``): mentions in order, each
inside the sentence, with a date or ``None``, resolved with and without a base date."""

from __future__ import annotations

import datetime as dt

from _common import instrumented, main, text

with instrumented():
    from endingnote.calendar import find_dates

BASES = (None, dt.date(1950, 4, 1), dt.date(9999, 12, 31), dt.date(1, 1, 1))


def one_input(data: bytes) -> None:
    sentence = text(data)
    for base in BASES:
        end = 0
        for mention in find_dates(sentence, base):
            assert end <= mention.start < mention.end <= len(sentence), mention
            assert sentence[mention.start : mention.end] == mention.text, mention
            assert mention.date is None or isinstance(mention.date, dt.date), mention
            end = mention.end


if __name__ == "__main__":
    main(one_input)
