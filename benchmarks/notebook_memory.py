"""Peak memory of every notebook's kernel, and of the export they read, on one corpus.

    python benchmarks/notebook_memory.py [CORPUS] [--times N] [--export-dir DIR] [--only 00 02] [--jobs J]

CORPUS defaults to the ir-news bench corpus; ``--times N`` studies it written N times over into
a temporary file (its articles have no id column, so their ids are row positions, distinct
over the copies; 10: 48,190 articles). The corpus is exported once (``--jobs`` processes, no
cache) in a fresh process, whose peak memory is measured, unless ``--export-dir`` names an
export of it already made; then each notebook of the sequence runs on that export, as
``make all`` runs it, in a fresh process of its own. A notebook's peak is its kernel's: the
kernel is that process's only child, so ``getrusage(RUSAGE_CHILDREN)`` there is the kernel's
peak resident set size once it has exited. Prints one table. Target (issue 19): every
notebook's kernel under 2 GB, the export's processes at most 1 GB, on ir-news ×10.
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from archive_scale import IR_NEWS, export_run, repeated  # noqa: E402

from helpers.paths import PROJECT_ROOT  # noqa: E402

# Run in a fresh process: one notebook on an export, then its kernel's peak memory.
NOTEBOOK_CHILD = """
import json, resource, sys, time
from pathlib import Path
from helpers.study import count_images, execute_notebook
notebook, corpus, out, export_dir, timeout = sys.argv[1:6]
started = time.perf_counter()
target = Path(out) / "notebooks" / Path(notebook).name
try:
    execute_notebook(Path(notebook), target, corpus=corpus, output_dir=out, export_dir=export_dir,
                     timeout=int(timeout))
    result = {"charts": count_images(target)}
except Exception as error:  # the kernel's peak up to the failure is still measured
    result = {"error": (str(error).strip().splitlines() or [type(error).__name__])[-1]}
result.update(seconds=time.perf_counter() - started,
              kernel_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
print(json.dumps(result, ensure_ascii=False))
"""
LIMIT_MB = 2048
EXPORT_LIMIT_MB = 1024


def notebook_run(notebook: Path, corpus: Path, out: Path, export_dir: Path, *, timeout: int) -> dict:
    """Run ``notebook`` on ``export_dir`` in a fresh process; its seconds, charts and kernel peak."""
    result = subprocess.run([sys.executable, "-c", NOTEBOOK_CHILD, str(notebook), str(corpus), str(out),
                             str(export_dir), str(timeout)], cwd=PROJECT_ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    if result.returncode:
        return {"error": (result.stderr.strip().splitlines() or [f"exit status {result.returncode}"])[-1]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    from helpers.study import sequence

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=IR_NEWS, help="default: the ir-news bench corpus")
    parser.add_argument("--times", type=int, default=1, help="study the corpus written this many times over")
    parser.add_argument("--export-dir", type=Path, help="an export of this corpus (and --times) already made")
    parser.add_argument("--only", nargs="+", help="notebooks to run, by number or name (default: all)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes of the export (default 1)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds a notebook cell may take")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found at {args.corpus}; nothing to measure")
        return 0
    notebooks = [p for p in sequence() if not args.only or p.name[:2] in args.only or p.stem in args.only]
    rows = []
    with tempfile.TemporaryDirectory(prefix="goftar-notebook-memory-") as temporary:
        folder = Path(temporary)
        corpus = repeated(args.corpus, args.times, folder) if args.times > 1 else args.corpus.resolve()
        export = None
        export_dir = args.export_dir
        if export_dir is None:
            export_dir = folder / "tables"
            export = export_run(corpus, export_dir, args.jobs)
        articles = json.loads((export_dir / "manifest.json").read_text(encoding="utf-8"))["rows"]["articles"]
        for notebook in notebooks:
            run = notebook_run(notebook, corpus, folder / "out", export_dir, timeout=args.timeout)
            rows.append((notebook.name, run))
            print(f"{notebook.name}: {json.dumps(run, ensure_ascii=False)}", file=sys.stderr, flush=True)
    label = f"{args.corpus.stem}{f' ×{args.times}' if args.times > 1 else ''}"
    print(f"\n{label}: {articles:,} articles\n")
    print("| step | seconds | peak memory MB | under the bar |")
    print("| --- | --- | --- | --- |")
    if export is not None:
        worker = f", largest worker {export['worker_mb']:.0f}" if args.jobs > 1 else ""
        print(f"| export ({args.jobs} process{'es' if args.jobs > 1 else ''}) | {export['seconds']:.0f} | "
              f"{export['parent_mb']:.0f}{worker} | "
              f"{'yes' if max(export['parent_mb'], export['worker_mb']) <= EXPORT_LIMIT_MB else 'NO'} (1 GB) |")
    for name, run in rows:
        if "kernel_mb" not in run:
            print(f"| {name} | – | – | FAILED: {run['error']} |")
        elif "error" in run:
            print(f"| {name} | {run['seconds']:.0f} | {run['kernel_mb']:.0f} (until it failed) | "
                  f"FAILED: {run['error']} |")
        else:
            print(f"| {name} | {run['seconds']:.0f} | {run['kernel_mb']:.0f} | "
                  f"{'yes' if run['kernel_mb'] < LIMIT_MB else 'NO'} (2 GB) |")
    return 0 if all("error" not in run for _, run in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
