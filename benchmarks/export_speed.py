"""Speed and memory of the full export on the bench corpus, against hazm's Normalizer alone.

    python benchmarks/export_speed.py [--limit N] [--jobs N] [--profile]

Runs, in one process on the same texts: (1) hazm's Normalizer alone, the yardstick; (2) the
full export (``helpers.export.export_corpus`` into a temporary folder) serially, without
cache; (3) optionally with several processes; (4) the export once more with each stage timed
inside it, to show where time goes, annotation and the export's own steps (reading, tables,
Parquet, CSV, the people step); (5) each annotation stage alone. Prints articles per second,
characters per second, the ratio of the export to the yardstick, and peak memory (resident
set size). Times are CPU seconds of this process (``time.process_time``: on a machine other
jobs share, wall-clock time follows their load), except the several-process run's, which is
wall-clock time.
The targets (issue 19): one process at most 2.5 times as long as hazm's Normalizer, every core
at most 1.5 times, under 1 GB; ``benchmarks/archive_scale.py`` measures them on both bench corpora.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.paths import BENCH_CORPUS  # noqa: E402


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, function, texts, *, characters: int, rows: list, clock=time.process_time) -> float:
    start = clock()
    function(texts)
    seconds = clock() - start
    rows.append((label, seconds, len(texts) / seconds, characters / seconds))
    return seconds


# Where the export spends its time: (label, module, function) wrapped with a timer during one
# full run. Indented labels run inside the stage above them and are part of its time.
STAGES = [
    ("reading the corpus", "helpers.load", "iter_corpus_rows"),
    ("metadata", "helpers.metadata", "article_metadata"),
    ("cleaning (boilerplate, normalize, ZWNJ)", "helpers.clean", "clean_lines"),
    ("  of which hazm between numbers", "helpers.clean", "_normalize_words"),
    ("  of which ZWNJ repair", "helpers.zwnj", "repair_zwnj"),
    ("speakers and quotes", "helpers.speakers", "read_speakers"),
    ("event and audience", "helpers.events", "article_event"),
    ("numbers", "helpers.numbers", "number_columns"),
    ("statistics", "helpers.statistics", "statistic_columns"),
    ("  of which their speakers", "helpers.statistics", "speaker_ids_for_spans"),
    ("themes", "helpers.themes", "theme_rows"),
    ("tables: columns joined over a partition", "helpers.pipeline", "joined_columns"),
    ("tables: Arrow tables from the columns", "helpers.export", "arrow_table"),
    ("writing Parquet", "helpers.export", "_write_parquet"),
    ("writing the CSV copies", "helpers.csv_copies", "write_csv_rows"),
    ("people step: linking, the people table", "helpers.people", "link_speakers"),
    ("people step: linking, the people table", "helpers.people", "people_table"),
    ("manifest (checksums)", "helpers.export", "_file_entry"),
]


# The cyclic garbage collector's own time, wherever it ran (inside stages or between them).
COLLECTOR = "cyclic garbage collector, wherever it ran"


def stage_shares(run) -> tuple[float, dict[str, float]]:
    """Run ``run()`` with every function of ``STAGES`` timed (CPU); return (total seconds, seconds per stage).

    A generator function's stage is the time spent drawing from the generators it returns.
    The collector's time (``COLLECTOR``) is measured apart, from its own callbacks."""
    import gc
    import importlib

    spent: dict[str, float] = {}
    originals = []
    collecting = {}

    def collector_timed(phase, info):
        if phase == "start":
            collecting["since"] = time.process_time()
        elif "since" in collecting:
            spent[COLLECTOR] = spent.get(COLLECTOR, 0.0) + time.process_time() - collecting.pop("since")

    def add(label, start):
        spent[label] = spent.get(label, 0.0) + time.process_time() - start

    def drawn(label, generator):
        while True:
            start = time.process_time()
            try:
                item = next(generator)
            except StopIteration:
                return
            finally:
                add(label, start)
            yield item

    def timer(label, function):
        if inspect.isgeneratorfunction(function):
            return lambda *args, **kwargs: drawn(label, function(*args, **kwargs))

        def timed_call(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                add(label, start)
        return timed_call

    for label, module_name, name in STAGES:
        module = importlib.import_module(module_name)
        originals.append((module, name, getattr(module, name)))
        setattr(module, name, timer(label, getattr(module, name)))
    gc.callbacks.append(collector_timed)
    try:
        start = time.process_time()
        run()
        total = time.process_time() - start
    finally:
        gc.callbacks.remove(collector_timed)
        for module, name, function in reversed(originals):
            setattr(module, name, function)
    return total, spent


def print_shares(total: float, spent: dict[str, float]) -> None:
    print(f"\nwhere the serial export's time goes ({total:.1f} s of CPU, stages timed inside one run):")
    top_level = 0.0
    for label in dict.fromkeys(label for label, _, _ in STAGES):
        seconds = spent.get(label, 0.0)
        top_level += 0.0 if label.startswith(" ") else seconds
        missed = "" if label in spent else "  (never called: STAGES names a function the export no longer uses)"
        print(f"  {label:42s} {seconds:6.2f} s {100 * seconds / total:5.1f} %{missed}")
    rest = total - top_level
    print(f"  {'other (per-article loop, conversions, GC)':42s} {rest:6.2f} s {100 * rest / total:5.1f} %")
    collector = spent.get(COLLECTOR, 0.0)
    print(f"  {COLLECTOR:42s} {collector:6.2f} s {100 * collector / total:5.1f} %  (part of the stages' and other time)")


def export_into(corpus: Path, folder: Path, **options) -> None:
    """Export ``corpus`` into a new folder under ``folder``, no cache, no progress bar."""
    from helpers.export import export_corpus

    export_corpus(corpus, tempfile.mkdtemp(dir=folder), cache_dir=None, progress=False, **options)


def limited_corpus(corpus, folder: Path) -> Path:
    """The articles of ``corpus`` (a loaded frame) as a JSON-lines file in ``folder``: what
    ``--limit`` exports."""
    path = folder / "limited.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        for article in corpus.to_dict("records"):
            stream.write(json.dumps({"id": article["article_id"], "text": article["raw_text"]}, ensure_ascii=False) + "\n")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(BENCH_CORPUS))
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes for the parallel run (default: every core; 1: skip it)")
    parser.add_argument("--profile", action="store_true", help="print the 25 most expensive functions of the export")
    args = parser.parse_args()
    if not Path(args.corpus).exists():
        print(f"bench corpus not found at {args.corpus}; nothing to measure")
        return 0

    from hazm import Normalizer

    from helpers.clean import normalize, remove_boilerplate
    from helpers.load import load_corpus
    from helpers.metadata import article_metadata
    from helpers.numbers import find_numbers
    from helpers.pipeline import annotate_article
    from helpers.speakers import find_speakers_and_quotes
    from helpers.themes import theme_table
    from helpers.zwnj import repair_zwnj

    corpus = load_corpus(args.corpus)
    if args.limit:
        corpus = corpus.head(args.limit)
    records = corpus.to_dict("records")
    raw = [r["raw_text"] for r in records]
    characters = sum(map(len, raw))
    print(f"{len(raw)} articles, {characters:,} characters, from {args.corpus}")

    # Warm every lazy resource once, so that start-up is not charged to either side.
    warm = annotate_article(records[0])
    hazm = Normalizer()
    hazm.normalize(raw[0])
    del warm
    print(f"start-up done; peak memory so far {peak_memory_mb():.0f} MB\n")

    folder = Path(tempfile.mkdtemp(prefix="goftar-speed-"))
    exported = limited_corpus(corpus, folder) if args.limit else Path(args.corpus)
    rows: list = []
    yardstick = timed("hazm Normalizer alone (yardstick)", lambda ts: [hazm.normalize(t) for t in ts], raw,
                      characters=characters, rows=rows)
    # The full export runs before the stages alone, so that their warm word caches do not help it.
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    full = timed("full export, serial, no cache", lambda rs: export_into(exported, folder),
                 records, characters=characters, rows=rows)
    if args.profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    parallel = None
    if args.jobs > 1:
        parallel = timed(f"full export, {args.jobs} processes, no cache (wall)",
                         lambda rs: export_into(exported, folder, jobs=args.jobs),
                         records, characters=characters, rows=rows, clock=time.perf_counter)
    shares = stage_shares(lambda: export_into(exported, folder))

    rows.append(("stages alone, through their public functions (each builds a DataFrame per article; word caches warm):",
                 None, None, None))
    cleaned = [normalize(remove_boilerplate(t)[0]) for t in raw]
    repaired = [repair_zwnj(t) for t in cleaned]
    stages = [
        ("  metadata", lambda ts: [article_metadata(t) for t in ts], raw),
        ("  boilerplate", lambda ts: [remove_boilerplate(t) for t in ts], raw),
        ("  normalize (hazm between numbers)", lambda ts: [normalize(t) for t in ts], raw),
        ("  ZWNJ repair", lambda ts: [repair_zwnj(t) for t in ts], cleaned),
        ("  speakers and quotes", lambda ts: [find_speakers_and_quotes(t) for t in ts], repaired),
        ("  numbers", lambda ts: [find_numbers(t) for t in ts], repaired),
        ("  themes", lambda ts: [theme_table(t) for t in ts], repaired),
    ]
    for label, function, texts in stages:
        timed(label, function, texts, characters=characters, rows=rows)

    print(f"{'step':42s} {'seconds':>8s} {'articles/s':>11s} {'chars/s':>11s}")
    for label, seconds, per_article, per_char in rows:
        if seconds is None:
            print(label)
        else:
            print(f"{label:42s} {seconds:8.2f} {per_article:11.1f} {per_char:11,.0f}")
    print_shares(*shares)
    print(f"\nratio of the serial export to hazm's Normalizer alone (CPU): {full / yardstick:.2f} (target ≤ 2.5)")
    if parallel is not None:
        print(f"ratio of the {args.jobs}-process export to hazm's Normalizer alone (one process): "
              f"{parallel / yardstick:.2f} (target ≤ 1.5)")
    print(f"peak memory of this process: {peak_memory_mb():.0f} MB (target < 1024)")
    shutil.rmtree(folder, ignore_errors=True)
    if parallel is not None:
        largest_worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory of the largest worker process: {largest_worker:.0f} MB "
              "(pages shared with this process after fork count in both)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
