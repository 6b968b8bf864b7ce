"""Command line: ``python -m helpers export CORPUS OUT`` writes every table of a corpus.

    python -m helpers export corpus outputs/seeds            # the seed corpus
    python -m helpers export ../shared/bench/fars-news.jsonl outputs/bench --jobs 0
    python -m helpers export CORPUS OUT --dask local          # a two-worker Dask cluster

Exit status: 0 done; 2 a bad corpus or output path, found before any work (one line on stderr
naming the path); 1 a failure while running (a full disk); 130 Ctrl-C; 143 SIGTERM. After 1, 130
or 143 the message says what OUT holds: the previous export, whole, or this run's.
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
    export.add_argument("--refresh-cache", action="store_true",
                        help="recompute every article and overwrite its cached result")
    export.add_argument("--article-timeout", type=float, default=None, metavar="SECONDS",
                        help="flag an article not annotated within SECONDS and go on "
                             "(default 60; 0: no limit)")
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
    from .pipeline import (DEFAULT_ARTICLE_TIME_LIMIT, DEFAULT_CACHE_DIR, ExportError, Terminated, describe_export,
                           export_corpus, new_run_id)

    run_id = new_run_id()
    timeout = DEFAULT_ARTICLE_TIME_LIMIT if args.article_timeout is None else (args.article_timeout or None)
    try:
        tables = export_corpus(args.corpus, args.out, jobs=args.jobs, dask_address=args.dask,
                               cache_dir=None if args.no_cache else DEFAULT_CACHE_DIR, digits=args.digits,
                               progress=not args.quiet, on_error="flag" if args.flag_errors else "raise",
                               refresh_cache=args.refresh_cache, time_limit=timeout, run_id=run_id)
    except (CorpusError, ExportError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except Terminated:
        print(f"terminated: {describe_export(args.out, run_id=run_id)}", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print(f"interrupted: {describe_export(args.out, run_id=run_id)}", file=sys.stderr)
        return 130
    except OSError as error:  # a full disk, a folder removed under the run: one line, the path named
        where = error.filename or args.out
        print(f"error: {where}: {error.strerror or error}; {describe_export(args.out, run_id=run_id)}",
              file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(tables[name])} {name}" for name in ("articles", "speakers", "quotes", "statistics"))
    print(f"wrote {args.out}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
