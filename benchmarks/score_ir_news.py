"""Score the export on the hand-checked ir-news articles (tests/data/ir_news_gold.json).

Run from the project root: ``python benchmarks/score_ir_news.py`` (or ``make score-ir``); any
further arguments (``--quiet``, ``--json``, ``--min speakers_f1=0.95``) go to the scorer.
``--gold PATH`` scores another gold file of the same form instead, such as the held-out set
``tests/data/ir_news_heldout.json`` (articles never used to tune the rules: its figures show
whether rules made on the first set generalise).

The gold file names each article by its row in the bench file ``ir-news.jsonl`` (row 42 is
``ir-news_00042``). The texts stay in the bench: at run time this script copies the gold rows
into a temporary JSONL corpus with an explicit ``id`` per row (the loader takes it as
``article_id``), runs ``python -m helpers export`` on it, and runs the shared scorer on the
tables, printing its lines. Only ``id``, ``title`` and ``paragraphs`` are copied: the bench's
own ``outlet`` and ``date`` columns are left out, so the metadata figure measures what the
article's text states (the gold's outlet is the agency the text names, not the site that
reposted it). Without the bench file, it says so and exits 0.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.paths import PROJECT_ROOT, SCORER, SHARED_DIR, TESTS_DATA_DIR  # noqa: E402

IR_NEWS_BENCH = SHARED_DIR / "bench" / "ir-news.jsonl"
IR_NEWS_GOLD = TESTS_DATA_DIR / "ir_news_gold.json"
ID_PREFIX = "ir-news_"


IR_NEWS_HELDOUT = TESTS_DATA_DIR / "ir_news_heldout.json"


def read_gold(path: Path = IR_NEWS_GOLD) -> dict:
    """Return the gold annotations (``about`` and ``articles`` keyed by article id)."""
    return json.loads(path.read_text(encoding="utf-8"))


def row_number(article_id: str) -> int:
    """Return the 0-based bench row of an id such as ``ir-news_00042`` (42)."""
    prefix, _, digits = article_id.rpartition("_")
    if prefix + "_" != ID_PREFIX or len(digits) != 5 or not digits.isdigit():
        raise ValueError(f"{IR_NEWS_GOLD.name}: article id {article_id!r} is not of the form {ID_PREFIX}NNNNN")
    return int(digits)


def read_bench_rows(article_ids, bench: Path = IR_NEWS_BENCH) -> dict[str, dict]:
    """Return the bench record of each article id, keyed by id.

    Raises ``ValueError`` naming the bench file when an id's row is not there or is not JSON.
    """
    wanted = {row_number(article_id): article_id for article_id in article_ids}
    found: dict[str, dict] = {}
    with bench.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number in wanted:
                try:
                    found[wanted[number]] = json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"{bench} row {number}: invalid JSON ({error.msg})") from None
    missing = sorted(set(wanted.values()) - set(found))
    if missing:
        raise ValueError(f"{bench}: no row for {missing[:5]} (the file has fewer rows)")
    return found


def article_text(record: dict) -> str:
    """The article's words as the loader reads a JSONL row: the title, then one paragraph a line.

    (The loader also trims each line and drops empty ones; the scorer's folding ignores that.)
    """
    return "\n".join([record.get("title") or "", *(record.get("paragraphs") or [])])


def write_subset_corpus(records: dict[str, dict], path: Path) -> Path:
    """Write the records as a JSONL corpus with an explicit ``id`` per row, in id order."""
    with path.open("w", encoding="utf-8") as handle:
        for article_id in sorted(records):
            record = records[article_id]
            row = {"id": article_id, "title": record.get("title") or "", "paragraphs": record.get("paragraphs") or []}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def split_gold_argument(argv: list[str]) -> tuple[Path, list[str]]:
    """Return the gold file named by ``--gold PATH`` (default: the 69-article set) and the other arguments."""
    if "--gold" not in argv:
        return IR_NEWS_GOLD, list(argv)
    at = argv.index("--gold")
    if at + 1 >= len(argv):
        raise SystemExit("score_ir_news.py: --gold needs a path")
    return Path(argv[at + 1]).resolve(), argv[:at] + argv[at + 2:]


def main(argv: list[str]) -> int:
    gold_path, argv = split_gold_argument(argv)
    if not IR_NEWS_BENCH.exists():
        print(f"skipped: the ir-news bench file is not at {IR_NEWS_BENCH}")
        return 0
    if not SCORER.exists():
        print(f"skipped: the shared scorer is not at {SCORER}")
        return 0
    gold = read_gold(gold_path)
    records = read_bench_rows(gold["articles"])
    # The export runs in a child process; it must import this checkout's helpers.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])))
    with tempfile.TemporaryDirectory(prefix="ir-news-gold-") as folder:
        corpus = write_subset_corpus(records, Path(folder) / "ir-news-gold.jsonl")
        tables = Path(folder) / "tables"
        subprocess.run([sys.executable, "-m", "helpers", "export", str(corpus), str(tables), "--quiet"],
                       check=True, cwd=PROJECT_ROOT, env=env)
        shown = gold_path.relative_to(PROJECT_ROOT) if gold_path.is_relative_to(PROJECT_ROOT) else gold_path
        print(f"{len(records)} ir-news articles, gold {shown}")
        sys.stdout.flush()
        return subprocess.run([sys.executable, str(SCORER), str(gold_path), str(tables), *argv]).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
