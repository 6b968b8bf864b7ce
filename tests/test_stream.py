"""The streamed export: a corpus read, annotated and written a partition at a time, into one
Parquet dataset per table (readable whole by pandas and pyarrow) and CSV copies made from it
that are byte for byte those of a one-partition export."""

import io
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import csv_copies, export, pipeline
from helpers.export import CORPUS_TABLES, EXPORT_TABLES, MANIFEST_NAME, export_corpus, table_schema, verify_export
from helpers.load import CorpusError, _table_rows, iter_corpus, load_corpus, records_table
from helpers.paths import CORPUS_DIR
from helpers.shards import corpus_shards, read_shard

SEED_FILES = sorted(CORPUS_DIR.glob("*.txt"))


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """The seeds exported in partitions of two articles (three partitions) and in one."""
    root = tmp_path_factory.mktemp("stream")
    export_corpus(CORPUS_DIR, root / "small", cache_dir=None, progress=False, partition_size=2)
    export_corpus(CORPUS_DIR, root / "whole", cache_dir=None, progress=False, partition_size=1000)
    return root / "small", root / "whole"


def test_each_table_is_a_dataset_of_one_part_per_partition(exports):
    small, whole = exports
    for name in EXPORT_TABLES:
        parts = 1 if name in CORPUS_TABLES else 3  # people: made from the whole corpus, once
        assert sorted(p.name for p in (small / name).iterdir()) == [f"part-0000{i}.parquet" for i in range(parts)]
        assert [p.name for p in (whole / name).iterdir()] == ["part-00000.parquet"]
        schemas = {pq.read_schema(part).remove_metadata() for part in (small / name).iterdir()}
        assert len(schemas) == 1  # every part has the table's one schema, whichever rows it holds
    assert verify_export(small) == []


def test_the_csv_copies_do_not_depend_on_the_partitions(exports):
    small, whole = exports
    for name in EXPORT_TABLES:
        assert (small / f"{name}.csv").read_bytes() == (whole / f"{name}.csv").read_bytes(), name


def test_pandas_and_pyarrow_read_each_dataset_as_the_in_memory_table(exports, seed_corpus):
    small, _ = exports
    tables = pipeline.annotate_corpus(seed_corpus, cache_dir=None, progress=False)
    manifest = json.loads((small / MANIFEST_NAME).read_text())
    for name in EXPORT_TABLES:
        expected = tables[name].drop(columns=["raw_text"], errors="ignore")
        by_pandas = pd.read_parquet(small / name)
        by_arrow = pq.read_table(small / name)
        assert list(by_pandas.columns) == list(expected.columns) == by_arrow.schema.names
        assert by_arrow.schema == table_schema(list(expected.columns))
        assert len(by_pandas) == by_arrow.num_rows == len(expected) == manifest["rows"][name]
        # The same values: compared as the CSV copy writes them.
        assert by_pandas.to_csv(index=False) == expected.to_csv(index=False), name


@pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.reset_index")  # inside Dask's reader
def test_dask_reads_each_dataset_as_one_table(exports):
    dd = pytest.importorskip("dask.dataframe")
    small, _ = exports
    for name in EXPORT_TABLES:
        by_dask = dd.read_parquet(small / name).compute().reset_index(drop=True)
        assert by_dask.to_csv(index=False) == pd.read_parquet(small / name).to_csv(index=False), name


def test_the_corpus_is_read_only_as_partitions_are_taken(seed_corpus):
    taken = []

    def batches():
        for start in range(0, len(seed_corpus), 2):
            taken.append(start)
            yield seed_corpus.iloc[start:start + 2]

    partitions = pipeline.annotate_in_partitions(batches(), cache_dir=None, progress=False, partition_size=2)
    first = next(partitions)
    assert len(first["articles"]) == 2 and len(taken) <= 2
    rest = list(partitions)
    assert sum(len(p["articles"]) for p in [first, *rest]) == len(seed_corpus) and len(taken) == 3


@pytest.mark.parametrize("kind", ["folder", "jsonl", "jsonl with a bad line", "parquet", "csv"])
def test_iter_corpus_gives_load_corpus_rows_in_batches(tmp_path, kind):
    texts = [p.read_text(encoding="utf-8") for p in SEED_FILES] * 3
    if kind == "folder":
        path = CORPUS_DIR
    elif kind.startswith("jsonl"):
        path = tmp_path / "news.jsonl"
        lines = [json.dumps({"text": t, "title": f"t{i}"}, ensure_ascii=False) for i, t in enumerate(texts)]
        if kind.endswith("bad line"):
            lines[6] = '{"text": "broken'
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        path = tmp_path / f"news.{kind}"
        table = pd.DataFrame({"text": texts, "title": [f"t{i}" for i in range(len(texts))]})
        table.to_parquet(path, row_group_size=4) if kind == "parquet" else table.to_csv(path, index=False)
    on_error = "flag" if "bad" in kind else "raise"
    batches = list(iter_corpus(path, batch_size=4, on_error=on_error))
    assert all(len(b) <= 4 for b in batches)
    pd.testing.assert_frame_equal(pd.concat(batches, ignore_index=True), load_corpus(path, on_error=on_error))


def test_columns_are_chosen_once_per_file_not_per_batch(tmp_path):
    # The first records name their id and link by later candidates (doc_id, url) than the
    # last ones do (id, link): the file's columns are id and link, for every record. Read in
    # batches of two, a first batch choosing on its own would take doc_id and url instead.
    path = tmp_path / "news.jsonl"
    records = [{"doc_id": "a", "text": "نخست", "url": "https://example.org/a"}, {"doc_id": "b", "text": "دوم"},
               {"id": "c", "doc_id": "x", "text": "سوم", "link": "https://example.org/c"}, {"id": "d", "text": "چهارم"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    whole = load_corpus(path)
    assert list(whole["article_id"]) == ["news_00000", "news_00001", "c", "d"]
    assert list(whole["given_link"]) == ["", "", "https://example.org/c", ""]
    pd.testing.assert_frame_equal(pd.concat(iter_corpus(path, batch_size=2), ignore_index=True), whole)
    shards = corpus_shards(path, shard_size=2)
    assert len(shards) == 2
    pd.testing.assert_frame_equal(pd.concat([read_shard(s) for s in shards], ignore_index=True), whole)


def test_a_repeated_id_in_a_later_batch_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": "x"}) + "\n" for i in ["a", "b", "c", "a"]))
    with pytest.raises(CorpusError, match=r"news.jsonl: article ids are not unique: \['a'\]"):
        list(iter_corpus(path, batch_size=2))


# ---------------------------------------------------------------- tables written without pandas

# Values as annotators hand them, and a few they never should (which pandas then decides).
_text = st.text(alphabet=st.one_of(st.sampled_from(list('ab ,"\n\r\tی۱٫') + ["\u200c", "\x85", "\u2028"]),
                                  st.characters(max_codepoint=127, blacklist_categories=["Cs"])), max_size=6)
_float = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-10, 10).map(float),
                   st.sampled_from([1e16, 1e-5, 0.1 + 0.2, -0.0, 5e-324]))
_odd = st.one_of(st.integers(-3, 3), st.booleans(), st.none(), st.floats(allow_nan=True))


def _column_lists(draw, rows):
    return {
        "article_id": draw(st.lists(st.one_of(_text, _odd) if draw(st.booleans()) else _text, min_size=rows, max_size=rows)),
        "words": draw(st.lists(st.integers(-2**62, 2**62) if draw(st.booleans()) else st.one_of(st.integers(), _odd),
                               min_size=rows, max_size=rows)),
        "value": draw(st.lists(_float if draw(st.booleans()) else st.one_of(_float, _odd), min_size=rows, max_size=rows)),
        "text": draw(st.lists(_text, min_size=rows, max_size=rows)),
    }


@st.composite
def column_lists(draw):
    return _column_lists(draw, draw(st.integers(0, 6)))


def _via_pandas(columns):
    frame = pd.DataFrame(columns, columns=list(columns)) if columns["text"] else pd.DataFrame(columns=list(columns))
    return export.arrow_table_of_frame(frame)


@settings(max_examples=300, deadline=None)
@given(column_lists())
def test_a_table_made_from_its_lists_is_the_table_pandas_made(columns):
    try:
        expected = _via_pandas(columns)
    except Exception as error:  # a table pandas cannot write: the export fails as before
        with pytest.raises(type(error)):
            export.arrow_table(columns)
        return
    made = export.arrow_table(columns)
    assert made.schema == expected.schema and made.equals(expected)


@settings(max_examples=300, deadline=None)
@given(column_lists(), st.integers(1, 3))
def test_csv_rows_are_the_bytes_pandas_writes_for_them(columns, batch_rows):
    try:
        table = _via_pandas(columns)
    except Exception:
        return
    written = io.BytesIO()
    csv_copies.write_csv_header(written, table.schema.names)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csv_copies, "CSV_BATCH_ROWS", batch_rows)  # batches cut as pandas read them from Parquet
        csv_copies.write_csv_rows(written, table)
    expected = io.StringIO()
    pd.DataFrame(columns=table.schema.names).to_csv(expected, index=False, lineterminator="\n")
    for start in range(0, table.num_rows, batch_rows):
        table.slice(start, batch_rows).to_pandas().to_csv(expected, index=False, header=False, lineterminator="\n")
    assert written.getvalue().decode("utf-8") == expected.getvalue()


def test_an_integer_column_with_a_gap_is_written_as_pandas_reads_it():
    # Only a table pandas built can have one (ids and ints mixed with None); floats in that batch only.
    import pyarrow as pa

    table = pa.table({"line": pa.array([1, None, 3, 4], pa.int64()), "rule": list("abcd")})
    written = io.BytesIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csv_copies, "CSV_BATCH_ROWS", 2)
        csv_copies.write_csv_rows(written, table)
    assert written.getvalue() == b"1.0,a\n,b\n3,c\n4,d\n"


_field = st.one_of(st.none(), _text, st.lists(_text, max_size=2), st.integers(0, 3), st.floats(allow_nan=False),
                   st.booleans())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["id", "title", "text", "abstract", "url", "date"]), _field,
                                min_size=0, max_size=5), min_size=1, max_size=4))
def test_json_records_give_the_rows_a_dataframe_of_them_gives(records):
    chosen = {"text": "text", "id": "id", "given_outlet": None, "given_date": "date", "given_link": "url"}
    path = Path("news.jsonl")
    assert _table_rows(records_table(records, chosen), path, chosen) == _table_rows(pd.DataFrame(records), path, chosen)


def test_the_texts_kept_for_the_people_step_are_those_it_reads_back_from_the_parts():
    """office_only_texts (a partition's, kept as it is written) selects the articles the people
    step selects from the written speakers (None read as pandas' fillna reads it)."""
    speakers = {"article_id": ["a", "a", "b", "c", "d"],
                "name": ["فرماندار ویژه شهرستان ری", "علی اسدی", "نخست‌وزیر استرالیا", None, "وزیر"],
                "surname": ["", "اسدی", None, None, ""],
                "office": ["فرماندار ویژه شهرستان ری", "مسئول حزب", "نخست‌وزیر استرالیا", None, "وزیر"]}
    articles = {"article_id": ["a", "b", "c", "d", "e"], "text": ["متن الف", "متن ب", "متن ج", "متن د", "متن ه"]}
    kept = export.office_only_texts({"speakers": speakers, "articles": articles})
    frame = pd.DataFrame(speakers)
    read_back = export.office_only_articles(frame["article_id"], frame["name"].fillna(""),
                                            frame["surname"].fillna(""), frame["office"].fillna(""))
    assert set(kept) == read_back
    assert kept == {"a": "متن الف", "b": "متن ب"}  # a generic office («وزیر») and no office are not read
    assert export.office_only_texts({"speakers": {}, "articles": {}}) == {}  # an empty partition


def test_the_people_step_inputs_kept_are_what_it_reads_back_from_the_parts(tmp_path, seed_corpus):
    """PeopleInputs, kept as partitions are written, gives each table's columns as
    pd.read_parquet reads them back from the parts (values, dtypes, index), over several parts
    (the texts it keeps are office_only_texts', tested above)."""
    results = pipeline.annotate_partition(seed_corpus.to_dict("records"), exported_only=True)
    inputs = export.PeopleInputs()
    for number, start in enumerate(range(0, len(results), 2)):
        tables = pipeline.joined_columns(results[start:start + 2], export.PARTITION_TABLES)
        inputs.keep(tables, export.write_partition(tables, tmp_path, number))
    assert number >= 2
    for name, columns in export.PEOPLE_INPUT_COLUMNS.items():
        pd.testing.assert_frame_equal(inputs.frame(name), pd.read_parquet(tmp_path / name, columns=list(columns)),
                                      check_exact=True)
