"""From a corpus to every table: load → clean → annotate → tabulate, one article at a time.

:func:`annotate_article` is a pure function of one article's raw text; everything else runs it
over a corpus: serially, on every core (``jobs``), or on a Dask cluster (``dask_address``), with
results identical in all three, and cached per article (:mod:`helpers.cache`) so that an
unchanged corpus is not worked twice. Writing the tables is :mod:`helpers.export`'s job.

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
* ``people``: one row per person across the corpus, ``speakers.person_id`` and
  ``speakers.link_rule`` linking to it: see :mod:`helpers.people`
"""

from __future__ import annotations

import os
import signal
import threading
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .cache import DEFAULT_CACHE_DIR, cache_key, load_entry, store_entry
from .columns import Columns, columns_of_tuples
from .processes import collector_paused, collector_paused_then_frozen, stop_if_terminating, stop_workers, worker_context, worker_started

TABLE_NAMES = ("articles", "boilerplate", "paragraphs", "sentences", "speakers", "quotes",
               "numbers", "statistics", "themes")
# Tables written by the export, and the columns each must have even when empty.
EXPORT_TABLES = ("articles", "boilerplate", "speakers", "quotes", "numbers", "statistics", "themes", "people")


def annotate_article(article: dict, *, digits: str | None = None) -> dict[str, pd.DataFrame]:
    """Return every table's rows for one article (a row of :func:`helpers.load.load_corpus`).

    Pure: the result depends only on ``article`` (its ``article_id``, ``raw_text``,
    ``given_title`` and load columns) and ``digits``. The export itself uses
    :func:`article_columns`, the same rows without DataFrames.
    """
    return _article_frames(article["article_id"], article_columns(article, digits=digits))


def article_columns(article: dict, *, digits: str | None = None, exported_only: bool = False) -> dict[str, Columns]:
    """Every table's rows for one article as column lists (see :func:`annotate_article`).

    ``exported_only``: without the tables the export does not write (``paragraphs`` and
    ``sentences``, a tenth of a second of CPU on the Fars bench), for a result that goes
    straight to :func:`exported_result`.
    """
    from .clean import PARAGRAPH_COLUMNS, REPORT_COLUMNS, SENTENCE_COLUMNS, clean_lines, paragraph_rows, sentence_rows
    from .metadata import article_metadata
    from .text import fold_presentation_forms

    article_id = article["article_id"]
    raw_text = article.get("raw_text", "") or ""
    # presentation forms read as letters before anything is read (cleaning folds them too)
    metadata = article_metadata(fold_presentation_forms(raw_text), given_title=article.get("given_title", "") or "",
                                given_outlet=article.get("given_outlet", "") or "",
                                given_date=article.get("given_date", "") or "")
    _, text, removed = clean_lines(raw_text, title=metadata["title"], digits=digits)
    tables = {"boilerplate": columns_of_tuples(article_id, removed, REPORT_COLUMNS)}
    if not exported_only:
        tables["paragraphs"] = columns_of_tuples(article_id, paragraph_rows(text), PARAGRAPH_COLUMNS)
        tables["sentences"] = columns_of_tuples(article_id, sentence_rows(text), SENTENCE_COLUMNS)
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
    from .text import fold
    from .themes import THEME_TABLE_COLUMNS, quote_spans, theme_rows

    folded = fold(text)  # one fold of the article for the speakers and the event
    speakers, quotes, statements = read_speakers(text, article_id=article_id, folded=folded)
    numbers = number_columns(text, article_id=article_id)
    statistics = statistic_columns(numbers, quotes=quotes)
    spans = quote_spans(quotes["start"], quotes["end"], quotes["speaker_id"])
    themes = theme_rows(text, article_id=article_id, spans=spans)
    event = article_event(text, statements=statements, folded=folded)
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

def annotate_cached(article: dict, *, digits: str | None = None, cache_dir: Path | None = None,
                    refresh: bool = False, time_limit: float | None = None,
                    exported_only: bool = False) -> dict[str, Columns]:
    """:func:`article_columns`, read from or written to ``cache_dir`` when one is given.

    Every entry read is verified (:func:`helpers.cache.load_entry`); a damaged one is recomputed,
    overwritten and named in a warning. ``refresh``: recompute and overwrite without reading.
    ``time_limit``: seconds after which the article is flagged instead (:func:`time_limited_columns`);
    such a result, which depends on the machine's speed, is never cached. ``exported_only``: see
    :func:`article_columns`; it holds only without a cache, whose entries are whole results.
    """
    if cache_dir is None:
        return time_limited_columns(article, digits=digits, time_limit=time_limit, exported_only=exported_only)
    key = cache_key(article, digits=digits)
    if not refresh:
        cached = load_entry(cache_dir, key, article["article_id"])
        if cached is not None:
            return cached
    tables = time_limited_columns(article, digits=digits, time_limit=time_limit)
    if not tables["articles"]["status"][0].startswith(TIMEOUT_STATUS):
        store_entry(cache_dir, key, tables, article["article_id"])
    return tables


# ---------------------------------------------------------------- time limit

TIMEOUT_STATUS = "timeout"
# Seconds one article may take before it is flagged and skipped; None: no limit.
DEFAULT_ARTICLE_TIME_LIMIT = 60.0


class ArticleTimeout(BaseException):
    """Raised inside an article's annotation when its time is up.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` in a rule
    swallows it."""


def time_limited_columns(article: dict, *, digits: str | None = None, time_limit: float | None = None,
                         exported_only: bool = False) -> dict[str, Columns]:
    """:func:`article_columns`, or, past ``time_limit`` seconds, the article flagged and empty.

    The flagged result has every table's columns, no rows but the article's, ``status``
    ``timeout: ...`` and the raw text kept. The limit is a SIGALRM timer, so it holds only in
    a process's main thread (serial and ``jobs`` exports; not Dask worker threads) and fires
    between Python steps: one long call into C finishes first.
    """
    if not time_limit or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        return article_columns(article, digits=digits, exported_only=exported_only)
    warm_up()  # loading hazm and the lexicons is no article's time

    def time_is_up(signum, frame):
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, time_is_up)
    try:
        signal.setitimer(signal.ITIMER_REAL, time_limit)
        try:
            return article_columns(article, digits=digits, exported_only=exported_only)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except ArticleTimeout:
        return flagged_columns(article, f"{TIMEOUT_STATUS}: not annotated within {time_limit:g} s "
                                        f"({len(article.get('raw_text') or ''):,} characters)", digits=digits,
                               exported_only=exported_only)
    finally:
        signal.signal(signal.SIGALRM, previous)


def flagged_columns(article: dict, status: str, *, digits: str | None = None,
                    exported_only: bool = False) -> dict[str, Columns]:
    """An article's result with no annotation: its row (``status``, raw text kept) and empty
    tables (``exported_only``: see :func:`article_columns`)."""
    tables = article_columns({**article, "raw_text": ""}, digits=digits, exported_only=exported_only)
    tables["articles"].update(status=[status], raw_text=[article.get("raw_text", "") or ""])
    return tables


# ---------------------------------------------------------------- over a corpus

def annotate_partition(corpus: pd.DataFrame | list[dict], *, digits: str | None = None, cache_dir: str | None = None,
                       refresh_cache: bool = False, time_limit: float | None = None,
                       exported_only: bool = False,
                       joined: tuple[str, ...] | None = None) -> list[dict[str, Columns]] | dict[str, Columns]:
    """Annotate every article of a corpus slice (a frame, or a list of its rows as dicts); one
    result (:func:`article_columns`) per article, in order.

    ``refresh_cache`` and ``time_limit``: see :func:`annotate_cached`. ``exported_only``: each
    result as the export writes it (:func:`exported_result`), which is less to send back from
    a worker process. ``joined``: instead of the list, the tables of these names joined over
    the articles (:func:`joined_columns`): a few long lists per table, not short ones per
    article, which a worker process sends back and its parent takes in faster.
    """
    cache = Path(cache_dir) if cache_dir else None
    articles = corpus.to_dict("records") if isinstance(corpus, pd.DataFrame) else corpus
    with collector_paused():
        results = [annotate_cached(article, digits=digits, cache_dir=cache, refresh=refresh_cache,
                                   time_limit=time_limit, exported_only=exported_only) for article in articles]
    if exported_only:
        results = [exported_result(result) for result in results]
    return joined_columns(results, joined) if joined else results


def exported_result(tables: dict[str, Columns]) -> dict[str, Columns]:
    """One article's result with only what the export writes: the tables of ``EXPORT_TABLES``,
    the article's row without its raw text (the corpus keeps it)."""
    kept = {name: tables[name] for name in EXPORT_TABLES if name in tables}
    kept["articles"] = {key: values for key, values in kept["articles"].items() if key != "raw_text"}
    return kept


def _partition_worker(args: tuple) -> list[dict] | dict[str, Columns]:
    """A chunk annotated in a worker process; what it made left out of the collector's walks."""
    corpus, options = args
    # Frozen before the collector runs again: the results, about to be sent back and freed, and
    # what the word caches gained, which lives as long as the worker. Either would be walked by
    # the next collections to find nothing: annotating makes no cycles (a test checks it).
    with collector_paused_then_frozen():
        results = annotate_partition(corpus, **options)
    return results


def annotate_corpus(
    corpus: pd.DataFrame,
    *,
    jobs: int = 1,
    dask_address: str | None = None,
    cache_dir: str | Path | None = DEFAULT_CACHE_DIR,
    digits: str | None = None,
    progress: bool = True,
    refresh_cache: bool = False,
    time_limit: float | None = DEFAULT_ARTICLE_TIME_LIMIT,
) -> dict[str, pd.DataFrame]:
    """Return every table (``TABLE_NAMES``) for a loaded corpus, in memory.

    ``jobs``: processes on this machine (``0`` or ``-1``: every core). ``dask_address``: a Dask
    scheduler address, or ``"local"`` for a two-worker local cluster. ``cache_dir``: where
    per-article results are kept (``None``: no cache); ``refresh_cache``: recompute every
    article and overwrite its entry. ``time_limit``: seconds per article, past which it is
    flagged ``timeout: ...`` and left unannotated (``None``: no limit). Results are the same,
    row for row, in every mode: articles keep the corpus's order. For a corpus larger than
    memory, :func:`annotate_in_partitions` gives the same tables a slice at a time.
    """
    options = annotation_options(cache_dir=cache_dir, digits=digits, refresh_cache=refresh_cache,
                                 time_limit=time_limit)
    if dask_address:
        results = _annotate_with_dask(corpus, dask_address=dask_address, options=options)
    else:
        tasks = _tasks([corpus], workers=_worker_count(jobs))
        results = [result for _, part, _ in _annotated_chunks(tasks, jobs=jobs, options=options, progress=progress,
                                                              total=len(corpus))
                   for result in part]
    # Persons across the corpus (helpers.people): a people table and speakers.person_id.
    from .people import add_people

    return add_people(collect_tables(results))


# Articles per partition of a streamed export: each table's rows of this many articles are
# held at once (about 65 MB), then written and dropped.
PARTITION_SIZE = 500


def annotate_in_partitions(batches: Iterable[pd.DataFrame], *, jobs: int = 1,
                           cache_dir: str | Path | None = DEFAULT_CACHE_DIR, digits: str | None = None,
                           progress: bool = True, refresh_cache: bool = False,
                           time_limit: float | None = DEFAULT_ARTICLE_TIME_LIMIT,
                           partition_size: int = PARTITION_SIZE) -> Iterator[dict[str, pd.DataFrame]]:
    """Every table (``TABLE_NAMES``) of successive slices of a corpus read in ``batches``
    (:func:`helpers.load.iter_corpus`): one dict of tables per ``partition_size`` articles.

    Lazy: a batch is read and annotated only when the partitions before it have been taken,
    so memory holds one partition. Joined, the partitions are :func:`annotate_corpus`'s
    tables (options as there). The export takes the same partitions as column lists
    (:func:`annotated_partitions`); on a Dask cluster, workers read and write their own
    partitions instead (:func:`helpers.export.export_corpus`).
    """
    for results in annotated_partitions(batches, jobs=jobs, cache_dir=cache_dir, digits=digits, progress=progress,
                                        refresh_cache=refresh_cache, time_limit=time_limit,
                                        partition_size=partition_size):
        yield collect_tables(results)


def annotated_partitions(batches: Iterable[pd.DataFrame | list[dict]], *, jobs: int = 1,
                         cache_dir: str | Path | None = DEFAULT_CACHE_DIR, digits: str | None = None,
                         progress: bool = True, refresh_cache: bool = False,
                         time_limit: float | None = DEFAULT_ARTICLE_TIME_LIMIT,
                         partition_size: int = PARTITION_SIZE, exported_only: bool = False,
                         joined: tuple[str, ...] | None = None) -> Iterator[list[dict[str, Columns]] | dict[str, Columns]]:
    """:func:`annotate_in_partitions`'s partitions as lists of per-article results
    (:func:`annotate_partition`'s, ``exported_only`` as there); ``batches`` may be lists of
    rows (:func:`helpers.load.iter_corpus_rows`). At least one partition, empty for no article.

    ``joined``: each partition instead as the tables of these names joined over its articles
    (:func:`joined_columns`), as the export writes them. With worker processes, each chunk of
    articles is joined in its worker (:func:`annotate_partition`), then the chunks here, which
    gives the same lists: the parent's share of taking results in (unpickling and joining)
    halves, 0.018 -> 0.009 s of CPU per 200 articles of the Fars bench. In one process,
    joining twice would only cost more.
    """
    in_workers = joined if _worker_count(jobs) > 1 else None
    options = {**annotation_options(cache_dir=cache_dir, digits=digits, refresh_cache=refresh_cache,
                                    time_limit=time_limit), "exported_only": exported_only, "joined": in_workers}
    parts: list = []
    articles, given = 0, False
    tasks = _tasks(batches, workers=_worker_count(jobs))
    for size, part, ends_chunk in _annotated_chunks(tasks, jobs=jobs, options=options, progress=progress):
        parts.append(part)
        articles += size
        # a partition ends with a chunk, as if the corpus's last chunks were not cut finer
        if ends_chunk and articles >= partition_size:
            yield _partition(parts, joined)
            parts, articles, given = [], 0, True
    if parts or not given:
        yield _partition(parts, joined)


def _partition(parts: list, joined: tuple[str, ...] | None) -> list[dict[str, Columns]] | dict[str, Columns]:
    """One partition from its chunks' results: :func:`annotate_partition`'s lists of per-article
    results, or, from worker processes, each chunk's tables of ``joined`` joined already."""
    # A chunk's joined tables have an article's result's shape: joined again, they continue it.
    results = [result for part in parts for result in (part if isinstance(part, list) else [part])]
    return joined_columns(results, joined) if joined else results


def annotation_options(*, cache_dir, digits, refresh_cache, time_limit) -> dict:
    """The options every article is annotated with (:func:`annotate_partition`'s)."""
    return {"digits": digits, "cache_dir": str(cache_dir) if cache_dir else None,
            "refresh_cache": refresh_cache, "time_limit": time_limit}


def _chunks(corpus: pd.DataFrame | list[dict], size: int) -> list:
    rows = corpus.iloc if isinstance(corpus, pd.DataFrame) else corpus
    return [rows[start:start + size] for start in range(0, len(corpus), size)]


# Articles per task: enough to make sending them to a worker cheap, few enough that the
# progress bar moves.
CHUNK_SIZE = 25

# Articles per task among the corpus's last chunks (:func:`_tasks`).
LAST_CHUNKS_PIECE_SIZE = 5


def _tasks(batches: Iterable[pd.DataFrame | list[dict]], *, workers: int) -> Iterator[tuple[list, bool]]:
    """The articles of ``batches`` as tasks for :func:`_annotated_chunks`: pairs of rows and
    whether they end a chunk. Each batch is cut into chunks of :data:`CHUNK_SIZE` articles, and
    a task is a chunk, except that the corpus's last ``workers`` chunks are cut into pieces of
    :data:`LAST_CHUNKS_PIECE_SIZE`.

    With whole chunks to the end, one worker sat idle for half a chunk on average (some 0.09 s
    on the Fars bench, the whole machine waiting on one core) while the other finished its
    last; pieces make them finish within a piece of each other. To know which chunks are the
    last, ``workers`` chunks are read ahead of the one handed out.
    """
    held: deque = deque()
    for batch in batches:
        for chunk in _chunks(batch, CHUNK_SIZE):
            held.append(chunk)
            if len(held) > workers:
                yield held.popleft(), True
    for chunk in held:
        pieces = _chunks(chunk, LAST_CHUNKS_PIECE_SIZE)
        for number, piece in enumerate(pieces, start=1):
            yield piece, number == len(pieces)


def _annotated_chunks(tasks: Iterable[tuple[pd.DataFrame | list[dict], object]], *, jobs: int, options: dict,
                      progress: bool, total: int | None = None
                      ) -> Iterator[tuple[int, list[dict] | dict[str, Columns], object]]:
    """:func:`annotate_partition` of each task's articles, in order, with their number and the
    task's tag: ``tasks`` are pairs of articles (rows) and a tag passed through (:func:`_tasks`).
    Here (``jobs`` 1) or in worker processes.

    Tasks are taken from ``tasks`` only as workers need them (at most two per worker
    waiting), so a lazily read corpus is read no further ahead than :func:`_tasks` reads.
    """
    from tqdm.auto import tqdm

    workers = _worker_count(jobs)
    bar = tqdm(total=total, desc="annotating", unit="article",
               disable=not progress or (total is not None and total < 20))
    try:
        if workers == 1:
            for chunk, tag in tasks:
                part = annotate_partition(chunk, **options)
                bar.update(len(chunk))
                yield len(chunk), part, tag
                stop_if_terminating()
            return
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=worker_context(),
                                   initializer=worker_started, initargs=(os.getpid(),))
        try:
            waiting: deque = deque()
            for chunk, chunk_tag in tasks:
                with warnings.catch_warnings():
                    # Python warns about any fork of a process with threads; worker_context
                    # says why this one is safe. Workers are forked as tasks are handed out.
                    warnings.filterwarnings("ignore", r"This process .* is multi-threaded", DeprecationWarning)
                    waiting.append((len(chunk), pool.submit(_partition_worker, (chunk, options)), chunk_tag))
                while len(waiting) >= 2 * workers or (waiting and waiting[0][1].done()):
                    size, task, tag = waiting.popleft()
                    bar.update(size)
                    yield size, task.result(), tag
                    stop_if_terminating()
            while waiting:
                size, task, tag = waiting.popleft()
                bar.update(size)
                yield size, task.result(), tag
                stop_if_terminating()
        except BaseException:  # Ctrl-C, SIGTERM, or the consumer stopped: no waiting for queued chunks
            stop_workers(pool)
            raise
        # Every result is in: the workers exit on their own (the executor's thread joins them),
        # while this process goes on to write. Waiting for them to exit cost 0.1-0.15 s of the
        # Fars bench's wall-clock time, with both cores idle but for the exits.
        pool.shutdown(wait=False)
    finally:
        bar.close()


def _worker_count(jobs: int) -> int:
    """Processes for ``jobs`` (``0`` or ``-1``: every core)."""
    return (os.cpu_count() or 1) if jobs in (0, -1) else max(1, jobs)


# A tiny article whose annotation loads the costly lazy resources (hazm's objects and word
# lists, the ZWNJ and speaker lexicons) before workers are forked from this process; its
# speakers (one named, one named by an office alone) load the people step's lexicons.
_WARM_UP_ARTICLE = {"article_id": "warm-up", "raw_text": "محمد باقری، وزیر کشور گفت: ۱۲ درصد بیشتر شد.\n"
                                                         "سخنگوی وزارت خارجه آمریکا گفت: این درست نیست.\n",
                    "given_title": "", "source": "", "encoding": "utf-8", "status": "ok"}


@lru_cache(maxsize=1)
def warm_up() -> None:
    """Load the costly lazy resources in this process, once: annotates :data:`_WARM_UP_ARTICLE`
    and links its speakers (:func:`helpers.people.add_people`), so that neither an article's
    time nor the export's last step, alone in the parent after the workers, pays for them."""
    from .people import add_people

    add_people(collect_tables([article_columns(_WARM_UP_ARTICLE)]))


@contextmanager
def dask_client(address: str):
    """A Dask client on the scheduler at ``address``, or on a two-worker local cluster (``"local"``)."""
    from dask.distributed import Client, LocalCluster

    if address == "local":
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
    else:
        with Client(address) as client:
            yield client


def _annotate_with_dask(corpus, *, dask_address, options) -> list[dict]:
    import dask
    import dask.dataframe as dd

    partitions = dd.from_pandas(corpus, npartitions=max(1, min(len(corpus) // 25, 64)), sort=False).to_delayed()
    tasks = [dask.delayed(annotate_partition)(part, **options) for part in partitions]
    with dask_client(dask_address) as client:
        parts = client.compute(tasks, sync=True)
    return [result for part in parts for result in part]


def collect_tables(results: list[dict[str, Columns]]) -> dict[str, pd.DataFrame]:
    """One DataFrame per table from per-article results (:func:`article_columns`), in article order.

    Each table is built once from its columns joined over every article: pandas infers each
    column's dtype from all its values, as concatenating per-article tables did.
    """
    tables = {}
    for name, joined in joined_columns(results).items():
        columns = list(joined)
        filled = bool(columns) and bool(joined[columns[0]])
        tables[name] = pd.DataFrame(joined, columns=columns) if filled else pd.DataFrame(columns=columns)
    return tables


def joined_columns(results: list[dict[str, Columns]], names: tuple[str, ...] = TABLE_NAMES) -> dict[str, Columns]:
    """Each table of ``names`` as one set of column lists joined over per-article results, in
    article order (no columns at all when there is no result)."""
    tables = {}
    for name in names:
        parts = [result[name] for result in results if name in result]
        columns = list(parts[0]) if parts else []
        joined: Columns = {column: [] for column in columns}
        for part in parts:
            for column in columns:
                joined[column].extend(part[column])
        tables[name] = joined
    return tables
