"""The number lexicons, loaded once and compacted the way the text is (spaces and ZWNJ
removed): number words and grammar, units, hedges, change words, periods, context cues,
hotlines, stopwords; and :func:`unit_kind`.

Lexicons read here (``LEXICONS``): ``number_words.tsv``, ``number_grammar.tsv``,
``number_ordinal_suffixes.txt``, ``number_word_exceptions.txt``, ``units.tsv``,
``number_compound_units.tsv``, ``hedges.tsv``, ``change_words.tsv``, ``periods.tsv``,
``number_context_cues.tsv``, ``number_hotlines.txt``, ``number_unit_stopwords.txt``,
``number_vague_nouns.txt``.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ..chars import ZWNJ
from ..lexicons import load_list, load_table
from ..text import fold_with_offsets

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = (
    "number_words",
    "number_grammar",
    "number_ordinal_suffixes",
    "number_word_exceptions",
    "units",
    "number_compound_units",
    "hedges",
    "change_words",
    "periods",
    "number_context_cues",
    "number_hotlines",
    "number_unit_stopwords",
    "number_vague_nouns",
)

# ---------------------------------------------------------------------------------------------
# Lexicons, compacted the way the text is compacted (spaces and ZWNJ removed).


def _compact(text: str) -> str:
    """Return ``text`` folded, without spaces and ZWNJ: the key every lexicon lookup uses."""
    folded, _ = fold_with_offsets(text)
    return "".join(ch for ch in folded if not ch.isspace() and ch != ZWNJ)


@lru_cache(maxsize=None)
def _grammar(role: str) -> tuple[str, ...]:
    """The words of ``number_grammar.tsv`` with this role, compacted."""
    return tuple(_compact(r["word"]) for r in load_table("number_grammar") if r["role"] == role)


@lru_cache(maxsize=None)  # asked some fifty thousand times over Fars: a cached call is read in C
def _grammar_word(role: str) -> str:
    return _grammar(role)[0]


@lru_cache(maxsize=None)
def _number_words() -> dict[str, tuple[float, str]]:
    return {_compact(r["word"]): (float(r["value"]), r["kind"]) for r in load_table("number_words")}


@lru_cache(maxsize=None)
def _number_word_prefixes() -> frozenset[str]:
    """Every beginning of a number word («د», «دو», «دوی», ...): a word that begins with no
    number word is known as soon as one of its beginnings is not in here."""
    return frozenset(word[:n] for word in _number_words() for n in range(1, len(word) + 1))


@lru_cache(maxsize=None)
def _ordinal_suffixes() -> frozenset[str]:
    return frozenset(_compact(s) for s in load_list("number_ordinal_suffixes"))


@lru_cache(maxsize=None)
def _word_exceptions() -> frozenset[str]:
    return frozenset(_compact(s) for s in load_list("number_word_exceptions"))


@lru_cache(maxsize=None)
def _units() -> dict[str, str]:
    return {_compact(r["unit"]): r["kind"] for r in load_table("units")}


@lru_cache(maxsize=None)
def _unit_beginnings() -> frozenset[str]:
    """Every beginning of a unit key («د», «دل», «دلا», «دلار»): the word after a number can
    begin a unit of two words only when it is one of them."""
    return frozenset(unit[:n] for unit in _units() for n in range(1, len(unit) + 1))


@lru_cache(maxsize=None)
def _unit_surfaces() -> dict[str, str]:
    """Compact key → the unit as the lexicon writes it (the unit column's value)."""
    return {_compact(r["unit"]): unicodedata.normalize("NFC", fold_with_offsets(r["unit"])[0]) for r in load_table("units")}


class _Lexicon(dict):
    """A lexicon of phrases (compact key → value) ready for ``_match_back`` and ``_match_forward``.

    ``readings`` also reads a key followed by the month suffix («بهمن‌ماه», «مردادماه») as the key
    itself, unless that longer form is an entry of its own: one lookup per run of words.
    ``endings`` and ``beginnings`` hold every ending and beginning of what ``readings`` reads: the
    matchers join words one by one and stop as soon as the words joined so far can no longer be
    part of an entry, instead of reading their full width.
    """

    def __init__(self, entries: dict[str, str]):
        super().__init__(entries)
        suffix = _grammar_word("month_suffix")
        self.readings = {key + suffix: value for key, value in self.items()}
        self.readings.update(self)
        self.endings = frozenset(key[n:] for key in self.readings for n in range(len(key)))
        self.beginnings = frozenset(key[:n] for key in self.readings for n in range(1, len(key) + 1))


@lru_cache(maxsize=None)
def _phrase_table(name: str, column: str) -> _Lexicon:
    return _Lexicon({_compact(r["surface"]): r[column] for r in load_table(name)})


@lru_cache(maxsize=None)
def _cues(side: str) -> _Lexicon:
    return _Lexicon({_compact(r["cue"]): r["kind"] for r in load_table("number_context_cues") if r["side"] == side})


@lru_cache(maxsize=None)
def _hotlines() -> frozenset[float]:
    return frozenset(float(x) for x in load_list("number_hotlines"))


@lru_cache(maxsize=None)
def _stopwords() -> frozenset[str]:
    return frozenset(_compact(s) for s in load_list("number_unit_stopwords"))


@lru_cache(maxsize=None)
def _vague_nouns() -> frozenset[str]:
    return frozenset(_compact(s) for s in load_list("number_vague_nouns"))


@lru_cache(maxsize=None)
def _label_openers() -> frozenset[str]:
    """Words after which a bare number is still a value: function words, hedges, change words,
    period words and every context cue (a cue decides the kind by its own rule)."""
    return (_stopwords() | frozenset(_phrase_table("hedges", "qualifier")) | frozenset(_phrase_table("change_words", "change"))
            | frozenset(_phrase_table("periods", "period")) | frozenset(_cues("before")) | frozenset(_cues("after")))


@lru_cache(maxsize=None)
def _compound_units() -> dict[tuple[str, str], float]:
    return {(_compact(r["unit"]), _compact(r["subunit"])): float(r["factor"]) for r in load_table("number_compound_units")}


def unit_kind(unit: str) -> str:
    """Return the kind ``units.tsv`` gives a unit (percent, count, mass, money...; for a
    classifier unit such as a measure word and its noun, the classifier's kind), or ""."""
    units = _units()
    key = _compact(unit)
    if key in units:
        return units[key]
    first = _compact(unit.split(" ")[0]) if unit else ""
    return units.get(first, "")
