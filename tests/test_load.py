"""The loader: every input shape, every encoding, and clear errors that lose nothing."""

import json

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from helpers.load import CorpusError, decode_bytes, load_corpus
from helpers.paths import CORPUS_DIR

PERSIAN = "استاندار خوزستان گفت: امنیت پایدار ممکن است.\nکد خبر ۱۲۳"


def test_seed_folder_loads_byte_for_byte(seed_corpus):
    # Five seed files, ids are file stems, text is exactly the file's bytes decoded.
    assert len(seed_corpus) == 5
    for row in seed_corpus.itertuples():
        path = CORPUS_DIR / f"{row.article_id}.txt"
        assert row.raw_text == path.read_bytes().decode("utf-8")
        assert row.encoding == "utf-8" and row.status == "ok"
    assert list(seed_corpus["article_id"]) == sorted(seed_corpus["article_id"])


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),   # BOM-prefixed UTF-8, as Windows editors write it
    ("utf-16", "utf-16"),         # with BOM
    ("utf-16-le", "utf-16"),      # without BOM: recognised by its byte pattern
    ("cp1256", "cp1256"),         # Windows Arabic code page of older Iranian archives
])
def test_every_encoding_is_detected_and_kept(tmp_path, encoding, expected):
    text = PERSIAN.replace("ی", "ي").replace("ک", "ك") if encoding == "cp1256" else PERSIAN
    text = text.replace("۱۲۳", "123") if encoding == "cp1256" else text  # cp1256 has no Persian digits
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    frame = load_corpus(tmp_path)
    assert frame.loc[0, "encoding"] == expected
    assert frame.loc[0, "raw_text"] == text


def test_binary_file_is_an_error_naming_the_file(tmp_path):
    (tmp_path / "good.txt").write_text(PERSIAN, encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(CorpusError, match="image.txt"):
        load_corpus(tmp_path)


def test_bad_file_can_be_flagged_and_nothing_is_lost(tmp_path):
    (tmp_path / "good.txt").write_text(PERSIAN, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\x00\xfe\x00" * 3 + b"\x00\x01\x02\x03" * 50)
    (tmp_path / "empty.txt").write_bytes(b"")
    frame = load_corpus(tmp_path, on_error="flag").set_index("article_id")
    assert frame.loc["good", "status"] == "ok"
    assert frame.loc["bad", "status"].startswith("error: ") and "bad.txt" in frame.loc["bad", "status"]
    assert frame.loc["empty", "status"] == "empty"
    assert len(frame) == 3


def test_latin1_garbage_is_not_taken_for_windows_1256(tmp_path):
    # Bytes valid in no Persian encoding: cp1256 would decode them to mojibake, so refuse.
    (tmp_path / "x.txt").write_bytes("Ümlaut façade naïve déjà".encode("latin-1"))
    with pytest.raises(CorpusError, match="x.txt"):
        load_corpus(tmp_path)


def test_missing_path_and_unknown_suffix(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus(tmp_path / "nope")
    (tmp_path / "a.docx").write_bytes(b"x")
    with pytest.raises(CorpusError, match="a.docx"):
        load_corpus(tmp_path / "a.docx")


def test_jsonl_with_title_abstract_paragraphs(tmp_path):
    path = tmp_path / "news.jsonl"
    records = [{"title": "عنوان یک", "abstract": "خلاصه", "paragraphs": ["بند اول", "بند دوم"], "link": "x"},
               {"title": "عنوان دو", "abstract": "", "paragraphs": []}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    frame = load_corpus(path)
    assert frame.loc[0, "raw_text"] == "عنوان یک\nخلاصه\nبند اول\nبند دوم"
    assert frame.loc[0, "given_title"] == "عنوان یک"
    assert list(frame["article_id"]) == ["news_00000", "news_00001"]
    assert frame.loc[0, "source"].endswith("news.jsonl#0")


def test_invalid_jsonl_line_names_file_and_line(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text('{"text": "الف"}\n{broken\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"news.jsonl line 2"):
        load_corpus(path)


def test_csv_and_parquet_with_id_and_text_columns(tmp_path):
    table = pd.DataFrame({"id": ["a1", "a2"], "body": ["متن اول", "متن دوم"]})
    table.to_csv(tmp_path / "c.csv", index=False)
    table.to_parquet(tmp_path / "c.parquet")
    for name in ("c.csv", "c.parquet"):
        frame = load_corpus(tmp_path / name)
        assert list(frame["article_id"]) == ["a1", "a2"]
        assert list(frame["raw_text"]) == ["متن اول", "متن دوم"]


def test_table_without_text_column_says_which_columns_it_has(tmp_path):
    pd.DataFrame({"x": ["1"]}).to_csv(tmp_path / "c.csv", index=False)
    with pytest.raises(CorpusError, match=r"no text column.*'x'"):
        load_corpus(tmp_path / "c.csv")


def test_loading_never_writes_into_the_corpus(tmp_path):
    (tmp_path / "a.txt").write_text(PERSIAN, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    load_corpus(tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_decode_never_crashes_on_bytes(data):
    # Any bytes: either a text with its encoding, or a CorpusError naming the source.
    try:
        text, encoding = decode_bytes(data, source="sample.txt")
    except CorpusError as error:
        assert "sample.txt" in str(error)
    else:
        assert isinstance(text, str) and encoding


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_characters="\x00\ufeff", blacklist_categories=("Cs",)), max_size=200))
def test_any_utf8_text_without_zero_bytes_round_trips(text):
    assert decode_bytes(text.encode("utf-8"), source="t") == (text, "utf-8")


def test_a_tables_own_outlet_date_and_link_are_kept_as_given(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"title": "عنوان", "paragraphs": ["متن"], "outlet": "tabnak",
                                "date": "2020-01-07 15:32:00", "link": "https://example.org/1"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    row = load_corpus(path).iloc[0]
    assert (row["given_outlet"], row["given_date"], row["given_link"]) == ("tabnak", "2020-01-07 15:32:00",
                                                                          "https://example.org/1")
    folder = tmp_path / "txt"
    folder.mkdir()
    (folder / "a.txt").write_text("متن", encoding="utf-8")
    row = load_corpus(folder).iloc[0]
    assert (row["given_outlet"], row["given_date"], row["given_link"]) == ("", "", "")
