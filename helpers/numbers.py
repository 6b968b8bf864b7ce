"""Numbers in Persian running text: find them, parse their value, tell what kind they are.

``parse_number`` reads one number phrase («۱.۷ میلیون», «یک هزار و 300 میلیارد», «دو و نیم
میلیون», «یک سوم») and returns its value with every scale word applied. ``find_numbers`` finds
every number mention in an article and returns one row each with its kind (statistic, date,
time, ordinal, identifier, period, other), unit, qualifier, change and period.

How it works, in one pass that is linear in the text's length:

1. The text is *folded* into a same-purpose copy (Arabic ي/ك → ی/ک, diacritics and tatweel
   dropped) with a map back to the original offsets, so spans always index the text given.
2. The folded text is cut into tokens: digit runs (any script, with «. , ٫ ٬ / :» between
   digits), letter runs (ZWNJ kept inside a word) and the percent signs.
3. Tokens that are numbers (digit runs, number words from ``lexicons/number_words.tsv``,
   possibly with a glued ending such as «هزارنفر», «میلیاردی», «هفتمین») are grouped into
   phrases: juxtaposed scale words («۱.۷ میلیون»), «و» between parts that compose
   («یک هزار و ۳۰۰»), fractions («سه چهارم») and ranges («بین ۱۰ تا ۱۵»).
4. The words around each phrase give its unit, hedge, change, period and kind, all read from
   lexicons in ``helpers/lexicons/`` (units, hedges, change_words, periods,
   number_context_cues, number_hotlines, number_unit_stopwords, number_compound_units).
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, count, repeat
from typing import NamedTuple

from .chars import ZWNJ, digits_to_latin
from .lexicons import load_list, load_table
from .text import fold_with_offsets, folded_and_origin, sentence_spans

NUMBER_COLUMNS = [
    "article_id", "number_id", "surface", "start", "end", "value", "low", "high", "kind", "unit",
    "qualifier", "change", "period", "sentence", "sentence_start", "sentence_end", "rule",
]
KINDS = ("statistic", "date", "time", "ordinal", "identifier", "period", "other")

_DIGIT = "0-9\u06f0-\u06f9\u0660-\u0669"
_DIGIT_CHARS = "0123456789" + "".join(map(chr, range(0x06F0, 0x06FA))) + "".join(map(chr, range(0x0660, 0x066A)))  # _DIGIT's
_SEPARATORS = ".,\u066b\u066c/:"
_SYMBOLS = "%\u066a"
# One capturing group around the whole token: ``split`` returns gap, token, gap, token... in C.
_TOKEN_RE = re.compile(
    rf"([{_DIGIT}]+(?:[{re.escape(_SEPARATORS)}][{_DIGIT}]+)*"  # num
    rf"|[{_SYMBOLS}]"  # sym
    rf"|[^\W\d_]+(?:{ZWNJ}+[^\W\d_]+)*)"  # word
)
# A token's kind from its first character: a digit run starts with a digit of _DIGIT and a word
# never does (``\d`` is excluded from words), so a token that starts with neither a digit nor a
# symbol is a word.
_KIND_OF_FIRST = {**dict.fromkeys(_DIGIT_CHARS, "num"), **dict.fromkeys(_SYMBOLS, "sym")}


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


def _grammar_word(role: str) -> str:
    return _grammar(role)[0]


@lru_cache(maxsize=None)
def _number_words() -> dict[str, tuple[float, str]]:
    return {_compact(r["word"]): (float(r["value"]), r["kind"]) for r in load_table("number_words")}


@lru_cache(maxsize=None)
def _max_word_length() -> int:
    return max(len(w) for w in _number_words())


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


def _after_noun(tokens, atoms, index: int, sentence_first: int) -> bool:
    """True when the token just before ``index`` is a content word (a noun such as «اردوگاه»,
    «کالیبر»), in the same sentence with only spaces between: a bare number there is a label."""
    k = index - 1
    if k < sentence_first or tokens[k].kind != "word" or atoms[k] is not None or not _open_gap(tokens[index].gap):
        return False
    return tokens[k].key not in _label_openers()


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


# ---------------------------------------------------------------------------------------------
# Tokens of the folded text (folding: helpers.text.fold_with_offsets).


class _Token(NamedTuple):  # a tuple, not a dataclass: an article has thousands of tokens
    kind: str  # num | sym | word
    start: int  # offsets in the folded text
    end: int
    text: str
    key: str  # text without ZWNJ
    gap: str  # folded text between the previous token and this one


def _tokens(folded: str) -> list[_Token]:
    # An article has thousands of tokens: every column is built by C-level calls (split, slices,
    # accumulate, map) and the tuples by ``tuple.__new__``, not one Python step per token.
    pieces = _TOKEN_RE.split(folded)  # gap, token, gap, token, ..., gap
    texts = pieces[1::2]
    if not texts:
        return []
    offsets = list(accumulate(map(len, pieces)))  # offsets[2i] = start of token i, offsets[2i+1] its end
    kinds = [_KIND_OF_FIRST.get(text[0], "word") for text in texts]
    # a token never holds NUL, so one replace over the joined texts strips every ZWNJ at once
    keys = "\0".join(texts).replace(ZWNJ, "").split("\0")
    columns = zip(kinds, offsets[0::2], offsets[1::2], texts, keys, pieces[0::2])
    return list(map(tuple.__new__, repeat(_Token), columns))


def _open_gap(gap: str, *, allow: str = "") -> bool:
    """True when nothing but spaces, ZWNJ (and the characters in ``allow``) separates two tokens."""
    if gap == " ":  # by far the most common gap
        return True
    for ch in allow:
        gap = gap.replace(ch, "")
    gap = gap.replace(ZWNJ, "")
    return not gap or gap.isspace()


# ---------------------------------------------------------------------------------------------
# Atoms: one token read as a number.


@dataclass
class _Atom:
    value: float
    kind: str  # digits | unit | teen | ten | hundred | scale | half | fraction
    ending: str = ""  # "" | ordinal | adjective | unit
    unit_key: str = ""  # glued unit («هزارنفر» → نفر)
    form: str = "int"  # for digits: int | decimal | thousands | date | time
    digits: str = ""
    parts: tuple = ()  # kind glued: ((length in the key, atom), ...) of «یکمیلیون», «یکصدوپنجاه»


def parse_digits(run: str) -> tuple[float, str]:
    """Return (value, form) of a digit run in any script with separators.

    form is ``int``, ``decimal``, ``thousands`` (groups of three after «,» «٬» or several «.»),
    ``date`` (two or more «/», or a year/month «۱۴۰۲/۰۵»: value NaN) or ``time`` («۸:۳۰»:
    value in hours).
    """
    latin = digits_to_latin(run).replace("\u066b", ".").replace("\u066c", ",")
    if ":" in latin:
        parts = latin.split(":")
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            return float(parts[0]) + float(parts[1]) / 60, "time"
        return math.nan, "time"
    if "/" in latin:
        parts = latin.split("/")
        if len(parts) >= 3 or (len(parts[0]) == 4 and parts[0][:2] in ("13", "14", "19", "20")):
            return math.nan, "date"
        if any(sep in latin for sep in ".,"):
            return math.nan, "date"
        return float(parts[0] + "." + parts[1]), "decimal"
    groups = re.split(r"[.,]", latin)
    if len(groups) == 1:
        return float(latin), "int"
    separators = set(re.findall(r"[.,]", latin))
    tail_threes = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
    if separators == {","} and tail_threes:
        return float("".join(groups)), "thousands"
    if separators == {"."} and len(groups) > 2 and tail_threes:
        return float("".join(groups)), "thousands"
    if len(groups) == 2:
        return float(groups[0] + "." + groups[1]), "decimal"
    # Mixed separators: «۱,۲۰۰.۵» (thousands then decimal), otherwise not a number we trust.
    if separators == {",", "."} and latin.count(".") == 1 and latin.rfind(".") > latin.rfind(","):
        whole, _, fraction = latin.rpartition(".")
        return float(whole.replace(",", "") + "." + fraction), "decimal"
    return math.nan, "date"


@lru_cache(maxsize=100_000)  # every word of the text is tried; most are common words, seen before
def _word_atom(key: str) -> _Atom | None:
    """Read a letter token (ZWNJ removed) as a number word with an optional ending.

    The atom returned may be shared between calls: never change it.
    """
    if key in _word_exceptions():
        return None
    words = _number_words()
    for length in range(min(len(key), _max_word_length()), 0, -1):
        stem = key[:length]
        if stem not in words:
            continue
        value, kind = words[stem]
        rest = key[length:]
        if not rest:
            return _Atom(value, kind)
        if rest == _grammar_word("and") and kind in ("scale", "hundred", "ten"):
            return _Atom(value, kind, ending="and")
        if rest in _ordinal_suffixes() or (kind == "fraction" and rest == _grammar_word("ordinal_in")):
            return _Atom(value, kind, ending="ordinal")
        if rest == _grammar_word("adjective") and kind in ("scale", "hundred", "ten", "teen", "unit"):
            return _Atom(value, kind, ending="adjective")
        unit = _unit_key(rest)
        if unit and kind in ("unit", "teen", "ten", "hundred", "scale"):
            return _Atom(value, kind, ending="unit", unit_key=unit)
        glued = _glued_atom(_Atom(value, kind), length, rest)
        if glued:
            return glued
    return None


def _glued_atom(left: _Atom, length: int, rest: str) -> _Atom | None:
    """Two number words written as one («یکمیلیون», «سه‌هزارنفر», «یکصدوپنجاه»): an atom of
    kind ``glued`` whose parts the phrase reader takes one by one, or None. The second word
    must be a scale word, or follow a glued «و» and compose with the first."""
    if left.kind not in ("unit", "teen", "ten", "hundred", "scale"):
        return None
    and_word = _grammar_word("and")
    joined = rest.startswith(and_word) and len(rest) > len(and_word)
    right = _word_atom(rest[len(and_word):] if joined else rest)
    if right is None or right.kind == "half":
        return None
    right_parts = right.parts or ((len(rest) - (len(and_word) if joined else 0), right),)
    head = right_parts[0][1]
    if joined:
        if head.kind == "fraction":  # «بیست‌وسوم»: the ordinal, as «بیست و سوم» reads it
            head = _Atom(head.value, "unit", ending="ordinal")
            right_parts = ((right_parts[0][0], head),) + right_parts[1:]
        if not _composes(left, head):
            return None
        return _Atom(math.nan, "glued", parts=((length + len(and_word), _Atom(left.value, left.kind, ending="and")),) + right_parts)
    if head.kind != "scale":
        return None
    return _Atom(math.nan, "glued", parts=((length, left),) + right_parts)


def _split_glued(tokens: list[_Token], atoms: list) -> tuple[list[_Token], list]:
    """Cut every token read as glued number words into one token per word (ZWNJ between them
    goes to the gap), so that the phrase reader composes them like separate words."""
    if not any(atom.kind == "glued" for atom in filter(None, atoms)):  # filter: the few atoms, in C
        return tokens, atoms
    out_tokens, out_atoms = [], []
    for token, atom in zip(tokens, atoms):
        if atom is None or atom.kind != "glued":
            out_tokens.append(token)
            out_atoms.append(atom)
            continue
        letters = [i for i, ch in enumerate(token.text) if ch != ZWNJ]  # key offset → text offset
        key_start, text_end, gap = 0, 0, token.gap
        for length, part in atom.parts:
            a, b = letters[key_start], letters[key_start + length - 1] + 1
            text = token.text[a:b]
            out_tokens.append(_Token("word", token.start + a, token.start + b, text, text.replace(ZWNJ, ""),
                                     gap if key_start == 0 else token.text[text_end:a]))
            out_atoms.append(part)
            key_start, text_end = key_start + length, b
    return out_tokens, out_atoms


def _unit_key(word_key: str) -> str:
    """The units-lexicon key a word stands for («هکتاری» → هکتار), or ""."""
    units = _units()
    if word_key in units:
        return word_key
    if word_key.endswith(_grammar_word("adjective")) and word_key[:-1] in units:
        return word_key[:-1]
    return ""


def _atoms(tokens: list[_Token]) -> list[_Atom | None]:
    """The atom of every token. Words, nearly all tokens, go straight to the cached word reader."""
    word_atom = _word_atom
    return [word_atom(token.key) if token.kind == "word" else _atom(token) for token in tokens]


def _atom(token: _Token) -> _Atom | None:
    if token.kind == "num":
        value, form = parse_digits(token.text)
        return _Atom(value, "digits", form=form, digits=digits_to_latin(token.text))
    if token.kind == "word":
        return _word_atom(token.key)
    return None


# ---------------------------------------------------------------------------------------------
# Phrases: atoms grouped into one number.


@dataclass
class _Phrase:
    first: int  # token indices, inclusive
    last: int
    atoms: list[_Atom]
    value: float
    low: float
    high: float
    shape: str  # digits | words | mixed | fraction | range
    ordinal: bool = False
    unit_key: str = ""  # glued unit
    notes: list[str] = field(default_factory=list)


def _composes(left: _Atom, right: _Atom) -> bool:  # noqa: C901 - one table of cases
    """True when «left و right» is one number (یک هزار و ۳۰۰, صد و بیست, دو و نیم)."""
    if right.kind == "half":
        return left.kind != "half"
    if right.kind == "scale" or left.ending:
        return False
    limit = {"scale": left.value, "hundred": 100, "ten": 10}.get(left.kind)
    return limit is not None and right.value < limit


def _evaluate(atoms: list[_Atom]) -> float:
    """Value of a sequence of atoms, every scale word applied to what stands before it."""
    total = current = 0.0
    last_scale = 0.0
    previous = None
    for atom in atoms:
        if atom.kind == "scale":
            so_far = total + current
            if so_far == 0:
                so_far = 1.0
            if so_far < atom.value:
                total, current = so_far * atom.value, 0.0
            else:
                total, current = total + (current or 1.0) * atom.value, 0.0
            last_scale = atom.value
        elif atom.kind == "half" and previous is not None and previous.kind == "scale":
            total += 0.5 * last_scale
        elif atom.kind == "fraction":
            numerator = total + current
            return numerator / atom.value if numerator else math.nan
        else:
            current += atom.value
        previous = atom
    return total + current


def _larger_scale_at(tokens, atoms, k: int, value: float) -> bool:
    """True when token ``k`` is a scale word of at least ``value`` just after the previous token."""
    return k < len(tokens) and atoms[k] is not None and atoms[k].kind == "scale" and atoms[k].value >= value and _open_gap(tokens[k].gap)


def _phrase_at(tokens: list[_Token], atoms: list[_Atom | None], i: int) -> _Phrase | None:
    """The longest number phrase starting at token ``i`` (no range), or None."""
    first = atoms[i]
    if first is None:
        return None
    group = [first]
    j = i
    while group[-1].ending in ("", "and") and j + 1 < len(tokens):
        nxt = atoms[j + 1]
        if group[-1].ending == "and":  # «هزارو ۷۷۷»: the conjunction glued to the word
            if nxt is not None and _open_gap(tokens[j + 1].gap) and _composes(_Atom(group[-1].value, group[-1].kind), nxt):
                group.append(nxt)
                j += 1
                continue
            break
        if nxt is not None and _open_gap(tokens[j + 1].gap):
            prev = group[-1]
            if nxt.kind == "scale" and prev.kind != "fraction" and not (prev.kind == "digits" and prev.form in ("date", "time")):
                group.append(nxt)
                j += 1
                continue
            if nxt.kind == "fraction" and prev.kind in ("unit", "teen", "ten", "digits") and not nxt.ending == "ordinal" and len(group) == 1:
                group.append(nxt)
                j += 1
                break
            if (
                nxt.kind in ("teen", "ten", "hundred") and nxt.ending == "ordinal" and prev.kind == "unit" and len(group) == 1
                and nxt.value > prev.value and tokens[j + 1].key.endswith(_grammar_word("fraction_end"))
                and not tokens[j + 1].key.endswith(_grammar_word("ordinal_in"))
            ):  # «یک بیستم», «یک دوازدهم»: a fraction whose denominator is not in the word list
                group.append(_Atom(nxt.value, "fraction"))
                j += 1
                break
            if (
                nxt.kind == "digits" and nxt.form == "int" and prev.kind == "scale" and not prev.ending
                and nxt.value < prev.value and not _larger_scale_at(tokens, atoms, j + 2, prev.value)
            ):  # «۲ هزار ۶۰۰ نفر»: the smaller part written without «و»
                group.append(nxt)
                j += 1
                continue
            break
        if (
            tokens[j + 1].key == _grammar_word("and")
            and j + 2 < len(tokens)
            and atoms[j + 2] is not None
            and _open_gap(tokens[j + 1].gap)
            and _open_gap(tokens[j + 2].gap)
            and _composes(group[-1], atoms[j + 2])
        ):
            joined = atoms[j + 2]
            if joined.kind == "fraction":  # «بیست و دوم»: an ordinal, not a fraction
                joined = _Atom(joined.value, "unit", ending="ordinal")
            group.append(joined)
            j += 2
            continue
        break
    kinds = {a.kind for a in group}
    if kinds == {"digits"}:
        shape = "digits"
    elif "digits" in kinds:
        shape = "mixed"
    else:
        shape = "words"
    ordinal = group[-1].ending == "ordinal" or (group[-1].kind == "fraction" and len(group) == 1)
    if ordinal:
        value = _evaluate(group[:-1] + [_Atom(group[-1].value, "unit" if group[-1].kind == "fraction" else group[-1].kind)])
    else:
        value = _evaluate(group)
    if group[-1].kind == "fraction" and not ordinal:
        shape = "fraction"
    if len(group) == 1 and first.kind == "digits" and first.form in ("date", "time"):
        value = first.value
    return _Phrase(i, j, group, value, value, value, shape, ordinal=ordinal, unit_key=group[-1].unit_key)


def _year_like(digits: str) -> bool:
    """True for a run that reads as a year (۱۴۰۲, 2019) or a code with a leading zero (021)."""
    return (len(digits) == 4 and digits[:2] in ("13", "14", "19", "20")) or (len(digits) > 1 and digits[0] == "0")


def _year_pair(tokens, phrase: _Phrase, second: _Phrase) -> bool:
    """True when a dash joins two years that follow each other («۹۵-۹۶», «۹۹-۱۴۰۰», «۱۴۰۲-۱۴۰۳»,
    or the later first: «۹۴-۹۳») right after a date cue of ``number_context_cues.tsv`` («سال»,
    «سال تحصیلی», «سال زراعی») and before no unit of ``units.tsv`` («سال ۱۰-۱۱ درصد» is a range):
    an academic or farming year, one date and not a range of values."""
    if len(phrase.atoms) != 1 or len(second.atoms) != 1 or second.last != phrase.last + 1:
        return False
    a, b = phrase.atoms[0], second.atoms[0]
    if a.kind != "digits" or b.kind != "digits" or a.form != "int" or b.form != "int" or a.ending or b.ending:
        return False
    if sorted((len(a.digits), len(b.digits))) not in ([2, 2], [2, 4], [4, 4]):
        return False
    # one year after the other, in either order (typed right to left: «۹۴-۹۳»), the century
    # read from the last two digits when one end is short: «۹۹-۱۴۰۰», «۹۴-۱۳۹۳»
    step = int(b.value) - int(a.value) if len(a.digits) == len(b.digits) else (int(b.value) - int(a.value)) % 100
    if step not in (1, -1, 99):
        return False
    after = second.last + 1
    if after < len(tokens) and _open_gap(tokens[after].gap) and _unit_key(tokens[after].key):
        return False
    return _match_back(tokens, phrase.first, _cues("before"))[1] == "date"


def _range_after(tokens, atoms, phrase: _Phrase) -> _Phrase:
    """Extend ``phrase`` into a range when «تا» / «الی» / «یا» and a larger number follow it,
    or a dash and a number a little larger («۱۰ - ۱۲», «بین ۷-۵»: digits only)."""
    k = phrase.last + 1
    if phrase.ordinal or phrase.unit_key or k >= len(tokens):
        return phrase
    dash = False
    if tokens[k].kind == "num":
        dash = phrase.shape == "digits" and tokens[k].gap.replace(ZWNJ, "").strip() in ("-", "\u2013")
        if not dash:
            return phrase
        second = _phrase_at(tokens, atoms, k)
    else:
        joiner = tokens[k].key
        if k + 1 >= len(tokens) or joiner not in _grammar("range") + _grammar("range_or"):
            return phrase
        if not _open_gap(tokens[k].gap) or not _open_gap(tokens[k + 1].gap):
            return phrase
        second = _phrase_at(tokens, atoms, k + 1)
    if second is None or second.ordinal or math.isnan(second.value) or math.isnan(phrase.value):
        return phrase
    if dash:
        ends = (phrase.atoms[0], second.atoms[0])
        if _year_pair(tokens, phrase, second):  # «سال تحصیلی ۹۵-۹۶», «سال زراعی ۹۹-۱۴۰۰»: one year, no range
            return _Phrase(phrase.first, second.last, phrase.atoms + second.atoms, math.nan, phrase.value, second.value,
                           "range", notes=["range", "year_pair"])
        if ends[1].kind != "digits" or any(a.form not in ("int", "decimal") or _year_like(a.digits) for a in ends):
            return phrase
        first_value = phrase.value  # «۱.۵ - ۲ میلیون»: the scale words after the second end apply to both
        for atom in reversed(second.atoms):
            if atom.kind != "scale":
                break
            first_value *= atom.value
        low, high = sorted((first_value, second.value))
        # «بین ۷-۵ درصد», «۲۳-۲۲ درصد»: typed right to left, the larger end first (a score
        # «۳ - ۱» has neither «بین» before it nor a unit after it)
        after = second.last + 1
        reversed_ok = (phrase.first > 0 and tokens[phrase.first - 1].key == _grammar_word("between")) or bool(
            after < len(tokens) and _open_gap(tokens[after].gap) and _unit_key(tokens[after].key))
        if not (low > 0 and high <= 10 * low and (phrase.value < second.value or reversed_ok)):
            return phrase
        return _Phrase(phrase.first, second.last, phrase.atoms + second.atoms, (low + high) / 2, low, high,
                       "range", unit_key=second.unit_key, notes=["range"])
    if joiner in _grammar("range_or") and phrase.value in _hotlines() and second.value in _hotlines():
        return phrase  # «۱۱۰ یا ۱۹۷»: two phone lines
    low = phrase.value
    trailing = 1.0
    for atom in reversed(second.atoms):
        if atom.kind != "scale":
            break
        trailing *= atom.value
    if not any(a.kind == "scale" for a in phrase.atoms) and trailing > 1 and low * trailing <= second.value:
        low *= trailing
    if not low < second.value:
        return phrase
    return _Phrase(
        phrase.first, second.last, phrase.atoms + second.atoms, (low + second.value) / 2, low, second.value,
        "range", unit_key=second.unit_key, notes=["range"],
    )


def parse_number(surface: str) -> float | None:
    """Return the value of the first number phrase in ``surface``, or None when it has none.

    «۱.۷ میلیون» → 1700000; «یک هزار و 300 میلیارد» → 1.3e12; «دو و نیم میلیون» → 2500000;
    «یک سوم» → 0.3333; «۵۸ درصدی» → 58; «سوم» (an ordinal) → 3; a range «۱۰ تا ۱۵» → 12.5
    (its midpoint); a date «1404/7/12» → None.
    """
    folded, _ = folded_and_origin(surface)
    tokens = _tokens(folded)
    tokens, atoms = _split_glued(tokens, _atoms(tokens))
    for i in range(len(tokens)):
        phrase = _phrase_at(tokens, atoms, i)
        if phrase is None:
            continue
        phrase = _range_after(tokens, atoms, phrase)
        return None if math.isnan(phrase.value) else phrase.value
    return None


# ---------------------------------------------------------------------------------------------
# Sentences.


# ---------------------------------------------------------------------------------------------
# Context: the words around a phrase.


def _match_back(tokens: list[_Token], index: int, table: _Lexicon, *, width: int = 3, allow: str = "") -> tuple[str, str, int]:
    """Longest entry of ``table`` made of the tokens just before ``index``.

    Returns (entry key, table value, index of the entry's first token) or ("", "", index).
    """
    best = ("", "", index)
    key = ""
    for back in range(1, width + 1):
        k = index - back
        if k < 0 or not _open_gap(tokens[k + 1].gap, allow=allow) or tokens[k].kind != "word":
            break
        key = tokens[k].key + key
        if key not in table.endings:  # no entry ends with these words: none with more words either
            break
        value = table.readings.get(key)  # «مردادماه ۸۲», «بهمن‌ماه»: read with the month suffix
        if value is not None:
            best = (key, value, k)
    return best


def _match_forward(tokens: list[_Token], index: int, table: _Lexicon, *, width: int = 3) -> tuple[str, str, int]:
    """Longest entry of ``table`` made of the tokens from ``index`` on: (key, value, last index)."""
    best = ("", "", index - 1)
    key = ""
    for k in range(index, min(len(tokens), index + width)):
        if tokens[k].kind != "word" or not _open_gap(tokens[k].gap):
            break
        key += tokens[k].key
        if key not in table.beginnings:  # no entry begins with these words: none with more words either
            break
        value = table.readings.get(key)  # «مردادماه ۸۲», «بهمن‌ماه»: read with the month suffix
        if value is not None:
            best = (key, value, k)
    return best


@dataclass
class _Context:
    unit: str = ""
    unit_kind: str = ""
    unit_rule: str = ""
    unit_last: int = -1  # last token index of the unit
    qualifier: str = "exact"
    hedge: str = ""
    hedge_first: int = -1
    change: str = "none"
    period: str = ""


def _unit_after(tokens: list[_Token], atoms, phrase: _Phrase, folded: str) -> tuple[str, str, str, int]:
    """(unit, unit kind, rule, last token index) of the counted noun after the phrase."""
    units = _units()
    surfaces = _unit_surfaces()
    k = phrase.last + 1
    if phrase.unit_key:
        return surfaces[phrase.unit_key], units[phrase.unit_key], "unit:glued", phrase.last
    if k >= len(tokens) or not _open_gap(tokens[k].gap):
        return "", "", "", phrase.last
    if tokens[k].kind == "sym":
        return _grammar_word("percent"), "percent", "unit:sign", k
    if tokens[k].kind != "word" or atoms[k] is not None:
        return "", "", "", phrase.last
    best = ("", k)
    key = ""
    for m in range(k, min(len(tokens), k + 2)):
        if tokens[m].kind != "word" or (m > k and not _open_gap(tokens[m].gap)):
            break
        key += tokens[m].key
        found = _unit_key(key)
        if found:
            best = (found, m)
    if best[0]:
        found, last = best
        kind = units[found]
        unit = surfaces[found]
        if kind == "classifier" and last + 1 < len(tokens):
            noun = tokens[last + 1]
            if noun.kind == "word" and _open_gap(noun.gap) and noun.key not in _stopwords() and atoms[last + 1] is None:
                return f"{unit} {noun.text}", kind, "unit:classifier", last + 1
        return unit, kind, "unit:lexicon", last
    word = tokens[k]
    if word.key in _stopwords() or word.key in _phrase_table("change_words", "change") or word.key in _cues("after"):
        return "", "", "", phrase.last
    if word.text.startswith(_VERB_PREFIXES):  # «نمره ۲۰ می‌دهم»: a verb is no unit
        return "", "", "", phrase.last
    return word.text, "", "unit:next_word", k


# the prefixes of a present or past-continuous verb, written with ZWNJ («می‌دهم», «نمی‌شود»)
_VERB_PREFIXES = ("\u0645\u06cc" + ZWNJ, "\u0646\u0645\u06cc" + ZWNJ)


def _compound_after(tokens, atoms, phrase: _Phrase, ctx: _Context) -> _Phrase:
    """Fold «۳۵۸ تن و ۲۷۰ کیلوگرم» into one phrase worth 358.27 (in the first unit)."""
    k = ctx.unit_last + 1
    if not ctx.unit or k + 2 >= len(tokens) or tokens[k].key != _grammar_word("and") or not _open_gap(tokens[k].gap):
        return phrase
    second = _phrase_at(tokens, atoms, k + 1)
    if second is None or second.ordinal or not _open_gap(tokens[k + 1].gap):
        return phrase
    sub_key = second.unit_key
    last = second.last
    if not sub_key and last + 1 < len(tokens) and _open_gap(tokens[last + 1].gap):
        key = ""
        for m in range(last + 1, min(len(tokens), last + 3)):
            key += tokens[m].key
            found = _unit_key(key)
            if found:
                sub_key, last = found, m
    factor = _compound_units().get((_compact(ctx.unit), sub_key))
    if not factor:
        return phrase
    value = phrase.value + second.value / factor
    ctx.unit_last = last
    return _Phrase(phrase.first, second.last, phrase.atoms + second.atoms, value, value, value, phrase.shape,
                   notes=phrase.notes + ["compound_unit"])


def _read_context(tokens, atoms, phrase: _Phrase, folded: str, sentence_first: int) -> _Context:
    ctx = _Context()
    ctx.unit, ctx.unit_kind, ctx.unit_rule, ctx.unit_last = _unit_after(tokens, atoms, phrase, folded)
    start = phrase.first
    if phrase.shape == "range" and start > 0 and tokens[start - 1].key == _grammar_word("between") and _open_gap(tokens[start].gap):
        start -= 1
    hedge_key, qualifier, hedge_first = _match_back(tokens, start, _phrase_table("hedges", "qualifier"))
    if hedge_key and hedge_first >= sentence_first:
        ctx.qualifier, ctx.hedge, ctx.hedge_first = qualifier, hedge_key, hedge_first
        start = hedge_first
    elif _up_to(tokens, atoms, start, sentence_first):  # «تا سه درصد»: at most
        ctx.qualifier, ctx.hedge, ctx.hedge_first = "less_than", tokens[start - 1].key, start - 1
        start -= 1
    changes = _phrase_table("change_words", "change")
    for k in (start - 1, start - 2):
        if k >= sentence_first and tokens[k].key in changes and _open_gap(tokens[k + 1].gap):
            if not _after_earlier_figure(tokens, atoms, k, sentence_first):
                ctx.change = changes[tokens[k].key]
            break
        if k < sentence_first or not _open_gap(tokens[k + 1].gap):
            break
    if ctx.change == "none":
        after = max(ctx.unit_last, phrase.last) + 1
        if after < len(tokens) and tokens[after].key in changes and _open_gap(tokens[after].gap):
            ctx.change = changes[tokens[after].key]
    ctx.period = _period_near(tokens, start, max(ctx.unit_last, phrase.last) + 1, sentence_first)
    return ctx


def _up_to(tokens, atoms, start: int, sentence_first: int) -> bool:
    """True when «تا» stands just before the number and no number stands in the three tokens
    before it (then it would be a range or «از ... تا»): «تا سه درصد» = at most three percent."""
    k = start - 1
    if k < sentence_first or tokens[k].key not in _grammar("up_to") or not _open_gap(tokens[start].gap):
        return False
    return not any(atoms[m] is not None for m in range(max(sentence_first, k - 3), k))


def _after_earlier_figure(tokens, atoms, k: int, sentence_first: int) -> bool:
    """True when the change word at ``k`` follows an earlier number and its unit («با ۳۰ سنت
    افزایش ۶۱ دلار»): it tells that number's change, not the next one's. Not after a time unit:
    in «در ۶ ماه افزایش ۱۵ درصدی» the change is the next figure's."""
    if k - 2 < sentence_first or atoms[k - 2] is None or atoms[k - 1] is not None or tokens[k - 1].kind != "word":
        return False
    earlier = atoms[k - 2]
    if earlier.ending == "ordinal" or earlier.kind == "fraction":  # «برنامه چهارم توسعه افزایش ۱۰۰ درصدی»
        return False
    if not (_open_gap(tokens[k - 1].gap) and _open_gap(tokens[k].gap)) or tokens[k - 1].key in _stopwords():
        return False
    return _units().get(_unit_key(tokens[k - 1].key)) not in ("time", "span")


def _points_in_time(tokens, index: int) -> bool:
    """True when the token at ``index`` turns a period phrase into a point in time
    («in the year» + a number, a month name, «last»): then it is no rate."""
    if index >= len(tokens) or not _open_gap(tokens[index].gap):
        return False
    return tokens[index].kind == "num" or tokens[index].key in _cues("after")


def _period_near(tokens, before: int, after: int, sentence_first: int) -> str:
    periods = _phrase_table("periods", "period")
    found = _match_forward(tokens, after, periods)
    if found[0] and not _points_in_time(tokens, found[2] + 1):
        return found[1]
    for end in range(before, max(sentence_first, before - 6), -1):
        key, label, first = _match_back(tokens, end, periods, width=4)
        if key and first >= sentence_first and not (end != before and _points_in_time(tokens, end)):
            return label
        if end - 1 >= 0 and tokens[end - 1].kind == "num":
            break
    return ""


# ---------------------------------------------------------------------------------------------
# Kind.


def _mark_kind(tokens, atoms, phrase: _Phrase, sentence_first: int) -> tuple[str, str] | None:
    """Numbers that are marks, not figures: a list item «2-» or «(3)» opening a line, a
    reference «[3]», a match result «۳ بر ۱»."""
    after = phrase.last + 1
    gap_before = tokens[phrase.first].gap.replace(ZWNJ, "").strip()
    gap_after = tokens[after].gap.replace(ZWNJ, "").strip() if after < len(tokens) else ""
    if phrase.shape == "digits" and len(phrase.atoms) == 1:
        if gap_before.endswith(("(", "[")) and gap_after.startswith((")", "]")):
            return "identifier", "kind:reference_mark"
        if phrase.first == sentence_first and (gap_after[:1] in ("-", ")", "\u2013", ".") or gap_before[-1:] == "-"):
            return "identifier", "kind:list_marker"
        if gap_after[:1] in ("-", "\u2013") and after < len(tokens) and tokens[after].kind == "word" and atoms[after] is None:
            return "identifier", "kind:list_marker"  # «... 2- کرج 3- قم»: an item inside a line
    score = _grammar("score")
    if after + 1 < len(tokens) and tokens[after].key in score and atoms[after + 1] is not None and _open_gap(tokens[after].gap):
        return "other", "kind:score"
    first = phrase.first
    if first >= 2 and tokens[first - 1].key in score and atoms[first - 2] is not None and _open_gap(tokens[first].gap):
        return "other", "kind:score"
    return None


def _kind(tokens, atoms, phrase: _Phrase, ctx: _Context, sentence_first: int) -> tuple[str, str]:
    """(kind, rule) of a phrase in its context."""
    first_atom = phrase.atoms[0]
    single_digits = phrase.shape == "digits" and len(phrase.atoms) == 1
    if single_digits and first_atom.form in ("date", "time"):
        return first_atom.form, f"kind:digit_{first_atom.form}"
    if phrase.ordinal:
        return "ordinal", "kind:ordinal_ending"
    if "year_pair" in phrase.notes:
        return "date", "kind:school_year"  # the note «year_pair» follows in the rule
    mark = _mark_kind(tokens, atoms, phrase, sentence_first)
    if mark:
        return mark
    after_key, after_kind, _ = _match_forward(tokens, phrase.last + 1, _cues("after"))
    if after_kind == "date" and not ctx.unit_kind:
        return "date", f"kind:date_after:{after_key}"
    before_key, before_kind, before_first = _match_back(
        tokens, ctx.hedge_first if ctx.hedge_first >= 0 else phrase.first, _cues("before"), allow=":"
    )
    if before_first < sentence_first:
        before_key, before_kind = "", ""
    has_lexicon_unit = ctx.unit_rule in ("unit:lexicon", "unit:glued", "unit:sign", "unit:classifier")
    # a year or day is written in digits: «در سال سه بار» is a count per year, not a date
    if before_kind == "date" and not has_lexicon_unit and not (phrase.shape == "words" and ctx.unit):
        return "date", f"kind:date_before:{before_key}"
    if before_kind == "time" and not has_lexicon_unit:
        every = phrase.first >= 2 and _match_back(tokens, phrase.first - 1, _phrase_table("periods", "period"))[0]
        if not every:
            return "time", f"kind:time_before:{before_key}"
    if after_kind == "time" and not has_lexicon_unit:
        return "time", f"kind:time_after:{after_key}"
    if (
        phrase.shape == "words" and len(phrase.atoms) == 1 and before_kind == "identifier"
        and ctx.qualifier == "exact" and not has_lexicon_unit
    ):
        return "identifier", f"kind:identifier_cue:{before_key}"  # «منطقه دو», «فاز سه»: as with digits
    if single_digits and first_atom.form == "int":
        digits = first_atom.digits
        if len(digits) == 4 and digits[:2] in ("13", "14", "19", "20") and not has_lexicon_unit and ctx.qualifier == "exact":
            return "date", "kind:year"
        if before_kind == "identifier" and ctx.qualifier == "exact" and not has_lexicon_unit:
            return "identifier", f"kind:identifier_cue:{before_key}"
        if first_atom.value in _hotlines() and ctx.qualifier == "exact" and (
            not ctx.unit or before_kind == "identifier"  # «سامانه ۱۳۷ تماس بگیرید»
            or (ctx.unit_rule == "unit:next_word" and _after_noun(tokens, atoms, phrase.first, sentence_first))  # «دایره ۱۱۲ دایره ...»
            or _light_verb_at(tokens, ctx.unit_last + 1)  # «۱۱۰ بازدید کردند»: the noun is part of the verb
        ):
            return "identifier", "kind:hotline"
        if (digits.startswith("0") and len(digits) >= 3) or (len(digits) >= 7 and ctx.unit_kind != "money"):
            return "identifier", "kind:long_code"
    if ctx.unit_kind == "span":
        return "period", f"kind:period:{ctx.unit}"
    if before_kind == "age":
        return "other", f"kind:age:{before_key}"
    if ctx.unit_kind == "time":
        after_unit_key, after_unit_kind, _ = _match_forward(tokens, ctx.unit_last + 1, _cues("after"))
        # «۳۲ سال قبل» (a point in time), «هر ۴ سال», «این ۵ سال» (a span): no count
        if after_unit_kind == "period" or before_kind in ("period", "other"):
            return "period", f"kind:period:{after_unit_key or before_key or ctx.unit}"
        if after_unit_kind == "age":  # «۵۲ سال داشت»
            return "other", f"kind:age:{after_unit_key}"
    if before_kind == "other" and phrase.shape == "words":
        return "other", f"kind:determiner:{before_key}"
    if (
        before_kind == "pair" and phrase.shape == "words" and len(phrase.atoms) == 1 and first_atom.kind == "unit"
        and first_atom.value == 2 and not first_atom.ending and ctx.qualifier == "exact"
    ):
        return "other", f"kind:pair:{before_key}"  # «روابط دو کشور»: the two known parties, no count
    if (
        phrase.shape == "words" and len(phrase.atoms) == 1 and first_atom.kind == "unit"
        and ctx.qualifier == "exact" and ctx.change == "none"
        and (not ctx.unit or ctx.unit_kind == "time" or _vague(ctx.unit))
    ):
        return "other", "kind:small_word_count"
    if before_kind == "rank":
        return "statistic", f"kind:rank:{before_key}"
    if (
        single_digits and not ctx.unit and ctx.qualifier == "exact" and ctx.change == "none"
        and _after_noun(tokens, atoms, phrase.first, sentence_first)
    ):
        return "identifier", "kind:label"  # «اردوگاه موصل 3», «کالیبر 12»: a name, not a count
    return "statistic", "kind:statistic"


def _light_verb_at(tokens, k: int) -> bool:
    """True when token ``k`` is a light verb (``number_grammar.tsv``, role light_verb) right after
    the previous token: the noun before it belongs to a compound verb («بازدید کردند»)."""
    return 0 < k < len(tokens) and tokens[k].key in _grammar("light_verb") and _open_gap(tokens[k].gap)


def _vague(unit: str) -> bool:
    """True when ``unit`` is an abstract noun of ``number_vague_nouns.txt`` («حوزه», «محور»)."""
    key = _compact(unit.split(" ")[0])
    nouns = _vague_nouns()
    return key in nouns or (key.endswith(_grammar_word("adjective")) and key[:-1] in nouns)


# ---------------------------------------------------------------------------------------------
# The table.


def _skip_alone(phrase: _Phrase, tokens) -> bool:
    """A lone «یک» (the indefinite article), «نه» (no) or «نیم», with no number word joined to
    it, is no number (``number_grammar.tsv``, role lone_skip); nor is a bare scale word made an
    adjective or a plural («میلیونی», «میلیون ها»). The lone word is kept when a measure unit
    follows it («یک درصد», «یک میلیارد تومان» is no lone word anyway) or a hedge precedes it
    («کمتر از یک ساعت»)."""
    if len(phrase.atoms) != 1:
        return False
    atom = phrase.atoms[0]
    after = phrase.last + 1
    if atom.kind == "scale":  # «میلیونی», «میلیون ها»: a vague size, not a figure
        plural = after < len(tokens) and tokens[after].key in _grammar("plural") and _open_gap(tokens[after].gap)
        return atom.ending == "adjective" or plural
    if atom.ending or tokens[phrase.first].key not in _grammar("lone_skip"):
        return False
    if after < len(tokens) and _open_gap(tokens[after].gap) and _units().get(_unit_key(tokens[after].key)) in _MEASURE_KINDS:
        partitive = after + 1 < len(tokens) and tokens[after + 1].key in _grammar("partitive")  # «یک تن از ...»: one of
        return partitive
    return not _match_back(tokens, phrase.first, _phrase_table("hedges", "qualifier"))[0]


# unit kinds that make a lone «یک» a figure: «یک درصد», «یک تن» (not «یک نفر», «یک روز»)
_MEASURE_KINDS = frozenset({"percent", "multiple", "mass", "area", "length", "volume", "money"})


_LIST_GAP = re.compile(r"[\s\u200c]*(?:[\u060c,][\s\u200c]*)?(?:\u0648[\s\u200c]+)?")
_UNIT_RULES = ("unit:lexicon", "unit:glued", "unit:sign", "unit:classifier", "unit:list")


def _share_list_units(rows: list[dict], text: str) -> None:
    """Give the first items of a list the last item's unit: in «کاهش ۱۲، ۳۰ و ۴۵ درصدی» every
    number is a percent, in «روزهای ۲۱، ۲۳ و ۲۵ فروردین» every number a day. Only numbers with
    no unit that are statistics or labels, joined to the next one by «،» or «و» alone; the
    first item's change word («کاهش») is carried to the items after it."""
    linked = []
    for i in range(len(rows) - 2, -1, -1):
        row, nxt = rows[i], rows[i + 1]
        parts = row["rule"].split(";")
        if row["unit"] or parts[1] not in ("kind:statistic", "kind:label"):
            continue
        if not _LIST_GAP.fullmatch(text, row["end"], nxt["start"]):
            continue
        next_rule = nxt["rule"].split(";")
        if nxt["kind"] == "statistic" and nxt["unit"] and any(r in _UNIT_RULES for r in next_rule):
            row["kind"], row["unit"] = "statistic", nxt["unit"]
            parts[1] = "kind:list_item"
            row["rule"] = ";".join(parts + ["unit:list"])
            linked.append(i)
        elif nxt["kind"] == "date" and next_rule[1].startswith(("kind:date_after", "kind:list_date")):
            row["kind"] = "date"
            parts[1] = "kind:list_date"
            row["rule"] = ";".join(parts)
    for i in reversed(linked):  # text order: a change travels down the list
        if rows[i]["change"] != "none" and rows[i + 1]["change"] == "none":
            rows[i + 1]["change"] = rows[i]["change"]


def find_numbers(text: str, *, article_id: str = "") -> "pandas.DataFrame":
    """Return every number mention in ``text``, one row each, in text order.

    Columns: article_id; number_id (1.. in text order); surface (``text[start:end]``: the
    number phrase, a range's two ends and any ending glued to its last word); start, end;
    value (every scale word applied; a range's midpoint; NaN for a written date); low, high
    (a range's ends, else both equal value); kind (statistic | date | time | ordinal |
    identifier | period | other: «این دو», a lone small number written in words before an
    abstract noun); unit (the counted noun after the number, never the scale word: «درصد»,
    «نفر», «دستگاه خودرو»; "" when none); qualifier (more_than | less_than | approximately |
    exact, from ``hedges.tsv``); change (increase | decrease | none, from
    ``change_words.tsv``); period (a label from ``periods.tsv`` or ""); sentence,
    sentence_start, sentence_end (the sentence holding it, and its span); rule (the rules
    that fired, «;»-separated: how it was read, its kind, its unit, its hedge).
    """
    return number_frame(number_columns(text, article_id=article_id))


def number_frame(columns: dict[str, list]) -> "pandas.DataFrame":
    """The DataFrame of :func:`find_numbers` from :func:`number_columns`."""
    import pandas as pd

    if not columns["number_id"]:
        frame = pd.DataFrame([], columns=[c for c in NUMBER_COLUMNS if c != "number_id"])
        frame.insert(1, "number_id", range(1, len(frame) + 1))
        return frame[NUMBER_COLUMNS]
    return pd.DataFrame(columns, columns=NUMBER_COLUMNS)


def number_columns(text: str, *, article_id: str = "") -> dict[str, list]:
    """The rows of :func:`find_numbers` as one list per column (``NUMBER_COLUMNS``), no DataFrame."""
    folded, origin = folded_and_origin(text)
    tokens = _tokens(folded)
    tokens, atoms = _split_glued(tokens, _atoms(tokens))
    sentences = sentence_spans(text)
    sentence_starts = [s for s, _ in sentences]

    def text_start(token: _Token) -> int:  # ascending along the tokens: they can be bisected
        return origin[token.start]

    def sentence_first(index: int) -> int:
        """Index of the first token of the sentence holding token ``index`` (0 before any)."""
        s = bisect_right(sentence_starts, text_start(tokens[index])) - 1
        return bisect_left(tokens, sentence_starts[s], key=text_start) if s >= 0 else 0

    rows = []
    resume = 0  # the first token not yet inside a phrase
    # only tokens read as numbers can start a phrase: compress keeps their indices, in C (an
    # atom is always true), so the thousands of other tokens cost no Python step
    for i in compress(count(), atoms):
        if i < resume:
            continue
        phrase = _phrase_at(tokens, atoms, i)
        phrase = _range_after(tokens, atoms, phrase)  # before the skip: «یک یا دو نفر» is a range
        resume = phrase.last + 1
        if _skip_alone(phrase, tokens):
            continue
        first = sentence_first(i)
        ctx = _read_context(tokens, atoms, phrase, folded, first)
        phrase = _compound_after(tokens, atoms, phrase, ctx)
        resume = phrase.last + 1  # «۳۵۸ تن و ۲۷۰ کیلوگرم»: the second part is taken too
        kind, kind_rule = _kind(tokens, atoms, phrase, ctx, first)
        unit = ctx.unit
        if kind == "statistic" and not unit and kind_rule.startswith("kind:rank:"):
            unit = kind_rule.split(":", 2)[2]
        start = origin[tokens[phrase.first].start]
        end = origin[tokens[phrase.last].end - 1] + 1
        s = bisect_right(sentence_starts, start) - 1
        s_start, s_end = sentences[s] if s >= 0 else (0, len(text))
        rule = [f"parse:{phrase.shape}", kind_rule]
        rule += phrase.notes[1:] if phrase.notes[:1] == ["range"] else phrase.notes
        if ctx.unit_rule:
            rule.append(ctx.unit_rule)
        if ctx.hedge:
            rule.append(f"hedge:{ctx.hedge}")
        value = phrase.value
        rows.append({
            "article_id": article_id, "surface": text[start:end], "start": start, "end": end,
            "value": value, "low": phrase.low, "high": phrase.high, "kind": kind, "unit": unit,
            "qualifier": ctx.qualifier, "change": ctx.change, "period": ctx.period,
            "sentence": text[s_start:s_end], "sentence_start": s_start, "sentence_end": s_end,
            "rule": ";".join(rule),
        })
    _share_list_units(rows, text)
    # Column lists, not per-row dicts: the export gathers them into one DataFrame per table.
    return {name: [row[name] for row in rows] if name != "number_id" else list(range(1, len(rows) + 1))
            for name in NUMBER_COLUMNS}
