"""Command line: ``python -m helpers export CORPUS OUT`` writes every table of a corpus.

    python -m helpers export corpus outputs/seeds            # the seed corpus
    python -m helpers export ../shared/bench/fars-news.jsonl outputs/bench --jobs 0
    python -m helpers export CORPUS OUT --dask local          # a two-worker Dask cluster
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers", description="Goftar: Persian news about officials")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write articles, speakers, quotes, numbers, statistics and themes tables")
    export.add_argument("corpus", help="a folder of .txt articles, or a CSV, JSONL or Parquet file with a text column")
    export.add_argument("out", help="folder to write the CSV and Parquet tables into")
    export.add_argument("--jobs", type=int, default=1, help="processes to use (0: every core); default 1")
    export.add_argument("--dask", metavar="ADDRESS", default=None,
                        help="run on a Dask scheduler at ADDRESS, or 'local' for a two-worker local cluster")
    export.add_argument("--no-cache", action="store_true", help="recompute every article instead of reusing cached results")
    export.add_argument("--digits", choices=("persian", "latin", "arabic"), default=None,
                        help="write every digit of the cleaned text in one script (default: as written)")
    export.add_argument("--flag-errors", action="store_true",
                        help="keep unreadable files as rows flagged with the reason instead of stopping")
    export.add_argument("--quiet", action="store_true", help="no progress bar")
    run = commands.add_parser("run-notebooks", help="run the numbered notebooks on a corpus (the main job)")
    run.add_argument("corpus", nargs="?", default=None, help="corpus to study (default: the seed corpus)")
    run.add_argument("out", nargs="?", default="outputs/seeds", help="output folder for tables, notebooks and figures")
    run.add_argument("--only", nargs="*", default=None, help="notebook numbers or names to run, e.g. 01 04")
    run.add_argument("--jobs", type=int, default=1, help="processes for the export (0: every core)")
    args = parser.parse_args(argv)

    if args.command == "run-notebooks":
        from .study import run_notebooks

        executed = run_notebooks(args.corpus, args.out, only=args.only, jobs=args.jobs)
        print(f"ran {len(executed)} notebooks; executed copies in {args.out}/notebooks")
        return 0

    from .load import CorpusError
    from .pipeline import DEFAULT_CACHE_DIR, export_corpus

    try:
        tables = export_corpus(args.corpus, args.out, jobs=args.jobs, dask_address=args.dask,
                               cache_dir=None if args.no_cache else DEFAULT_CACHE_DIR, digits=args.digits,
                               progress=not args.quiet, on_error="flag" if args.flag_errors else "raise")
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: tables already in the output folder are complete; none was half written", file=sys.stderr)
        return 130
    counts = ", ".join(f"{len(tables[name])} {name}" for name in ("articles", "speakers", "quotes", "statistics"))
    print(f"wrote {args.out}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
