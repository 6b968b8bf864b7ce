"""Accuracy of ZWNJ repair on tests/data/zwnj_words.tsv: hazm's Normalizer alone vs helpers.zwnj.

Run from the project root: ``python benchmarks/zwnj_accuracy.py``. Prints, for each method, the
share of words whose output equals the expected spelling, the share among words that need a
repair and among whole words (over-splitting), then the words each method gets wrong.
With the bench corpus present, also prints the repair speed in characters per second.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.chars import ZWNJ  # noqa: E402
from helpers.paths import BENCH_CORPUS, TESTS_DATA_DIR  # noqa: E402
from helpers.zwnj import repair_zwnj  # noqa: E402


def read_table() -> list[dict[str, str]]:
    """Return the rows of the word table (broken, expected, source, note)."""
    with open(TESTS_DATA_DIR / "zwnj_words.tsv", encoding="utf-8") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


def hazm_normalizer():
    """hazm's Normalizer with the steps that touch spacing and ZWNJ, nothing that rewrites digits."""
    from hazm import Normalizer

    normalizer = Normalizer(persian_numbers=False)
    return normalizer.normalize


def score(rows, method) -> dict:
    """Return accuracy overall, on words needing repair and on whole words, and the misses."""
    outputs = [method(r["broken"]) for r in rows]
    right = [o == r["expected"] for o, r in zip(outputs, rows)]
    need = [ok for ok, r in zip(right, rows) if r["broken"] != r["expected"]]
    whole = [ok for ok, r in zip(right, rows) if r["broken"] == r["expected"]]
    misses = [(r["broken"], o, r["expected"]) for ok, o, r in zip(right, outputs, rows) if not ok]
    return {
        "all": sum(right) / len(rows),
        "needs_repair": sum(need) / max(len(need), 1),
        "whole_kept": sum(whole) / max(len(whole), 1),
        "misses": misses,
        "counts": (len(rows), len(need), len(whole)),
    }


def show(word: str) -> str:
    return word.replace(ZWNJ, "|")


def bench_speed() -> str:
    """Characters per second of repair_zwnj over the bench corpus (loading excluded)."""
    if not BENCH_CORPUS.exists():
        return "bench corpus absent: speed not measured"
    texts = []
    with open(BENCH_CORPUS, encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            parts = [article.get("title") or "", article.get("abstract") or ""] + list(article.get("paragraphs") or [])
            texts.append("\n".join(parts))
    repair_zwnj("برنامهها")  # load the lexicons before timing
    start = time.perf_counter()
    for text in texts:
        repair_zwnj(text)
    seconds = time.perf_counter() - start
    chars = sum(map(len, texts))
    return f"{len(texts)} bench articles, {chars} chars in {seconds:.1f} s: {chars / seconds:,.0f} chars/s"


def main() -> None:
    rows = read_table()
    normalize = hazm_normalizer()
    methods = {
        "hazm Normalizer alone": normalize,
        "helpers.zwnj.repair_zwnj": repair_zwnj,
        "hazm Normalizer, then repair_zwnj": lambda w: repair_zwnj(normalize(w)),
    }
    for name, method in methods.items():
        result = score(rows, method)
        total, need, whole = result["counts"]
        print(
            f"{name}: {result['all']:.1%} of {total} words right; "
            f"{result['needs_repair']:.1%} of {need} needing repair; {result['whole_kept']:.1%} of {whole} whole kept"
        )
        for broken, got, expected in result["misses"]:
            print(f"    {show(broken)} -> {show(got)} (expected {show(expected)})")
    print(bench_speed())


if __name__ == "__main__":
    main()
