"""Notebooks read the export lazily (helpers.exported_tables, helpers.study.open_study): each table
on first use, the articles' texts a batch at a time, with the same results as the tables in memory."""

import shutil

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.clean import cleaning_summary, zwnj_repair_table
from helpers.explore import search_kwic
from helpers.export import export_corpus, read_manifest
from helpers.exported_tables import ArticleTexts, ExportedTables, in_batches
from helpers.load import load_corpus
from helpers.paths import CORPUS_DIR
from helpers.pipeline import annotate_corpus
from helpers.study import open_study
from helpers.synthesis import corpus_topics, frequent_words
from helpers.terms import kwic, nmf_topics, term_frequencies


@pytest.fixture(scope="module")
def seeds_export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export") / "tables"
    export_corpus(CORPUS_DIR, folder, cache_dir=None, progress=False, on_error="flag")
    return folder


@pytest.fixture(scope="module")
def in_memory():
    return annotate_corpus(load_corpus(CORPUS_DIR, on_error="flag"), cache_dir=None, progress=False)


def test_each_table_is_read_on_first_use_and_equals_the_table_in_memory(seeds_export, in_memory):
    tables = ExportedTables(seeds_export, corpus=CORPUS_DIR)
    assert "loaded: []" in repr(tables)
    for name in tables:
        read = tables[name]
        pd.testing.assert_frame_equal(read, in_memory[name][list(read.columns)], check_dtype=False)
        assert tables.rows(name) == len(in_memory[name])
    assert "speakers" in repr(tables)


def test_articles_come_without_their_texts(seeds_export):
    articles = ExportedTables(seeds_export)["articles"]
    assert "text" not in articles.columns and "raw_text" not in articles.columns
    assert {"article_id", "title", "words", "province", "published"} <= set(articles.columns)


def test_texts_in_batches_are_the_articles_texts_in_order(seeds_export, in_memory):
    texts = ArticleTexts(seeds_export, corpus=CORPUS_DIR, batch_size=2)
    batches = list(texts)
    assert [len(b) for b in batches] == [2, 2, 1] and len(texts) == 5
    assert pd.concat(batches)["text"].tolist() == in_memory["articles"]["text"].tolist()
    raw = pd.concat(list(texts.with_raw_text()))
    assert raw["raw_text"].tolist() == in_memory["articles"]["raw_text"].tolist()
    assert raw["article_id"].tolist() == in_memory["articles"]["article_id"].tolist()
    one = texts.with_raw_text().of([in_memory["articles"]["article_id"].iloc[3]])
    assert one["raw_text"].tolist() == [in_memory["articles"]["raw_text"].iloc[3]]


def test_raw_texts_of_another_corpus_are_refused(seeds_export, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    for path in sorted(CORPUS_DIR.iterdir())[:2]:
        shutil.copy(path, other / ("x" + path.name))
    with pytest.raises(ValueError, match="is not the export of"):
        list(ArticleTexts(seeds_export, corpus=other).with_raw_text())


def test_a_folder_that_is_no_export_and_a_missing_table_are_named(tmp_path, seeds_export):
    with pytest.raises(FileNotFoundError, match=str(tmp_path)):
        ExportedTables(tmp_path)
    with pytest.raises(KeyError, match="sentences"):
        ExportedTables(seeds_export)["sentences"]


def test_text_functions_give_the_same_results_on_batches(seeds_export, in_memory):
    articles = in_memory["articles"]
    texts = ArticleTexts(seeds_export, corpus=CORPUS_DIR, batch_size=2)
    pd.testing.assert_frame_equal(search_kwic(texts, "امنیت"), search_kwic(articles, "امنیت"))
    pd.testing.assert_frame_equal(frequent_words(texts), frequent_words(articles[["text"]]))
    pd.testing.assert_frame_equal(nmf_topics(texts, n_topics=2, min_df=1), nmf_topics(articles, n_topics=2, min_df=1))
    pd.testing.assert_frame_equal(corpus_topics(texts, min_articles=3, n_topics=2),
                                  corpus_topics(articles, min_articles=3, n_topics=2))
    raw = texts.with_raw_text()
    boilerplate = in_memory["boilerplate"]
    pd.testing.assert_frame_equal(in_batches(cleaning_summary, raw, by_article=boilerplate),
                                  cleaning_summary(articles, boilerplate), check_dtype=False)
    pd.testing.assert_frame_equal(in_batches(zwnj_repair_table, raw), zwnj_repair_table(articles), check_dtype=False)


WORDS = ["امنیت", "اعتماد", "وزیر", "گفت", "مردم", "برنامه‌ها", "۱۲", "درصد", "و", "در", "کشور", "."]


@settings(max_examples=25, deadline=None)
@given(docs=st.lists(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join), min_size=1, max_size=8),
       cuts=st.lists(st.integers(min_value=1, max_value=7), max_size=3))
def test_counts_and_uses_do_not_depend_on_where_the_batches_are_cut(docs, cuts):
    whole = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(docs))], "text": docs})
    bounds = sorted({0, len(docs), *(c for c in cuts if c < len(docs))})
    batches = [whole.iloc[a:b] for a, b in zip(bounds, bounds[1:])]
    pd.testing.assert_frame_equal(term_frequencies(batches), term_frequencies(whole))
    pd.testing.assert_frame_equal(kwic(batches, "امنیت"), kwic(whole, "امنیت"))
    pd.testing.assert_frame_equal(kwic(batches, "برنامه", by_lemma=False), kwic(whole, "برنامه", by_lemma=False))


def test_a_notebook_run_alone_exports_once_and_again_when_the_corpus_changes(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, corpus)
    out = tmp_path / "out"
    first = open_study(corpus, output_dir=out, progress=False)
    assert first.tables.folder == out / "tables" and first.row_counts()["articles"] == 5
    run = read_manifest(out / "tables")["run_id"]
    assert read_manifest(open_study(corpus, output_dir=out, progress=False).tables.folder)["run_id"] == run
    removed = sorted(corpus.iterdir())[0]
    removed.unlink()
    again = open_study(corpus, output_dir=out, progress=False)
    assert read_manifest(out / "tables")["run_id"] != run and again.row_counts()["articles"] == 4


def test_a_given_export_is_read_as_it_is_and_made_when_missing(tmp_path, seeds_export):
    given_export = open_study(None, export_dir=seeds_export, progress=False)
    assert given_export.tables.folder == seeds_export
    made = open_study(None, export_dir=tmp_path / "new", progress=False)
    assert read_manifest(tmp_path / "new") is not None and made.row_counts()["articles"] == 5
