"""Score Persian number parsers on tests/data/number_expressions.tsv and print each one's accuracy.

    python benchmarks/number_parsers.py [--misses]

Parsers compared (a package that is not installed is skipped and said so):

* ``helpers.numbers.parse_number`` (this project);
* ``persian-tools`` (PyPI ``persian-tools``): ``persian_tools.digits.convert_from_word``;
* ``ghnum`` (PyPI ``ghnum``): ``ghNum.PersianTextToNumber().convert``;
* a baseline that reads the first run of digits (any script) as a float and ignores words.

Each parser gets the expression exactly as the table writes it (number phrase plus a word or
two) and scores a hit when its value is within 0.5 % of the expected one (the scorer's rule).
A parser that raises or returns nothing scores a miss for that expression.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.chars import digits_to_latin  # noqa: E402
from helpers.paths import TESTS_DATA_DIR  # noqa: E402

TABLE = TESTS_DATA_DIR / "number_expressions.tsv"


def read_table(path: Path = TABLE) -> list[tuple[str, float, str]]:
    """(expression, expected value, source) for every row of the benchmark table."""
    rows = []
    header_seen = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        expression, expected, source = line.split("\t")
        rows.append((expression, float(expected), source))
    return rows


def _ours():
    from helpers.numbers import parse_number

    return parse_number


def _persian_tools():
    from persian_tools.digits import convert_from_word

    return lambda text: convert_from_word(text)


def _ghnum():
    from ghNum import PersianTextToNumber

    converter = PersianTextToNumber()
    return lambda text: converter.convert(text)


def _digits_baseline():
    pattern = re.compile(r"\d+(?:[.٫]\d+)?")

    def parse(text):
        m = pattern.search(digits_to_latin(text).replace("\u066b", "."))
        return float(m.group()) if m else None

    return parse


PARSERS = {
    "goftar helpers.numbers": _ours,
    "persian-tools (convert_from_word)": _persian_tools,
    "ghnum (PersianTextToNumber)": _ghnum,
    "baseline: first digit run": _digits_baseline,
}


def same_value(got, expected: float) -> bool:
    """True when ``got`` reads as a number within 0.5 % of ``expected``."""
    try:
        got = float(digits_to_latin(str(got)).replace(",", ""))
    except (TypeError, ValueError):
        return False
    return abs(got - expected) <= 0.005 * max(abs(got), abs(expected)) or abs(got - expected) < 1e-9


def score(parse, rows) -> tuple[int, list[tuple[str, float, object]]]:
    """(number of hits, misses as (expression, expected, got)) of one parser over the rows."""
    hits, misses = 0, []
    for expression, expected, _ in rows:
        try:
            got = parse(expression)
        except Exception as error:  # a parser that fails on an input scores a miss
            got = f"error: {type(error).__name__}"
        if same_value(got, expected):
            hits += 1
        else:
            misses.append((expression, expected, got))
    return hits, misses


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list each parser's misses")
    args = ap.parse_args(argv)
    rows = read_table()
    print(f"{len(rows)} expressions from {TABLE.name}")
    for name, make in PARSERS.items():
        try:
            parse = make()
        except ImportError:
            print(f"{name:40s} skipped (not installed)")
            continue
        hits, misses = score(parse, rows)
        print(f"{name:40s} {hits:4d}/{len(rows)}  accuracy {hits / len(rows):.3f}")
        if args.misses:
            for expression, expected, got in misses:
                print(f"    miss: {expression} → {got!r} (expected {expected:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
