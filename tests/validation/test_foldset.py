"""The prefilter's generated tables are fresh, and the folding facts the C scan relies on hold."""

from __future__ import annotations

from pathlib import Path

from endingnote.validation import _fold, _foldgen

HERE = Path(_foldgen.__file__).parent


def test_the_generated_tables_are_fresh() -> None:
    """Regenerating changes nothing; if this fails, run python -m endingnote.validation._foldgen
    (and pip install -e . to rebuild the C scan)."""
    for name, text in _foldgen.render().items():
        assert (HERE / name).read_text(encoding="utf-8") == text, name


def test_no_written_form_is_a_suffix_of_another() -> None:
    """The C scan reads a word backwards one folded character at a time; that needs every form of a
    character to be the only one ending where it ends."""
    for word in (*_fold.WORDS, *_fold.PARTICLES):
        for ch in word:
            forms = _fold.unit_forms(ch)
            for a in forms:
                for b in forms:
                    assert a == b or not a.endswith(b), (ch, a, b)
            assert all(_fold.fold(form) == ch for form in forms), ch


def test_every_character_folding_to_a_separator_is_read_as_one_or_flagged() -> None:
    from endingnote.validation._foldset import TRIGGERS

    def flagged(ch: str) -> bool:
        return any(a <= ord(ch) <= b for a, b in TRIGGERS)

    seps = {ch for cp in range(0x80, 0x30000) if _fold.fold_char(ch := chr(cp)) in (" ", "-")}
    assert seps
    for ch in seps:
        assert ch in _fold.RAW_NUMBER_SEPARATORS or flagged(ch), hex(ord(ch))


def test_folding_removes_the_invisible_and_unifies_the_visible() -> None:
    assert _fold.fold("ＰＡＳＳ\u200bＷＯＲＤ：ﾊﾟｽﾜｰﾄﾞ①²𝟏") == "password:パスワード121"
    assert _fold.fold_humps("loginPw") == "login pw"
    assert _fold.fold_humps("password") is None
