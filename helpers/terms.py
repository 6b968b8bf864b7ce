"""Tokens, lemmas and term statistics for Persian news, with character offsets kept.

Counting Persian words is only honest after the spelling of a word is made one: «برنامهها»،
«برنامه‌ها» and «برنامه» are one lemma, «می کنند» and «می‌کنند» one verb. This module
tokenizes the way hazm's ``WordTokenizer`` does (same split characters, same joining of
multi-part verbs), but keeps every token's ``start``/``end`` into the text it was given, then
lemmatizes with hazm's ``Lemmatizer`` after repairing the missing or detached ZWNJ of
«می» prefixes and plural suffixes.

Heavy objects (hazm's lemmatizer, about three seconds to build) are module-level lazy
singletons; scikit-learn is imported inside the functions that use it.

Lexicons read here (``LEXICONS``): ``theme_stopwords.txt``, ``verb_prefixes.txt``,
``plural_suffixes.txt``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate, compress
from typing import Iterable, NamedTuple

import pandas as pd

from .chars import INVISIBLE_MARKS, TATWEEL, ZWNJ
from .hazm_once import share_word_list, word_list
from .lexicons import load_list
from .speedups import plane_regex
from .text import char_replacer, letter_table, normalize_letters

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("theme_stopwords", "verb_prefixes", "plural_suffixes")

# Harakat, superscript alef and hamza above: dropped from a token before it is lemmatized.
_DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0654\u0655\u0670"
_DROP = str.maketrans("", "", _DIACRITICS + TATWEEL + "".join(INVISIBLE_MARKS))
# A regex search finds them in C; frozenset.isdisjoint(text) made a string of every character.
_DROP_SEARCH = re.compile("[" + re.escape(_DIACRITICS + TATWEEL + "".join(INVISIBLE_MARKS)) + "]").search
# Spelling variants folded only for matching keys (never shown): hamza seats and ZWNJ.
_MATCH_FOLD = str.maketrans({**letter_table("أإٱؤ"), ZWNJ: None})
# Whether a word holds one of them, found by a regex in C: translate reads every character
# through a dict, and three words in four hold none of them.
_MATCH_FOLD_SEARCH = re.compile("[" + re.escape("".join(map(chr, _MATCH_FOLD))) + "]").search
# One str.replace a variant (helpers.text.char_replacer) rather than translate, which reads
# every character through the table: on the short words folded here, four times faster (the
# quarter of the Fars bench's 30,000 new keys that hold a variant: 0.02 -> 0.005 s of CPU).
_fold_match_variants = char_replacer(_MATCH_FOLD)


def _match_folded(word: str) -> str:
    """``word`` with the spelling variants of ``_MATCH_FOLD`` folded."""
    return _fold_match_variants(word) if _MATCH_FOLD_SEARCH(word) else word


# hazm's WordTokenizer splits these off (``[؟!?]+|[\d.:]+|[:.،؛»\])}"«\[({/\\]``); we add a
# few marks Persian news also uses (comma, semicolon, dashes, ellipsis, percent, quotes).
_PUNCT = r"""؟!?.:،؛»])}"«\[({/\\,;…*\-–—_|+=<>#@%٪'`~^&“”‘’"""
_EDGE = ZWNJ + "".join(INVISIBLE_MARKS)
_ESCAPED_PUNCT = _PUNCT.replace("]", r"\]")
# One match a token, without the ZWNJ and invisible marks at its edges (hazm's alternatives):
# - a word is a maximal run of the other characters: runs without edge marks, joined by edge
#   marks; a run of edge marks alone matches nothing, as hazm drops it;
# - «٫» and «٬» start a number only where no edge mark precedes them: hazm reads an edge mark
#   as a word character, so «‌٫» is a word run, trimmed to «٫».
# Edge marks start no alternative, so they fall in the gaps between matches. One capturing
# group around the whole token: ``split`` returns gap, token, gap, token... in C, and the
# spans are the running sums of the pieces' lengths (no match object a token).
# Possessive quantifiers (*+, ++): nothing here needs backtracking, and the regex is the
# costliest step of tokenizing.
# Every token opens with a character that is neither a space nor an edge mark, and the regex
# opens with that one class: the engine then skips the gaps in C, one class test a character,
# instead of trying every alternative at every gap character. Which alternative follows is
# told by the character just read (a lookbehind), in hazm's order:
#   a word's first character (no digit, mark, «٫» or «٬»): the rest of the word;
#   «؟!?»: a run of them;  a digit, «.» or «:»: a number;
#   «٫» or «٬» with no edge mark before it: a number, else a word run opening with it;
#   any other mark: itself alone.
# The word classes go through ``char_class``: a text without astral characters is split by
# them narrowed to the BMP (helpers.speedups), one table lookup a character.


def _token_pattern(char_class: Callable[[str], str]) -> str:
    word_char = char_class(rf"[^\s\d{_ESCAPED_PUNCT}{_EDGE}]")
    word_rest = rf"{word_char}*+(?:[{_EDGE}]++{word_char}++)*+"  # a word after its first character
    word_first = char_class(rf"[^\s\d{_ESCAPED_PUNCT}{_EDGE}٫٬]")
    number_rest = r"[\d.:٫٬]*+"
    return (rf"({char_class(rf'[^\s{_EDGE}]')}"
            rf"(?:(?<={word_first}){word_rest}|(?<=[؟!?])[؟!?]*+|(?<=[\d.:]){number_rest}"
            rf"|(?<![{_EDGE}][٫٬])(?<=[٫٬]){number_rest}|(?<=[٫٬]){word_rest}|))")


_token_regex = plane_regex(_token_pattern)

TOKEN_COLUMNS = ["token", "lemma", "start", "end", "is_stopword", "is_word"]


class Tokens(NamedTuple):
    """A text's tokens as three parallel lists, one item a token.

    Parallel lists rather than one object a token: an article has hundreds of tokens and the
    joins below touch only a few of them, so the rest pass through as whole-list copies.
    """

    starts: list[int]  # surface span in the text: text[start:end]
    ends: list[int]
    keys: list[str]  # normalized form: letters folded, diacritics dropped, parts joined the hazm way


# ---------------------------------------------------------------- lazy hazm singletons


@lru_cache(maxsize=1)
def _lemmatizer():
    from hazm import Lemmatizer

    share_word_list()
    return Lemmatizer()


@lru_cache(maxsize=1)
def _verb_parts():
    """hazm's sets for joining multi-part verbs: (before_verbs, after_verbs, verbe)."""
    from hazm import WordTokenizer

    share_word_list()
    tok = WordTokenizer(join_verb_parts=True)
    return frozenset(tok.before_verbs), frozenset(tok.after_verbs), frozenset(tok.verbe)


@lru_cache(maxsize=1)
def _verb_joiners() -> frozenset[str]:
    """The words that can join the verb part after them: hazm's before_verbs and verbe."""
    before, _, verbe = _verb_parts()
    return before | verbe


@lru_cache(maxsize=1)
def _past_stems() -> dict[str, str]:
    """Past stem → hazm verb lemma «past#present», to read infinitives (کردن) as verbs."""
    stems = {}
    # In hazm's order, not a set's: a stem with two presents («آمد#آ», «آمد#آی») must get the
    # same lemma in every run, whatever the hash seed.
    for verb in dict.fromkeys(_lemmatizer().verbs.values()):
        past = verb.split("#")[0]
        if past:
            stems.setdefault(past, verb)
    return stems


@lru_cache(maxsize=1)
def _canonical_spelling() -> dict[str, str]:
    """ZWNJ- and hamza-free form → hazm's spelling of the word (the most frequent one)."""
    best: dict[str, tuple[int, str]] = {}
    for word, count, _ in word_list():
        folded = _match_folded(word)
        if folded != word and (folded not in best or best[folded][0] < count):
            best[folded] = (count, word)
    return {folded: word for folded, (_, word) in best.items()}


@lru_cache(maxsize=1)
def theme_stopwords() -> frozenset[str]:
    """The theme stopword list (``lexicons/theme_stopwords.txt``) as a set."""
    return frozenset(load_list("theme_stopwords"))


# ---------------------------------------------------------------- tokens


def _raw_tokens(text: str) -> Tokens:
    """Split like hazm's WordTokenizer, keeping spans; ZWNJ and invisible marks at edges dropped.

    A key is its token without diacritics, tatweel and invisible marks. A token of such marks
    alone («ـ» between spaces) stays a token, as in hazm, with an empty key: no word, but still
    between its neighbours (no term or verb is read across it)."""
    folded = normalize_letters(text)
    pieces = _token_regex(folded).split(folded)  # gap, token, gap, token, ..., gap
    offsets = list(accumulate(map(len, pieces)))  # offsets[2i] = start of token i, offsets[2i+1] its end
    starts, ends, keys = offsets[0:-1:2], offsets[1::2], pieces[1::2]
    if _DROP_SEARCH(folded) is None:  # most texts hold no diacritic or tatweel: keys as matched
        return Tokens(starts, ends, keys)
    return Tokens(starts, ends, [key.translate(_DROP) for key in keys])


_PLURAL_SUFFIXES = frozenset(load_list("plural_suffixes"))  # «ها», «های»... written apart
_VERB_PREFIXES = tuple(load_list("verb_prefixes"))  # «می», «نمی» written apart; a tuple for str.startswith
_VERB_PREFIX_SET = frozenset(_VERB_PREFIXES)

# A join below maps the index of a joined token's first part to (index of its last part, key).
_Joins = dict[int, tuple[int, str]]


def _positions(keys: list[str], wanted: frozenset[str]) -> list[int]:
    """Indices of the keys in ``wanted``, tested in C (map/compress): joins are rare, tokens many."""
    return list(compress(range(len(keys)), map(wanted.__contains__, keys)))


@lru_cache(maxsize=1)
def _joinable_keys() -> frozenset[str]:
    """The keys of the tokens that may join a neighbour: plural suffixes and «می»/«نمی»
    written apart (:func:`_join_detached`), the first parts of multi-part verbs
    (:func:`_join_verb_parts`). One scan of a text's keys finds them all."""
    return _PLURAL_SUFFIXES | _VERB_PREFIX_SET | _verb_joiners()


def _joined_keys(tokens: Tokens) -> Tokens:
    """``tokens`` with detached parts and multi-part verbs joined, as hazm joins them."""
    joinable = _positions(tokens.keys, _joinable_keys())
    joined = _join_detached(tokens, joinable)
    if joined is not tokens:  # indices moved: find the joinable tokens again (joins are rare)
        joinable = _positions(joined.keys, _joinable_keys())
    return _join_verb_parts(joined, joinable)


def _join_detached(tokens: Tokens, joinable: list[int]) -> Tokens:
    """Join «می»/«نمی» written apart from their verb and plural suffixes written apart.
    ``joinable``: the indices of the tokens whose key is in :func:`_joinable_keys`."""
    verbs = _lemmatizer().verbs
    keys = tokens.keys
    joins: _Joins = {}
    first_of_last: dict[int, int] = {}  # last part → first part of each join made so far
    # Only a plural suffix or the token after a prefix can join what precedes it (a joined key
    # holds a ZWNJ, so it is never a prefix itself); the other tokens are not looked at.
    candidates = {i for i in joinable if i > 0 and keys[i] in _PLURAL_SUFFIXES}
    candidates.update(i + 1 for i in joinable if keys[i] in _VERB_PREFIX_SET and i + 1 < len(keys))
    for i in sorted(candidates):  # left to right, as hazm reads: «کتاب ها ها» is one token
        first = first_of_last.get(i - 1, i - 1)
        prev_key = joins[first][1] if first in joins else keys[first]
        if (prev_key in _VERB_PREFIX_SET and f"{prev_key}{ZWNJ}{keys[i]}" in verbs) or (
            keys[i] in _PLURAL_SUFFIXES and _is_letters(prev_key)
        ):
            joins[first] = (i, f"{prev_key}{ZWNJ}{keys[i]}")
            first_of_last[i] = first
    return _joined(tokens, joins)


def _join_verb_parts(tokens: Tokens, joinable: list[int]) -> Tokens:
    """hazm's ``join_verb_parts`` on spans: «گفته شده است» → one token «گفته_شده_است».
    ``joinable``: the indices of the tokens whose key is in :func:`_joinable_keys`."""
    before, after, verbe = _verb_parts()
    keys = tokens.keys
    joiners = _verb_joiners()
    joins: _Joins = {}
    # Only a token in ``before`` or ``verbe`` can join what follows it; right to left, as hazm
    # does, so «گفته» meets «شده_است» already joined.
    for i in reversed([i for i in joinable if keys[i] in joiners]):
        if i + 1 == len(keys):
            continue
        last, last_key = joins.get(i + 1, (i + 1, keys[i + 1]))
        if keys[i] in before or (last_key in after and keys[i] in verbe):
            joins.pop(i + 1, None)
            joins[i] = (last, f"{keys[i]}_{last_key}")
    return _joined(tokens, joins)


def _joined(tokens: Tokens, joins: _Joins) -> Tokens:
    """``tokens`` with the parts of each join made one token (the joins' spans never overlap).

    The lists are copied whole, then each join's later parts deleted, from the last join back
    so that the indices of the joins still to make do not move: a deletion moves the tail in
    one memory copy, where gathering the tokens between joins as slices copied each twice."""
    if not joins:
        return tokens
    starts, ends, keys = tokens.starts.copy(), tokens.ends.copy(), tokens.keys.copy()
    for first in sorted(joins, reverse=True):
        last, key = joins[first]
        keys[first] = key
        ends[first] = ends[last]
        del starts[first + 1 : last + 1], ends[first + 1 : last + 1], keys[first + 1 : last + 1]
    return Tokens(starts, ends, keys)


def _is_letters(key: str) -> bool:
    # isalpha of the whole key, in C, answers for most keys (words without ZWNJ or «_»)
    return key.isalpha() or any(ch.isalpha() for ch in key)


@lru_cache(maxsize=200_000)
def lemma_of(key: str) -> str:
    """Return the lemma of one normalized token (hazm's, after ZWNJ repair).

    Verbs come back as hazm writes them, «past#present» (کرد#کن); infinitives are read as
    verbs; a word whose ZWNJ went missing is given hazm's spelling (حقالناس → حق‌الناس).
    """
    return _word_lemma(key) if _is_letters(key) else key


def _word_lemma(key: str) -> str:
    """:func:`lemma_of` of a key that holds a letter: :func:`read_key`, read once per key
    (its callers keep a memo) and having tested the letter, reads it here without a second
    cache or test."""
    lem = _lemmatizer()
    # one startswith of the prefixes' tuple, in C, passes over the keys (most) that open with none
    if ZWNJ not in key and key.startswith(_VERB_PREFIXES):
        for prefix in _VERB_PREFIXES:
            if key.startswith(prefix) and f"{prefix}{ZWNJ}{key[len(prefix):]}" in lem.verbs:
                return lem.verbs[f"{prefix}{ZWNJ}{key[len(prefix):]}"]
    if key.endswith("ن") and key[:-1] in _past_stems():
        return _past_stems()[key[:-1]]
    if key in lem.words:  # its own lemma, as _hazm_lemma reads it: no rule below applies to a known word
        return key
    if key.endswith("ی") and key[:-1] in lem.words:
        if key not in lem.verbs or not key.startswith(("می", "ب", "ن")):
            return key[:-1]  # ezafe or adjective «ی» on a known word: شهدای → شهدا, فرهنگی → فرهنگ
    if key not in lem.verbs:
        canonical = _canonical_spelling().get(_match_folded(key))
        if canonical is not None:
            return canonical
    lemma, stem = _hazm_lemma(key)
    if lemma == key and key not in lem.words:
        if stem is None:  # a verb form hazm reads as itself: no stem read yet
            stem = _stem(key)
        canonical = _canonical_spelling().get(_match_folded(stem))
        if canonical is not None:
            return canonical
    return lemma


def _hazm_lemma(key: str) -> tuple[str, str | None]:
    """hazm's ``Lemmatizer.lemmatize(key)`` (hazm 0.12, no part of speech) and the stem it
    read (None when it read none): a known word is its own lemma, a known verb form its verb,
    else the stem if that is a known word, else the word as it is. Written out so that
    :func:`lemma_of` reuses the stem instead of reading it a second time."""
    lem = _lemmatizer()
    if key in lem.words:
        return key, None
    if key in lem.verbs:
        return lem.verbs[key], None
    stem = _stem(key)
    return (stem if stem and stem in lem.words else key), stem


@lru_cache(maxsize=1)
def _stem_endings() -> tuple[tuple[int, frozenset[str]], ...]:
    """hazm's stemmer's endings grouped by length, longest first: (length, endings)."""
    endings = _lemmatizer().stemmer.ends
    lengths = sorted(set(map(len, endings)), reverse=True)
    return tuple((n, frozenset(e for e in endings if len(e) == n)) for n in lengths)


def _stem(word: str) -> str:
    """hazm's ``Stemmer.stem(word)`` (hazm 0.12), with a set lookup per ending length instead of
    hazm's ``endswith`` per ending (thirty): the longest ending the word ends with is cut (two
    endings of one length cannot both end it), but a one-letter ending only from a word of four
    letters or more; then a final «ۀ» is written «ه» and a final ZWNJ dropped."""
    for n, endings in _stem_endings():
        if word[-n:] in endings:  # a word shorter than n is no ending of length n
            if n > 1 or len(word) > 3:
                word = word[:-n]
            break
    if word.endswith("ۀ"):
        word = word[:-1] + "ه"
    if word.endswith("\u200c"):
        word = word[:-1]
    return word


@lru_cache(maxsize=200_000)
def match_key(lemma: str) -> str:
    """The form two lemmas are compared in: no ZWNJ, hamza seats folded (تأمین = تامین)."""
    return _match_folded(lemma)


def _is_stopword(key: str, lemma: str, stop: frozenset[str]) -> bool:
    if key in stop or lemma in stop or key.replace("_", " ") in stop:
        return True
    if "#" in lemma:  # a verb: stopword when its past stem is (کرد covers کردند, می‌کنند)
        past = lemma.split("#")[0]
        return past in stop or not past
    return False


class TokenColumns(NamedTuple):
    """:func:`token_records` but the surface, as columns: one tuple a column, one item a token."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    lemmas: tuple[str, ...]
    stopwords: tuple[bool, ...]
    words: tuple[bool, ...]


@lru_cache(maxsize=256)
def token_keys(text: str) -> Tokens:
    """The tokens of ``text`` before they are lemmatized: spans and keys (multi-part verbs and
    detached «می»/«ها» joined). Callers that need one reading of every token map a function
    cached per key over ``keys`` (:func:`key_reading`): a text's words are mostly words seen
    before. Cached for the last texts seen, as :func:`token_records`: the lists returned are
    shared, never change them."""
    return _joined_keys(_raw_tokens(text))


@lru_cache(maxsize=256)
def token_columns(text: str) -> TokenColumns:
    """The tokens of ``text`` as columns, for callers that read a column or two of every token.

    Cached for the last texts seen, as :func:`token_records`.
    """
    starts, ends, keys = token_keys(text)
    if not keys:
        return TokenColumns((), (), (), (), ())
    lemmas, stopwords, words = zip(*map(key_reading, keys))
    return TokenColumns(tuple(starts), tuple(ends), lemmas, stopwords, words)


@lru_cache(maxsize=256)
def token_records(text: str) -> tuple[tuple[str, str, int, int, bool, bool], ...]:
    """The rows of :func:`tokenize` as plain tuples, for callers looping over many texts.

    Cached for the last texts seen: unit words and KWIC of one article tokenize it once.
    """
    starts, ends, lemmas, stopwords, words = token_columns(text)
    surfaces = [text[start:end] for start, end in zip(starts, ends)]
    return tuple(zip(surfaces, lemmas, starts, ends, stopwords, words))


def read_key(key: str) -> tuple[str, bool, bool]:
    """``(lemma, is_stopword, is_word)`` of one token key, as :func:`token_columns` gives them;
    not cached, for a caller keeping its own memo per key (else :func:`key_reading`)."""
    is_word = _is_letters(key)
    lemma = _word_lemma(key) if is_word else key
    return lemma, is_word and _is_stopword(key, lemma, theme_stopwords()), is_word


@lru_cache(maxsize=200_000)  # a text's words are mostly words seen before: read each key once
def key_reading(key: str) -> tuple[str, bool, bool]:
    """:func:`read_key`, cached per key."""
    return read_key(key)


def tokenize(text: str) -> pd.DataFrame:
    """Tokens of ``text`` with their lemmas and spans.

    Returns a DataFrame with columns ``token`` (``text[start:end]``, as written), ``lemma``
    (hazm's lemma after ZWNJ repair; verbs as «past#present»), ``start``, ``end``,
    ``is_stopword`` (in the theme stopword list, for theme counts only) and ``is_word``
    (has a letter: not punctuation, not a number).
    """
    return typed_frame(token_records(text), TOKEN_COLUMNS,
                       {"start": "int64", "end": "int64", "is_stopword": "bool", "is_word": "bool"})


def typed_frame(rows, columns: list[str], dtypes: dict[str, str]) -> pd.DataFrame:
    """A DataFrame of ``rows`` (tuples) with ``columns``; ``dtypes`` fixed even when empty.

    Faster than ``DataFrame(...).astype(...)``, which costs milliseconds an article.
    """
    import numpy as np

    values = list(zip(*rows)) if rows else [()] * len(columns)
    return pd.DataFrame({
        name: np.asarray(column, dtype=dtypes[name]) if name in dtypes
        else (list(column) if column else pd.Series([], dtype="str"))
        for name, column in zip(columns, values)
    }, columns=columns)


def content_lemmas(text: str) -> list[str]:
    """Lemmas of the content words of ``text`` (words that are not theme stopwords), in order."""
    return [lemma for _, lemma, _, _, stop, word in token_records(text) if word and not stop]


# ---------------------------------------------------------------- corpora


# ---------------------------------------------------------------- term statistics


def text_frames(texts) -> Iterable[pd.DataFrame]:
    """``texts`` as frames to walk in order: a DataFrame is one frame; anything else (an
    export's :class:`helpers.exported_tables.ArticleTexts`) is iterated, a batch of articles a
    frame, so that the corpus's texts are never in memory at once."""
    return [texts] if isinstance(texts, pd.DataFrame) else texts


def _lemma_docs(texts: pd.DataFrame) -> list[list[str]]:
    return [content_lemmas(t) for t in texts["text"].fillna("")]


def term_frequencies(texts: pd.DataFrame, *, group_col: str | None = None, min_count: int = 1) -> pd.DataFrame:
    """How often each content lemma occurs.

    ``texts`` has a ``text`` column (and ``group_col`` when given), or is batches of such
    frames (:func:`text_frames`): the counts are the same. Returns columns
    [``group_col``,] ``term`` (lemma), ``count``, ``documents`` (texts it occurs in),
    ``per_thousand`` (per thousand content words of the group), sorted by count.
    """
    key_cols = [group_col] if group_col else []
    counts: dict = {}
    documents: dict = {}
    totals: Counter = Counter()
    for frame in text_frames(texts):
        groups = frame[group_col].tolist() if group_col else [None] * len(frame)
        for group, lemmas in zip(groups, _lemma_docs(frame)):
            totals[group] += len(lemmas)
            for term, n in Counter(lemmas).items():
                counts[(group, term)] = counts.get((group, term), 0) + n
                documents[(group, term)] = documents.get((group, term), 0) + 1
    rows = [
        ([group] if group_col else []) + [term, n, documents[(group, term)], 1000 * n / totals[group]]
        for (group, term), n in counts.items()
        if n >= min_count
    ]
    out = pd.DataFrame(rows, columns=key_cols + ["term", "count", "documents", "per_thousand"])
    return out.sort_values(key_cols + ["count", "term"], ascending=[True] * len(key_cols) + [False, True],
                           kind="stable").reset_index(drop=True)


def distinctive_terms(texts: pd.DataFrame, *, group_col: str, top: int = 15, min_df: int = 1) -> pd.DataFrame:
    """Terms that set a group (an article, a role...) apart: TF-IDF over the groups' lemmas.

    All texts of a group are pooled into one document; TF is sublinear. Returns columns
    ``group_col``, ``rank`` (1 = most distinctive), ``term``, ``tfidf``, ``count``.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    columns = [group_col, "rank", "term", "tfidf", "count"]
    if texts.empty:
        return pd.DataFrame(columns=columns)
    pooled: dict = {}
    for group, lemmas in zip(texts[group_col], _lemma_docs(texts)):
        pooled.setdefault(group, []).extend(lemmas)
    groups = sorted(pooled, key=str)
    vectorizer = TfidfVectorizer(analyzer=lambda doc: doc, sublinear_tf=True, min_df=min_df)
    try:
        matrix = vectorizer.fit_transform([pooled[g] for g in groups])
    except ValueError:  # no term at all
        return pd.DataFrame(columns=columns)
    vocab = vectorizer.get_feature_names_out()
    rows = []
    for i, group in enumerate(groups):
        row = matrix.getrow(i).tocoo()
        counts = Counter(pooled[group])
        ranked = sorted(zip(row.data, row.col), key=lambda p: (-p[0], vocab[p[1]]))[:top]
        for rank, (score, col) in enumerate(ranked, start=1):
            rows.append((group, rank, vocab[col], float(score), counts[vocab[col]]))
    return pd.DataFrame(rows, columns=columns)


def collocations(texts: pd.DataFrame, *, min_count: int = 5, top: int = 30) -> pd.DataFrame:
    """Word pairs that occur together more than chance: PMI of adjacent content lemmas.

    A bigram is two content words next to each other (no stopword, number or punctuation
    between them). Returns columns ``first``, ``second`` (lemmas), ``bigram`` (the commonest
    surface form, e.g. «نیروی انتظامی»), ``count``, ``pmi`` (log2), sorted by PMI, ties by count.
    """
    columns = ["first", "second", "bigram", "count", "pmi"]
    unigrams: Counter = Counter()
    bigrams: Counter = Counter()
    surfaces: dict = {}
    for text in texts["text"].fillna(""):
        prev = None
        for token, lemma, _, end, stop, word in token_records(text):
            content = word and not stop
            if content:
                unigrams[lemma] += 1
                if prev is not None:
                    pair = (prev[1], lemma)
                    bigrams[pair] += 1
                    surfaces.setdefault(pair, Counter())[f"{prev[0]} {token}"] += 1
            prev = (token, lemma) if content else None
    n_uni, n_bi = sum(unigrams.values()), sum(bigrams.values())
    rows = []
    for (a, b), n in bigrams.items():
        if n >= min_count and a != b:
            pmi = math.log2((n / n_bi) / ((unigrams[a] / n_uni) * (unigrams[b] / n_uni)))
            rows.append((a, b, surfaces[(a, b)].most_common(1)[0][0], n, pmi))
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["pmi", "count", "first", "second"], ascending=[False, False, True, True],
                           kind="stable").head(top).reset_index(drop=True)


def nmf_topics(texts: pd.DataFrame, *, n_topics: int = 8, top_terms: int = 10, seed: int = 0,
               min_df: int = 3, max_df: float = 0.5) -> pd.DataFrame:
    """Topics without a lexicon: NMF (scikit-learn) over TF-IDF of content lemmas.

    Deterministic: NNDSVD initialisation, a fixed ``seed``, terms in a fixed order. Returns
    columns ``topic`` (0-based), ``rank`` (1-based), ``term``, ``weight``, and ``label`` (the
    topic's first three terms joined by « / »). ``texts``: a frame with a ``text`` column, or
    batches of them (:func:`text_frames`), each text's lemmas read once, as the matrix is built.
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    columns = ["topic", "rank", "term", "weight", "label"]
    docs = (lemmas for frame in text_frames(texts) for lemmas in _lemma_docs(frame))
    vectorizer = TfidfVectorizer(analyzer=lambda doc: doc, sublinear_tf=True, min_df=min_df, max_df=max_df)
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError:
        return pd.DataFrame(columns=columns)
    n_topics = min(n_topics, *matrix.shape)
    if n_topics < 1:
        return pd.DataFrame(columns=columns)
    model = NMF(n_components=n_topics, init="nndsvd", random_state=seed, max_iter=400)
    model.fit(matrix)
    vocab = vectorizer.get_feature_names_out()
    rows = []
    for topic, weights in enumerate(model.components_):
        order = sorted(range(len(vocab)), key=lambda j: (-round(float(weights[j]), 10), vocab[j]))[:top_terms]
        label = " / ".join(vocab[j] for j in order[:3])
        rows += [(topic, rank, vocab[j], float(weights[j]), label) for rank, j in enumerate(order, start=1)]
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------- keyword in context


def _keyword_spans(text: str, keyword: str, *, by_lemma: bool) -> Iterable[tuple[int, int]]:
    if by_lemma:
        wanted = [match_key(lemma) for _, lemma, _, _, _, word in token_records(keyword) if word]
        if not wanted:
            return []
        words = [(match_key(lemma), start, end) for _, lemma, start, end, _, word in token_records(text) if word]
        n = len(wanted)
        return [
            (words[i][1], words[i + n - 1][2])
            for i in range(len(words) - n + 1)
            if [w[0] for w in words[i : i + n]] == wanted
        ]
    inside = rf"[^\W\d_]|[{ZWNJ}{_DIACRITICS}]"  # letters, ZWNJ and diacritics continue a word
    pattern = re.compile(rf"(?<!{inside})" + re.escape(keyword) + rf"(?!{inside})")
    return [m.span() for m in pattern.finditer(text)] if keyword else []


def _one_line(text: str) -> str:
    return re.sub(r"\s", " ", text)


def kwic(texts: pd.DataFrame, keyword: str, *, window: int = 40, by_lemma: bool = True) -> pd.DataFrame:
    """Keyword in context: every use of ``keyword`` with the text around it.

    ``texts`` has columns ``article_id`` and ``text`` (or is batches of such frames,
    :func:`text_frames`). With ``by_lemma`` a use is any token
    sequence whose lemmas are the keyword's (امنیت finds امنیتِ and ...; برنامه finds
    برنامه‌ها); without it, the keyword as written, between word boundaries.

    Returns columns ``article_id``, ``start``, ``end`` (``text[start:end]`` is the use),
    ``left``, ``keyword``, ``right``. Columns follow a Persian (right-to-left) page: ``right``
    holds the text *before* the keyword (read first, it stands to the keyword's right) and
    ``left`` the text *after* it. Both are at most ``window`` characters, line breaks shown as
    spaces, and padded with spaces on their outer side to exactly ``window`` characters, so
    that printed one under another the keywords form a column.
    """
    rows = []
    pairs = ((article_id, text) for frame in text_frames(texts)
             for article_id, text in zip(frame["article_id"], frame["text"].fillna("")))
    for article_id, text in pairs:
        for start, end in _keyword_spans(text, keyword, by_lemma=by_lemma):
            before = _one_line(text[max(0, start - window) : start])
            after = _one_line(text[end : end + window])
            rows.append((article_id, start, end, after.ljust(window), text[start:end], before.rjust(window)))
    return typed_frame(rows, ["article_id", "start", "end", "left", "keyword", "right"],
                       {"start": "int64", "end": "int64"})
