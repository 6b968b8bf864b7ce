"""Number phrases: tokens (:mod:`helpers.numbers.tokens`) read as numbers (atoms), atoms
grouped into phrases with their value (:func:`parse_number`, :func:`parse_digits`).

Digit runs of the three scripts, number words (``number_words.tsv``, ``number_grammar.tsv``),
glued endings («هزارنفر», «میلیاردی», «هفتمین»), scale words, «و» between parts that compose,
fractions and ranges.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, count

from ..chars import ZWNJ, digits_to_latin
from ..speedups import word_memo
from ..text import folded_and_origin
from .tokens import _match_back, _open_gap, _Tokens, _tokens
from .vocabulary import (
    _cues,
    _grammar,
    _grammar_word,
    _hotlines,
    _number_word_prefixes,
    _number_words,
    _ordinal_suffixes,
    _units,
    _word_exceptions,
)


# ---------------------------------------------------------------------------------------------
# Atoms: one token read as a number.


@dataclass(slots=True)
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


def _read_word_atom(key: str) -> _Atom | None:
    """Read a letter token (ZWNJ removed) as a number word with an optional ending: what
    :func:`_word_atom` remembers per word. A word whose first letter opens no number word fails at once."""
    if key[:1] not in _number_word_prefixes() or key in _word_exceptions():
        return None
    words = _number_words()
    for length in _number_word_lengths(key):
        stem = key[:length]
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


# Every word of the text is tried, and most are common words seen before: each word is read
# once (a memo looked up in C). The atom returned may be shared between calls: never change it.
_word_atom = word_memo(_read_word_atom, max_size=100_000)


def _number_word_lengths(key: str) -> list[int]:
    """The lengths of the number words ``key`` begins with, longest first. Its beginnings are
    looked up shortest first, up to the first that begins no number word: most words stop at
    their first letter or two."""
    prefixes, words = _number_word_prefixes(), _number_words()
    lengths = []
    for length in range(1, len(key) + 1):
        stem = key[:length]
        if stem not in prefixes:
            break
        if stem in words:
            lengths.append(length)
    return lengths[::-1]


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
    if head.kind == "hundred" and head.value == 100 and left.kind == "unit" and len(right_parts) == 1:
        return _Atom(left.value * 100, "hundred", ending=head.ending, unit_key=head.unit_key)  # «سه‌صد»
    if head.kind != "scale":
        return None
    return _Atom(math.nan, "glued", parts=((length, left),) + right_parts)


def _split_glued(tokens: _Tokens, atoms: list) -> tuple[_Tokens, list]:
    """Cut every token read as glued number words into one token per word (ZWNJ between them
    goes to the gap), so that the phrase reader composes them like separate words."""
    # the few tokens read as numbers, found in C (compress); the tokens between glued ones are
    # copied a run at a time, as list slices
    glued = [i for i in compress(count(), atoms) if atoms[i].kind == "glued"]
    if not glued:
        return tokens, atoms
    out = _Tokens([], [], [], [], [], [])
    out_atoms = []
    copied = 0  # tokens before this index are in the output
    for i in glued:
        _append_tokens(out, tokens, copied, i)
        out_atoms += atoms[copied:i]
        token_text, token_start = tokens.texts[i], tokens.starts[i]
        letters = [offset for offset, ch in enumerate(token_text) if ch != ZWNJ]  # key offset → text offset
        key_start, text_end, gap = 0, 0, tokens.gaps[i]
        for length, part in atoms[i].parts:
            a, b = letters[key_start], letters[key_start + length - 1] + 1
            text = token_text[a:b]
            _append_token(out, "word", token_start + a, token_start + b, text, text.replace(ZWNJ, ""),
                          gap if key_start == 0 else token_text[text_end:a])
            out_atoms.append(part)
            key_start, text_end = key_start + length, b
        copied = i + 1
    _append_tokens(out, tokens, copied, len(tokens.keys))
    out_atoms += atoms[copied:]
    return out, out_atoms


def _append_tokens(tokens: _Tokens, source: _Tokens, first: int, stop: int) -> None:
    """Add tokens ``first`` to ``stop`` (excluded) of ``source`` at the end of ``tokens``, a column at a time."""
    for column in _Tokens.__slots__:
        getattr(tokens, column).extend(getattr(source, column)[first:stop])


def _append_token(tokens: _Tokens, kind: str, start: int, end: int, text: str, key: str, gap: str) -> None:
    """Add one token at the end of ``tokens``, a column at a time."""
    tokens.kinds.append(kind)
    tokens.starts.append(start)
    tokens.ends.append(end)
    tokens.texts.append(text)
    tokens.keys.append(key)
    tokens.gaps.append(gap)


def _read_unit_key(word_key: str) -> str:
    """The units-lexicon key a word stands for («هکتاری» → هکتار), or "": what :func:`_unit_key`
    remembers per word."""
    units = _units()
    if word_key in units:
        return word_key
    if word_key.endswith(_grammar_word("adjective")) and word_key[:-1] in units:
        return word_key[:-1]
    return ""


# asked of the word after every number (one or two words joined) and in the lone-word and range
# checks: each word read once, then looked up in C
_unit_key = word_memo(_read_unit_key, max_size=100_000)


def _atoms(tokens: _Tokens) -> list[_Atom | None]:
    """The atom of every token: every key goes to the cached word reader, mapped in C (words are
    nearly all tokens; a digit run or a sign is no number word, None), then the digit runs, a
    few, found by ``list.index`` (in C too), are read as digits."""
    atoms = list(map(_word_atom, tokens.keys))
    kinds, texts = tokens.kinds, tokens.texts
    i = -1
    try:
        while True:
            i = kinds.index("num", i + 1)
            atoms[i] = _digits_atom(texts[i])
    except ValueError:  # no digit run after token i
        pass
    return atoms


@lru_cache(maxsize=100_000)
def _digits_atom(run: str) -> _Atom:
    """The atom of a digit run. The atom returned may be shared between calls: never change it."""
    value, form = parse_digits(run)
    return _Atom(value, "digits", form=form, digits=digits_to_latin(run))


# ---------------------------------------------------------------------------------------------
# Phrases: atoms grouped into one number.


@dataclass(slots=True)
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
    lead: int = 0  # tokens before ``first`` that belong to the phrase («منفی»)


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
    return k < len(tokens.keys) and atoms[k] is not None and atoms[k].kind == "scale" and atoms[k].value >= value and _open_gap(tokens.gaps[k])


def _same_scale_at(tokens, atoms, k: int, value: float) -> bool:
    """True when token ``k`` is the scale word ``value`` again, just after the previous token:
    «۵ هزار ۴۰۰ هزار» is two numbers, while a larger scale, «۵ هزار ۴۰۰ میلیارد», multiplies
    the whole «۵ هزار ۴۰۰» (5,400 billion), as it does with «و»."""
    return _larger_scale_at(tokens, atoms, k, value) and atoms[k].value == value


def _phrase_at(tokens: _Tokens, atoms: list[_Atom | None], i: int) -> _Phrase | None:
    """The longest number phrase starting at token ``i`` (no range), or None."""
    first = atoms[i]
    if first is None:
        return None
    after = i + 1
    if after == len(tokens.keys) or (atoms[after] is None and tokens.keys[after] != _grammar_word("and")):
        # no number or «و» after it (four atoms in five): the atom alone is the phrase, as
        # _grouped_phrase would find at the end of its first step. Every phrase start of the
        # Fars texts: 0.038 -> 0.033 s of CPU (minima of 21, four runs alternated)
        return _lone_atom_phrase(first, i)
    return _grouped_phrase(tokens, atoms, i)


def _lone_atom_phrase(atom: _Atom, i: int) -> _Phrase:
    """The phrase of the one atom at token ``i``, read as :func:`_grouped_phrase` reads a group of one."""
    if atom.kind == "digits":  # a digit run has no ending; alone, its value is its own
        return _Phrase(i, i, [atom], atom.value, atom.value, atom.value, "digits")
    ordinal = atom.ending == "ordinal" or atom.kind == "fraction"  # a fraction alone is an ordinal
    value = _evaluate([_Atom(atom.value, "unit" if atom.kind == "fraction" else atom.kind)]) if ordinal else atom.value
    return _Phrase(i, i, [atom], value, value, value, "words", ordinal=ordinal, unit_key=atom.unit_key)


def _grouped_phrase(tokens: _Tokens, atoms: list[_Atom | None], i: int) -> _Phrase:
    """The longest number phrase starting at the atom at token ``i``: the atoms after it that
    compose with it, a scale word, «و» and a smaller part, a denominator."""
    first = atoms[i]
    group = [first]
    j = i
    while group[-1].ending in ("", "and") and j + 1 < len(tokens.keys):
        nxt = atoms[j + 1]
        if group[-1].ending == "and":  # «هزارو ۷۷۷»: the conjunction glued to the word
            if nxt is not None and _open_gap(tokens.gaps[j + 1]) and _composes(_Atom(group[-1].value, group[-1].kind), nxt):
                group.append(nxt)
                j += 1
                continue
            break
        if nxt is not None and _open_gap(tokens.gaps[j + 1]):
            prev = group[-1]
            if nxt.kind == "scale" and prev.kind != "fraction" and not (prev.kind == "digits" and prev.form in ("date", "time")):
                group.append(nxt)
                j += 1
                continue
            if nxt.kind == "hundred" and nxt.value == 100 and prev.kind == "unit" and not prev.ending and (
                len(group) == 1 or group[-2].kind == "scale" or group[-2].ending == "and"
            ):  # «هفت صد», «دو هزار و هفت صد»: the hundreds written as two words
                group[-1] = _Atom(prev.value * 100, "hundred", ending=nxt.ending, unit_key=nxt.unit_key)
                j += 1
                continue
            if nxt.kind == "fraction" and nxt.ending == "ordinal" and nxt.value >= 1000 and prev.kind not in ("fraction", "half"):
                group.append(_Atom(nxt.value, "scale", ending="ordinal"))  # «دو هزارمین»: the ordinal of a scale word
                j += 1
                break
            if nxt.kind == "fraction" and not nxt.ending == "ordinal" and (
                (prev.kind in ("unit", "teen", "ten", "digits") and len(group) == 1)
                or (all(a.kind in ("unit", "teen", "ten", "hundred") for a in group) and _evaluate(group) < nxt.value)
            ):  # «سه دهم», «بیست و پنج صدم»: a numerator over a denominator
                group.append(nxt)
                j += 1
                break
            if (
                nxt.kind in ("teen", "ten", "hundred") and nxt.ending == "ordinal" and prev.kind == "unit" and len(group) == 1
                and nxt.value > prev.value and tokens.keys[j + 1].endswith(_grammar_word("fraction_end"))
                and not tokens.keys[j + 1].endswith(_grammar_word("ordinal_in"))
            ):  # «یک بیستم», «یک دوازدهم»: a fraction whose denominator is not in the word list
                group.append(_Atom(nxt.value, "fraction"))
                j += 1
                break
            if (
                nxt.kind == "digits" and nxt.form == "int" and prev.kind == "scale" and not prev.ending
                and nxt.value < prev.value and not _same_scale_at(tokens, atoms, j + 2, prev.value)
            ):  # «۲ هزار ۶۰۰ نفر», «۵ هزار ۴۰۰ میلیارد»: the smaller part written without «و»
                group.append(nxt)
                j += 1
                continue
            if (
                nxt.kind in ("unit", "teen", "ten", "hundred") and not nxt.ending and prev.kind == "scale" and not prev.ending
                and (tokens.keys[j + 1] not in _grammar("lone_skip") or _larger_scale_at(tokens, atoms, j + 2, 1000))
                and nxt.value < prev.value
                and not _same_scale_at(tokens, atoms, j + 2, prev.value)
            ):  # «دو هزار سیصد و پنج»: the same in words
                group.append(nxt)
                j += 1
                continue
            break
        if (
            tokens.keys[j + 1] == _grammar_word("and")
            and j + 2 < len(tokens.keys)
            and atoms[j + 2] is not None
            and _open_gap(tokens.gaps[j + 1])
            and _open_gap(tokens.gaps[j + 2])
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
    elif len(group) == 1:  # one atom, not a fraction (a fraction alone is an ordinal): its own value, as _evaluate reads it
        value = group[0].value
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
    if after < len(tokens.keys) and _open_gap(tokens.gaps[after]) and _unit_key(tokens.keys[after]):
        return False
    return _match_back(tokens, phrase.first, _cues("before"))[1] == "date"


def _range_after(tokens, atoms, phrase: _Phrase) -> _Phrase:
    """Extend ``phrase`` into a range when «تا» / «الی» / «یا» and a larger number follow it,
    or a dash and a number a little larger («۱۰ - ۱۲», «بین ۷-۵»: digits only)."""
    k = phrase.last + 1
    if phrase.ordinal or phrase.unit_key or k >= len(tokens.keys):
        return phrase
    dash = False
    if tokens.kinds[k] == "num":
        dash = phrase.shape == "digits" and tokens.gaps[k].replace(ZWNJ, "").strip() in ("-", "\u2013")
        if not dash:
            return phrase
        second = _phrase_at(tokens, atoms, k)
    else:
        joiner = tokens.keys[k]
        between = phrase.first > 0 and tokens.keys[phrase.first - 1] == _grammar_word("between")
        joiners = _grammar("range") + _grammar("range_or") + (_grammar("and") if between else ())
        if tokens.kinds[k] == "word" and atoms[k] is not None and _adjacent_range(phrase, atoms[k], tokens.gaps[k]):
            product, last = _scales_from(tokens, atoms, k + 1)  # «هفت هشت هزار نفر»: the scale applies to both
            low, high = phrase.value * product, atoms[k].value * product
            return _Phrase(phrase.first, last, phrase.atoms + atoms[k:last + 1], (low + high) / 2, low, high, "range",
                           notes=["range", "adjacent"])  # «پنج شش نفر», «دو سه روز»
        if k + 1 >= len(tokens.keys) or joiner not in joiners:
            return phrase
        if not _open_gap(tokens.gaps[k]) or not _open_gap(tokens.gaps[k + 1]):
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
        reversed_ok = (phrase.first > 0 and tokens.keys[phrase.first - 1] == _grammar_word("between")) or bool(
            after < len(tokens.keys) and _open_gap(tokens.gaps[after]) and _unit_key(tokens.keys[after]))
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


def _adjacent_range(phrase: _Phrase, nxt: _Atom, gap: str) -> bool:
    """True for two small number words side by side, the second one or two more («پنج شش نفر»);
    ``gap``: the text before the second."""
    if len(phrase.atoms) != 1 or phrase.shape != "words" or not _open_gap(gap):
        return False
    first = phrase.atoms[0]
    small = ("unit", "teen")
    return (first.kind in small and nxt.kind in small and not first.ending and nxt.ending in ("", "unit")
            and 0 < nxt.value - first.value <= 2 and first.value >= 1)


def _scales_from(tokens, atoms, k: int) -> tuple[float, int]:
    """The product of the scale words from token ``k`` on («میلیون», «هزار میلیارد») and the last one's index."""
    product, last = 1.0, k - 1
    while last + 1 < len(tokens.keys) and atoms[last + 1] is not None and atoms[last + 1].kind == "scale" and not atoms[last + 1].ending \
            and _open_gap(tokens.gaps[last + 1]):
        product *= atoms[last + 1].value
        last += 1
    return product, last


def _word_at(tokens, k: int, role: str) -> bool:
    """True when token ``k`` is a word of ``number_grammar.tsv``'s ``role``, only spaces before it."""
    return 0 <= k < len(tokens.keys) and tokens.keys[k] in _grammar(role) and _open_gap(tokens.gaps[k])


def _decimal_after(tokens, atoms, phrase: _Phrase) -> _Phrase:
    """Extend ``phrase`` by a decimal fraction in words: «دو ممیز پنج» (2.5), «دو ممیز صفر پنج»
    (2.05), «دو و سه دهم» (2.3), «یک و یک چهارم» (1.25), with the scale words after it applied
    to the whole («یک ممیز دو میلیون»)."""
    k = phrase.last + 1
    if phrase.ordinal or phrase.shape in ("fraction", "range") or math.isnan(phrase.value) or k + 1 >= len(tokens.keys):
        return phrase
    if _word_at(tokens, k, "decimal_point"):
        m, zeros = k + 1, 0
        while m < len(tokens.keys) and atoms[m] is not None and atoms[m].kind == "unit" and atoms[m].value == 0 and _open_gap(tokens.gaps[m]):
            m, zeros = m + 1, zeros + 1
        second = _phrase_at(tokens, atoms, m) if m < len(tokens.keys) and _open_gap(tokens.gaps[m]) else None
        if second is None or second.ordinal or second.shape not in ("words", "digits", "fraction"):
            return phrase
        core = [a for a in second.atoms if a.kind != "scale"]
        if second.atoms[: len(core)] != core:  # a scale word inside the digits: not a decimal we can read
            return phrase
        if second.shape == "fraction":
            fraction, last = second.value, second.last
        else:
            whole = _evaluate(core)
            fraction = whole / 10 ** (zeros + len(str(int(whole)))) if whole == int(whole) else math.nan
            last = second.last - (len(second.atoms) - len(core))
    elif _word_at(tokens, k, "and") and atoms[k + 1] is not None and _open_gap(tokens.gaps[k + 1]):
        second = _phrase_at(tokens, atoms, k + 1)
        if second is None or second.shape != "fraction" or not 0 < second.value < 1:
            return phrase
        fraction, last = second.value, second.last
    else:
        return phrase
    if math.isnan(fraction):
        return phrase
    product, last = _scales_from(tokens, atoms, last + 1)
    value = (phrase.value + fraction) * product
    return _Phrase(phrase.first, last, phrase.atoms + second.atoms, value, value, value, phrase.shape,
                   notes=phrase.notes + ["decimal_words"])


def _clock_after(tokens, atoms, phrase: _Phrase) -> _Phrase:
    """Extend an hour after «ساعت» by its minutes: «ساعت ۶ و ۳۰ دقیقه» is 6.5 (hours), «ساعت ده و ربع» 10.25."""
    k = phrase.last + 1
    if not _word_at(tokens, phrase.first - 1, "clock") or len(phrase.atoms) != 1 or not _word_at(tokens, k, "and"):
        return phrase
    if _word_at(tokens, k + 1, "quarter"):
        minutes, last = 15.0, k + 1
    else:
        second = _phrase_at(tokens, atoms, k + 1) if k + 1 < len(tokens.keys) and _open_gap(tokens.gaps[k + 1]) else None
        if second is None or second.shape not in ("words", "digits") or not _word_at(tokens, second.last + 1, "minute"):
            return phrase
        minutes, last = second.value, second.last + 1
    if not (0 <= phrase.value < 24 and 0 <= minutes < 60):
        return phrase
    value = phrase.value + minutes / 60
    return _Phrase(phrase.first, last, phrase.atoms, value, value, value, phrase.shape, notes=phrase.notes + ["clock_time"])


def _signed(tokens, phrase: _Phrase) -> _Phrase:
    """Apply a sign before the phrase: the word «منفی» (``number_grammar.tsv``, role negative), or
    a minus glued to a digit run after a space («-۵ درجه», «−۳»)."""
    first_gap = tokens.gaps[phrase.first]
    if first_gap == " " and (phrase.first == 0 or tokens.keys[phrase.first - 1] not in _grammar("negative")):
        return phrase  # the common case: no sign word before it, and no minus glued to it
    word_sign = _word_at(tokens, phrase.first - 1, "negative") and _open_gap(first_gap)
    gap = first_gap.replace(ZWNJ, "")
    # a glued minus only after a space (not a line start: «\n-1» is a list marker; not a name: «COVID-19»)
    # and before a unit («-۵ درجه»): a dash in a model name or a list has neither
    glued_minus = (tokens.kinds[phrase.first] == "num" and gap[-1:] in ("-", "\u2212") and (gap[-2:-1] in (" ", "\t") or (len(gap) == 1 and phrase.first == 0))
                   and phrase.last + 1 < len(tokens.keys) and bool(_unit_key(tokens.keys[phrase.last + 1])))
    if not (word_sign or glued_minus) or math.isnan(phrase.value):
        return phrase
    return _Phrase(phrase.first, phrase.last, phrase.atoms, -phrase.value, -phrase.high, -phrase.low, phrase.shape,
                   phrase.ordinal, phrase.unit_key, phrase.notes + ["negative"], lead=1 if word_sign else 0)


def _vague_word(tokens: _Tokens, k: int) -> bool:
    """Whether token ``k`` is «چند», «چندین», «هزاران» (role vague), or a number word made
    plural: «ده‌ها», «صدها»."""
    return tokens.kinds[k] == "word" and _vague_key(tokens.keys[k])


def _read_vague_key(key: str) -> bool:
    """Whether a word key is vague (:func:`_vague_word`): what :func:`_vague_key` remembers per word."""
    if key in _grammar("vague"):
        return True
    return any(key.endswith(p) and key[: -len(p)] in _number_words() for p in _grammar("plural"))


_vague_key = word_memo(_read_vague_key, max_size=100_000)  # read before every number: once per word


def _checked(tokens, atoms, phrase: _Phrase) -> _Phrase:
    """The contract: a phrase read only in part gets no value (NaN) and a note saying why:
    ``partial:vague`` next to «چند» or «ده‌ها» («چند هزار نفر», «بیست و چند نفر»),
    ``partial:unread`` when «و» and a number word that does not compose follow it («پنجاه و صد»)."""
    before = phrase.first - phrase.lead - 1
    k = phrase.last + 1
    note = ""
    if before >= 0 and _vague_word(tokens, before) and _open_gap(tokens.gaps[phrase.first - phrase.lead]):
        note = "partial:vague"
    elif _word_at(tokens, k, "and") and k + 1 < len(tokens.keys) and _open_gap(tokens.gaps[k + 1]):
        if _vague_word(tokens, k + 1):
            note = "partial:vague"
        elif (atoms[k + 1] is not None and tokens.kinds[k + 1] == "word" and phrase.shape == "words" and not phrase.ordinal
              and atoms[k + 1].kind in ("ten", "hundred", "scale") and atoms[k + 1].value >= phrase.atoms[-1].value):
            note = "partial:unread"  # «پنجاه و صد», «سی و هزار»; «هفت و هشت بازی» is a list, not one number
    if not note:
        return phrase
    return _Phrase(phrase.first, phrase.last, phrase.atoms, math.nan, math.nan, math.nan, phrase.shape, phrase.ordinal,
                   phrase.unit_key, phrase.notes + [note], lead=phrase.lead)


def read_phrase(tokens, atoms, i: int) -> _Phrase | None:
    """The whole number phrase starting at token ``i``: its words, a decimal or clock tail, a
    range, a sign; NaN with a ``partial:`` note when it could be read only in part. None when
    token ``i`` is no number."""
    phrase = _phrase_at(tokens, atoms, i)
    if phrase is None:
        return None
    k = phrase.last + 1
    # a decimal or clock tail or a range begins with a number or a word of _tail_words() after
    # the phrase; most phrases have neither, and each reader would find so only at its end
    if k < len(tokens.keys) and (atoms[k] is not None or tokens.keys[k] in _tail_words()):
        phrase = _clock_after(tokens, atoms, _decimal_after(tokens, atoms, phrase))
        phrase = _range_after(tokens, atoms, phrase)
    return _checked(tokens, atoms, _signed(tokens, phrase))


@lru_cache(maxsize=None)
def _tail_words() -> frozenset[str]:
    """The words that can follow a phrase in a decimal tail («ممیز», «و»), a clock time («و») or
    a range («تا», «یا», «و» after «بین»): the roles of ``number_grammar.tsv`` that
    :func:`_decimal_after`, :func:`_clock_after` and :func:`_range_after` look for first."""
    return frozenset(_grammar("decimal_point") + _grammar("and") + _grammar("range") + _grammar("range_or"))


def parse_number(surface: str) -> float | None:
    """Return the value of the first number phrase in ``surface``, or None when it has none.

    «۱.۷ میلیون» → 1700000; «یک هزار و 300 میلیارد» → 1.3e12; «دو و نیم میلیون» → 2500000;
    «یک سوم» → 0.3333; «۵۸ درصدی» → 58; «سوم» (an ordinal) → 3; a range «۱۰ تا ۱۵» → 12.5
    (its midpoint); a date «1404/7/12» → None.
    """
    folded, _ = folded_and_origin(surface)
    tokens = _tokens(folded)
    tokens, atoms = _split_glued(tokens, _atoms(tokens))
    for i in range(len(tokens.keys)):
        phrase = read_phrase(tokens, atoms, i)
        if phrase is None:
            continue
        return None if math.isnan(phrase.value) else phrase.value
    return None
