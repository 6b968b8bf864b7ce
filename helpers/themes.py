"""Themes: which subjects an article, a paragraph, a speaker or a role dwells on.

Theme terms come from ``lexicons/themes.tsv`` and are matched on lemmas (see
:mod:`helpers.terms`), so plural, ZWNJ and verb forms of a term are one term. Scores are hits
per thousand content words (words that are not theme stopwords) of the unit they stand in.
A statement's themes come from its own text, so themes can be crossed with speakers.

Tokenization and term statistics live in :mod:`helpers.terms` and are re-exported here.

Lexicons read here (``LEXICONS``): ``themes.tsv``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache

import pandas as pd

from .chars import ZWNJ
from .lexicons import load_table
from .paths import BENCH_CORPUS, CORPUS_DIR, THEME_LABELS_FILE
from .speedups import word_memos
from .text import paragraph_spans
from .terms import (  # noqa: F401  (re-exported: others call helpers.themes.tokenize etc.)
    Tokens,
    _match_folded,
    collocations,
    distinctive_terms,
    kwic,
    match_key,
    nmf_topics,
    normalize_letters,
    read_key,
    term_frequencies,
    token_columns,
    token_keys,
    token_records,
    tokenize,
    typed_frame,
)

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("themes",)

HIT_COLUMNS = ["article_id", "theme", "term", "surface", "start", "end", "rule"]
THEME_TABLE_COLUMNS = ["article_id", "paragraph", "speaker_id", "theme", "hits", "words", "score"]
UNIT_COLUMNS = ["article_id", "paragraph", "speaker_id"]
LABEL_FILE = THEME_LABELS_FILE


# ---------------------------------------------------------------- lexicon


@lru_cache(maxsize=1)
def theme_labels() -> dict[str, str]:
    """Theme id → Persian label for charts, in lexicon order."""
    return {row["theme"]: row["label"] for row in load_table("themes")}


def themes_lexicon() -> pd.DataFrame:
    """The theme lexicon: columns ``theme``, ``label``, ``term``, ``note``, ``lemmas`` (the
    term's lemma sequence as matched, space-joined)."""
    rows = [
        (row["theme"], row["label"], row["term"], row.get("note", ""), " ".join(_term_keys(row["term"])))
        for row in load_table("themes")
    ]
    return pd.DataFrame(rows, columns=["theme", "label", "term", "note", "lemmas"])


def _term_keys(term: str) -> tuple[str, ...]:
    return tuple(match_key(lemma) for _, lemma, _, _, _, word in token_records(term) if word)


@lru_cache(maxsize=1)
def _term_index() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """First lemma key → [(lemma keys, theme, term)], longest first."""
    index: dict[str, list] = {}
    seen = set()
    for row in load_table("themes"):
        term, theme = row["term"], row["theme"]
        variants = {term, term.replace(ZWNJ, " ")}
        for variant in variants:
            keys = _term_keys(variant)
            if keys and (keys, theme) not in seen:
                seen.add((keys, theme))
                index.setdefault(keys[0], []).append((keys, theme, term))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


# ---------------------------------------------------------------- hits


# Read per token key, each through a memo looked up in C (helpers.speedups): a text's keys are
# mapped over them, and nearly all are keys seen before. Both readings of a new key are made
# by one call (word_memos), which fills both memos. What theme_rows asks of every token (is it
# a content word, does it open a term) is one byte of flags: one memo lookup a token, then
# bytes read in C (translate, count, find) instead of a second pass of lookups.
# A token's flags: a content word; its lemma key opens a lexicon term; it is the second lemma
# key of a term of two words or more; it is a term of one word.
_CONTENT, _OPENS, _SECOND, _ONE_WORD_TERM = 1, 2, 4, 8


def _has_flag_table(flag: int) -> bytes:
    """A bytes.translate table: a token's flags → 1 where it has ``flag``, else 0."""
    return bytes(int(bool(flags & flag)) for flags in range(256))


_HAS_CONTENT = _has_flag_table(_CONTENT)
_HAS_OPENS = _has_flag_table(_OPENS)
_HAS_SECOND = _has_flag_table(_SECOND)
_HAS_ONE_WORD_TERM = _has_flag_table(_ONE_WORD_TERM)


def _read_key(key: str) -> tuple[str | None, int]:
    """A token key's ``(lemma key, flags)``: the :func:`match_key` of its lemma (None for a
    token that is no word); ``_CONTENT`` when it is a word that is no theme stopword, with
    ``_OPENS`` when its lemma key is the first of a lexicon term's (:func:`_term_index`),
    ``_ONE_WORD_TERM`` when it is a whole term's, ``_SECOND`` when it is the second of a longer
    term's."""
    # read_key is key_reading without its cache: the memos below keep the reading per key already
    lemma, stopword, word = read_key(key)
    # match_key's fold without its cache, for the same reason (each new lemma a cache miss)
    lemma_key = _match_folded(lemma) if word else None
    return lemma_key, ((_CONTENT if word and not stopword else 0) | (_OPENS if lemma_key in _term_index() else 0)
                       | (_SECOND if lemma_key in _second_keys() else 0)
                       | (_ONE_WORD_TERM if lemma_key in _one_word_terms() else 0))


@lru_cache(maxsize=1)
def _second_keys() -> frozenset[str]:
    """The second lemma key of every lexicon term of two words or more."""
    return frozenset(keys[1] for entries in _term_index().values() for keys, _, _ in entries if len(keys) > 1)


@lru_cache(maxsize=1)
def _one_word_terms() -> frozenset[str]:
    """The lemma key of every lexicon term of one word."""
    return frozenset(keys[0] for entries in _term_index().values() for keys, _, _ in entries if len(keys) == 1)


_lemma_key, _key_flags = word_memos(_read_key, 2, max_size=200_000)


def _token_flags(keys: list[str]) -> bytes:
    """The flags of each token (``_CONTENT``, ``_OPENS``, ``_SECOND``, ``_ONE_WORD_TERM``), one
    byte a token, mapped in C."""
    return bytes(map(_key_flags, keys))


def _hits(text: str) -> list[tuple[str, str, int, int]]:
    """(theme, term, start, end) of every lexicon hit; the longest term wins an overlap."""
    tokens = token_keys(text)
    return _token_hits(tokens, _token_flags(tokens.keys))


def _token_hits(tokens: Tokens, flags: bytes) -> list[tuple[str, str, int, int]]:
    """:func:`_hits` of a text's :func:`token_keys`, ``flags`` their :func:`_token_flags`.
    Lemma keys are read only for the tokens of a possible hit."""
    index = _term_index()
    keys, starts, ends = tokens.keys, tokens.starts, tokens.ends
    hits = []
    # Only a token that may start a hit (_possible_starts) is tried: the next one is found in C
    # (bytes.find), from past the last hit's tokens.
    opens = _possible_starts(flags)
    i = opens.find(1)
    while i != -1:
        best = 0
        for term_keys, theme, term in index[_lemma_key(keys[i])]:
            n = len(term_keys)
            if n < best:
                break
            if _term_at(keys, i, term_keys):
                best = n
                hits.append((theme, term, starts[i], ends[i + n - 1]))
        i = opens.find(1, i + (best or 1))
    return hits


def _possible_starts(flags: bytes) -> bytes:
    """One byte a token (``flags``: their :func:`_token_flags`), 1 where a hit may start: its
    lemma key is a term of one word, or opens a longer term and the next token's lemma key is
    the second of some term's. Read in C, as integers of one bit a byte (or, and, a shift).

    A term's first word is often there without the rest («از» of «از خودگذشتگی»): on the Fars
    bench 38,000 tokens open a term but 13,000 pass, and the hits take 0.06 -> 0.035 s of CPU."""
    size = len(flags)
    one_word = int.from_bytes(flags.translate(_HAS_ONE_WORD_TERM))
    opens = int.from_bytes(flags.translate(_HAS_OPENS))
    second_next = int.from_bytes(flags.translate(_HAS_SECOND)) << 8 & ((1 << 8 * size) - 1)  # token i + 1's byte at i
    return (one_word | opens & second_next).to_bytes(size)


def _term_at(keys: list[str], i: int, term_keys: tuple[str, ...]) -> bool:
    """Whether the tokens from ``i`` on read as ``term_keys``, whose first lemma key is token
    ``i``'s. The second token is compared alone first: a term's first word («از») is often
    there without the rest, and then no tuple of lemma keys is built."""
    if len(term_keys) == 1:
        return True
    if i + 1 == len(keys) or _lemma_key(keys[i + 1]) != term_keys[1]:
        return False
    return tuple(map(_lemma_key, keys[i + 2 : i + len(term_keys)])) == term_keys[2:]


def find_theme_terms(text: str, *, article_id: str = "") -> pd.DataFrame:
    """Every theme-lexicon hit in ``text``.

    Returns columns ``article_id``, ``theme``, ``term`` (the lexicon entry), ``surface``
    (``text[start:end]``), ``start``, ``end``, ``rule`` («themes.tsv:THEME:TERM»). A term listed
    under two themes gives two rows with one span.
    """
    rows = [
        (article_id, theme, term, text[start:end], start, end, f"themes.tsv:{theme}:{term}")
        for theme, term, start, end in _hits(text)
    ]
    return typed_frame(rows, HIT_COLUMNS, {"start": "int64", "end": "int64"})


# ---------------------------------------------------------------- units and scores


def _quote_spans(quotes: pd.DataFrame | None, article_id: str) -> list[tuple[int, int, str]]:
    if quotes is None or quotes.empty:
        return []
    mine = quotes[quotes["article_id"].astype(str) == str(article_id)] if "article_id" in quotes else quotes
    return quote_spans(mine["start"].tolist(), mine["end"].tolist(), mine["speaker_id"].tolist())


def quote_spans(starts: list, ends: list, speaker_ids: list) -> list[tuple[int, int, str]]:
    """(start, end, speaker_id) of one article's quotes, sorted, those without a span left out."""
    spans = [(int(s), int(e), _speaker_text(sp)) for s, e, sp in zip(starts, ends, speaker_ids) if _is_span(s, e)]
    return sorted(spans)


# The export gives Python ints and strs: those are read by a type test, and only any other
# value (NaN, None, numpy numbers from a DataFrame) asks pandas whether it is missing, a Python
# call of a microsecond or so.


def _is_span(start, end) -> bool:
    """Whether ``start`` and ``end`` are both given and ``end`` comes after ``start``."""
    if type(start) is int and type(end) is int:
        return end > start
    return pd.notna(start) and pd.notna(end) and int(end) > int(start)


def _speaker_text(speaker_id) -> str:
    """A quote's speaker id as text, "" when missing."""
    if type(speaker_id) is str:
        return speaker_id
    return "" if pd.isna(speaker_id) else str(speaker_id)


def _speaker_at(position: int, spans: list[tuple[int, int, str]], starts: list[int]) -> str:
    """Speaker of the innermost (latest-starting) quote covering ``position``; "" for narrative."""
    i = bisect_right(starts, position) - 1
    while i >= 0:
        start, end, speaker = spans[i]
        if start <= position < end:
            return speaker
        i -= 1
    return ""


def theme_table(text: str, *, article_id: str = "", quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Theme scores of each unit of an article: the rows of ``themes.csv``.

    A unit is a paragraph (0-based index of the ``"\\n"``-separated line, the title is 0) and,
    within it, one speaker: the text inside a quote of ``quotes`` (columns ``article_id``,
    ``speaker_id``, ``start``, ``end``) belongs to that quote's speaker, the rest is narrative
    (``speaker_id`` ""). Returns columns ``article_id``, ``paragraph``, ``speaker_id``,
    ``theme``, ``hits``, ``words`` (content words of the unit), ``score`` (1000 × hits / words).

    One row per unit and theme with hits; a unit with words but no hit at all keeps one row
    with ``theme`` "" and ``hits`` 0, so that its words still count in :func:`theme_scores`.
    """
    return theme_frame(theme_rows(text, article_id=article_id, spans=_quote_spans(quotes, article_id)))


def theme_frame(rows: list[tuple]) -> pd.DataFrame:
    """The DataFrame of :func:`theme_table` from :func:`theme_rows`."""
    return typed_frame(rows, THEME_TABLE_COLUMNS,
                       {"paragraph": "int64", "hits": "int64", "words": "int64", "score": "float64"})


def theme_rows(text: str, *, article_id: str = "", spans: list[tuple[int, int, str]] = ()) -> list[tuple]:
    """The rows of :func:`theme_table` as tuples; ``spans`` are the article's :func:`quote_spans`."""
    para_starts = [start for _, start, _ in paragraph_spans(text)]
    unit_of = _unit_finder(para_starts, spans)
    tokens = token_keys(text)
    flags = _token_flags(tokens.keys)
    bounds = _unit_bounds(para_starts, spans)
    words_per_unit = _unit_word_counts(tokens.starts, flags.translate(_HAS_CONTENT), bounds, unit_of)
    hits = _token_hits(tokens, flags)
    hit_themes = [theme for theme, _, _, _ in hits]
    hits_per_unit: dict[tuple[int, str], dict[str, int]] = {}
    # hits start in text order: each stretch's hits get the stretch's unit (as its words do)
    for bound, first, after in _stretches([start for _, _, start, _ in hits], bounds):
        unit_hits = hits_per_unit.setdefault(unit_of(bound), {})
        for theme in hit_themes[first:after]:
            unit_hits[theme] = unit_hits.get(theme, 0) + 1
    rows = []
    for unit, n_words in sorted(words_per_unit.items()):
        for theme, n_hits in sorted(hits_per_unit.get(unit, {}).items()) or [("", 0)]:
            rows.append((article_id, *unit, theme, n_hits, n_words, 1000 * n_hits / n_words))
    return rows


def _unit_finder(para_starts: list[int], spans: list[tuple[int, int, str]]) -> Callable[[int], tuple[int, str]]:
    """A function: text position → its unit (paragraph index, speaker_id)."""
    quote_starts = [start for start, _, _ in spans]

    def unit_of(position: int) -> tuple[int, str]:
        return bisect_right(para_starts, position) - 1, _speaker_at(position, spans, quote_starts)

    return unit_of


def _unit_bounds(para_starts: list[int], spans: list[tuple[int, int, str]]) -> list[int]:
    """The sorted positions where a unit can change: where a paragraph or a quote starts or ends."""
    return sorted({*para_starts, *(start for start, _, _ in spans), *(end for _, end, _ in spans)})


def _stretches(positions: list[int], bounds: list[int]) -> list[tuple[int, int, int]]:
    """``(bound, first, after)`` for each stretch from one of the sorted ``bounds`` to the next
    that holds any of the sorted ``positions`` (theme_rows': its hits' starts):
    ``positions[first:after]`` are those in it.

    A unit only changes at a bound, so all positions of a stretch are in one unit, the
    bound's, found once a stretch (bisections) instead of once a position. Positions before
    the first bound are in no stretch (theme_rows' first bound is 0, the first paragraph's start).
    """
    firsts = [bisect_left(positions, bound) for bound in bounds] + [len(positions)]
    return [(bound, first, after) for bound, first, after in zip(bounds, firsts, firsts[1:]) if after > first]


def _unit_word_counts(starts: list[int], is_content: bytes, bounds: list[int],
                      unit_of: Callable[[int], tuple[int, str]]) -> dict[tuple[int, str], int]:
    """Content words per unit: ``starts`` are the tokens' sorted starts, ``is_content`` one byte
    a token (1 for a content word), ``bounds`` the :func:`_unit_bounds`; units without any left
    out. Counted a stretch from one bound to the next at a time: its tokens found by bisection,
    its content words counted in C (bytes.count). Tokens before the first bound are in no
    stretch (theme_rows' first bound is 0, the first paragraph's start)."""
    firsts = [bisect_left(starts, bound) for bound in bounds] + [len(starts)]
    counts: dict[tuple[int, str], int] = {}
    for bound, first, after in zip(bounds, firsts, firsts[1:]):
        n_words = is_content.count(1, first, after)
        if n_words:
            unit = unit_of(bound)
            counts[unit] = counts.get(unit, 0) + n_words
    return counts


def theme_scores(themes: pd.DataFrame, *, by: list[str]) -> pd.DataFrame:
    """Theme scores per group (article, speaker, role...) from :func:`theme_table` rows.

    ``by`` names the grouping columns (e.g. ``["article_id"]``, ``["role"]`` after merging
    roles in). Each unit's words count once per group whatever its themes. Returns columns
    ``*by``, ``theme``, ``label``, ``hits`` (summed), ``words`` (summed over the group's units),
    ``score`` (1000 × hits / words): one row per group and lexicon theme, zeros included.
    """
    columns = [*by, "theme", "label", "hits", "words", "score"]
    if themes.empty:
        return pd.DataFrame(columns=columns)
    unit_cols = [c for c in UNIT_COLUMNS if c in themes.columns and c not in by]
    units = themes.drop_duplicates(subset=[*by, *unit_cols])
    words = units.groupby(by, dropna=False)["words"].sum().rename("words").reset_index()
    labelled = themes[themes["theme"].astype(str) != ""]
    hits = labelled.groupby([*by, "theme"], dropna=False)["hits"].sum().rename("hits").reset_index()
    grid = words.merge(pd.DataFrame({"theme": list(theme_labels())}), how="cross")
    out = grid.merge(hits, on=[*by, "theme"], how="left").fillna({"hits": 0})
    out["hits"] = out["hits"].astype("int64")
    out["label"] = out["theme"].map(theme_labels())
    out["score"] = (1000 * out["hits"] / out["words"].where(out["words"] > 0)).fillna(0.0)
    return out[columns].reset_index(drop=True)


# ---------------------------------------------------------------- evaluation


def _seed_paragraphs(stem: str) -> list[str]:
    raw = (CORPUS_DIR / f"{stem}.txt").read_text(encoding="utf-8")
    return [normalize_letters(line.strip()) for line in raw.splitlines() if line.strip()]


@lru_cache(maxsize=1)
def _bench_rows(path: str) -> dict[int, dict]:
    import json

    rows = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                rows[number] = json.loads(line)
    return rows


def labelled_paragraphs(labels: pd.DataFrame | None = None, *, bench_path=BENCH_CORPUS) -> pd.DataFrame:
    """The hand-labelled paragraphs with their text.

    ``labels`` defaults to ``helpers/evaluation/theme_labels.tsv`` (columns ``source`` seed/bench,
    ``ref`` seed file stem or bench link, ``line`` bench JSON-lines line, ``paragraph``,
    ``themes`` comma-separated ids, ``split``). Seed paragraphs are the non-empty lines of the
    corpus file; bench paragraphs index the article's ``paragraphs`` list. Bench rows are
    dropped when the bench file is absent. Returns the label columns plus ``text``.
    """
    if labels is None:
        labels = pd.read_csv(LABEL_FILE, sep="\t", comment="#", dtype=str, keep_default_na=False)
    texts = []
    for row in labels.itertuples():
        if row.source == "seed":
            paragraphs = _seed_paragraphs(row.ref)
            texts.append(paragraphs[int(row.paragraph)])
        else:
            try:
                record = _bench_rows(str(bench_path))[int(row.line)]
            except (FileNotFoundError, KeyError):
                texts.append(None)
                continue
            if record.get("link") != row.ref:
                raise ValueError(f"bench line {row.line} is not {row.ref}: the bench file changed")
            texts.append(normalize_letters(record["paragraphs"][int(row.paragraph)]))
    out = labels.assign(text=texts)
    return out[out["text"].notna()].reset_index(drop=True)


def _theme_set(value: str) -> set[str]:
    return {t.strip() for t in str(value).split(",") if t.strip()}


def evaluate_theme_labels(labels: pd.DataFrame | None = None, *, min_hits: int = 1,
                          split: str | None = None) -> pd.DataFrame:
    """Precision and recall of the theme tags against hand labels.

    A paragraph is tagged with a theme when it has at least ``min_hits`` lexicon hits of it.
    ``labels`` as in :func:`labelled_paragraphs` (the default file when None); ``split``
    keeps only rows of that split ("dev" rows were looked at while tuning the lexicon,
    "test" rows were not). Returns columns ``theme``, ``support`` (labelled paragraphs),
    ``tp``, ``fp``, ``fn``, ``precision``, ``recall``, ``f1``, one row per lexicon theme and a
    last row ``theme`` = "ALL" (micro-averaged over every tag).
    """
    paragraphs = labelled_paragraphs(labels)
    if split is not None:
        paragraphs = paragraphs[paragraphs["split"] == split]
    counts = {theme: [0, 0, 0] for theme in theme_labels()}
    for text, gold_value in zip(paragraphs["text"], paragraphs["themes"]):
        gold = _theme_set(gold_value)
        found = pd.Series([t for t, _, _, _ in _hits(text)], dtype=str).value_counts()
        predicted = {t for t, n in found.items() if n >= min_hits}
        for theme in gold | predicted:
            tally = counts.setdefault(theme, [0, 0, 0])
            tally[0 if theme in gold and theme in predicted else 1 if theme in predicted else 2] += 1
    rows = [(theme, tp + fn, tp, fp, fn) for theme, (tp, fp, fn) in counts.items()]
    total = [sum(r[i] for r in rows) for i in range(1, 5)]
    rows.append(("ALL", *total))
    out = pd.DataFrame(rows, columns=["theme", "support", "tp", "fp", "fn"])
    out["precision"] = out["tp"] / (out["tp"] + out["fp"]).where(lambda s: s > 0)
    out["recall"] = out["tp"] / (out["tp"] + out["fn"]).where(lambda s: s > 0)
    out["f1"] = 2 * out["precision"] * out["recall"] / (out["precision"] + out["recall"])
    return out
