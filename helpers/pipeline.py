"""From a corpus to every table: load → clean → annotate → tabulate, one article at a time.

:func:`annotate_article` is a pure function of one article's raw text; everything else runs it
over a corpus: serially, on every core (``jobs``), or on a Dask cluster (``dask_address``), with
results identical in all three, and cached per article so that an unchanged corpus is not
worked twice.

Tables (each a DataFrame; ``TABLE_NAMES`` in order):

* ``articles``: article_id, source, encoding, status, title, outlet, outlet_in_text,
  dateline_city, province, date, date_month_day, date_text, date_in_text, published,
  published_gregorian, published_month, news_id, link, event, audience, words, text (cleaned),
  raw_text (``outlet`` and ``date`` prefer the corpus's own columns; see :mod:`helpers.metadata`)
* ``boilerplate``: article_id, line, text, rule (what cleaning removed)
* ``paragraphs`` / ``sentences``: spans of the cleaned text
* ``speakers``, ``quotes``: see :mod:`helpers.speakers`
* ``numbers``, ``statistics``: see :mod:`helpers.numbers` and :mod:`helpers.statistics`
* ``themes``: see :mod:`helpers.themes`
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import pickle
import shutil
import signal
import sys
import tempfile
import warnings
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import __version__
from .columns import Columns, columns_of_tuples
from .paths import HELPERS_DIR, PROJECT_ROOT

TABLE_NAMES = ("articles", "boilerplate", "paragraphs", "sentences", "speakers", "quotes",
               "numbers", "statistics", "themes")
# Tables written by the export, and the columns each must have even when empty.
EXPORT_TABLES = ("articles", "boilerplate", "speakers", "quotes", "numbers", "statistics", "themes")
DEFAULT_CACHE_DIR = PROJECT_ROOT / ".cache" / "articles"


def annotate_article(article: dict, *, digits: str | None = None) -> dict[str, pd.DataFrame]:
    """Return every table's rows for one article (a row of :func:`helpers.load.load_corpus`).

    Pure: the result depends only on ``article`` (its ``article_id``, ``raw_text``,
    ``given_title`` and load columns) and ``digits``. The export itself uses
    :func:`article_columns`, the same rows without DataFrames.
    """
    return _article_frames(article["article_id"], article_columns(article, digits=digits))


def article_columns(article: dict, *, digits: str | None = None) -> dict[str, Columns]:
    """Every table's rows for one article as column lists (see :func:`annotate_article`)."""
    from .clean import PARAGRAPH_COLUMNS, REPORT_COLUMNS, SENTENCE_COLUMNS, clean_lines, paragraph_rows, sentence_rows
    from .metadata import article_metadata

    article_id = article["article_id"]
    raw_text = article.get("raw_text", "") or ""
    metadata = article_metadata(raw_text, given_title=article.get("given_title", "") or "",
                                given_outlet=article.get("given_outlet", "") or "",
                                given_date=article.get("given_date", "") or "")
    _, text, removed = clean_lines(raw_text, title=metadata["title"], digits=digits)
    tables = {
        "boilerplate": columns_of_tuples(article_id, removed, REPORT_COLUMNS),
        "paragraphs": columns_of_tuples(article_id, paragraph_rows(text), PARAGRAPH_COLUMNS),
        "sentences": columns_of_tuples(article_id, sentence_rows(text), SENTENCE_COLUMNS),
    }
    annotations, event = _annotations(text, article_id)
    tables.update(annotations)
    row = {key: article.get(key, "") for key in ("article_id", "source", "encoding", "status")}
    row.update({key: value for key, value in metadata.items() if key != "metadata_rules"})
    row["link"] = article.get("given_link", "") or ""
    # The title as cleaning writes it (the cleaned text's first line: Persian letters, ZWNJ
    # restored), so charts and tables never show «حسنپور» for «حسن‌پور»; raw_text keeps it as written.
    row["title"] = text.partition("\n")[0] if text else metadata["title"]
    row.update(event)
    row.update({"words": len(text.split()), "metadata_rules": metadata["metadata_rules"],
                "text": text, "raw_text": raw_text})
    tables["articles"] = {key: [value] for key, value in row.items()}
    return tables


def _annotations(text: str, article_id: str) -> tuple[dict[str, Columns], dict[str, str]]:
    """Speakers and quotes, then numbers and statistics attributed to them, then themes; and
    the article's event and audience (found outside the statements the speakers' reading found)."""
    from .events import article_event
    from .numbers import number_columns
    from .speakers import read_speakers
    from .statistics import statistic_columns
    from .themes import THEME_TABLE_COLUMNS, quote_spans, theme_rows

    speakers, quotes, statements = read_speakers(text, article_id=article_id)
    numbers = number_columns(text, article_id=article_id)
    statistics = statistic_columns(numbers, quotes=quotes)
    spans = quote_spans(quotes["start"], quotes["end"], quotes["speaker_id"])
    themes = theme_rows(text, article_id=article_id, spans=spans)
    event = article_event(text, statements=statements)
    tables = {"speakers": speakers, "quotes": quotes, "numbers": numbers, "statistics": statistics,
              "themes": columns_of_tuples(article_id, [row[1:] for row in themes], THEME_TABLE_COLUMNS[1:])}
    return tables, {"event": event.get("event", ""), "audience": event.get("audience", "")}


def _article_frames(article_id: str, tables: dict[str, Columns]) -> dict[str, pd.DataFrame]:
    """One article's tables as DataFrames, typed as each table's own function types them."""
    from .numbers import number_frame
    from .statistics import statistic_frame
    from .themes import theme_frame

    frames = {}
    for name, columns in tables.items():
        if name == "numbers":
            frames[name] = number_frame(columns)
        elif name == "statistics":
            frames[name] = statistic_frame(columns, frames["numbers"])
        elif next(iter(columns.values()), []):
            frames[name] = pd.DataFrame(columns, columns=list(columns))
        elif name in ("boilerplate", "paragraphs", "sentences"):  # clean's empty table, article_id added
            frames[name] = pd.DataFrame(columns=list(columns)[1:])
            frames[name].insert(0, "article_id", article_id)
        elif name == "themes":
            frames[name] = theme_frame([])
        else:
            frames[name] = pd.DataFrame(columns=list(columns))
    return frames


# ---------------------------------------------------------------- caching

@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the helpers' code and lexicons: any change to either invalidates the cache."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(HELPERS_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".tsv", ".txt"):
            digest.update(path.relative_to(HELPERS_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(article: dict, *, digits: str | None) -> str:
    """The cache key of one article: its id, raw text, title, options and the code fingerprint."""
    digest = hashlib.sha256()
    for part in (article["article_id"], article.get("raw_text", ""), article.get("given_title", ""),
                 article.get("given_outlet", ""), article.get("given_date", ""), article.get("given_link", ""),
                 article.get("source", ""), article.get("encoding", ""), article.get("status", ""),
                 str(digits), code_fingerprint()):
        digest.update(str(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def annotate_cached(article: dict, *, digits: str | None = None, cache_dir: Path | None = None) -> dict[str, Columns]:
    """:func:`article_columns`, read from or written to ``cache_dir`` when one is given."""
    if cache_dir is None:
        return article_columns(article, digits=digits)
    key = cache_key(article, digits=digits)
    path = Path(cache_dir) / key[:2] / f"{key}.pickle"
    if path.exists():
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError):
            pass  # a damaged entry is recomputed and overwritten
    tables = article_columns(article, digits=digits)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL))
    return tables


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------- over a corpus

def annotate_partition(corpus: pd.DataFrame, *, digits: str | None = None,
                       cache_dir: str | None = None) -> list[dict[str, Columns]]:
    """Annotate every article of a corpus slice; one result (:func:`article_columns`) per row, in row order."""
    cache = Path(cache_dir) if cache_dir else None
    with collector_paused():
        return [annotate_cached(article, digits=digits, cache_dir=cache) for article in corpus.to_dict("records")]


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector off inside the block, back as it was after it.

    Annotating articles leaves no reference cycles behind (a test checks it): reference
    counting frees everything. Yet the collector, set off by the many objects an article
    creates, walked the millions of long-lived ones (hazm's word lists, the lexicons) again
    and again: a tenth of the export's time. Paused one partition at a time, so that a cycle
    a new rule might create is still collected between partitions.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _partition_worker(args: tuple) -> list[dict]:
    # Workers ignore Ctrl-C: the parent stops them, so no table is half written.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    corpus, digits, cache_dir = args
    return annotate_partition(corpus, digits=digits, cache_dir=cache_dir)


def annotate_corpus(
    corpus: pd.DataFrame,
    *,
    jobs: int = 1,
    dask_address: str | None = None,
    cache_dir: str | Path | None = DEFAULT_CACHE_DIR,
    digits: str | None = None,
    progress: bool = True,
) -> dict[str, pd.DataFrame]:
    """Return every table (``TABLE_NAMES``) for a loaded corpus.

    ``jobs``: processes on this machine (``0`` or ``-1``: every core). ``dask_address``: a Dask
    scheduler address, or ``"local"`` for a two-worker local cluster. ``cache_dir``: where
    per-article results are kept (``None``: no cache). Results are the same, row for row, in
    every mode: articles keep the corpus's order.
    """
    cache = str(cache_dir) if cache_dir else None
    if dask_address:
        results = _annotate_with_dask(corpus, dask_address=dask_address, digits=digits, cache_dir=cache)
    else:
        workers = (os.cpu_count() or 1) if jobs in (0, -1) else max(1, jobs)
        results = _annotate_locally(corpus, workers=workers, digits=digits, cache_dir=cache, progress=progress)
    return collect_tables(results)


def _chunks(corpus: pd.DataFrame, size: int) -> list[pd.DataFrame]:
    return [corpus.iloc[start:start + size] for start in range(0, len(corpus), size)]


def _annotate_locally(corpus, *, workers, digits, cache_dir, progress) -> list[dict]:
    from tqdm.auto import tqdm

    bar = tqdm(total=len(corpus), desc="annotating", unit="article", disable=not progress or len(corpus) < 20)
    results: list[dict] = []
    try:
        if workers == 1:
            for chunk in _chunks(corpus, 25):
                results.extend(annotate_partition(chunk, digits=digits, cache_dir=cache_dir))
                bar.update(len(chunk))
        else:
            with warnings.catch_warnings(), \
                    ProcessPoolExecutor(max_workers=workers, mp_context=_worker_context()) as pool:
                # Python warns about any fork of a process with threads; _worker_context says
                # why this one is safe.
                warnings.filterwarnings("ignore", r"This process .* is multi-threaded", DeprecationWarning)
                jobs = [(chunk, digits, cache_dir) for chunk in _chunks(corpus, 25)]
                for chunk, part in zip(jobs, pool.map(_partition_worker, jobs)):
                    results.extend(part)
                    bar.update(len(chunk[0]))
    finally:
        bar.close()
    return results


# A tiny article whose annotation loads the costly lazy resources (hazm's objects and word
# lists, the ZWNJ and speaker lexicons) before workers are forked from this process.
_WARM_UP_ARTICLE = {"article_id": "warm-up", "raw_text": "وزیر کشور گفت: ۱۲ درصد بیشتر شد.\n",
                    "given_title": "", "source": "", "encoding": "utf-8", "status": "ok"}


def _worker_context():
    """How worker processes start: forked from this one on Linux, fresh elsewhere.

    A forked worker starts with this process's hazm objects and lexicons already loaded (they
    are loaded here first), where a fresh one spends five seconds loading its own. Forking is
    safe here because workers run only our pure functions, and the native thread pools this
    process may hold (OpenBLAS, Arrow) re-create themselves after a fork. macOS cannot fork
    safely once system libraries are loaded, so it (and Windows) spawns.
    """
    if sys.platform.startswith("linux"):
        article_columns(_WARM_UP_ARTICLE)
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _annotate_with_dask(corpus, *, dask_address, digits, cache_dir) -> list[dict]:
    import dask
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    @contextmanager
    def client_for(address):
        if address == "local":
            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                yield client
        else:
            with Client(address) as client:
                yield client

    partitions = dd.from_pandas(corpus, npartitions=max(1, min(len(corpus) // 25, 64)), sort=False).to_delayed()
    tasks = [dask.delayed(annotate_partition)(part, digits=digits, cache_dir=cache_dir) for part in partitions]
    with client_for(dask_address) as client:
        parts = client.compute(tasks, sync=True)
    return [result for part in parts for result in part]


def collect_tables(results: list[dict[str, Columns]]) -> dict[str, pd.DataFrame]:
    """One DataFrame per table from per-article results (:func:`article_columns`), in article order.

    Each table is built once from its columns joined over every article: pandas infers each
    column's dtype from all its values, as concatenating per-article tables did.
    """
    tables = {}
    for name in TABLE_NAMES:
        parts = [result[name] for result in results if name in result]
        columns = list(parts[0]) if parts else []
        joined: Columns = {column: [] for column in columns}
        for part in parts:
            for column in columns:
                joined[column].extend(part[column])
        filled = bool(columns) and bool(joined[columns[0]])
        tables[name] = pd.DataFrame(joined, columns=columns) if filled else pd.DataFrame(columns=columns)
    return tables


# ---------------------------------------------------------------- writing

def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path, *,
                 names: tuple[str, ...] = EXPORT_TABLES, parquet: bool = True) -> list[Path]:
    """Write each table as UTF-8 CSV (and Parquet) into ``out_dir``; return the paths written.

    Every file is written to a temporary name and renamed into place, so an interrupted run
    (Ctrl-C) leaves the previous file or the new one, never half a table.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        frame = tables[name]
        if name == "articles":
            frame = frame.drop(columns=["raw_text"], errors="ignore")
        targets = [(out / f"{name}.csv", lambda path, f=frame: f.to_csv(path, index=False, encoding="utf-8",
                                                                         lineterminator="\n"))]
        if parquet:
            targets.append((out / f"{name}.parquet", lambda path, f=frame: _to_parquet(f, path)))
        for target, write in targets:
            handle, temporary = tempfile.mkstemp(dir=out, prefix=f".{name}-", suffix=target.suffix)
            os.close(handle)
            try:
                write(temporary)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            written.append(target)
    return written


def _to_parquet(frame: pd.DataFrame, path: str) -> None:
    # Object columns mixing types (ids that look numeric) are written as text for a stable schema.
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(lambda v: v if v is None or isinstance(v, str) else str(v))
    frame.to_parquet(path, index=False)


def export_corpus(corpus_path: str | Path, out_dir: str | Path, *, jobs: int = 1,
                  dask_address: str | None = None, cache_dir: str | Path | None = DEFAULT_CACHE_DIR,
                  digits: str | None = None, progress: bool = True, on_error: str = "raise") -> dict[str, pd.DataFrame]:
    """Load, annotate and write every table of the corpus at ``corpus_path`` into ``out_dir``."""
    from .load import load_corpus

    corpus = load_corpus(corpus_path, on_error=on_error)
    tables = annotate_corpus(corpus, jobs=jobs, dask_address=dask_address, cache_dir=cache_dir,
                             digits=digits, progress=progress)
    write_tables(tables, out_dir)
    return tables


def clear_cache(cache_dir: str | Path = DEFAULT_CACHE_DIR) -> None:
    """Remove every cached article result."""
    shutil.rmtree(cache_dir, ignore_errors=True)
