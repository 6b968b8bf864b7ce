"""Speed and peak memory of the streamed export as the corpus grows, against hazm alone (issue 19).

    python benchmarks/archive_scale.py [--sizes 1 3] [--jobs N] [--repeats R] [--with-10x]

Prints one table. Rows: the Fars bench, then ir-news 1×, 3× (and, with ``--with-10x``, 10×:
48,190 articles, a long run). Each corpus is exported (``helpers.export.export_corpus``, no
cache) into a temporary folder by a fresh process, once in one process and once with ``--jobs``
worker processes (default: every core). The N× corpus is the bench file written N times over
into a temporary file: its articles have no id column, so their ids are row positions, distinct
over the copies. Columns: articles per second, peak memory (resident set size, from getrusage)
of the exporting process and of its largest worker, and the two ratios to hazm's Normalizer
alone on the same raw texts (the bench file, times N):

- one process: the serial export's CPU seconds over hazm's CPU seconds;
- every core: the parallel export's wall-clock seconds over hazm's CPU seconds in one process.

This machine's speed drifts over minutes, and one process runs a few per cent faster or slower
than the next for no reason of its code. So hazm is timed inside each serial export's own
process, warm, just before and just after the export, and the export is divided by the mean of
the two. On the 1× corpora each export, serial and parallel, runs ``--repeats`` times (default
3), each in a fresh process: a ratio printed is the median of its runs, with their range
beside it. The larger corpora run once (they are there for memory, and take minutes each). The
every-core ratio divides by the median of the row's hazm timings.

Start-up (imports, hazm's word lists: some 5 s a process) is left out of the export's time, as
it is of hazm's: the exporting process annotates one article before its clock starts, and its
workers are forked from it warm. On a machine other jobs share, wall-clock time grows with their
load while CPU time hardly does: compare runs made close together, and prefer CPU time.
Targets (issue 19): one process ≤ 2.5× hazm, every core ≤ 1.5×; every process ≤ 1 GB; 3× within
15 % of 1× in memory.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.paths import BENCH_CORPUS, PROJECT_ROOT, SHARED_DIR  # noqa: E402

IR_NEWS = SHARED_DIR / "bench" / "ir-news.jsonl"

# Run in a fresh process: warm up on one article, then the export, timed (wall and CPU, its
# workers' CPU included), its own peak memory and that of its largest child. Given a yardstick
# corpus, hazm's Normalizer alone is timed over it in this same process just before and just
# after the export.
CHILD = """
import json, resource, sys, time
from benchmarks.archive_scale import hazm_seconds
from helpers.export import export_corpus
from helpers.load import iter_corpus
from helpers.pipeline import annotate_article, warm_up
corpus, out, jobs, yardstick = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
annotate_article(next(iter_corpus(corpus, batch_size=1)).iloc[0].to_dict())
warm_up()  # the people step's lexicons too: start-up, not the corpus's time
hazm = [hazm_seconds(yardstick)] if yardstick else []
def cpu():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
cpu_started, started = cpu(), time.perf_counter()
manifest = export_corpus(corpus, out, jobs=jobs, cache_dir=None, progress=False)
result = {"seconds": time.perf_counter() - started, "cpu_seconds": cpu() - cpu_started,
          "articles": manifest["rows"]["articles"],
          "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
          "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}
if yardstick:
    result["hazm_seconds"] = hazm + [hazm_seconds(yardstick)]
print(json.dumps(result))
"""


def hazm_seconds(corpus: Path) -> float:
    """CPU seconds hazm's Normalizer alone takes over the raw texts of ``corpus`` (read in batches)."""
    from hazm import Normalizer

    from helpers.load import iter_corpus

    normalizer = Normalizer()
    normalizer.normalize("گرم کردن")
    seconds = 0.0
    for batch in iter_corpus(corpus, batch_size=500):
        texts = batch["raw_text"].tolist()
        started = time.process_time()
        for text in texts:
            normalizer.normalize(text)
        seconds += time.process_time() - started
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


def export_run(corpus: Path, out: Path, jobs: int, yardstick: Path | None = None) -> dict:
    """The export of ``corpus`` into ``out`` by a fresh process (see :data:`CHILD`); with
    ``yardstick``, hazm's CPU seconds over it in that process before and after (``hazm_seconds``)."""
    result = subprocess.run([sys.executable, "-c", CHILD, str(corpus), str(out), str(jobs), str(yardstick or "")],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    return json.loads(result.stdout.strip().splitlines()[-1])


def seconds_range(seconds: list[float]) -> str:
    """``seconds`` as their range, one decimal («2.9–3.1», or one figure when they agree)."""
    low, high = f"{min(seconds):.1f}", f"{max(seconds):.1f}"
    return low if low == high else f"{low}–{high}"


def ratio_cell(ratios: list[float]) -> str:
    """The median of ``ratios``, two decimals, with their range when there are several."""
    middle = f"{statistics.median(ratios):.2f}"
    return middle if len(ratios) == 1 else f"{middle} ({min(ratios):.2f}–{max(ratios):.2f})"


def measured_row(path: Path, corpus: Path, times: int, folder: Path, *, repeats: int, jobs: int) -> dict:
    """Exports of ``corpus`` (``path`` written ``times`` over), ``repeats`` of each kind: serial
    ones, each divided by hazm timed over ``path`` in its own process around it (times
    ``times``), and parallel ones, divided by the median of those hazm timings."""
    serial_runs = [export_run(corpus, folder / "out-serial", 1, yardstick=path) for _ in range(repeats)]
    hazm = [seconds for run in serial_runs for seconds in run["hazm_seconds"]]
    parallel_runs = [export_run(corpus, folder / "out-parallel", jobs) for _ in range(repeats)]
    return {"serial": serial_runs, "hazm_once": hazm, "parallel": parallel_runs,
            "serial_ratios": [run["cpu_seconds"] / (times * statistics.mean(run["hazm_seconds"])) for run in serial_runs],
            "parallel_ratios": [run["seconds"] / (times * statistics.median(hazm)) for run in parallel_runs]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 3], help="copies of ir-news (default 1 3)")
    parser.add_argument("--with-10x", action="store_true", help="add the 10× corpus (48,190 articles; long)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes of the parallel runs (default: every core)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="exports of each kind (serial, parallel) of each 1× corpus (default 3)")
    args = parser.parse_args()
    if not IR_NEWS.exists() or not BENCH_CORPUS.exists():
        print(f"bench corpora not found at {IR_NEWS.parent}; nothing to measure")
        return 0
    sizes = sorted(set(args.sizes) | ({10} if args.with_10x else set()))
    corpora = [("Fars bench", BENCH_CORPUS, 1)] + [(f"ir-news {times}×", IR_NEWS, times) for times in sizes]
    yardsticks: dict[Path, list[float]] = {BENCH_CORPUS: [], IR_NEWS: []}
    rows = []
    with tempfile.TemporaryDirectory(prefix="goftar-scale-") as temporary:
        folder = Path(temporary)
        for label, path, times in corpora:
            corpus = path if times == 1 else repeated(path, times, folder)
            row = measured_row(path, corpus, times, folder, repeats=max(1, args.repeats) if times == 1 else 1,
                               jobs=args.jobs)
            yardsticks[path] += row["hazm_once"]
            rows.append((label, row))
            if corpus != path:
                corpus.unlink()
    print(f"hazm's Normalizer alone, one process: {seconds_range(yardsticks[BENCH_CORPUS])} s of CPU on the Fars "
          f"bench, {seconds_range(yardsticks[IR_NEWS])} s on ir-news 1× (timed in each serial export's process, before and after it); "
          f"exports with 1 and {args.jobs} processes, {max(1, args.repeats)} of each on the 1× corpora: "
          "their median ratio (and range)\n")
    header = ("corpus", "articles", "articles/s (1 process)", f"articles/s ({args.jobs} processes)",
              "parent MB", "largest worker MB", "× hazm, one process (CPU)", "× hazm, every core (wall)")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(" --- " for _ in header) + "|")
    for label, row in rows:
        serial, parallel = row["serial"], row["parallel"]
        parent = max(run["parent_mb"] for run in serial + parallel)
        serial_speed = statistics.median(run["articles"] / run["cpu_seconds"] for run in serial)
        parallel_speed = statistics.median(run["articles"] / run["seconds"] for run in parallel)
        print(f"| {label} | {serial[0]['articles']:,} | {serial_speed:.0f} | {parallel_speed:.0f} | {parent:.0f} | "
              f"{max(run['worker_mb'] for run in parallel):.0f} | {ratio_cell(row['serial_ratios'])} | "
              f"{ratio_cell(row['parallel_ratios'])} |")
    ir_rows = {label: max(run["parent_mb"] for run in row["serial"] + row["parallel"])
               for label, row in rows if label.startswith("ir-news")}
    if "ir-news 1×" in ir_rows and len(ir_rows) > 1:
        largest = list(ir_rows)[-1]
        print(f"\npeak memory of the exporting process at {largest.removeprefix('ir-news ')} is "
              f"{ir_rows[largest] / ir_rows['ir-news 1×'] - 1:+.0%} of 1× (target: within 15 %)")
    print("articles/s: articles over CPU seconds in one process, over wall-clock seconds with every core; "
          "targets: × hazm ≤ 2.5 in one process, ≤ 1.5 with every core; every process ≤ 1024 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
