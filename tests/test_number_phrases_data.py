"""Integrity of the issue-17 case tables (tests/data/number_phrases.tsv, tests/data/zwnj_cases.tsv).

These tests check the data, not the parser or the repair: their accuracy is what
benchmarks/number_phrases.py, zwnj_cases.py and zwnj_restoration.py print.
"""

from __future__ import annotations

import importlib
import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.chars import ZWNJ
from helpers.paths import PROJECT_ROOT, TESTS_DATA_DIR

BENCHMARKS = PROJECT_ROOT / "benchmarks"
INVISIBLE = ("\u200c", "\u200d", "\u00ad", "\u2212", "\u200e", "\u200f", "\ufeff")
NON_JOINING = "اآأإدذرزژو"


@pytest.fixture(scope="module")
def bench():
    """The benchmark modules, imported from benchmarks/ (they import each other by name)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(BENCHMARKS))
        yield {name: importlib.import_module(name) for name in ("case_tables", "number_phrases", "zwnj_cases")}


@pytest.fixture(scope="module")
def number_rows(bench):
    return bench["number_phrases"].read_table()


@pytest.fixture(scope="module")
def zwnj_rows(bench):
    return bench["zwnj_cases"].read_table()


@pytest.mark.parametrize("name", ["number_phrases.tsv", "zwnj_cases.tsv"])
def test_invisible_characters_are_escaped(name):
    raw = (TESTS_DATA_DIR / name).read_text(encoding="utf-8")
    assert [c for c in INVISIBLE if c in raw] == []


def test_a_malformed_row_is_named(bench, tmp_path):
    table = tmp_path / "cases.tsv"
    table.write_text("# comment\na\tb\n1\t2\n3\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cases\.tsv: line 4: 1 tab-separated fields, expected 2"):
        bench["case_tables"].read_cases(table, ("a", "b"))
    with pytest.raises(ValueError, match="header is"):
        bench["case_tables"].read_cases(table, ("a", "c"))


@given(st.text())
def test_unescape_leaves_text_without_escapes(bench, text):
    assert bench["case_tables"].unescape(text.replace("\\", "")) == text.replace("\\", "")


@given(st.characters(max_codepoint=0xFFFF))
def test_unescape_reads_any_escape(bench, char):
    assert bench["case_tables"].unescape(f"a\\u{ord(char):04x}b") == f"a{char}b"


# --- number phrases -------------------------------------------------------------------------


def test_number_table_size_and_labels(bench, number_rows):
    module = bench["number_phrases"]
    assert len(number_rows) >= 300
    assert {r["kind"] for r in number_rows} <= set(module.KINDS)
    assert {r["source"] for r in number_rows} <= set(module.SOURCES)
    shapes = [r["shape"] for r in number_rows]
    assert set(shapes) == set(module.SHAPES)
    assert min(shapes.count(s) for s in module.SHAPES) >= 4


def test_number_phrases_are_unique_and_out_of_sample(number_rows):
    phrases = [" ".join(r["phrase"].split()) for r in number_rows]
    assert len(phrases) == len(set(phrases))
    in_sample = {
        line.split("\t")[0]
        for line in (TESTS_DATA_DIR / "number_expressions.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    assert set(phrases) & in_sample == set()


def test_number_values_parse(bench, number_rows):
    module = bench["number_phrases"]
    for row in number_rows:
        refused = row["shape"].startswith("refuse_")
        assert (row["value"] == module.REFUSED) == refused == (row["kind"] in ("none", "date")), row
        if refused:
            assert row["low"] == row["high"] == "", row
            continue
        value = float(row["value"])
        assert math.isfinite(value), row
        assert re.fullmatch(r"-?\d+(\.\d{1,4})?", row["value"]), row  # at most 4 decimals, no exponent
        if row["kind"] == "time":
            assert 0 <= value < 24, row
        if row["kind"] == "ordinal":
            assert value >= 1 and value == int(value), row


def test_ranges_have_both_ends_and_their_midpoint(bench, number_rows):
    same = bench["number_phrases"].same_number
    for row in number_rows:
        assert (row["shape"] == "range") == bool(row["low"]) == bool(row["high"]), row
        if row["low"]:
            low, high = float(row["low"]), float(row["high"])
            assert low < high, row
            assert same(float(row["value"]), (low + high) / 2), row


def test_regular_values_agree_with_the_reference_converter(bench, number_rows):
    """The second pass over the values: the benchmark's own converter reads every regular row alike."""
    module = bench["number_phrases"]
    regular = [r for r in number_rows if r["source"] in module.REGULAR_SOURCES and r["value"] != module.REFUSED]
    assert len(regular) >= 250
    for row in regular:
        read = module.reference_value(row["phrase"])
        assert read is not None, row
        assert module.same_number(read[0], float(row["value"])), (row, read)
        if row["low"]:
            assert module.same_number(read[1], float(row["low"])) and module.same_number(read[2], float(row["high"])), (row, read)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("دو هزار و هفت صد و پنجاه", 2750), ("سی و دو و هشت دهم", 32.8), ("دو هزارمین", 2000), ("ساعت ۶ و ۳۰ دقیقه", 6.5)],
)
def test_reference_converter_reads(bench, phrase, expected):
    assert bench["number_phrases"].reference_value(phrase)[0] == pytest.approx(expected)


@pytest.mark.parametrize("phrase", ["پنجاه و صد", "بیست و سی", "یک و بیست و پنج", "۱,۲۵", "صدها نفر"])
def test_reference_converter_refuses_what_is_not_one_number(bench, phrase):
    assert bench["number_phrases"].reference_value(phrase) is None


# --- ZWNJ cases -----------------------------------------------------------------------------


def test_zwnj_table_size_and_shapes(bench, zwnj_rows):
    module = bench["zwnj_cases"]
    assert len(zwnj_rows) >= 150
    shapes = {r["shape"] for r in zwnj_rows}
    assert shapes == set(module.KEEP_SHAPES) | set(module.REPAIR_SHAPES)
    for row in zwnj_rows:
        assert (row["input"] == row["expected"]) == (row["shape"] in module.KEEP_SHAPES), row
        assert row["note"], row


def test_zwnj_inputs_are_unique_and_out_of_sample(zwnj_rows):
    inputs = [r["input"] for r in zwnj_rows]
    assert len(inputs) == len(set(inputs))
    words = set()
    for line in (TESTS_DATA_DIR / "zwnj_words.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            words.update(line.split("\t")[:2])
    # The same spelling may be expected (a spaced «می شود» here, a joined «میشود» there), never the same input.
    assert {r["input"] for r in zwnj_rows} & words == set()


def test_zwnj_expected_keeps_the_letters(zwnj_rows):
    """A repair only places ZWNJs and spaces: the letters of input and expected are the same."""

    def letters(text):
        return re.sub(f"[\\s{ZWNJ}\u00ad]", "", text)

    for row in zwnj_rows:
        if row["shape"] != "soft_hyphen_latin":
            assert letters(row["input"]) == letters(row["expected"]), row


def test_zwnj_expected_follows_the_convention(zwnj_rows):
    """One ZWNJ at a time, between two letters, and never after a non-joining letter."""
    for row in zwnj_rows:
        expected = row["expected"]
        assert ZWNJ * 2 not in expected, row
        for match in re.finditer(ZWNJ, expected):
            before = expected[match.start() - 1] if match.start() else ""
            after = expected[match.end()] if match.end() < len(expected) else ""
            assert before.isalpha() and after.isalpha() and before not in NON_JOINING, row
