"""Explorers of helpers.explore: the filters on hand-made tables, and the widgets built headless
(no front end), with their controls changed as a reader would change them."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import explore as E
from helpers.chars import ZWNJ

ARTICLES = pd.DataFrame({
    "article_id": ["a", "b"],
    "title": ["امنیت و اعتماد مردم", "خبر دوم"],
    "text": ["امنیت و اعتماد مردم\nاستاندار گفت: امنیت پایدار است.", "خبر دوم\nمردم به امنیت اعتماد دارند."],
})
SPEAKERS = pd.DataFrame({"article_id": ["a", "b"], "speaker_id": ["a#s1", "b#s1"],
                         "name": ["علی رضایی", "مریم کریمی"], "role": ["governor", "director"]})
QUOTES = pd.DataFrame({
    "article_id": ["a", "b", "b"], "quote_id": ["a#q1", "b#q1", "b#q2"],
    "speaker_id": ["a#s1", "b#s1", ""], "verb": ["گفت", "افزود", "گفت"],
    "stance": ["neutral", "continuing", "neutral"],
    "text": ["امنیت پایدار است", "مردم اعتماد دارند", "کار ادامه دارد"],
    "start": [30, 10, 40], "end": [47, 28, 54],
})
STATISTICS = pd.DataFrame({
    "article_id": ["a", "a", "b"], "stat_id": [1, 2, 1], "surface": ["۵۸", "۳۰۰", "۱۲"],
    "value": [58.0, 300.0, 12.0], "unit": ["درصد", "نفر", "نفر"],
    "qualifier": ["exact", "more_than", "exact"], "speaker_id": ["a#s1", "", "b#s1"],
    "sentence": ["یک", "دو", "سه"], "start": [1, 5, 9], "end": [3, 8, 11],
})


@pytest.mark.parametrize("keyword, by_lemma, expected", [
    ("امنیت", True, [("a", 0), ("a", 34), ("b", 16)]),   # every use, title line included, by article
    ("اعتماد", False, [("a", 8), ("b", 22)]),             # as written
    ("", True, []),                                       # an empty search finds nothing
    ("   ", True, []),                                    # nor does a blank one
])
def test_search_kwic(keyword, by_lemma, expected):
    out = E.search_kwic(ARTICLES, keyword, by_lemma=by_lemma)
    assert list(zip(out["article_id"], out["start"])) == expected
    for row in out.itertuples():  # provenance: the span is the keyword in the article's text
        assert ARTICLES.set_index("article_id").loc[row.article_id, "text"][row.start:row.end] == row.keyword
    assert list(out.columns) == ["article_id", "title", "start", "end", "right", "keyword", "left"]


@pytest.mark.parametrize("filters, expected", [
    ({}, ["a#q1", "b#q1", "b#q2"]),                        # no filter keeps all
    ({"role": "governor"}, ["a#q1"]),                      # by role
    ({"role": "unattributed"}, ["b#q2"]),                  # quotes without a speaker
    ({"speaker": "مریم کریمی"}, ["b#q1"]),                 # by speaker name
    ({"contains": "اعتماد"}, ["b#q1"]),                    # by a word in the statement
    ({"role": "governor", "contains": "اعتماد"}, []),      # filters combine
])
def test_filter_quotes(filters, expected):
    assert E.filter_quotes(QUOTES, SPEAKERS, **filters)["quote_id"].tolist() == expected


@pytest.mark.parametrize("filters, expected", [
    ({}, [("a", 1), ("a", 2), ("b", 1)]),
    ({"unit": "نفر"}, [("a", 2), ("b", 1)]),               # by unit
    ({"role": "narrative"}, [("a", 2)]),                   # figures outside quotes
    ({"qualifier": "exact", "unit": "نفر"}, [("b", 1)]),   # combined
])
def test_filter_statistics(filters, expected):
    out = E.filter_statistics(STATISTICS, SPEAKERS, **filters)
    assert list(zip(out["article_id"], out["stat_id"])) == expected
    assert "sentence" in out.columns


def test_filters_on_empty_tables_keep_their_columns():
    assert list(E.filter_quotes(QUOTES.iloc[0:0], SPEAKERS.iloc[0:0]).columns) == E.QUOTE_COLUMNS
    assert list(E.filter_statistics(STATISTICS.iloc[0:0], SPEAKERS).columns) == E.STATISTIC_COLUMNS
    assert E.search_kwic(ARTICLES.iloc[0:0], "امنیت").empty


def test_role_options_put_all_first_and_label_roles():
    options = E.role_options(["director", "governor", "governor", "astronaut"])
    assert options[0] == (E.ALL, "")
    assert [code for _, code in options[1:]] == ["governor", "director", "astronaut"]
    assert options[1][0] == "استاندار"


def test_kwic_explorer_builds_headless_and_follows_its_controls():
    box = E.kwic_explorer(ARTICLES, keyword="امنیت")
    assert len(box.result) == 3 and "3 rows" in box.children[1].value
    word = box.children[0].children[0]
    word.value = "اعتماد"
    assert len(box.result) == 2
    word.value = ""
    assert box.result.empty


def test_quote_explorer_filters_by_role_and_speaker():
    box = E.quote_explorer(QUOTES, SPEAKERS)
    role, speaker, _ = box.children[0].children
    assert len(box.result) == 3
    role.value = "director"
    assert box.result["quote_id"].tolist() == ["b#q1"]
    speaker.value = "علی رضایی"
    assert box.result.empty and "0 rows" in box.children[1].value


def test_statistics_explorer_shows_sentences():
    box = E.statistics_explorer(STATISTICS, SPEAKERS, rows=1)
    assert len(box.result) == 3 and "first 1 shown" in box.children[1].value
    box.children[0].children[2].value = "more_than"
    assert box.result["sentence"].tolist() == ["دو"]


def test_explorers_build_on_empty_tables():
    for box in (E.kwic_explorer(ARTICLES.iloc[0:0], keyword="امنیت"), E.quote_explorer(QUOTES.iloc[0:0], SPEAKERS.iloc[0:0]),
                E.statistics_explorer(STATISTICS.iloc[0:0], SPEAKERS.iloc[0:0])):
        assert box.result.empty and "0 rows" in box.children[1].value


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("امنیت اعتماد.*[(\\") + [ZWNJ, "\n", "۱"]), max_size=30))
def test_search_and_filter_never_crash_on_arbitrary_words(word):
    out = E.search_kwic(ARTICLES, word, by_lemma=False)
    for row in out.itertuples():
        assert ARTICLES.set_index("article_id").loc[row.article_id, "text"][row.start:row.end] == row.keyword
    E.filter_quotes(QUOTES, SPEAKERS, contains=word)


def test_explorer_corpus_prefers_the_parameter_then_the_environment(tmp_path, monkeypatch):
    given, named = tmp_path / "given.jsonl", tmp_path / "named"
    given.write_text("", encoding="utf-8")
    named.mkdir()
    monkeypatch.delenv(E.CORPUS_VARIABLE, raising=False)
    assert E.explorer_corpus(None) is None  # neither: the seed corpus
    monkeypatch.setenv(E.CORPUS_VARIABLE, str(named))
    assert E.explorer_corpus(None) == str(named)
    assert E.explorer_corpus(given) == given
    monkeypatch.setenv(E.CORPUS_VARIABLE, "  ")
    assert E.explorer_corpus(None) is None


def test_explorer_corpus_names_a_missing_corpus_and_where_it_came_from(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere.jsonl"
    monkeypatch.setenv(E.CORPUS_VARIABLE, str(missing))
    with pytest.raises(FileNotFoundError, match=rf"nowhere\.jsonl.*{E.CORPUS_VARIABLE}"):
        E.explorer_corpus(None)
    with pytest.raises(FileNotFoundError, match=r"nowhere\.jsonl.*parameter"):
        E.explorer_corpus(str(missing))


def test_reader_table_keeps_plain_columns_and_labels_codes():
    quotes = E.reader_table(E.filter_quotes(QUOTES, SPEAKERS), "quotes")
    assert list(quotes.columns) == ["speaker", "role", "verb", "stance", "statement"]
    assert quotes["statement"].tolist() == QUOTES["text"].tolist()
    assert quotes["role"].tolist() == [E.label_for(code, group="role") for code in ["governor", "director", "unattributed"]]
    assert quotes["role"].iloc[0] != "governor"  # a Persian label, not the code
    kwic = E.reader_table(E.search_kwic(ARTICLES, "اعتماد", by_lemma=False), "kwic")
    assert list(kwic.columns) == ["article", "before", "word", "after"] and set(kwic["word"]) == {"اعتماد"}
    assert list(E.reader_table(E.filter_statistics(STATISTICS.iloc[0:0], SPEAKERS), "statistics").columns) == \
        ["number", "unit", "hedge", "role", "speaker", "sentence"]
    with pytest.raises(ValueError, match="unknown explorer view 'speakers'"):
        E.reader_table(quotes, "speakers")


def test_for_readers_shows_reader_columns_after_every_change():
    box = E.for_readers(E.quote_explorer(QUOTES, SPEAKERS), "quotes")
    assert "statement" in box.children[1].value and "quote_id" not in box.children[1].value
    box.children[0].children[2].value = "اعتماد"  # the «Contains» box
    assert box.result["quote_id"].tolist() == ["b#q1"]  # the full result is kept
    assert "1 rows" in box.children[1].value and "statement" in box.children[1].value
    assert "quote_id" not in box.children[1].value
