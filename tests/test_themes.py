"""Tests for helpers.terms and helpers.themes: lemmas, theme hits, scores, KWIC, topics."""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers.chars import INVISIBLE_MARKS, ZWNJ
from helpers.lexicons import load_list, load_table
from helpers.paths import BENCH_CORPUS, CORPUS_DIR
from helpers.terms import _EDGE, _ESCAPED_PUNCT, _raw_tokens, _token_regex, lemma_of, normalize_letters
from helpers.themes import (
    HIT_COLUMNS,
    THEME_TABLE_COLUMNS,
    collocations,
    distinctive_terms,
    evaluate_theme_labels,
    find_theme_terms,
    kwic,
    labelled_paragraphs,
    nmf_topics,
    quote_spans,
    term_frequencies,
    theme_labels,
    theme_scores,
    theme_table,
    tokenize,
)

THEME_IDS = {"security", "trust", "participation", "crime", "drugs_smuggling", "traffic", "economy",
             "elections", "technology", "justice", "martyrdom", "unity", "achievements", "threats"}
bench_only = pytest.mark.skipif(not BENCH_CORPUS.exists(), reason="bench corpus absent")


# ---------------------------------------------------------------- tokens and lemmas

# (text, expected lemma of its only word token): one lemma whatever the spelling.
LEMMA_CASES = [
    ("برنامه", "برنامه"),                      # the base form
    (f"برنامه{ZWNJ}ها", "برنامه"),              # plural with ZWNJ
    ("برنامهها", "برنامه"),                     # plural with the ZWNJ missing
    ("برنامه ها", "برنامه"),                    # plural suffix written apart: one token
    (f"می{ZWNJ}کنند", "کرد#کن"),                # present verb with ZWNJ
    ("میکنند", "کرد#کن"),                       # ... ZWNJ missing (hazm's word list has it as a noun)
    ("می کنند", "کرد#کن"),                      # ... «می» written apart
    ("کردند", "کرد#کن"),                        # past tense
    ("کردن", "کرد#کن"),                         # infinitive read as the verb
    ("گفته شده است", "گفت#گو"),                 # multi-part verb joined the hazm way
    ("امنیتِ", "امنیت"),                        # ezafe kasra dropped
    ("شهدای", "شهدا"),                          # ezafe «ی» on a known word
    ("حقالناس", f"حق{ZWNJ}الناس"),              # missing ZWNJ restored from hazm's spelling
    ("دستاوردهای", "دستاورد"),                  # plural + ezafe
    ("امنيت", "امنیت"),                         # Arabic yeh folded to Persian
]


@pytest.mark.parametrize("text, lemma", LEMMA_CASES)
def test_lemma_is_one_for_every_spelling(text, lemma):
    tokens = tokenize(text)
    words = tokens[tokens["is_word"]]
    assert words["lemma"].tolist() == [lemma]
    assert words["token"].tolist() == [text]  # the token is the text as written, span and all


def test_tokenize_columns_and_spans():
    text = "امنیت، ۵۸ درصد (مردم) 1404/7/12"
    tokens = tokenize(text)
    assert list(tokens.columns) == ["token", "lemma", "start", "end", "is_stopword", "is_word"]
    assert all(text[s:e] == t for t, s, e in zip(tokens["token"], tokens["start"], tokens["end"]))
    # punctuation and numbers are tokens but not words
    assert tokens.set_index("token").loc[["،", "۵۸", "(", "1404"], "is_word"].tolist() == [False] * 4
    assert tokens.set_index("token").loc[["امنیت", "درصد", "مردم"], "is_word"].all()


def test_theme_stopwords_keep_hazm_list_but_free_theme_words():
    from hazm import stopwords_list

    ours = set(load_list("theme_stopwords"))
    assert {"گفت", "وی", "از", "و"} <= ours                # hazm's list, kept
    assert "خطر" in set(stopwords_list()) and "خطر" not in ours  # a threat word hazm drops
    tokens = tokenize("وی گفت امنیت")
    assert tokens["is_stopword"].tolist() == [True, True, False]
    assert tokenize("می‌کنند")["is_stopword"].tolist() == [True]  # conjugations of a stopword verb


def test_empty_text_gives_empty_frames_with_columns():
    assert tokenize("").empty and list(tokenize("").columns)[0] == "token"
    assert list(find_theme_terms("").columns) == HIT_COLUMNS
    assert list(theme_table("").columns) == THEME_TABLE_COLUMNS
    assert tokenize("")["start"].dtype == "int64" and tokenize("")["token"].dtype != "float64"


# ---------------------------------------------------------------- theme hits

# (text, [(theme, term, surface)]): plural, ZWNJ and verb forms hit the same term.
HIT_CASES = [
    ("برنامه امنیت", [("security", "امنیت", "امنیت")]),
    (f"دستاورد{ZWNJ}ها", [("achievements", "دستاورد", f"دستاورد{ZWNJ}ها")]),
    ("دستاوردها", [("achievements", "دستاورد", "دستاوردها")]),
    ("دستاورد ها", [("achievements", "دستاورد", "دستاورد ها")]),
    # the longest term wins: «اعتماد عمومی» is one hit, not «اعتماد» as well
    ("اعتماد عمومی", [("trust", "اعتماد عمومی", "اعتماد عمومی")]),
    # a term written with ZWNJ also matches with a space and with the ZWNJ missing
    ("هم افزایی", [("unity", f"هم{ZWNJ}افزایی", "هم افزایی")]),
    ("همافزایی", [("unity", f"هم{ZWNJ}افزایی", "همافزایی")]),
    # verb forms of a verb term (listed as its infinitive)
    ("دزدیدند", [("crime", "دزدیدن", "دزدیدند")]),
    (f"می{ZWNJ}دزدند", [("crime", "دزدیدن", f"می{ZWNJ}دزدند")]),
    ("می دزدند", [("crime", "دزدیدن", "می دزدند")]),
    # broken plurals are listed as their own entries
    ("جرائم", [("crime", "جرائم", "جرائم")]),
    # nothing thematic
    ("کتاب خوب است", []),
]


@pytest.mark.parametrize("text, expected", HIT_CASES)
def test_find_theme_terms(text, expected):
    hits = find_theme_terms(text, article_id="x")
    assert list(zip(hits["theme"], hits["term"], hits["surface"])) == expected
    assert all(text[s:e] == surface for s, e, surface in zip(hits["start"], hits["end"], hits["surface"]))
    assert (hits["article_id"] == "x").all()
    assert all(rule == f"themes.tsv:{t}:{term}" for rule, t, term in zip(hits["rule"], hits["theme"], hits["term"]))


def test_lexicon_has_the_fourteen_themes_with_labels():
    assert set(theme_labels()) == THEME_IDS
    assert all(theme_labels().values())
    rows = load_table("themes")
    assert all(row["term"] for row in rows)


# ---------------------------------------------------------------- scores

# Hand-checked: content words امنیت، آرامش، مردم، مشارکت، مردمی، تأمین = 6 (و، با، می‌شود are
# stopwords); hits: security 2 (امنیت، آرامش), participation 1 («مشارکت مردمی», one term).
HAND_CHECKED = "امنیت و آرامش مردم با مشارکت مردمی تأمین می‌شود"


def test_scores_on_a_hand_checked_paragraph():
    table = theme_table(HAND_CHECKED, article_id="a")
    got = {row.theme: (row.hits, row.words, round(row.score, 2)) for row in table.itertuples()}
    assert got == {"security": (2, 6, 333.33), "participation": (1, 6, 166.67)}
    assert set(table["paragraph"]) == {0} and set(table["speaker_id"]) == {""}


def test_quotes_split_a_paragraph_between_speakers():
    text = "شهر قم\nامنیت مهم است. وی گفت: مشارکت مردم و اعتماد لازم است"
    start = text.index("مشارکت")
    quotes = pd.DataFrame({"article_id": ["a"], "speaker_id": ["s1"], "start": [start], "end": [len(text)]})
    table = theme_table(text, article_id="a", quotes=quotes)
    by_unit = {(r.paragraph, r.speaker_id, r.theme): r.hits for r in table.itertuples()}
    assert by_unit == {(0, "", ""): 0,                    # the title: words, no theme
                       (1, "", "security"): 1,             # narrative part of the paragraph
                       (1, "s1", "participation"): 1,      # «مشارکت مردم» inside the quote
                       (1, "s1", "trust"): 1}
    # another article's quotes are ignored
    other = quotes.assign(article_id="b")
    assert set(theme_table(text, article_id="a", quotes=other)["speaker_id"]) == {""}


def test_theme_scores_count_each_units_words_once():
    themes = pd.DataFrame(
        [("a", 0, "", "security", 2, 10, 200.0), ("a", 0, "", "trust", 1, 10, 100.0),
         ("a", 1, "s1", "security", 1, 30, 33.3), ("a", 2, "s1", "", 0, 60, 0.0)],
        columns=THEME_TABLE_COLUMNS,
    )
    per_article = theme_scores(themes, by=["article_id"]).set_index("theme")
    assert per_article.loc["security", "hits"] == 3 and per_article.loc["security", "words"] == 100
    assert per_article.loc["security", "score"] == pytest.approx(30.0)
    assert per_article.loc["threats", "hits"] == 0      # every lexicon theme is there
    per_speaker = theme_scores(themes, by=["speaker_id"]).set_index(["speaker_id", "theme"])
    assert per_speaker.loc[("s1", "security"), "words"] == 90
    assert per_speaker.loc[("", "trust"), "score"] == pytest.approx(100.0)


# ---------------------------------------------------------------- KWIC


def test_kwic_alignment_and_lemma_search():
    texts = pd.DataFrame({"article_id": ["a", "b"],
                          "text": ["برای امنیتِ مردم و امنیت شهر", f"بدون اعتماد عمومی\nامنیت{ZWNJ}ها ممکن نیست"]})
    result = kwic(texts, "امنیت", window=12)
    assert list(result.columns) == ["article_id", "start", "end", "left", "keyword", "right"]
    assert result["keyword"].tolist() == ["امنیتِ", "امنیت", f"امنیت{ZWNJ}ها"]
    for row in result.itertuples():
        text = texts.set_index("article_id").loc[row.article_id, "text"]
        assert text[row.start:row.end] == row.keyword
        assert len(row.left) == len(row.right) == 12          # padded: keywords form a column
        assert "\n" not in row.left + row.right
        before = text[max(0, row.start - 12):row.start].replace("\n", " ")
        assert row.right.endswith(before) and row.right.strip() == before.strip()  # before → right (RTL)
        assert row.left.startswith(text[row.end:row.end + 12].replace("\n", " "))
    # as written: «امنیتِ» and «امنیت‌ها» are other words (a diacritic or ZWNJ continues a word)
    assert kwic(texts, "امنیت", by_lemma=False)[["article_id", "keyword"]].values.tolist() == [["a", "امنیت"]]
    assert kwic(texts, "اعتماد عمومی")["article_id"].tolist() == ["b"]


# ---------------------------------------------------------------- term statistics


def _seed_texts() -> pd.DataFrame:
    files = sorted(CORPUS_DIR.glob("*.txt"))
    return pd.DataFrame({"article_id": [f.stem for f in files],
                         "text": [normalize_letters(f.read_text(encoding="utf-8")) for f in files]})


def test_term_frequencies_count_lemmas():
    texts = pd.DataFrame({"article_id": ["a", "b"], "text": ["برنامهها و برنامه", f"برنامه{ZWNJ}ها امنیت"]})
    freq = term_frequencies(texts).set_index("term")
    assert freq.loc["برنامه", "count"] == 3 and freq.loc["برنامه", "documents"] == 2
    assert "و" not in freq.index


def test_distinctive_terms_set_groups_apart():
    texts = pd.DataFrame({"role": ["police", "police", "governor"],
                          "text": ["سرقت و سرقت مردم", "سرقت مردم", "اشتغال مردم"]})
    top = distinctive_terms(texts, group_col="role", top=1).set_index("role")["term"]
    assert top.to_dict() == {"governor": "اشتغال", "police": "سرقت"}


def test_collocations_find_fixed_pairs():
    texts = pd.DataFrame({"text": ["اعتماد عمومی بالا رفت. نیروی انتظامی آمد"] * 5 + ["مردم و اعتماد", "شهر و نیروی کار"]})
    pairs = collocations(texts, min_count=5)
    assert set(pairs["bigram"]) >= {"اعتماد عمومی", "نیروی انتظامی"}
    assert (pairs["count"] >= 5).all()


def test_topics_are_deterministic():
    texts = _seed_texts()
    first = nmf_topics(texts, n_topics=3, top_terms=5, min_df=1, max_df=1.0)
    second = nmf_topics(texts, n_topics=3, top_terms=5, min_df=1, max_df=1.0)
    pd.testing.assert_frame_equal(first, second)
    assert sorted(first["topic"].unique()) == [0, 1, 2] and len(first) == 15


# ---------------------------------------------------------------- evaluation


def test_evaluation_counts_tags():
    labels = pd.DataFrame({"source": ["seed", "seed"], "ref": ["002_f275e1026bd37cb4"] * 2, "line": ["", ""],
                           "paragraph": ["7", "5"], "themes": ["crime", "security,threats"], "split": ["dev", "dev"]})
    result = evaluate_theme_labels(labels).set_index("theme")
    assert result.loc["crime", ["tp", "fp", "fn"]].tolist() == [1, 0, 0]
    assert result.loc["threats", ["tp", "fn"]].tolist() == [0, 1]     # labelled, not found
    assert result.loc["ALL", "tp"] == result.loc[list(THEME_IDS), "tp"].sum()


def test_label_file_is_well_formed():
    labels = labelled_paragraphs()
    assert len(labels) >= 55
    for value in labels["themes"]:
        assert {t for t in value.split(",") if t} <= THEME_IDS
    assert "text" in labels and labels["text"].str.len().gt(0).all()


@bench_only
def test_label_file_covers_bench_paragraphs():
    labels = labelled_paragraphs()
    assert (labels["source"] == "bench").sum() >= 40
    overall = evaluate_theme_labels().set_index("theme").loc["ALL"]
    assert 0 < overall["precision"] <= 1 and 0 < overall["recall"] <= 1


# ---------------------------------------------------------------- properties

persian_text = st.text(alphabet=st.sampled_from(list("امنیتبرهدوکگیپسشز ‌\n،.۰۱۲0123ـًيك")) , max_size=80)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=60), persian_text))
def test_tokenize_spans_hold_on_any_text(text):
    tokens = tokenize(text)
    assert all(text[s:e] == t for t, s, e in zip(tokens["token"], tokens["start"], tokens["end"]))
    assert tokens["start"].is_monotonic_increasing
    hits = find_theme_terms(text)
    assert all(text[s:e] == x for s, e, x in zip(hits["start"], hits["end"], hits["surface"]))
    table = theme_table(text)
    assert (table["score"] >= 0).all()


# letters, digits, the marks hazm splits off, «٫» «٬», spaces and every edge mark (ZWNJ and the invisible marks)
token_text = st.text(alphabet=st.sampled_from(list("امنیت ab\n\t۱2٣.:،؟!?«»()-٫٬") + [ZWNJ, *INVISIBLE_MARKS]),
                     max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), token_text))
@example("\u0640")  # a lone tatweel: a token (as in hazm), not left in a gap
@example("a \u064e\u200c b")
def test_tokens_leave_out_only_spaces_and_edge_marks(text):
    # the tokenizer's split keeps every character but spaces and edge marks in some token, and
    # no token starts or ends with an edge mark (hazm trims them); spans are the token's text
    starts, ends, keys = _raw_tokens(text)
    folded = normalize_letters(text)
    bounds = [0, *(b for span in zip(starts, ends) for b in span), len(text)]
    gaps = [folded[a:b] for a, b in zip(bounds[::2], bounds[1::2])]
    edges = {ZWNJ, *INVISIBLE_MARKS}
    assert all(ch.isspace() or ch in edges for gap in gaps for ch in gap)
    assert all(0 <= s < e <= len(text) for s, e in zip(starts, ends))
    assert all(folded[s] not in edges and folded[e - 1] not in edges for s, e in zip(starts, ends))
    dropped = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0654\u0655\u0670\u0640"  # diacritics, tatweel
    if not any(ch in text for ch in [*dropped, *INVISIBLE_MARKS]):  # keys lose those: else a key is its span
        assert keys == [folded[s:e] for s, e in zip(starts, ends)]


# A run of marks only (tatweel, diacritics) between spaces is a token of hazm's WordTokenizer
# («ـ», «a ـ b» → «a», «ـ», «b»): it is one here too, its key empty (the marks a key drops),
# so it is no word, and it stands between its neighbours as in hazm (a term or a join across
# it is not read). Cases: (text, the tokens' surfaces, their keys).
LONE_MARK_CASES = [
    ("\u0640", ["\u0640"], [""]),  # a lone tatweel
    ("a \u0640 b", ["a", "\u0640", "b"], ["a", "", "b"]),
    ("a \u064e b", ["a", "\u064e", "b"], ["a", "", "b"]),  # a lone fatha
    ("\u0640\u0640 \u0640", ["\u0640\u0640", "\u0640"], ["", ""]),
    # inside a word («کتـاب»): the tatweel is dropped from its key only
    ("\u06a9\u062a\u0640\u0627\u0628", ["\u06a9\u062a\u0640\u0627\u0628"], ["\u06a9\u062a\u0627\u0628"]),
]


@pytest.mark.parametrize(("text", "surfaces", "keys"), LONE_MARK_CASES)
def test_a_lone_mark_is_a_token_as_in_hazm(text, surfaces, keys):
    from hazm import WordTokenizer

    starts, ends, token_keys_ = _raw_tokens(text)
    assert [text[s:e] for s, e in zip(starts, ends)] == surfaces
    assert WordTokenizer(join_verb_parts=False).tokenize(text) == surfaces
    assert token_keys_ == keys
    assert not tokenize(text)["is_word"][[key == "" for key in keys]].any()


# The token regex as hazm's alternatives read, one after the other at every position: the
# regex the tokenizer splits with (one class first, the alternative told by a lookbehind) must
# cut every text as this one does.
_EDGE_CLASS = f"[{_EDGE}]"
_WORD_CHAR = rf"[^\s\d{_ESCAPED_PUNCT}{_EDGE}]"
_WORD_FIRST = rf"[^\s\d{_ESCAPED_PUNCT}{_EDGE}٫٬]"
_WORD_REST = rf"{_WORD_CHAR}*+(?:{_EDGE_CLASS}++{_WORD_CHAR}++)*+"
_ALTERNATIVES_REGEX = re.compile(
    rf"({_WORD_FIRST}{_WORD_REST}|[؟!?]++|[\d.:][\d.:٫٬]*+|(?<!{_EDGE_CLASS})[٫٬][\d.:٫٬]*+|[{_ESCAPED_PUNCT}]"
    rf"|[٫٬]{_WORD_REST})")


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=60), token_text, st.text(alphabet=st.characters(min_codepoint=0x10000), max_size=3)
                 .flatmap(lambda astral: token_text.map(lambda text: text + astral))))
def test_token_regex_splits_as_the_alternatives(text):
    assert _token_regex(text).split(text) == _ALTERNATIVES_REGEX.split(text)


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=1_000, max_value=20_000), st.sampled_from(["۱", "1", "٣"]))
def test_long_digit_runs_do_not_hang(length, digit):
    text = "امنیت " + digit * length + " امنیت"
    assert find_theme_terms(text)["theme"].tolist() == ["security", "security"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=30), st.text(alphabet=st.sampled_from(list("أإٱؤاوی‌کتب ")), max_size=30)))
def test_match_folded_is_the_fold_table(word):
    # _match_folded replaces variant by variant (str.replace): the same as translating by the table
    from helpers.terms import _MATCH_FOLD, _match_folded

    assert _match_folded(word) == word.translate(_MATCH_FOLD)


@settings(max_examples=40, deadline=None)
@given(persian_text)
def test_lemma_of_never_crashes(word):
    assert isinstance(lemma_of(word.strip() or "ا"), str)


@settings(max_examples=200, deadline=None)
@given(st.one_of(persian_text, st.sampled_from(["کتاب‌ها", "می‌روم", "گفته_شده_است", "کتابهایشان", "اندیشه‌اش",
                                                "خانۀ", "فرهنگی", "ها", "برنامه‌هایی", "آمد"])))
def test_hazm_lemma_is_hazms_lemmatize(word):
    # lemma_of reads hazm's lemmatize written out (to read a word's stem once): it must stay
    # hazm's, stem included, whatever the word
    from helpers.terms import _hazm_lemma, _lemmatizer

    key = word.strip() or "ا"
    lemma, stem = _hazm_lemma(key)
    assert lemma == _lemmatizer().lemmatize(key)
    assert stem is None or stem == _lemmatizer().stemmer.stem(key)


@settings(max_examples=300, deadline=None)
@given(st.one_of(persian_text, st.lists(st.sampled_from(["کتاب", "خان", "ه", "ۀ", "ا", "ی", "ها", "های", "ترین", "شان",
                                                         "\u200c", "ٔ", "م", "ت", "ش"]), max_size=6).map("".join)))
def test_stem_is_hazms_stemmer(word):
    # terms reads stems with its own loop over hazm's endings (a set per length): the same stem
    from helpers.terms import _lemmatizer, _stem

    assert _stem(word) == _lemmatizer().stemmer.stem(word)


@lru_cache(maxsize=1)
def _known_words() -> list[str]:
    from helpers.terms import _lemmatizer

    return sorted(_lemmatizer().words)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0))
def test_a_known_word_is_its_own_lemma_unless_read_as_a_verb(n):
    # lemma_of answers a word hazm knows with itself at once, once the two rules that read a
    # word as a verb (a «می» written without its ZWNJ, an infinitive) have passed it by
    from helpers.terms import _VERB_PREFIXES, _lemmatizer, _past_stems

    verbs = _lemmatizer().verbs
    word = _known_words()[n % len(_known_words())]
    prefixed = ZWNJ not in word and any(word.startswith(p) and f"{p}{ZWNJ}{word[len(p):]}" in verbs for p in _VERB_PREFIXES)
    infinitive = word.endswith("ن") and word[:-1] in _past_stems()
    if word.isalpha() and not (prefixed or infinitive):
        assert lemma_of(word) == word


def test_infinitive_lemmas_are_the_same_whatever_the_hash_seed():
    # A past stem with two presents («آمد#آ», «آمد#آی») once got its lemma from a set's order.
    import os
    import subprocess
    import sys

    from helpers.paths import PROJECT_ROOT

    script = "from helpers.terms import lemma_of; print([lemma_of(w) for w in ('آمدن', 'کردن', 'رفتن', 'شدن')])"

    def lemmas_with_seed(seed: str) -> str:
        return subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout

    assert len({lemmas_with_seed(seed) for seed in ("0", "1", "2", "3")}) == 1


def test_quote_spans_leave_out_quotes_without_a_span():
    import numpy as np

    starts = [5, np.int64(0), np.nan, 3, 9, 12]
    ends = [9, np.int64(4), 7, 3, None, 20]
    speakers = ["p1", None, "p3", "p4", "p5", np.nan]
    assert quote_spans(starts, ends, speakers) == [(0, 4, ""), (5, 9, "p1"), (12, 20, "")]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50), st.sampled_from(["p1", "p2", ""])), max_size=8))
def test_quote_spans_of_python_values_as_of_a_frames_columns(quotes):
    # the export passes Python ints and strs (read by a type test); a DataFrame's columns give
    # numpy numbers, read by pandas: the spans are the same
    starts, ends, speakers = ([q[k] for q in quotes] for k in range(3))
    frame = pd.DataFrame({"start": starts, "end": ends, "speaker_id": speakers}, dtype=object).astype(
        {"start": "int64", "end": "int64"})
    assert quote_spans(starts, ends, speakers) == quote_spans(list(frame["start"]), list(frame["end"]),
                                                              list(frame["speaker_id"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 60)).map(sorted), st.sets(st.integers(0, 60)).map(sorted))
def test_stretches_hold_the_positions_between_two_bounds(positions, bounds):
    # theme_rows gives every word and hit of a stretch the unit of the bound it starts at: a
    # stretch must hold exactly the positions from its bound to the next one, none left out
    from helpers.themes import _stretches

    stretches = _stretches(positions, bounds)
    ends = dict(zip(bounds, bounds[1:]))
    for bound, first, after in stretches:
        assert after > first
        assert positions[first:after] == [p for p in positions if bound <= p < ends.get(bound, 61)]
    covered = sum(after - first for _, first, after in stretches)
    assert covered == sum(1 for p in positions if bounds and p >= bounds[0])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 4), st.booleans()), max_size=40), st.sets(st.integers(0, 90)).map(sorted))
def test_unit_word_counts_count_each_content_word_in_its_bounds_unit(tokens, bounds):
    # tokens as (gap from the one before, is content); a content word counts in the unit of
    # the last bound at or before its start, none before the first bound, no unit without one
    from bisect import bisect_right

    from helpers.themes import _unit_word_counts

    starts = [sum(gap for gap, _ in tokens[: i + 1]) for i in range(len(tokens))]
    is_content = bytes(int(content) for _, content in tokens)
    expected: dict = {}
    for start, (_, content) in zip(starts, tokens):
        if content and bounds and start >= bounds[0]:
            unit = (bounds[bisect_right(bounds, start) - 1], "")
            expected[unit] = expected.get(unit, 0) + 1
    assert _unit_word_counts(starts, is_content, bounds, lambda bound: (bound, "")) == expected


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 30).flatmap(lambda n: st.tuples(st.just(n), st.lists(st.integers(0, max(n - 1, 0)), max_size=12))))
def test_joined_makes_each_join_one_token(case):
    # _joined deletes each join's later parts from copies of the lists, the last join first:
    # the result must be the tokens read in order, each join's parts as one token
    from helpers.terms import Tokens, _joined

    n, cuts = case
    cuts = sorted(set(cuts))
    joins = {first: (last, f"j{first}") for first, last in zip(cuts[0::2], cuts[1::2]) if last > first}
    tokens = Tokens(list(range(0, 2 * n, 2)), list(range(1, 2 * n, 2)), [f"k{i}" for i in range(n)])
    expected, i = [], 0
    while i < n:
        last, key = joins.get(i, (i, tokens.keys[i]))
        expected.append((tokens.starts[i], tokens.ends[last], key))
        i = last + 1
    joined = _joined(tokens, joins)
    assert list(zip(*joined)) == expected
    assert tokens.keys == [f"k{i}" for i in range(n)]  # the given lists are left as they are


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40))
def test_possible_starts_are_one_word_terms_and_openers_before_a_second_key(flags):
    # a hit can start only at a token whose lemma key is a term of one word, or opens a term
    # followed by a token whose lemma key is some term's second: one byte a token, 1 there
    from helpers.themes import _ONE_WORD_TERM, _OPENS, _SECOND, _possible_starts

    expected = bytes(int(bool(flag & _ONE_WORD_TERM) or (bool(flag & _OPENS) and i + 1 < len(flags)
                                                         and bool(flags[i + 1] & _SECOND)))
                     for i, flag in enumerate(flags))
    assert _possible_starts(flags) == expected


def _lexicon_words() -> list[str]:
    return sorted({word for row in load_table("themes") for word in row["term"].replace(ZWNJ, " ").split()})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_lexicon_words()), st.sampled_from(["از", "و", "در", "،", "۱۲"])),
                max_size=30).map(" ".join))
def test_hits_are_the_longest_terms_read_at_every_token(text):
    # _token_hits tries only the possible starts; read here at every token, longest term first
    # and from past the last hit, the hits must be the same
    from helpers.themes import _hits, _lemma_key, _term_index, token_keys

    tokens = token_keys(text)
    keys = tokens.keys
    lemma_keys = [_lemma_key(key) for key in keys]
    expected, i = [], 0
    while i < len(keys):
        best = 0
        for term_keys, theme, term in _term_index().get(lemma_keys[i], []):
            n = len(term_keys)
            if n >= best and tuple(lemma_keys[i : i + n]) == term_keys:
                best = n
                expected.append((theme, term, tokens.starts[i], tokens.ends[i + n - 1]))
        i += best or 1
    assert _hits(text) == expected
