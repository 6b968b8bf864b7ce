"""Speed and peak memory of the streamed export as the corpus grows: ir-news 1×, 3× (and 10×).

    python benchmarks/archive_scale.py [--sizes 1 3] [--jobs N] [--with-10x]

Each size is exported (``helpers.export.export_corpus``, no cache) in a fresh process into a
temporary folder, once in one process and once with ``--jobs`` worker processes. The N× corpus
is the bench file written N times over into a temporary file: its articles have no id column,
so their ids are row positions, distinct over the copies. Prints one table: articles per
second, peak memory (resident set size, from getrusage) of the exporting process and of its
largest worker, and the ratio of the export's time to hazm's Normalizer alone on the same texts
(timed here once on 1× and multiplied by N: the texts are the same N times over).
Targets (issue 19): every process ≤ 1 GB; 3× within 15 % of 1×.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.paths import PROJECT_ROOT, SHARED_DIR  # noqa: E402

IR_NEWS = SHARED_DIR / "bench" / "ir-news.jsonl"

# Run in a fresh process: the export, then its own peak memory and that of its largest child.
CHILD = """
import json, resource, sys, time
from helpers.export import export_corpus
started = time.perf_counter()
manifest = export_corpus(sys.argv[1], sys.argv[2], jobs=int(sys.argv[3]), cache_dir=None, progress=False)
print(json.dumps({"seconds": time.perf_counter() - started, "articles": manifest["rows"]["articles"],
                  "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def hazm_seconds(corpus: Path) -> float:
    """Seconds hazm's Normalizer alone takes over the raw texts of ``corpus`` (read in batches)."""
    from hazm import Normalizer

    from helpers.load import iter_corpus

    normalizer = Normalizer()
    normalizer.normalize("گرم کردن")
    seconds = 0.0
    for batch in iter_corpus(corpus, batch_size=500):
        texts = batch["raw_text"].tolist()
        started = time.perf_counter()
        for text in texts:
            normalizer.normalize(text)
        seconds += time.perf_counter() - started
    return seconds


def repeated(corpus: Path, times: int, folder: Path) -> Path:
    """``corpus`` written ``times`` over into ``folder``, copied a block at a time."""
    target = folder / f"{corpus.stem}-x{times}{corpus.suffix}"
    with target.open("wb") as out:
        for _ in range(times):
            with corpus.open("rb") as source:
                while block := source.read(1 << 20):
                    out.write(block)
    return target


def export_run(corpus: Path, out: Path, jobs: int) -> dict:
    result = subprocess.run([sys.executable, "-c", CHILD, str(corpus), str(out), str(jobs)], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 3], help="copies of ir-news (default 1 3)")
    parser.add_argument("--with-10x", action="store_true", help="add the 10× corpus (48,190 articles; long)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes of the parallel runs (default: every core; 1: skip them)")
    args = parser.parse_args()
    if not IR_NEWS.exists():
        print(f"bench corpus not found at {IR_NEWS}; nothing to measure")
        return 0
    sizes = sorted(set(args.sizes) | ({10} if args.with_10x else set()))
    yardstick = hazm_seconds(IR_NEWS)
    rows = []
    with tempfile.TemporaryDirectory(prefix="goftar-scale-") as temporary:
        folder = Path(temporary)
        for times in sizes:
            corpus = repeated(IR_NEWS, times, folder)
            for jobs in sorted({1, args.jobs}):
                run = export_run(corpus, folder / f"out-{times}-{jobs}", jobs)
                rows.append((times, jobs, run, run["seconds"] / (yardstick * times)))
            corpus.unlink()
    print(f"hazm's Normalizer alone on ir-news 1×: {yardstick:.1f} s\n")
    header = ("corpus", "articles", "processes", "seconds", "articles/s", "parent MB", "largest worker MB",
              "× hazm")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(" --- " for _ in header) + "|")
    for times, jobs, run, ratio in rows:
        worker = f"{run['worker_mb']:.0f}" if jobs > 1 else "–"
        print(f"| ir-news {times}× | {run['articles']:,} | {jobs} | {run['seconds']:.0f} | "
              f"{run['articles'] / run['seconds']:.0f} | {run['parent_mb']:.0f} | {worker} | {ratio:.2f} |")
    for jobs in sorted({1, args.jobs}):
        by_size = {times: run for times, j, run, _ in rows if j == jobs}
        if 1 in by_size and len(by_size) > 1:
            largest = max(by_size)
            growth = by_size[largest]["parent_mb"] / by_size[1]["parent_mb"] - 1
            print(f"\n{jobs} process(es): peak memory of the exporting process at {largest}× is "
                  f"{growth:+.0%} of 1× (target: within 15 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
