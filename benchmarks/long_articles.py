"""How annotation time grows with the length of one article, and the per-article time limit.

    python benchmarks/long_articles.py [--lengths 100000,200000,400000,800000] [--limit 60]

Builds single-paragraph articles of each length from the bench corpus's paragraphs (joined by
spaces, the shape of a whole article scraped onto one line), then times, in one process: the
full annotation of the article (:func:`helpers.pipeline.article_columns`) and the speaker step
alone. Prints seconds and the growth exponent between successive lengths (1: linear, 2:
quadratic). Last, one article of the longest length with ``--limit`` seconds: the time until it
is flagged ``timeout: ...``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.paths import BENCH_CORPUS  # noqa: E402


def single_line_text(characters: int) -> str:
    """A title line, then ``characters`` characters of bench paragraphs on one line."""
    pieces, total = [], 0
    with BENCH_CORPUS.open(encoding="utf-8") as source:
        while total < characters:
            for line in source:
                paragraphs = json.loads(line).get("paragraphs") or []
                pieces.append(" ".join(paragraphs))
                total += len(pieces[-1]) + 1
                if total >= characters:
                    break
            source.seek(0)
    return "عنوان\n" + " ".join(pieces)[:characters]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", default="100000,200000,400000,800000")
    parser.add_argument("--limit", type=float, default=5.0, help="time limit for the last run, seconds")
    args = parser.parse_args()
    if not BENCH_CORPUS.exists():
        print(f"skipped: the bench corpus is not at {BENCH_CORPUS}")
        return 0

    from helpers import pipeline
    from helpers.clean import clean_lines
    from helpers.speakers import speaker_quote_columns

    pipeline.warm_up()
    lengths = [int(n) for n in args.lengths.split(",")]
    print(f"{'characters':>12} {'annotation s':>13} {'growth':>7} {'speakers s':>11} {'growth':>7}")
    previous = None
    for length in lengths:
        raw = single_line_text(length)
        article = {"article_id": "long", "raw_text": raw, "given_title": "", "source": "", "encoding": "", "status": "ok"}
        start = time.perf_counter()
        pipeline.article_columns(article)
        whole = time.perf_counter() - start
        _, text, _ = clean_lines(raw, title="عنوان")
        start = time.perf_counter()
        speaker_quote_columns(text, article_id="long")
        speakers = time.perf_counter() - start
        growth = ["", ""]
        if previous:
            ratio = math.log(length / previous[0])
            growth = [f"{math.log(whole / previous[1]) / ratio:.2f}", f"{math.log(speakers / previous[2]) / ratio:.2f}"]
        print(f"{length:>12,} {whole:>13.2f} {growth[0]:>7} {speakers:>11.2f} {growth[1]:>7}", flush=True)
        previous = (length, whole, speakers)
    article = {"article_id": "long", "raw_text": single_line_text(lengths[-1]), "given_title": "",
               "source": "", "encoding": "", "status": "ok"}
    start = time.perf_counter()
    tables = pipeline.time_limited_columns(article, time_limit=args.limit)
    print(f"with a {args.limit:g} s limit: {tables['articles']['status'][0]!r} after "
          f"{time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
