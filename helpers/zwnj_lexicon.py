"""The word lists the ZWNJ repair (:mod:`helpers.zwnj`) reads words with, loaded once.

hazm 0.12.1's words (with their frequencies and tags), the verb forms it conjugates and its
stopwords, with Goftar's ZWNJ lexicons, gathered into one :class:`_Lexicon` by :func:`_lexicon`:
the suffixes and their kinds (``zwnj_suffixes.tsv``), the compound parts
(``zwnj_compound_parts.tsv``), the words never split (``zwnj_exceptions.txt``), the verbal
prefixes «می»/«نمی» (``verb_prefixes.txt``) and the words whose final «ه» is a consonant
(``zwnj_pronounced_he.txt``). Also :func:`_form_offsets`, where a ZWNJ spelling puts its ZWNJs.

Lexicons read here (``LEXICONS``): ``zwnj_suffixes.tsv``, ``zwnj_compound_parts.tsv``,
``zwnj_exceptions.txt``, ``verb_prefixes.txt``, ``zwnj_pronounced_he.txt``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from .chars import ZWNJ
from .hazm_once import word_list
from .lexicons import LexiconError, load_list, load_table
from .paths import LEXICON_DIR
from .text import fold_yeh_kaf

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("zwnj_suffixes", "zwnj_compound_parts", "zwnj_exceptions", "verb_prefixes", "zwnj_pronounced_he")

_MI_PREFIXES = load_list("verb_prefixes")  # «می», «نمی»
_MI_PREFIX_SET = frozenset(_MI_PREFIXES)
_MIN_STEM = 2
# The suffix kinds _space_rule joins to the word before a space («برنامه ها»); the others
# («است» after a participle, a pronoun, the ezafe) are joined only where written joined.
_SPACE_JOINED_KINDS = frozenset({"plural", "after_final_he", "after_vowel", "comparative"})


class _Lexicon(NamedTuple):
    freq: dict[str, int]  # hazm's words without ZWNJ and their corpus frequency (every one it lists, 0 included)
    adjectives: frozenset[str]
    whole: frozenset[str]
    zwnj_forms: dict[str, tuple[str, str, int]]  # joined spelling -> (ZWNJ spelling, rule, score)
    participles: frozenset[str]
    verbs: frozenset[str]  # every single-word form hazm conjugates
    mi_stems: frozenset[str]  # «می‌»/«نمی‌» + a bare present stem («نمی‌توان»), no conjugation of hazm
    listed_bounds: dict[str, frozenset[tuple[int, ...]]]  # joined spelling -> ZWNJ places of hazm's words (any frequency)
    pronounced_he: tuple[str, ...]  # words whose final «ه» is a consonant (zwnj_pronounced_he)
    suffix_kinds: dict[str, str]  # suffix -> kind; each suffix has one row, so one kind
    suffix_yields: dict[str, str]  # suffix -> the suffix its reading yields to (zwnj_suffixes' yields_to)
    # last letter -> the distinct lengths of the suffixes ending in it, longest first
    suffix_lengths: dict[str, tuple[int, ...]]
    parts: frozenset[str]  # compound parts
    part_lengths: dict[str, tuple[int, ...]]  # the same for the parts
    space_parts: frozenset[str]
    space_right: frozenset[str]  # the words after a space that a suffix or compound rule may join («است» none)
    space_linked: frozenset[str]  # space_right and «می»/«نمی»: the words a space beside may turn into a ZWNJ
    stopwords: frozenset[str]


def _hazm_data(name: str):
    from hazm.utils import get_data_path

    return get_data_path(name)


def _read_words() -> tuple[dict[str, int], dict[str, str]]:
    """Return hazm's words.dat as {word: frequency} and {word: tags}."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    for raw_word, count, word_tags in word_list():
        word = fold_yeh_kaf(raw_word)
        freq[word] = max(freq.get(word, 0), count)
        tags[word] = ",".join(word_tags)
    return freq, tags


def _verb_forms() -> tuple[set[str], set[str], set[str]]:
    """Return the verb forms hazm conjugates (single words only), the past participles, and
    «می»/«نمی» + a bare present stem: the impersonal «می‌توان», «نمی‌توان» hazm does not conjugate."""
    from hazm.lemmatizer import Conjugation

    conjugation = Conjugation()
    forms: set[str] = set()
    participles: set[str] = set()
    mi_stems: set[str] = set()
    with _hazm_data("verbs.dat").open(encoding="utf-8") as handle:
        verbs = [line.strip() for line in handle if "#" in line]
    for verb in verbs:
        past, present = verb.split("#")[:2]
        if past:
            participles.update({past + "ه", "ن" + past + "ه"})
        if len(present) > _MIN_STEM:  # not «ره», «زه»: «میرهای» is «میر‌های»
            mi_stems.update(f"{prefix}{ZWNJ}{present}" for prefix in _MI_PREFIXES)
        for form in conjugation.get_all(verb):
            if form and "_" not in form and " " not in form:
                forms.add(form)
    return forms, participles, mi_stems - forms


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    freq_all, tags = _read_words()
    verbs, participles, mi_stems = _verb_forms()
    suffix_rows = load_table("zwnj_suffixes")
    # A word's ending is looked up by length (read_word): one row per suffix, or a second
    # row's kind would silently go unread.
    written = [r["suffix"] for r in suffix_rows]
    if len(set(written)) != len(written):
        twice = sorted({s for s in written if written.count(s) > 1})
        raise LexiconError(f"{LEXICON_DIR / 'zwnj_suffixes.tsv'}: suffix listed twice: {', '.join(twice)}")
    part_rows = load_table("zwnj_compound_parts")
    suffixes = tuple(sorted(((r["suffix"], r["kind"]) for r in suffix_rows), key=lambda s: -len(s[0])))
    parts = tuple(sorted((r["part"] for r in part_rows), key=len, reverse=True))

    zwnj_forms: dict[str, tuple[str, str, int]] = {}
    for word, count in freq_all.items():
        if ZWNJ in word and count > 0:
            joined = word.replace(ZWNJ, "")
            if joined not in zwnj_forms or zwnj_forms[joined][2] < count:
                zwnj_forms[joined] = (word, "lexicon_compound", count)
    mi_score = max(freq_all.values(), default=1) + 1  # «می» + verb beats any noun reading
    for form in mi_stems:
        zwnj_forms[form.replace(ZWNJ, "")] = (form, "prefix_mi", mi_score)
    for form in verbs:
        if ZWNJ in form:
            first = form.split(ZWNJ)[0]
            if first in _MI_PREFIXES:
                zwnj_forms[form.replace(ZWNJ, "")] = (form, "prefix_mi", mi_score)
            else:  # participle + ending: as likely as the participle itself (نهاده‌ای vs نهادهای)
                zwnj_forms[form.replace(ZWNJ, "")] = (form, "verb_form", max(freq_all.get(first, 0), 1))

    whole = {w for w, c in freq_all.items() if c > 0 and ZWNJ not in w}
    whole |= {v for v in verbs if ZWNJ not in v}
    whole |= set(load_list("zwnj_exceptions"))
    whole |= {s for s, _ in suffixes} | set(parts)
    for form, _, _ in zwnj_forms.values():
        whole.update(form.split(ZWNJ))  # pieces our own output leaves behind stay whole
    freq = {w: c for w, c in freq_all.items() if ZWNJ not in w}
    adjectives = frozenset(w for w, t in tags.items() if "AJ" in t.split(","))
    stopwords = frozenset(w.strip() for w in _hazm_data("stopwords.dat").read_text(encoding="utf-8").splitlines())
    space_parts = frozenset(r["part"] for r in part_rows if r["after_space"] == "yes")
    space_right = frozenset(s for s, kind in suffixes if kind in _SPACE_JOINED_KINDS) | space_parts
    return _Lexicon(
        freq=freq,
        adjectives=adjectives,
        whole=frozenset(map(fold_yeh_kaf, whole)),
        zwnj_forms=zwnj_forms,
        participles=frozenset(participles),
        verbs=frozenset(verbs),
        mi_stems=frozenset(mi_stems),
        listed_bounds=_listed_bounds(freq_all),
        pronounced_he=tuple(map(fold_yeh_kaf, load_list("zwnj_pronounced_he"))),
        suffix_kinds=dict(suffixes),
        suffix_yields={r["suffix"]: r["yields_to"] for r in suffix_rows if r["yields_to"]},
        suffix_lengths=_lengths_by_last_letter(s for s, _ in suffixes),
        parts=frozenset(parts),
        part_lengths=_lengths_by_last_letter(parts),
        space_parts=space_parts,
        space_right=space_right,
        space_linked=space_right | _MI_PREFIX_SET,
        stopwords=stopwords,
    )


def _listed_bounds(freq_all: dict[str, int]) -> dict[str, frozenset[tuple[int, ...]]]:
    """For each ZWNJ word of hazm's list (with any frequency), its spelling without ZWNJ -> the
    places of its ZWNJs in that spelling (a set: hazm may list several)."""
    places: dict[str, set[tuple[int, ...]]] = {}
    for word in freq_all:
        if ZWNJ in word:
            places.setdefault(word.replace(ZWNJ, ""), set()).add(_form_offsets(word))
    return {joined: frozenset(bounds) for joined, bounds in places.items()}


def _lengths_by_last_letter(strings) -> dict[str, tuple[int, ...]]:
    """Last letter -> the distinct lengths of the ``strings`` ending in it, longest first: a
    word's endings are looked up at those lengths only (a word in «د» tries no «ها»)."""
    lengths: dict[str, set[int]] = {}
    for string in strings:
        lengths.setdefault(string[-1], set()).add(len(string))
    return {last: tuple(sorted(found, reverse=True)) for last, found in lengths.items()}


def _form_offsets(form: str) -> tuple[int, ...]:
    """Return the positions, in the ZWNJ-less spelling, where ``form`` has a ZWNJ."""
    offsets, position = [], 0
    for piece in form.split(ZWNJ)[:-1]:
        position += len(piece)
        offsets.append(position)
    return tuple(offsets)

