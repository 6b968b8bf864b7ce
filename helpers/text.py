"""The text layer: the characters, folds, splitters and lexicon-entry patterns every module uses.

Everything here works on one string and keeps offsets: every fold writes one character for one
(except :func:`fold_with_offsets`, which returns the map back, and
:func:`fold_presentation_forms`, which runs before any offset exists), so a span found in a folded copy
indexes the text given. The annotators (metadata, quotes, speakers, numbers, terms, themes) and
cleaning import their folding, paragraphs and sentence boundaries from here, never define their own.

**Letters.** :data:`LETTER_VARIANTS` is the one table of the Arabic letter forms and spelling
variants Persian text holds, each with the Persian letter it is read as. Each fold takes the
variants it needs from it, by name (:func:`letter_table`), and the choice is part of its contract:

* :func:`fold` (statements, speakers, events): every variant, and ZWNJ, NBSP, tab and the
  invisible marks as a space; lexicon entries are matched in this copy.
* :func:`normalize_letters` (numbers, terms, themes): «ي ى ك ۀ ة».
* :func:`fold_letters` (metadata, boilerplate): «ي ى ك ە»; boilerplate matching
  (``helpers.clean.fold_for_matching``) takes «ۀ ة» from the table too, after dropping marks.
* :func:`fold_yeh_kaf` (ZWNJ repair's word lookups): «ي ى ك» only.
* the matching keys of ``helpers.terms``: «أ إ ٱ ؤ» (on tokens already normalized), ZWNJ dropped.
* :func:`fold_with_offsets` (numbers): :func:`normalize_letters`, diacritics and tatweel dropped.
* :func:`fold_presentation_forms` (cleaning and metadata, on the raw text): the Arabic
  presentation forms as their letters; the only fold that may change the length, so it runs
  before cleaning makes the text every span indexes.

**Paragraphs.** A paragraph is a «\\n»-separated line of the cleaned text: :func:`paragraph_spans`
is the one splitter (statements, speakers, themes); :func:`paragraph_rows` (the ``paragraphs``
table) is it without the empty lines.

**Sentences.** Four boundary rules remain, each named here and each kept because the tables
depend on it byte for byte (making them one would move rows in the exported tables):

* :data:`SENTENCE_END`: the ``sentences`` table (:func:`sentence_rows`): a run of «. ! ? ؟ …»
  before a space or the end, or a line break.
* :data:`NUMBER_SENTENCE_CUT`: the sentence of a number (:func:`sentence_spans`, the
  ``sentence`` column of the numbers and statistics tables): as :data:`SENTENCE_END` but «…»
  does not end a sentence. On the two bench corpora (6,285 articles) the two give different
  sentences in 119 articles, every one of them over a «…».
* :data:`STATEMENT_END` and :data:`STATEMENT_BREAK`: where a reported statement ends and where
  the sentence of its lead-in starts (:func:`sentence_end_after`, :func:`sentence_start_before`):
  a mark not followed by a digit, spaces not needed, abbreviation dots skipped
  (:func:`is_abbreviation_dot`); a colon or «؛» also opens a sentence.
* :data:`NARRATIVE_BREAK`: the sentences of narrative between statements, where speakers are
  met without quoting (:mod:`helpers.speakers`): the marks of :data:`STATEMENT_BREAK` but «…»
  and the full-width colon, the spaces after a mark left to the next sentence.

**Lexicon entries.** :func:`entry_regex`, :func:`entry_tree`, :func:`bounded` and
:func:`matches_at` turn lexicon entries into regexes over :func:`fold`'s copy: words joined by
any spaces or none, «…» a short gap.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Sequence

from .chars import INVISIBLE_MARKS, NBSP, TATWEEL, ZWNJ
from .lexicons import prefix_tree
from .speedups import bmp_class

# Every Arabic letter form or spelling variant a fold may read as a Persian letter, and that
# letter. One character for one character, so offsets survive folding.
LETTER_VARIANTS = {
    "ي": "ی",  # Arabic yeh
    "ى": "ی",  # alef maksura
    "ك": "ک",  # Arabic kaf
    "ۀ": "ه",  # heh with yeh above (ezafe)
    "ة": "ه",  # teh marbuta
    "ە": "ه",  # ae (Kurdish heh), in some archives' datelines
    "أ": "ا",  # alef with hamza above
    "إ": "ا",  # alef with hamza below
    "ٱ": "ا",  # alef wasla
    "ئ": "ی",  # yeh with hamza above
    "ؤ": "و",  # waw with hamza above
}


# Arabic presentation forms (old PDFs, some sites): every form that stands for Arabic-script
# letters, read as those letters. Outside the one-for-one folds: a lam-alef ligature is two letters.
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


@lru_cache(maxsize=1)
def _presentation_table() -> dict[int, str]:
    """Each presentation form whose compatibility decomposition (NFKC) is Arabic-script letters
    or marks, and those letters: hamza and madda kept («ﺋ» → «ئ», «ﻵ» → «لآ»), «ﯾ» → «ی»; the
    isolated marks («ﹰ» → « ً») lose the space NFKC puts before them."""
    table = {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]:
        letters = unicodedata.normalize("NFKC", chr(code)).lstrip(" ")
        if letters != chr(code) and letters and all("\u0600" <= ch <= "\u06ff" or ch == " " for ch in letters):
            table[code] = letters
    return table


def fold_presentation_forms(text: str) -> str:
    """``text`` with every Arabic presentation form (U+FB50–U+FDFF, U+FE70–U+FEFE) written as its
    letters. The text may grow (a ligature is two or more letters): fold before anything takes
    offsets, as cleaning does. Text without such forms is returned as it is, found by one scan."""
    if not _PRESENTATION_FORMS.search(text):
        return text
    return text.translate(_presentation_table())


def letter_table(variants: str) -> dict[str, str]:
    """The part of :data:`LETTER_VARIANTS` for the letters of ``variants``, in that order."""
    return {variant: LETTER_VARIANTS[variant] for variant in variants}


# :func:`fold`'s table: every variant, and the characters that separate words as a space.
_MATCHING_FOLD = str.maketrans({
    **letter_table("يىكأإٱئۀة"),
    ZWNJ: " ", NBSP: " ", "\t": " ", **{mark: " " for mark in INVISIBLE_MARKS},
})

LETTER = r"[^\W\d_]"
# LETTER compiled, for asking whether a letter stands at one position (``LETTER_RE.match(text, pos)``).
LETTER_RE = re.compile(LETTER)
WORD = rf"{LETTER}+"
# Between the words of a lexicon entry: any run of spaces (folded ZWNJ included), or none.
_JOIN = r"\s*"
# «…» in an office or marker entry: up to six words, commas allowed between them.
GAP = r"(?:[\s،,]+[^\s:؛.!?؟،,]+){0,6}?[\s،,]+"


def char_replacer(table: dict):
    """Return a function equal to ``text.translate(table)`` for a ``str.maketrans`` table
    (or a dict of single characters to strings).

    One ``str.replace`` per entry: many times faster than ``translate`` on long Persian texts
    (translate looks every character up in the dict). Falls back to ``translate`` when an
    entry's replacement holds another entry's character, where the order would matter.
    """
    pairs = tuple((key if isinstance(key, str) else chr(key),
                   "" if value is None else value if isinstance(value, str) else chr(value))
                  for key, value in table.items())
    sources = {source for source, _ in pairs}
    if any(ch in sources for _, replacement in pairs for ch in replacement):
        return lambda text: text.translate(table)

    def replace_each(text: str) -> str:
        for source, replacement in pairs:
            text = text.replace(source, replacement)
        return text

    return replace_each


_fold_chars = char_replacer(_MATCHING_FOLD)


def fold(text: str) -> str:
    """Return ``text`` with letters unified for matching, the same length as ``text``."""
    return _fold_short(text) if len(text) <= _SHORT_FOLD else _fold_chars(text)


# Names, offices and words are folded again and again (the same offices recur in every
# article): a short string's fold is looked up, not made again with one ``str.replace`` per
# letter variant. An article is folded once, and not kept.
_SHORT_FOLD = 100


@lru_cache(maxsize=8192)
def _fold_short(text: str) -> str:
    return _fold_chars(text)


def entry_regex(entry: str) -> str:
    """Return the regex source that matches a lexicon entry in folded text.

    Words may be joined by any spaces or none; «…» stands for a short gap (:data:`GAP`).
    The result has no word boundaries; callers add them.
    """
    return "".join(_entry_tokens(entry))


def _entry_tokens(entry: str) -> list[str]:
    """:func:`entry_regex` in pieces: one escaped letter each, :data:`_JOIN` between words and
    :data:`GAP` for «…»; joined they are :func:`entry_regex`."""
    tokens: list[str] = []
    for part in fold(entry).split("…"):
        words = part.split()
        if not words:
            continue
        if tokens:
            tokens.append(GAP)
        for i, word in enumerate(words):
            if i:
                tokens.append(_JOIN)
            tokens.extend(re.escape(letter) for letter in word)
    return tokens


def phrase_alternation(entries, *, join: str = r"\s*") -> str:
    """Regex source matching any of ``entries`` (lexicon phrases, as written), tried in the
    order given, the words of each joined by ``join`` (by default: any spaces, or none)."""
    return "|".join(join.join(re.escape(word) for word in entry.split()) for entry in entries)


def bounded(source: str) -> str:
    """Wrap a regex source so it matches whole words only."""
    return rf"(?<!{LETTER})(?:{source})(?!{LETTER})"


def ending_a_word(source: str) -> str:
    """Wrap a regex source so that a match ends a word: :func:`bounded` without the lookbehind,
    for :func:`word_starts`."""
    return rf"(?:{source})(?!{LETTER})"



def word_starts(regex: re.Pattern, folded: str, start: int, end: int) -> list[int]:
    """Every position of ``folded[start:end]`` where ``regex`` (an :func:`ending_a_word`
    source) matches at the start of a word, in text order: the positions where
    ``(?=bounded(source))`` matches, overlapping ones included.

    Found as the ends of one character that is no letter followed by a match
    (:func:`_after_non_letter`), and position 0: the regex engine then stops only after the
    spaces and marks between words (a fifth of the text), where ``regex`` alone stopped at
    every letter a match can open with («ا», «و», «م» ...: over half the text) and a Python
    test threw out the positions inside words (the mention starts of every ir-news article,
    each scanned whole: 0.45 -> 0.25 s CPU).
    """
    out = [0] if start == 0 and regex.match(folded, 0, end) else []
    after = _after_non_letter(regex.pattern, regex.flags)  # not the Pattern: it hashes its whole program
    m = after.search(folded, max(start - 1, 0), end)
    while m:
        pos = m.end()
        # The class lets every character beyond the BMP through: a letter there is checked here.
        if folded[pos - 1] < _ASTRAL or not LETTER_RE.match(folded, pos - 1):
            out.append(pos)
        m = after.search(folded, pos, end)
    return out


_ASTRAL = "\U00010000"  # the first character beyond the Basic Multilingual Plane


@lru_cache(maxsize=1)
def _non_letter_class() -> str:
    """A character class of every character that is no :data:`LETTER` in the Basic Multilingual
    Plane, and of every character beyond it: the BMP's letters (:func:`helpers.speedups.bmp_class`
    of :data:`LETTER`), negated.

    Not ``[\\W\\d_]``: the regex engine tests that class by Unicode category at every character,
    where a class of explicit BMP ranges is one bitmap lookup (a range beyond the BMP would
    turn the bitmap into a list of ranges read one by one)."""
    return "[^" + bmp_class(LETTER).removeprefix("[")


@lru_cache(maxsize=32)
def _after_non_letter(source: str, flags: int) -> re.Pattern:
    """One character of :func:`_non_letter_class`, then the regex ``source`` looked ahead for
    (up to the search's end, as that regex alone): a match ends where the regex matches at a
    word start (for :func:`word_starts`)."""
    return re.compile(f"{_non_letter_class()}(?={source})", flags)


def entry_tree(entries) -> str:
    """Regex source matching what ``"|".join(entry_regex(e) for e in entries)`` matches, as a
    prefix tree of :func:`_entry_tokens` (:func:`helpers.lexicons.prefix_tree`): entries
    sharing a beginning share one branch.

    For finding *where* some entry matches, not which: the tree tries branches in another
    order than the list, so a match may end elsewhere than the list's first fitting entry.
    Python's regex engine tries a plain alternation's branches one by one at every word
    start; the tree decides letter by letter (see :func:`matches_at`).
    """
    return prefix_tree(_entry_tokens(entry) for entry in entries)


def matches_at(regex: re.Pattern, folded: str, starts, end: int):
    """The matches of ``regex.finditer(folded, pos, end)`` for a regex that never matches the
    empty string, given ``starts``: positions from ``pos`` on, in text order, holding every
    position where ``regex`` matches (more do no harm).

    A :func:`bounded` regex opens with a lookbehind, so the regex engine tries it at every
    position of the text: one scan shared by several regexes, then each matched where the scan
    says it may, costs far less than a full scan per regex.
    """
    cursor = 0
    for pos in starts:
        if pos < cursor:
            continue  # inside the previous match: finditer goes on after it
        m = regex.match(folded, pos, end)
        if m:
            yield m
            cursor = m.end()


def occurrences(folded: str, words) -> list[int]:
    """Every position where one of ``words`` starts in ``folded``, overlapping ones included,
    in text order: read once for an article, then :func:`starts_between` for each paragraph
    (a word holds no line break, so one starting in a paragraph ends in it)."""
    out = []
    for word in words:
        pos = folded.find(word)
        while pos >= 0:
            out.append(pos)
            pos = folded.find(word, pos + 1)
    out.sort()
    return out


def starts_between(positions: list[int], start: int, end: int) -> bool:
    """Whether one of ``positions`` (sorted) lies in ``[start, end)``."""
    i = bisect_left(positions, start)
    return i < len(positions) and positions[i] < end


def first_word(entry: str) -> str:
    """The first word of a lexicon entry, folded: :func:`entry_regex` matches it literally."""
    for part in fold(entry).split("…"):
        if part.split():
            return part.split()[0]
    return ""


_fold_letters = char_replacer(letter_table("يىكە"))
_normalize_letters = char_replacer(letter_table("يىكۀة"))


def fold_letters(text: str) -> str:
    """Return ``text`` with Arabic ي/ى/ك and «ە» written as Persian ی/ک/ه (same length, same offsets)."""
    return _fold_letters(text)


def normalize_letters(text: str) -> str:
    """``text`` with Arabic ي/ك (and ۀ, ة) written as Persian letters; same length, same offsets."""
    return _normalize_letters(text)


def fold_yeh_kaf(piece: str) -> str:
    """``piece`` with the Arabic letter forms «ي ك ى» read as Persian «ی ک ی». Chained
    ``replace`` rather than ``str.translate``: on short Persian words it is about ten times
    faster, and the ZWNJ repair folds every word on first sight."""
    return piece.replace("ي", "ی").replace("ك", "ک").replace("ى", "ی")


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Return the text with Arabic ي/ك made Persian and diacritics/tatweel dropped, and a list
    giving, for each folded character, its offset in ``text`` (one extra entry for the end)."""
    folded, origin = folded_and_origin(text)
    return folded, list(origin)


def folded_and_origin(text: str) -> tuple[str, Sequence[int]]:
    """:func:`fold_with_offsets` with the offsets as a ``range`` when nothing is dropped: cleaned
    text has no diacritics, and a range indexes the same without a list of one int per character."""
    letters = normalize_letters(text)  # one character for one: slices of it fold slices of text
    dropped = _dropped_marks(text) if _may_drop_re().search(text) else frozenset()
    if not dropped:
        return letters, range(len(text) + 1)
    out: list[str] = []
    origin: list[int] = []
    kept_from = 0
    for i in [i for i, ch in enumerate(text) if ch in dropped] + [len(text)]:
        out.append(letters[kept_from:i])
        origin.extend(range(kept_from, i))
        kept_from = i + 1
    origin.append(len(text))
    return "".join(out), origin


@lru_cache(maxsize=None)
def _may_drop_re() -> re.Pattern:
    """Tatweel, every combining mark of the Basic Multilingual Plane and any character beyond
    it: a text with no match has nothing to drop, found by one regex scan instead of building
    the set of its characters (a text with a match is read character by character)."""
    marks = "".join(ch for ch in map(chr, range(0x10000)) if unicodedata.category(ch) == "Mn")
    return re.compile(f"[{re.escape(TATWEEL + marks)}\U00010000-\U0010ffff]")


def _dropped_marks(text: str) -> frozenset[str]:
    """The characters of ``text`` that folding drops: tatweel and combining marks (not ZWNJ)."""
    return frozenset(ch for ch in set(text)
                     if ch == TATWEEL or (unicodedata.category(ch) == "Mn" and ch != ZWNJ))


# ---------------------------------------------------------------- paragraphs and sentences

def paragraph_spans(text: str) -> list[tuple[int, int, int]]:
    """(index, start, end) of every "\\n"-separated line of ``text``, empty lines included."""
    spans, start = [], 0
    for index, line in enumerate(text.split("\n")):
        spans.append((index, start, start + len(line)))
        start += len(line) + 1
    return spans


# Where a statement ends: a full stop, question or exclamation mark that is not inside a number.
STATEMENT_END = re.compile(r"[.!?؟](?!\d)|…")
# A sentence end or colon not inside a number («…» anywhere), and the spaces after it. One
# character class first, not an alternation «[...](?!\d)\s*|…\s*»: the regex engine then jumps
# to the next mark instead of trying every position.
STATEMENT_BREAK = re.compile(r"[.!?؟:：؛…](?:(?<=…)|(?!\d))\s*")


def sentence_start_before(folded: str, pos: int, floor: int) -> int:
    """Start of the sentence holding ``pos``: after the last sentence end or colon before it.

    Searched backwards from ``pos`` in windows of 256 characters, four times wider each time,
    so that the cost follows the sentence's length, not the paragraph's: a single-line article
    is one paragraph, and this is asked once per statement. Every window ends at ``pos``, so a
    mark's look-ahead and the spaces after it are read as a scan from ``floor`` reads them.
    """
    width = 256
    while True:
        low = max(floor, pos - width)
        for m in reversed(list(STATEMENT_BREAK.finditer(folded, low, pos))):
            if not (folded[m.start()] == "." and is_abbreviation_dot(folded, m.start())):
                return m.end()
        if low == floor:
            return floor
        width *= 4


class SpanIndex:
    """Which of a fixed set of spans ``(start, end)`` holds a position, in log time.

    :meth:`holds` answers ``any(start <= x < end for start, end in spans)`` (the bounds each
    inclusive or not, as asked) by a bisection over the sorted starts and the running maximum
    of the ends: a loop over every span for every position is quadratic in a long article.
    """

    def __init__(self, spans):
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._max_end, highest = [], None
        for _, end in ordered:
            highest = end if highest is None or end > highest else highest
            self._max_end.append(highest)

    def holds(self, x: int, *, start_inclusive: bool = True, end_inclusive: bool = False) -> bool:
        """Whether some span has ``start <= x`` (``<`` unless ``start_inclusive``) and
        ``x < end`` (``<=`` when ``end_inclusive``)."""
        count = (bisect_right if start_inclusive else bisect_left)(self._starts, x)
        if not count:
            return False
        return self._max_end[count - 1] >= x if end_inclusive else self._max_end[count - 1] > x

    def covers(self, start: int, end: int) -> bool:
        """Whether one span holds the whole of ``[start, end)``: some span has ``start' <= start``
        and ``end' >= end`` (so :meth:`holds` is true at every position from ``start`` to ``end``)."""
        count = bisect_right(self._starts, start)
        return bool(count) and self._max_end[count - 1] >= end


def sentence_end_after(folded: str, pos: int, ceiling: int) -> int:
    """End of the sentence holding ``pos`` (its final mark included), at most ``ceiling``."""
    m = STATEMENT_END.search(folded, pos, ceiling)
    while m and m.group() == "." and is_abbreviation_dot(folded, m.start()):
        m = STATEMENT_END.search(folded, m.end(), ceiling)
    return m.end() if m else ceiling


_SHORT_WORD_BEFORE = re.compile(rf"(?<!{LETTER})({LETTER}{{1,3}})$")
_SHORT_WORD_AFTER = re.compile(rf"\s*({LETTER}{{1,3}})(?!{LETTER})(\.?)")


def is_abbreviation_dot(folded: str, pos: int) -> bool:
    """True when the «.» at ``pos`` marks an abbreviation, not a sentence end: after one letter
    («م. ع. گفت»), or in a chain of short dotted words («سی. ان. ان»، «آر. ان. ای»)."""
    before = _SHORT_WORD_BEFORE.search(folded, max(0, pos - 4), pos)
    if not before:
        return False
    if len(before.group(1)) == 1:
        return True
    after = _SHORT_WORD_AFTER.match(folded, pos + 1, min(len(folded), pos + 8))
    if after and after.group(2):
        return True  # «سی.» before «ان.»
    prev = before.start() - 1
    while prev >= 0 and folded[prev] == " ":
        prev -= 1
    return prev >= 0 and folded[prev] == "." and bool(_SHORT_WORD_BEFORE.search(folded, max(0, prev - 4), prev))


# Where the narrative between statements breaks into sentences: STATEMENT_BREAK's marks without
# «…», no spaces taken (see helpers.speakers).
NARRATIVE_BREAK = re.compile(r"[.!?؟:؛](?!\d)")


def paragraph_rows(text: str) -> list[tuple[int, int, int, str]]:
    """(paragraph, start, end, text) of every non-empty line of ``text``, numbered 0.. among
    the non-empty lines: the rows of the ``paragraphs`` table."""
    rows = []
    for _, start, end in paragraph_spans(text):
        line = text[start:end]
        if line.strip():
            rows.append((len(rows), start, end, line))
    return rows


# A sentence ends at . ! ? ؟ … (not inside a number such as «۱.۷») or at a line break.
# Same as ``[.!?؟…]+(?=\s|$)|\n``, written to begin with one character class: the engine then
# skips to the next candidate character instead of trying both branches at every position.
SENTENCE_END = re.compile(r"[.!?؟…\n](?:(?<=\n)|[.!?؟…]*(?=\s|$))")


def sentence_rows(text: str) -> list[tuple[int, int, int, int, str]]:
    """(paragraph, sentence, start, end, text) of every sentence of ``text``: the rows of the
    ``sentences`` table. ``sentence`` counts from 0 in the article; spaces around a sentence are
    left out of its span."""
    rows: list[tuple[int, int, int, int, str]] = []
    for paragraph, start, end, _ in paragraph_rows(text):
        cuts = [match.end() for match in SENTENCE_END.finditer(text, start, end)]
        for piece_start, piece_end in zip([start] + cuts, cuts + [end]):
            span = _without_spaces_around(text, piece_start, piece_end)
            if span is not None:
                rows.append((paragraph, len(rows), *span, text[span[0]:span[1]]))
    return rows


def _without_spaces_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``start``, ``end`` moved inside the spaces around ``text[start:end]``; None when only spaces are left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


# A line break ends a sentence before itself, «. ! ? ؟» after themselves when a space (``\s`` is
# exactly ``str.isspace``) or the end of the text follows: the decimal dot of «۱.۷» never does.
# One class opens the regex (the line break told apart by a lookbehind), so that the engine
# jumps from mark to mark in C: «\n|[.!?؟]...» was tried at every character, in twice the time.
NUMBER_SENTENCE_CUT = re.compile(r"[\n.!?\u061f](?:(?<=\n)|(?=\s|\Z))")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence: lines are cut at «\\n» and after «. ! ? ؟» that
    are followed by a space; a dot between digits («۱.۷») never ends a sentence. Spans exclude
    surrounding spaces; empty sentences are dropped."""
    spans = []
    start = 0
    # one regex scan for the cuts instead of a Python step per character
    for m in NUMBER_SENTENCE_CUT.finditer(text):
        i = m.start()
        spans.append((start, i if m.group() == "\n" else i + 1))
        start = i + 1
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        sentence = text[s:e]
        stripped = sentence.strip()  # str.strip drops exactly the characters str.isspace accepts
        if stripped:
            s += len(sentence) - len(sentence.lstrip())
            out.append((s, s + len(stripped)))
    return out
