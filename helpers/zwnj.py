"""Zero-width non-joiner (ZWNJ) repair beyond hazm's Normalizer.

Persian writes a ZWNJ inside many words: before plural and verbal suffixes («برنامه‌ها»,
«شده‌اند»), after the prefixes «می»/«نمی» («می‌شود») and between the parts of compounds
(«نشان‌دهنده»). Texts copied from the web often lose it (the word is then written joined,
«برنامهها») or carry a plain space instead («برنامه ها»). This module puts the ZWNJ back.

The repair only ever inserts a ZWNJ or turns one plain space into a ZWNJ; every other character
is kept, so ``text.replace(ZWNJ, "").replace(" ", "")`` is the same before and after. Words are
looked up with Arabic «ي»/«ك» read as Persian «ی»/«ک», so raw and normalized text both work.

How a word written joined is read (each step uses the lexicons named in brackets):

1. A word hazm 0.12.1 lists with a frequency above zero, a verb form hazm conjugates, a suffix,
   a compound part or an entry of ``zwnj_exceptions`` is whole and never split; so is a known
   word + an ending written joined (``zwnj_joined_endings``: «همکاران», «نمایندگان», «توانمندی»).
2. A word whose ZWNJ-less spelling is a ZWNJ word of hazm's list, a conjugated verb or «می»/«نمی»
   + a bare present stem («میشود» → «می‌شود», «نمیتوان» → «نمی‌توان», «شبانهروزی» →
   «شبانه‌روزی») takes that spelling.
3. Stem + suffix (``zwnj_suffixes``), the stem known to hazm (or itself repairable), under the
   suffix's kind: ``plural`` after any stem, ``after_final_he`` after a stem ending in a silent
   «ه», ``after_vowel`` after one ending in «ه» or «ی», ``pronoun_after_vowel`` the same but not
   after a glide «ی» («زندگی‌شان»; «برایشان» stays), ``after_participle`` after a past
   participle («شده‌است»), ``comparative`` after an adjective or a known word + «ی»,
   ``ezafe_after_he`` after a silent «ه» that is no consonant (``zwnj_pronounced_he``:
   «خانهی» is «خانه‌ی», «فقهی» stays whole). When several readings fit, the most frequent stem
   wins («جامعهای» is «جامعه‌ای», not «جامع‌های»); between close ones, the one whose ZWNJ
   spelling hazm lists, with any frequency («حرفه‌ای», not «حرف‌های»); and a suffix yields to
   its ``yields_to`` after a past participle («کرده‌ایم», not «کرد‌هایم»).
4. Known word + compound part (``zwnj_compound_parts``): «نشاندهنده» → «نشان‌دهنده».
5. A word read so + an ending of ``zwnj_joined_endings``: «گفتوگوی» → «گفت‌وگوی».
6. Only when nothing above reads the word: a first part (``zwnj_first_parts``) + a known or
   repairable word («بهعنوان» → «به‌عنوان»); then two words hazm knows well («کرهجنوبی» →
   «کره‌جنوبی», :func:`_two_word_readings`).
7. A token's word that none of these reads, made of a stem hazm does not list at all and a
   ``plural`` suffix: «سلبریتیها» → «سلبریتی‌ها» (:func:`_unknown_stem_plural`; never inside
   another reading).

A word written joined that reads as X + «های» or as X-«ه» + «ای» («نامهای») is read by the word
after it: before a word of ``zwnj_not_after_ezafe`` (را، که، به، است...), a verb with «می» or a
mark ending the clause, a plural with ezafe cannot stand, so it is «نامه‌ای»; nor after a
word of ``zwnj_before_singular`` («هیچ نامه‌ای»: a determiner or a number takes a singular).

A ZWNJ is only inserted after a letter that joins the next one. After «ا د ذ ر ز ژ و» the letters
never join anyway, so «کارها» looks the same with or without one; such words are left as written
(a choice: many writers and hazm's own word list write them so).

A plain space before a suffix («برنامه ها», «شده اند», «موفق تری»), between «می»/«نمی» and a verb
(«می شود»), or before a compound part marked ``after_space`` («موفقیت آمیز») becomes a ZWNJ.

A word written joined that ends in an entry of ``zwnj_whole_endings`` («حاجیزاده») is a name
and stays whole. Before the repair, cleaning joins preverbs and bound parts written apart
(:mod:`helpers.zwnj_joins`).

Lexicons read here (``LEXICONS``): ``zwnj_suffixes.tsv``, ``zwnj_whole_endings.txt``,
``zwnj_joined_endings.tsv``, ``zwnj_first_parts.txt``, ``zwnj_not_after_ezafe.txt``,
``zwnj_before_singular.txt``; :mod:`helpers.zwnj_lexicon` loads hazm's words with
``zwnj_suffixes.tsv``, ``zwnj_compound_parts.tsv``, ``zwnj_exceptions.txt``,
``verb_prefixes.txt`` and ``zwnj_pronounced_he.txt``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, compress, count, repeat
from operator import itemgetter
from typing import NamedTuple

from .chars import ZWNJ
from .lexicons import load_list, load_table
from .speedups import word_memo
from .text import fold_yeh_kaf
from .zwnj_lexicon import _MI_PREFIX_SET, _MI_PREFIXES, _MIN_STEM, _form_offsets, _lexicon

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files
# (the others its docstring names are read by helpers.zwnj_lexicon).
LEXICONS = ("zwnj_suffixes", "zwnj_whole_endings", "zwnj_joined_endings", "zwnj_first_parts",
            "zwnj_not_after_ezafe", "zwnj_before_singular")

REPAIR_COLUMNS = ["start", "end", "before", "after", "rule"]

# Letters that never join the letter after them: a ZWNJ after them changes nothing visible.
NON_JOINING = frozenset("ءآأؤإاةدذرزژوٱۀ")
_LETTERS = "\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
_MARKS = "\u064b-\u065f\u0670"  # diacritics, kept inside the word they sit on
_WORD = f"[{_LETTERS}{_MARKS}]+(?:{ZWNJ}[{_LETTERS}{_MARKS}]+)*"
# The word as a capturing group: ``split`` then returns gap, word, gap, ..., word, gap in one
# C-level pass, so a line costs no Match object (nor start/end calls) per word. Possessive
# (``++``, ``*+``): a word ends where its letters do, so the engine keeps no backtracking
# points (the same words as _WORD; 7 % less time over the Fars lines).
_WORD_SPLIT = re.compile(f"([{_LETTERS}{_MARKS}]++(?:{ZWNJ}[{_LETTERS}{_MARKS}]++)*+)")
_WHOLE_ENDINGS = tuple(load_list("zwnj_whole_endings"))
_FIRST_PARTS = tuple(load_list("zwnj_first_parts"))
_NOT_AFTER_EZAFE = frozenset(load_list("zwnj_not_after_ezafe"))
_BEFORE_SINGULAR = frozenset(load_list("zwnj_before_singular"))
_PLURAL_SUFFIXES = tuple(row["suffix"] for row in load_table("zwnj_suffixes") if row["kind"] == "plural")
# The suffix pair a word written joined may end in either way (both rows of zwnj_suffixes).
_PLURAL_EZAFE, _INDEFINITE = "های", "ای"
# «های» as written with each letter fold_yeh_kaf reads as «ی»: a line holding none has no
# word ending in «های».
_PLURAL_EZAFE_SPELLINGS = (_PLURAL_EZAFE, "هاي", "هاى")
# Marks that end a clause: no ezafe complement can follow them.
_CLAUSE_END = frozenset(".،,؛;:!?؟»)")
# The suffix kinds that follow only a stem ending in «ه» or «ی» (zwnj_suffixes)
_VOWEL_KINDS = frozenset({"after_final_he", "after_vowel", "pronoun_after_vowel", "ezafe_after_he"})
_MIN_UNKNOWN_STEM = 3  # a stem hazm does not list takes a plural suffix when this long
_CLEAR_WIN = 5  # how many times more frequent a reading must be than a rival one
# The last resort, two words hazm knows: each of this many letters at least and this frequent
# (1M keeps «کره‌جنوبی» and leaves rarer pairs, most of them names, whole).
_TWO_WORD_MIN_PART = 3
_TWO_WORD_MIN_FREQ = 1_000_000


class Reading(NamedTuple):
    """How a word written joined splits: ZWNJ insertion offsets, every morpheme boundary (also
    those after a non-joining letter, where no ZWNJ goes), the rule, and a tie-break score."""

    offsets: tuple[int, ...]
    bounds: tuple[int, ...]
    rule: str
    score: int


def _joining_offsets(word: str, offsets) -> tuple[int, ...]:
    """Keep the offsets where the letter before would otherwise join the next one."""
    # A list comprehension runs inline; a generator costs a frame per call (16,000 per Fars run).
    return tuple([o for o in offsets if 0 < o < len(word) and word[o - 1] not in NON_JOINING])


def _stem_reading(stem: str) -> Reading | None:
    """A reading of a stem: repairable, or known as is (no offsets); None when unknown.

    The score is hazm's frequency; 1 for a word hazm knows without one (a verb form, a known
    word + a joined ending: «پرسپولیسی»), 0 for a word hazm lists with no occurrence, so that
    between two such stems the reading found first (the longer suffix, «تیم‌های» before
    «تیمه‌ای») wins."""
    lex = _lexicon()
    reading = read_word(stem)
    if reading is not None:
        return reading
    if lex.freq.get(stem, 0) > 0:
        return Reading((), (), "", lex.freq[stem])
    if stem in lex.whole or stem in lex.participles or _is_known_plus_ending(stem):
        return Reading((), (), "", 1)
    if stem in lex.freq:
        return Reading((), (), "", 0)
    return None


@lru_cache(maxsize=1)
def _joined_endings() -> tuple[tuple[str, tuple[str, ...], str, tuple[str, ...]], ...]:
    """``zwnj_joined_endings.tsv`` as (ending, letters the stem must end with, letters it drops,
    letters it must not end with)."""
    return tuple(
        (r["ending"], tuple(r["stem_after"].split()), r["stem_adds"], tuple(r["stem_not_after"].split()))
        for r in load_table("zwnj_joined_endings")
    )


@lru_cache(maxsize=1)
def _joined_endings_by_last_letter() -> dict[str, tuple[tuple[str, tuple[str, ...], str, tuple[str, ...]], ...]]:
    """The rows of :func:`_joined_endings` by the last letter of their ending, in the lexicon's
    order: a word is tried only against the endings it may end with (none for most words)."""
    by_last: dict[str, list] = {}
    for row in _joined_endings():
        by_last.setdefault(row[0][-1], []).append(row)
    return {last: tuple(rows) for last, rows in by_last.items()}


def _ending_fits(stem: str, stem_after: tuple[str, ...], stem_not_after: tuple[str, ...]) -> bool:
    """Whether ``stem`` ends with one of ``stem_after`` (any when empty) and none of ``stem_not_after``."""
    return (not stem_after or stem.endswith(stem_after)) and not stem.endswith(stem_not_after)  # endswith(()) is False


def _read_known_plus_ending(word: str) -> bool:
    """True for a known word followed by an ending written joined (``zwnj_joined_endings``):
    «توانمندی», «همکاران», «نمایندگان» are whole. Read through :func:`_is_known_plus_ending`."""
    freq = _lexicon().freq
    for ending, stem_after, stem_adds, stem_not_after in _joined_endings_by_last_letter().get(word[-1:], ()):
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        if len(stem) >= _MIN_STEM and _ending_fits(stem, stem_after, stem_not_after) and freq.get(stem + stem_adds, 0) > 0:
            return not _takes_suffix(stem, ending)
    return False


# Asked about three times of each distinct word read (of the word, then of it as a stem and as
# an unknown plural's whole): a word memo reads it once.
_is_known_plus_ending = word_memo(_read_known_plus_ending, max_size=200_000)


def _takes_suffix(stem: str, ending: str) -> bool:
    """Whether a joined ending is rather a suffix of ``zwnj_suffixes`` that fits ``stem``: «ی»
    after a silent «ه» is the ezafe «ه‌ی» («خانهی» is «خانه‌ی»), not a joined «ی»."""
    kind = _lexicon().suffix_kinds.get(ending)
    return kind is not None and _suffix_fits(stem, ending, kind)


def _suffix_fits(stem: str, suffix: str, kind: str) -> bool:
    """Whether a stem written joined to ``suffix``, of ``kind``, can take that suffix."""
    if kind in _VOWEL_KINDS and len(stem) > _MIN_STEM:
        # «ه» after «ا» is a consonant (راه، کاه), not a silent «ه»
        final_he = stem.endswith("ه") and not stem.endswith("اه")
        if kind == "ezafe_after_he":
            # Nor is the «ه» of zwnj_pronounced_he («فقه», «ابرکوه»), nor where hazm's list holds
            # the stem, or the last word of a compound stem («بیتوجه»: «توجه»), with the suffix
            # joined (with any frequency): then «ی» is part of the word, and writers join it.
            lex = _lexicon()
            if not final_he or stem.endswith(lex.pronounced_he):
                return False
            reading = _stem_reading(stem)
            last = stem[max(reading.bounds, default=0):] if reading is not None else stem
            return stem + suffix not in lex.freq and last + suffix not in lex.freq
        if kind == "pronoun_after_vowel":  # a «ی» after «ا» or «و» is a glide before the suffix («برایشان»)
            return final_he or (stem.endswith("ی") and stem[-2] not in "او")
        return final_he or (kind == "after_vowel" and stem.endswith("ی"))
    if kind == "after_participle":
        return stem in _lexicon().participles
    if kind == "comparative":
        lex = _lexicon()
        relational = stem.endswith("ی") and len(stem) > _MIN_STEM + 1 and lex.freq.get(stem[:-1], 0) > 0
        return len(stem) > _MIN_STEM and (stem in lex.adjectives or relational)
    return kind == "plural"


@lru_cache(maxsize=200_000)
def read_word(word: str) -> Reading | None:
    """Return how a word written without ZWNJ splits, or None when it is whole or unknown.

    ``word`` is one ZWNJ-less piece in Persian letters. The reading's ``offsets`` are the
    positions where a ZWNJ goes (empty when the best reading needs none, e.g. «کارها»).
    """
    lex = _lexicon()
    if len(word) < 2 * _MIN_STEM or word in lex.whole or _is_known_plus_ending(word) or word.endswith(_WHOLE_ENDINGS):
        return None
    candidates: list[Reading] = []
    if word in lex.zwnj_forms:
        form, rule, score = lex.zwnj_forms[word]
        bounds = _form_offsets(form)
        candidates.append(Reading(_joining_offsets(word, bounds), bounds, rule, score))
    # The word's ending of each suffix length is looked up instead of trying every suffix:
    # suffixes are distinct, so at most one fits per length, and going longest first keeps
    # the candidates in the longest-first order of the suffix table (``_best`` breaks score
    # ties by candidate order).
    by_suffix: dict[str, Reading] = {}
    for length in lex.suffix_lengths.get(word[-1], ()):
        suffix = word[-length:]
        kind = lex.suffix_kinds.get(suffix)
        if kind is None or len(word) - length < _MIN_STEM:
            continue  # most lengths: one slice and one look-up, no stem copied
        stem = word[:-length]
        if (kind in _VOWEL_KINDS and stem[-1] not in "هی") or not _suffix_fits(stem, suffix, kind):
            continue
        inner = _stem_reading(stem)
        if inner is None:
            continue
        rule = f"{inner.rule}+suffix_{suffix}" if inner.rule else f"suffix_{suffix}"
        offsets = inner.offsets + _joining_offsets(word, (len(stem),))
        by_suffix[suffix] = Reading(offsets, inner.bounds + (len(stem),), rule, inner.score)
    candidates.extend([r for s, r in by_suffix.items() if not _yields(word, lex.suffix_yields.get(s), by_suffix)])
    for length in lex.part_lengths.get(word[-1], ()):  # by ending, as the suffixes above
        head, part = word[:-length], word[-length:]
        if len(head) >= _MIN_STEM and part in lex.parts and lex.freq.get(head, 0) > 0:
            score = lex.freq[head]
            offsets = _joining_offsets(word, (len(head),))
            candidates.append(Reading(offsets, (len(head),), f"compound_{part}", score))
    candidates.extend(_joined_ending_readings(word))
    # A first part is the last resort: «بیماریهای» is «بیماری‌های», not «بی‌ماری‌های».
    return _best(candidates or _first_part_readings(word) or _two_word_readings(word), word)


def _joined_ending_readings(word: str) -> list[Reading]:
    """Readings of ``word`` as a word :func:`read_word` repairs + an ending written joined
    (``zwnj_joined_endings``): «گفتوگوی» → «گفت‌وگوی». Not on a stem read only as two words: that
    last resort stays for whole words («دولتمردان» is no «دولت‌مردان»)."""
    readings = []
    for ending, stem_after, stem_adds, stem_not_after in _joined_endings_by_last_letter().get(word[-1:], ()):
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < 2 * _MIN_STEM or not _ending_fits(stem, stem_after, stem_not_after):
            continue
        if _takes_suffix(stem, ending):
            continue
        inner = read_word(stem + stem_adds)
        if inner is not None and inner.offsets and max(inner.bounds) < len(stem) and "two_words" not in inner.rule:
            readings.append(Reading(inner.offsets, inner.bounds, f"{inner.rule}+ending_{ending}", inner.score))
    return readings


def _two_word_readings(word: str) -> list[Reading]:
    """Readings of ``word`` as two words hazm knows well (each of three letters or more and
    seen at least ``_TWO_WORD_MIN_FREQ`` times), the first ending in a letter that joins:
    «کرهجنوبی» → «کره‌جنوبی». Scored by the rarer part. A second part that is a verb form or a
    past participle is no second word («برشمرد», «برگرفته» are a preverb and a verb), and a
    part in hazm's stopwords is left to the writer's convention («همانطور», «اینبار»)."""
    lex = _lexicon()
    freq = lex.freq
    readings = []
    for cut in range(_TWO_WORD_MIN_PART, len(word) - _TWO_WORD_MIN_PART + 1):
        head = word[:cut]
        if freq.get(head, 0) < _TWO_WORD_MIN_FREQ:
            continue  # nearly every cut: a rare head (one look-up; the other tests only past it)
        tail = word[cut:]
        if head[-1] in NON_JOINING or tail in lex.verbs or tail in lex.participles:
            continue
        if head in lex.stopwords or tail in lex.stopwords:
            continue
        score = min(freq[head], freq.get(tail, 0))
        if score >= _TWO_WORD_MIN_FREQ:
            readings.append(Reading((cut,), (cut,), "two_words", score))
    return readings


def _first_part_readings(word: str) -> list[Reading]:
    """Readings of ``word`` as a first part (``zwnj_first_parts``) and a word hazm knows or a
    word :func:`read_word` repairs: «بهعنوان» → «به‌عنوان», «بهگونهای» → «به‌گونه‌ای»."""
    if not word.startswith(_FIRST_PARTS):
        return []  # nearly every word it is asked about: one C-level test
    freq = _lexicon().freq
    readings = []
    for first in _FIRST_PARTS:
        rest = word[len(first) :]
        if not word.startswith(first) or len(rest) <= _MIN_STEM:
            continue
        inner = read_word(rest)
        if inner is None and freq.get(rest, 0) > 0:
            inner = Reading((), (), "", freq[rest])
        if inner is None:
            continue
        shift = len(first)
        offsets = _joining_offsets(word, (shift,)) + tuple(shift + o for o in inner.offsets)
        bounds = (shift,) + tuple(shift + b for b in inner.bounds)
        rule = "+".join(r for r in (f"first_part_{first}", inner.rule) if r)
        readings.append(Reading(offsets, bounds, rule, inner.score))
    return readings


def _yields(word: str, winner: str | None, by_suffix: dict[str, Reading]) -> bool:
    """Whether a reading yields to the reading of ``word`` as a past participle + ``winner``
    (``zwnj_suffixes``' yields_to): «کردهایم» is «کرده‌ایم», but «کتابهایم» stays «کتاب‌هایم»."""
    reading = by_suffix.get(winner) if winner else None
    return reading is not None and word[: reading.bounds[-1]] in _lexicon().participles


def _best(candidates: list[Reading], word: str) -> Reading | None:
    """The most frequent reading of ``word``; when a reading placing its ZWNJs elsewhere is close
    (less than ``_CLEAR_WIN`` times rarer), the one of those close readings whose spelling hazm's
    list holds (with any frequency: «حرفه‌ای», not «حرف‌های»), or None when not exactly one is:
    «پیشرفتهای» may be «پیشرفت‌های» or «پیشرفته‌ای»."""
    if len(candidates) < 2:  # no rival: most words read at all
        return candidates[0] if candidates else None
    ranked = sorted(candidates, key=lambda r: -r.score)
    best = ranked[0]
    close = [r for r in ranked if r.bounds == best.bounds or best.score < _CLEAR_WIN * r.score]
    if all(r.bounds == best.bounds for r in close):
        return best
    listed = _lexicon().listed_bounds.get(word, ())
    spelled = [r for r in close if r.bounds in listed]
    return spelled[0] if spelled and all(r.bounds == spelled[0].bounds for r in spelled) else None


def _read_token_repair(token: str) -> tuple[str, str, str, bool]:
    """A token's repaired spelling, that spelling folded for lookups, the rules, and whether it changed."""
    if ZWNJ in token:
        return _spelled(token, *_word_offsets(token))
    # A token without ZWNJ (three in four distinct words) is :func:`_word_offsets`' one piece:
    # its folded spelling is the word read, and when the reading adds no ZWNJ (nearly always)
    # the token is its own repair, with no second fold nor _spelled call.
    word = fold_yeh_kaf(token)
    reading = _token_reading(word)
    if reading is None or not reading.offsets:
        return token, word, "", False
    return _spelled(token, tuple(sorted(reading.offsets)), reading.rule)


# Looked up for every word of every line (600,000 on the Fars bench, nearly all seen before):
# a word memo's hit is one dict lookup in C, where an lru_cache hit also reorders its list.
_token_repair = word_memo(_read_token_repair, max_size=200_000)


def _spelled(token: str, offsets: tuple[int, ...], rule: str) -> tuple[str, str, str, bool]:
    """``token`` with a ZWNJ at each offset, that spelling folded, ``rule`` and whether it changed."""
    repaired = token
    for o in reversed(offsets):
        repaired = repaired[:o] + ZWNJ + repaired[o:]
    return repaired, fold_yeh_kaf(repaired), rule, bool(offsets)


def _word_offsets(token: str) -> tuple[tuple[int, ...], str]:
    """ZWNJ insertion offsets inside a token and the rules used.

    The token is read without its ZWNJs; when the ZWNJs it already has sit on boundaries of
    that reading, the reading's missing ZWNJs are added. Otherwise (or when the whole is not
    split) each ZWNJ-separated piece is read on its own, and so are the parts its reading cuts.

    Not cached itself: its one caller, ``_read_token_repair``, is (through ``_token_repair``).
    """
    stripped = fold_yeh_kaf(token.replace(ZWNJ, ""))
    reading = _token_reading(stripped)
    if reading is None and ZWNJ not in token:  # most words: the one piece was just read
        return (), ""
    present = _form_offsets(token)
    if reading is not None and set(present) <= set(reading.bounds):
        missing = [o for o in reading.offsets if o not in present]
        return _to_token_offsets(missing, present), reading.rule if missing else ""
    offsets: list[int] = []
    rules: list[str] = []
    pieces = token.split(ZWNJ)
    to_read = list(zip(accumulate((len(piece) + 1 for piece in pieces), initial=0), pieces))  # (start, piece)
    # The parts a reading cuts a piece into are read too (appended, this loop reaches them): the
    # token's ZWNJs still sit off its whole reading after the repair, so the next repair reads
    # each part as a piece of its own, and one may split further («ب‌ببئهایها»: «ببئهای‌ها», then
    # «ببئ‌های‌ها»); repair must be idempotent. A part is shorter than its piece: the loop ends.
    for start, piece in to_read:
        piece_reading = _token_reading(fold_yeh_kaf(piece))
        if piece_reading is not None and piece_reading.offsets:
            offsets.extend(start + o for o in piece_reading.offsets)
            rules.append(piece_reading.rule)
            cuts = (0, *piece_reading.offsets, len(piece))
            to_read.extend((start + a, piece[a:b]) for a, b in zip(cuts, cuts[1:]))
    return tuple(sorted(offsets)), "+".join(rules)


def _token_reading(word: str) -> Reading | None:
    """:func:`read_word`, or else a reading as a stem hazm does not list + a ``plural`` suffix
    (:func:`_unknown_stem_plural`). Only for a token's words: the readings of ``read_word`` never
    build on an unknown stem («بیزینسهای» is no «بی» + «زینس‌های»)."""
    reading = read_word(word)
    if reading is None and word.endswith(_PLURAL_SUFFIXES):
        return _unknown_stem_plural(word)
    return reading


def _unknown_stem_plural(word: str) -> Reading | None:
    """``word`` as a stem hazm does not list at all (of ``_MIN_UNKNOWN_STEM`` letters or more,
    ending in a letter that joins) + a ``plural`` suffix: «سلبریتیها» → «سلبریتی‌ها»,
    «اپلیکیشنهای» → «اپلیکیشن‌های», loanwords newer than hazm's list. Never a word hazm lists,
    a whole word of ``read_word``'s rules, nor two words hazm knows written together
    («شیخبهایی»: a space is missing, not a ZWNJ), nor a word that may end in a word in «ه» +
    a suffix («فرامنطقهای»: «منطقه» + «ای»). Scored 0."""
    lex = _lexicon()
    if word in lex.freq or word in lex.whole or _is_known_plus_ending(word) or word.endswith(_WHOLE_ENDINGS):
        return None
    for length in lex.suffix_lengths.get(word[-1:], ()):
        stem, suffix = word[:-length], word[-length:]
        if lex.suffix_kinds.get(suffix) != "plural" or len(stem) < _MIN_UNKNOWN_STEM:
            continue
        if stem[-1] in NON_JOINING or stem in lex.freq or _stem_reading(stem) is not None:
            return None
        if any(lex.freq.get(word[:cut], 0) > 0 and lex.freq.get(word[cut:], 0) > 0
               for cut in range(_MIN_STEM, len(word) - _MIN_UNKNOWN_STEM + 1)):
            return None
        if suffix[0] == "ه" and suffix[1:] in lex.suffix_kinds:
            # «فرامنطقهای» may be «فرامنطقه‌ای»: the stem + «ه» ends in a word hazm knows
            he_stem = stem + "ه"
            if any(lex.freq.get(he_stem[k:], 0) > 0 for k in range(len(he_stem) - _MIN_UNKNOWN_STEM)):
                return None
        return Reading((len(stem),), (len(stem),), f"unknown_stem+suffix_{suffix}", 0)
    return None


def _to_token_offsets(offsets, present) -> tuple[int, ...]:
    """Map offsets in a ZWNJ-less spelling to the token that has ZWNJs at ``present``."""
    return tuple(o + sum(1 for p in present if p < o) for o in sorted(offsets))


@lru_cache(maxsize=200_000)
def _space_rule(left: str, left_token: str, right: str) -> str | None:
    """The rule turning the space between two words into a ZWNJ, or None to keep the space.

    ``left`` is the last ZWNJ piece of the word before the space (folded), ``left_token`` that
    whole word, ``right`` the whole (folded) word after it.
    """
    lex = _lexicon()
    if ZWNJ not in right:
        kind = lex.suffix_kinds.get(right)
        if kind == "plural" and len(left) >= _MIN_STEM:
            return f"space_to_zwnj_{right}"
        if kind in ("after_final_he", "after_vowel") and len(left) > _MIN_STEM and left.endswith("ه"):
            return f"space_to_zwnj_{right}"
        if kind == "comparative" and left in lex.adjectives:
            return f"space_to_zwnj_{right}"
        if (
            right in lex.space_parts
            and len(left) >= _MIN_STEM
            and left not in lex.stopwords
            and (lex.freq.get(left, 0) > 0 or left in lex.whole)
        ):
            return f"space_to_zwnj_compound_{right}"
    mi_form = f"{left_token}{ZWNJ}{right.split(ZWNJ)[0]}"
    if left_token in _MI_PREFIXES and (mi_form in lex.verbs or mi_form in lex.mi_stems):
        return "space_to_zwnj_prefix_mi"
    return None


class _Edit(NamedTuple):
    start: int
    end: int
    after: str
    rule: str


def _plan(text: str) -> list[_Edit]:
    """Every changed word group of ``text``: its span, its repaired spelling and the rules.

    A group is a word and the words that spaces turned into ZWNJs join to it. Only changed words
    and words next to a space that may turn into a ZWNJ can open a group with an edit; every other
    word stays a group of its own, unchanged, so the walk visits just those few words.
    """
    # No word reaches across a space, so the words of the stretches between spaces are the
    # text's; four lines in five hold no word that may open an edit, told by a C-level split
    # and one memo lookup per stretch, where splitting the text into words costs twice that.
    if not any(map(_stretch_may_change, text.split(" "))):
        return []
    return _edits(text)


def _edits(text: str) -> list[_Edit]:
    """:func:`_plan` of a text, its words read one by one."""
    pieces = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., word, gap
    repairs = list(map(_token_repair, pieces[1::2]))
    # The scans over every word run as C-level iterators (map, compress), not Python loops.
    folded_words = list(map(itemgetter(1), repairs))
    # Only a line holding «های» (in a spelling folded to it) has a word ending in it.
    ezafe_ends = (compress(count(), map(str.endswith, folded_words, repeat(_PLURAL_EZAFE)))
                  if any(map(text.__contains__, _PLURAL_EZAFE_SPELLINGS)) else ())
    for k in list(ezafe_ends):
        if _ends_clause(pieces, k, repairs):
            repairs[k] = _indefinite_repair(pieces[2 * k + 1], "before_clause_end") or repairs[k]
        elif k and pieces[2 * k] == " " and folded_words[k - 1] in _BEFORE_SINGULAR:
            repairs[k] = _indefinite_repair(pieces[2 * k + 1], "after_singular_determiner") or repairs[k]
        folded_words[k] = repairs[k][1]
    links = _space_links(pieces, folded_words)
    firsts = set(compress(count(), map(itemgetter(3), repairs)))
    firsts |= links
    firsts.update(k + 1 for k in links)  # a word opens a group of its own when it fails to join
    if not firsts:
        return []
    ends = list(accumulate(map(len, pieces)))  # word k spans ends[2k]:ends[2k + 1]
    edits: list[_Edit] = []
    next_word = 0
    for first in sorted(firsts):
        if first < next_word:  # already joined to the group before
            continue
        last, after, rule, changed = _group(first, repairs, links)
        if changed:
            edits.append(_Edit(ends[2 * first], ends[2 * last + 1], after, rule))
        next_word = last + 1
    return edits


def _read_stretch_may_change(stretch: str) -> bool:
    """Whether a word of ``stretch`` (text between two spaces) may open a group with an edit in
    :func:`_plan`: a word :func:`_token_repair` changes, a word a space beside may turn into a
    ZWNJ (``space_linked``), or a word ending in «های» that :func:`_indefinite_repair` changes
    (whether it does is the same after every cue). Read through :func:`_stretch_may_change`."""
    space_linked = _lexicon().space_linked
    for token in _WORD_SPLIT.split(stretch)[1::2]:
        _, folded, _, changed = _token_repair(token)
        if changed or folded in space_linked:
            return True
        if folded.endswith(_PLURAL_EZAFE):
            indefinite = _indefinite_repair(token, "before_clause_end")
            if indefinite is not None and indefinite[3]:
                return True
    return False


# The stretches of every line (550,000 on the Fars bench, 39,000 distinct): a memo hit is one
# dict lookup in C.
_stretch_may_change = word_memo(_read_stretch_may_change, max_size=200_000)


def _ends_clause(pieces: list[str], k: int, repairs: list[tuple[str, str, str, bool]]) -> bool:
    """Whether word ``k`` (of ``_plan``'s pieces) cannot be followed by an ezafe complement: a
    mark ending the clause (``_CLAUSE_END``) or a line follows it, or the word after it is in
    ``zwnj_not_after_ezafe`` or a verb with «می»/«نمی»."""
    gap = pieces[2 * k + 2]
    if not _CLAUSE_END.isdisjoint(gap) or "\n" in gap:
        return True
    if 2 * k + 3 >= len(pieces) or gap.strip():
        return False  # the text ends unpunctuated (a word alone says nothing); a number, a quote: «سال‌های ۱۳۹۰»
    following = repairs[k + 1][1]
    return following in _NOT_AFTER_EZAFE or (following.split(ZWNJ)[0] in _MI_PREFIX_SET and following in _lexicon().verbs)


@lru_cache(maxsize=50_000)
def _indefinite_repair(token: str, cue: str) -> tuple[str, str, str, bool] | None:
    """``_token_repair`` of a token written joined and ending in «های», read as a word in a
    silent «ه» + «ای» («نامهای» → «نامه‌ای»), or None when hazm does not know that word (or
    lists it with no occurrence) or the token already has a ZWNJ (its writer placed it).
    ``cue`` (the context that rules out a plural) ends the rule."""
    if ZWNJ in token:
        return None
    lex = _lexicon()
    stem = fold_yeh_kaf(token)[: -len(_INDEFINITE)]
    if not _suffix_fits(stem, _INDEFINITE, lex.suffix_kinds[_INDEFINITE]):
        return None
    inner = _stem_reading(stem)
    if inner is None or not (inner.offsets or lex.freq.get(stem, 0) > 0 or stem in lex.whole):
        return None  # hazm lists «تیمه» with no occurrence: «تیم‌های را» keeps its plural reading
    offsets = inner.offsets + _joining_offsets(stem + _INDEFINITE, (len(stem),))
    rule = "+".join(r for r in (inner.rule, f"suffix_{_INDEFINITE}", cue) if r)
    return _spelled(token, offsets, rule)


def _space_links(pieces: list[str], folded_words: list[str]) -> set[int]:
    """The indices k of the words whose following space, before word k + 1, ``_space_rule`` may
    turn into a ZWNJ: a single space before a suffix or a compound part, or after «می»/«نمی».
    ``pieces`` are ``_plan``'s (gap, word, gap, ..., word, gap): the gap after word k is ``pieces[2k + 2]``.

    A superset of the spaces that do turn (``_space_rule`` decides), so cheap set lookups
    replace a ``_space_rule`` call on every word pair: with ~36 words a line, pairs rarely repeat.
    """
    lex = _lexicon()
    if lex.space_linked.isdisjoint(folded_words):
        return set()  # most lines: one C-level pass, no Python loop
    return {
        k
        for k, gap in enumerate(pieces[2:-1:2])
        if gap == " " and (folded_words[k + 1] in lex.space_right or folded_words[k] in _MI_PREFIX_SET)
    }


def _group(first: int, repairs: list[tuple[str, str, str, bool]], links: set[int]) -> tuple[int, str, str, bool]:
    """Word ``first`` and the words after it that spaces turned into ZWNJs join to it.

    ``repairs`` holds ``_token_repair`` of every word. Returns the index of the group's last
    word, its repaired spelling, its rules and whether it differs from the text.
    """
    after, folded, rule, changed = repairs[first]
    rules = [rule]
    last = first
    while last in links:
        right_after, right_folded, right_rule, _ = repairs[last + 1]
        joined = _space_rule(folded.rsplit(ZWNJ, 1)[-1], folded, right_folded)
        # A join is kept only when the joined word reads as complete: otherwise a second
        # pass would split it further («می های» → «می‌های» → «می‌ه‌ای»), and repair must be idempotent.
        if joined is None or _token_repair(after + ZWNJ + right_after)[3]:
            break
        after += ZWNJ + right_after
        folded += ZWNJ + right_folded
        rules += [right_rule, joined]
        changed = True
        last += 1
    return last, after, "+".join(r for r in rules if r), changed


def repair_zwnj(text: str) -> str:
    """Return ``text`` with missing ZWNJs inserted and suffix-separating spaces turned to ZWNJ.

    No other character changes; digits and Latin text are never touched; the repair is
    idempotent (``repair_zwnj(repair_zwnj(t)) == repair_zwnj(t)``).
    """
    pieces: list[str] = []
    position = 0
    for edit in _plan(text):
        pieces.append(text[position : edit.start])
        pieces.append(edit.after)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def zwnj_repairs(text: str):
    """Return the repair report of ``text``: one row per changed word.

    Columns: ``start``, ``end`` (span of the word in the original ``text``, spaces it joined
    included), ``before`` (``text[start:end]``), ``after`` (its repaired spelling) and ``rule``
    (the rules applied, ``+``-joined: ``suffix_ها``, ``prefix_mi``, ``verb_form``,
    ``lexicon_compound``, ``compound_دهنده``, ``space_to_zwnj_ها``...).
    """
    import pandas as pd

    rows = [
        {"start": e.start, "end": e.end, "before": text[e.start : e.end], "after": e.after, "rule": e.rule}
        for e in _plan(text)
    ]
    return pd.DataFrame(rows, columns=REPAIR_COLUMNS)
