"""CPU time of the cleaning stage alone, with a digest of what it returned.

    python benchmarks/cleaning_speed.py [--corpus PATH] [--limit N] [--repeat N] [--profile]

Reads the corpus as the export does (the title read by ``helpers.metadata``), warms the
lexicons on a text of its own, then times ``helpers.clean.clean_lines`` over every article
in this process (``time.process_time``, start-up excluded: the export's "cleaning" stage).
Prints the CPU seconds and a SHA-256 digest of every ``(kept, text, removed)`` returned: two
versions of the cleaning code that print the same digest on a corpus cleaned it byte for byte
the same. Each of ``--repeat`` runs starts with the caches of lines and words empty, as in an
export (the lexicons stay loaded); the fastest run is printed, the one least slowed by other
jobs on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.paths import BENCH_CORPUS  # noqa: E402

# Warms every lexicon and hazm object cleaning loads, on words of no corpus.
_WARM_UP = "خبرگزاری فارس: وزیر گفت ۱۲ درصد از برنامه ها اجرا می شود.\nپایان پیام"


def cleaning_inputs(corpus: Path, limit: int | None) -> list[tuple[str, str]]:
    """``(raw_text, title)`` of each article, as the export hands them to ``clean_lines``."""
    from helpers.load import iter_corpus_rows
    from helpers.metadata import article_metadata
    from helpers.text import fold_presentation_forms

    inputs = []
    for batch in iter_corpus_rows(corpus):
        for article in batch:
            raw_text = article.get("raw_text", "") or ""
            title = article_metadata(fold_presentation_forms(raw_text), given_title=article.get("given_title", "") or "",
                                     given_outlet=article.get("given_outlet", "") or "",
                                     given_date=article.get("given_date", "") or "")["title"]
            inputs.append((raw_text, title))
    return inputs[:limit] if limit else inputs


def clean_all(inputs: list[tuple[str, str]]) -> list:
    from helpers.clean import clean_lines

    return [clean_lines(raw_text, title=title) for raw_text, title in inputs]


def empty_word_caches() -> None:
    """Empty the caches cleaning keeps per line and per word (those of a bounded size and the
    word memos; the lexicons, cached whole, stay loaded)."""
    from helpers import clean, hazm_once, text, zwnj
    from helpers.speedups import WordMemo

    for module in (clean, hazm_once, text, zwnj):
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if info is not None and info().maxsize not in (None, 1):
                value.cache_clear()
            elif isinstance(getattr(value, "__self__", None), WordMemo):  # a memo's __getitem__
                value.__self__.clear()


def digest(results: list) -> str:
    """SHA-256 of every article's kept text, cleaned text and boilerplate report."""
    hasher = hashlib.sha256()
    for kept, text, removed in results:
        hasher.update(repr((kept, text, removed)).encode("utf-8"))
    return hasher.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(BENCH_CORPUS))
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs, the fastest printed")
    parser.add_argument("--profile", action="store_true", help="print the 30 most expensive functions")
    args = parser.parse_args()

    inputs = cleaning_inputs(Path(args.corpus), args.limit)
    clean_all([(_WARM_UP, "")])
    empty_word_caches()
    if args.profile:
        profiler = cProfile.Profile()
        results = profiler.runcall(clean_all, inputs)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        print(f"digest {digest(results)}")
        return 0
    runs = []
    for _ in range(args.repeat):
        empty_word_caches()
        start = time.process_time()
        results = clean_all(inputs)
        runs.append(time.process_time() - start)
    seconds = min(runs)
    print(f"{len(inputs)} articles  cleaning {seconds:.2f} CPU s  digest {digest(results)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
