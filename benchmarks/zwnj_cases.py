"""Exact-match accuracy of ZWNJ placement on tests/data/zwnj_cases.tsv (issue 17).

    python benchmarks/zwnj_cases.py [--failures N]

Each row's input goes through three methods and scores when the output equals the expected
spelling character for character:

* hazm's Normalizer alone (the yardstick, digits left as written);
* ``helpers.zwnj.repair_zwnj`` alone;
* Goftar's cleaning of a line, ``helpers.clean.normalize_and_repair`` (hazm between numbers,
  then the ZWNJ repair): the figure issue 17 asks for.

Printed: each method's accuracy; for the cleaning, accuracy per shape and the failures grouped
by shape (ZWNJ shown as «|», a soft hyphen as «~»).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from case_tables import print_by_shape, read_cases, show  # noqa: E402
from zwnj_accuracy import hazm_normalizer  # noqa: E402

from helpers.paths import TESTS_DATA_DIR  # noqa: E402

TABLE = TESTS_DATA_DIR / "zwnj_cases.tsv"
COLUMNS = ("input", "expected", "shape", "note")
# Shapes whose input must come out unchanged, and shapes whose input needs a repair.
KEEP_SHAPES = ("soft_hyphen_latin", "month_may", "name_zade", "whole_word", "space_kept", "already_correct")
REPAIR_SHAPES = (
    "plural_joined", "plural_spaced", "plural_spaced_nonjoining", "verbal_suffix", "suffix_after_he", "comparative",
    "mi_prefix", "nemi_prefix", "preverb_mi", "compound_nonjoining", "compound_joining", "soft_hyphen",
    "doubled_zwnj", "sentence",
)


def read_table(path: Path = TABLE) -> list[dict[str, str]]:
    """The table's rows (input, expected, shape, note, line), escapes decoded."""
    return read_cases(path, COLUMNS)


def score(rows: list[dict[str, str]], method) -> tuple[list[bool], list[str]]:
    """(hit per row, description per row) of one method."""
    hits, details = [], []
    for row in rows:
        try:
            got = method(row["input"])
        except Exception as error:  # a method that raises on an input scores a miss
            got = f"error {type(error).__name__}: {error}"
        hits.append(got == row["expected"])
        details.append(f"{show(row['input'])} → {show(got)} (expected {show(row['expected'])}; {row['note']})")
    return hits, details


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", type=int, default=6, help="failures printed per shape (0: all)")
    args = ap.parse_args(argv)
    from helpers.clean import normalize_and_repair
    from helpers.zwnj import repair_zwnj

    rows = read_table()
    normalize = hazm_normalizer()
    methods = {
        "hazm Normalizer alone": normalize,
        "helpers.zwnj.repair_zwnj": repair_zwnj,
        "Goftar cleaning (helpers.clean.normalize_and_repair)": normalize_and_repair,
    }
    print(f"{len(rows)} cases from {TABLE.name} (exact match)")
    results = {name: score(rows, method) for name, method in methods.items()}
    changing = [row["input"] != row["expected"] for row in rows]
    for name, (hits, _) in results.items():
        repaired = sum(hit for hit, change in zip(hits, changing) if change)
        kept = sum(hit for hit, change in zip(hits, changing) if not change)
        print(
            f"{name:55s} {sum(hits):4d}/{len(rows)} = {sum(hits) / len(rows):.3f}; "
            f"to change {repaired}/{sum(changing)}, to keep {kept}/{len(rows) - sum(changing)}"
        )
    print("Goftar cleaning by shape:")
    hits, details = results["Goftar cleaning (helpers.clean.normalize_and_repair)"]
    print_by_shape(rows, hits, details, limit=args.failures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
