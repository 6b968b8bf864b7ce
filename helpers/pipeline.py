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
* ``people``: one row per person across the corpus, ``speakers.person_id`` and
  ``speakers.link_rule`` linking to it: see :mod:`helpers.people`
"""

from __future__ import annotations

import errno
import gc
import hashlib
import json
import multiprocessing
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import __version__
from .columns import Columns, columns_of_tuples
from .paths import HELPERS_DIR, PROJECT_ROOT

TABLE_NAMES = ("articles", "boilerplate", "paragraphs", "sentences", "speakers", "quotes",
               "numbers", "statistics", "themes")
# Tables written by the export, and the columns each must have even when empty.
EXPORT_TABLES = ("articles", "boilerplate", "speakers", "quotes", "numbers", "statistics", "themes", "people")
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
    from .text import fold_presentation_forms

    article_id = article["article_id"]
    raw_text = article.get("raw_text", "") or ""
    # presentation forms read as letters before anything is read (cleaning folds them too)
    metadata = article_metadata(fold_presentation_forms(raw_text), given_title=article.get("given_title", "") or "",
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


# A cache entry: this line, the SHA-256 of the pickled result in hex and a newline, then the
# pickle. A flipped byte anywhere in the result changes the checksum, and the entry is redone.
CACHE_MAGIC = b"goftar-cache 1\n"


def cache_entry_bytes(tables: dict[str, Columns]) -> bytes:
    """What :func:`annotate_cached` stores for one article's result: header, checksum, pickle."""
    payload = pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL)
    return CACHE_MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def read_cache_entry(path: Path, article_id: str) -> dict[str, Columns]:
    """One article's cached result; :class:`CacheEntryError` saying why when it cannot be trusted."""
    data = path.read_bytes()
    if not data.startswith(CACHE_MAGIC):
        raise CacheEntryError("not a cache entry of this version")
    checksum, _, payload = data[len(CACHE_MAGIC):].partition(b"\n")
    if hashlib.sha256(payload).hexdigest().encode() != checksum:
        raise CacheEntryError("checksum does not match its content")
    try:
        tables = pickle.loads(payload)
    except Exception as error:  # a checksum match makes this unlikely; any failure means redo
        raise CacheEntryError(f"cannot be unpickled ({error})") from None
    if not (isinstance(tables, dict) and set(TABLE_NAMES) <= set(tables)
            and isinstance(tables["articles"], dict) and tables["articles"].get("article_id") == [article_id]):
        raise CacheEntryError(f"does not hold the tables of article {article_id!r}")
    return tables


class CacheEntryError(ValueError):
    """A cache entry that cannot be used; it is recomputed and named in a warning."""


def annotate_cached(article: dict, *, digits: str | None = None, cache_dir: Path | None = None,
                    refresh: bool = False, time_limit: float | None = None) -> dict[str, Columns]:
    """:func:`article_columns`, read from or written to ``cache_dir`` when one is given.

    Every entry read is verified (:func:`read_cache_entry`); a damaged one is recomputed,
    overwritten and named in a warning. ``refresh``: recompute and overwrite without reading.
    ``time_limit``: seconds after which the article is flagged instead (:func:`time_limited_columns`);
    such a result, which depends on the machine's speed, is never cached.
    """
    if cache_dir is None:
        return time_limited_columns(article, digits=digits, time_limit=time_limit)
    key = cache_key(article, digits=digits)
    path = Path(cache_dir) / key[:2] / f"{key}.pickle"
    if path.exists() and not refresh:
        try:
            return read_cache_entry(path, article["article_id"])
        except (OSError, CacheEntryError) as error:
            reason = error.strerror if isinstance(error, OSError) else error
            warnings.warn(f"cache entry {path} ({article['article_id']}): {reason}; recomputed", stacklevel=2)
    tables = time_limited_columns(article, digits=digits, time_limit=time_limit)
    if not tables["articles"]["status"][0].startswith(TIMEOUT_STATUS):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(path, cache_entry_bytes(tables))
        except OSError as error:  # a full disk: the cache is an optimisation, the export goes on
            warnings.warn(f"cache entry {path} ({article['article_id']}) not written: {error.strerror}", stacklevel=2)
    return tables


# Temporary files this process is writing: a worker stopped by SIGTERM removes them in its
# handler (_worker_terminated), as it exits without running ``finally`` blocks.
_TEMPORARIES: set[str] = set()


def _write_atomically(path: Path, data: bytes) -> None:
    # The pid in the name lets a later run remove what a killed process left (remove_stale_temporaries).
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".tmp-{os.getpid()}-")
    _TEMPORARIES.add(temporary)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, _new_file_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    finally:
        _TEMPORARIES.discard(temporary)


def remove_stale_temporaries(cache_dir: str | Path) -> int:
    """Remove temporary cache files left by processes no longer running (killed by SIGKILL)."""
    removed = 0
    for temporary in Path(cache_dir).glob("*/.tmp-*"):
        pid = temporary.name.split("-")[1]
        if pid.isdigit() and not _process_alive(int(pid)):
            temporary.unlink(missing_ok=True)
            removed += 1
    return removed


def _new_file_mode() -> int:
    """The mode a plain new file gets under this process's umask (mkstemp's are private).

    Python has no call that only reads the umask: it is set and put back at once."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# ---------------------------------------------------------------- time limit

TIMEOUT_STATUS = "timeout"
# Seconds one article may take before it is flagged and skipped; None: no limit.
DEFAULT_ARTICLE_TIME_LIMIT = 60.0


class ArticleTimeout(BaseException):
    """Raised inside an article's annotation when its time is up.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` in a rule
    swallows it."""


def time_limited_columns(article: dict, *, digits: str | None = None,
                         time_limit: float | None = None) -> dict[str, Columns]:
    """:func:`article_columns`, or, past ``time_limit`` seconds, the article flagged and empty.

    The flagged result has every table's columns, no rows but the article's, ``status``
    ``timeout: ...`` and the raw text kept. The limit is a SIGALRM timer, so it holds only in
    a process's main thread (serial and ``jobs`` exports; not Dask worker threads) and fires
    between Python steps: one long call into C finishes first.
    """
    if not time_limit or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        return article_columns(article, digits=digits)
    warm_up()  # loading hazm and the lexicons is no article's time

    def time_is_up(signum, frame):
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, time_is_up)
    try:
        signal.setitimer(signal.ITIMER_REAL, time_limit)
        try:
            return article_columns(article, digits=digits)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except ArticleTimeout:
        return flagged_columns(article, f"{TIMEOUT_STATUS}: not annotated within {time_limit:g} s "
                                        f"({len(article.get('raw_text') or ''):,} characters)", digits=digits)
    finally:
        signal.signal(signal.SIGALRM, previous)


def flagged_columns(article: dict, status: str, *, digits: str | None = None) -> dict[str, Columns]:
    """An article's result with no annotation: its row (``status``, raw text kept) and empty tables."""
    tables = article_columns({**article, "raw_text": ""}, digits=digits)
    tables["articles"].update(status=[status], raw_text=[article.get("raw_text", "") or ""])
    return tables


# ---------------------------------------------------------------- over a corpus

def annotate_partition(corpus: pd.DataFrame, *, digits: str | None = None, cache_dir: str | None = None,
                       refresh_cache: bool = False, time_limit: float | None = None) -> list[dict[str, Columns]]:
    """Annotate every article of a corpus slice; one result (:func:`article_columns`) per row, in row order.

    ``refresh_cache`` and ``time_limit``: see :func:`annotate_cached`.
    """
    cache = Path(cache_dir) if cache_dir else None
    with collector_paused():
        return [annotate_cached(article, digits=digits, cache_dir=cache, refresh=refresh_cache, time_limit=time_limit)
                for article in corpus.to_dict("records")]


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
    corpus, options = args
    return annotate_partition(corpus, **options)


# prctl(2) option: the signal this process gets when its parent dies.
PR_SET_PDEATHSIG = 1


def _worker_started(parent_pid: int) -> None:
    """Initializer of every worker process: die with the parent, tidy up on SIGTERM.

    Workers ignore Ctrl-C: the parent stops them (:func:`_stop_workers`), with SIGTERM, on
    which a worker removes the temporary file it may be writing and exits at once. If the
    parent dies, even by SIGKILL, the worker is killed: on Linux by the kernel
    (``prctl(PR_SET_PDEATHSIG)``), elsewhere by a thread that notices it has been re-parented.
    SIGKILL, not SIGTERM, because a worker blocked on a lock its dead sibling held may never
    get to run a handler; what it leaves in the cache goes at the next run
    (:func:`remove_stale_temporaries`).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_terminated)
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    else:
        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before the death signal was armed
        os._exit(1)


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(0.5)
    os._exit(1)


def _worker_terminated(signum, frame) -> None:
    for temporary in list(_TEMPORARIES):
        with suppress(OSError):
            os.unlink(temporary)
    os._exit(128 + signum)


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
    """Return every table (``TABLE_NAMES``) for a loaded corpus.

    ``jobs``: processes on this machine (``0`` or ``-1``: every core). ``dask_address``: a Dask
    scheduler address, or ``"local"`` for a two-worker local cluster. ``cache_dir``: where
    per-article results are kept (``None``: no cache); ``refresh_cache``: recompute every
    article and overwrite its entry. ``time_limit``: seconds per article, past which it is
    flagged ``timeout: ...`` and left unannotated (``None``: no limit). Results are the same,
    row for row, in every mode: articles keep the corpus's order.
    """
    options = {"digits": digits, "cache_dir": str(cache_dir) if cache_dir else None,
               "refresh_cache": refresh_cache, "time_limit": time_limit}
    if cache_dir:
        remove_stale_temporaries(cache_dir)
    if dask_address:
        results = _annotate_with_dask(corpus, dask_address=dask_address, options=options)
    else:
        workers = (os.cpu_count() or 1) if jobs in (0, -1) else max(1, jobs)
        results = _annotate_locally(corpus, workers=workers, options=options, progress=progress)
    # Persons across the corpus (helpers.people): a people table and speakers.person_id.
    from .people import add_people

    return add_people(collect_tables(results))


def _chunks(corpus: pd.DataFrame, size: int) -> list[pd.DataFrame]:
    return [corpus.iloc[start:start + size] for start in range(0, len(corpus), size)]


# Articles per task: enough to make sending them to a worker cheap, few enough that the
# progress bar moves.
CHUNK_SIZE = 25


def _annotate_locally(corpus, *, workers, options, progress) -> list[dict]:
    from tqdm.auto import tqdm

    bar = tqdm(total=len(corpus), desc="annotating", unit="article", disable=not progress or len(corpus) < 20)
    results: list[dict] = []
    try:
        if workers == 1:
            for chunk in _chunks(corpus, CHUNK_SIZE):
                results.extend(annotate_partition(chunk, **options))
                bar.update(len(chunk))
                stop_if_terminating()
        else:
            with warnings.catch_warnings():
                # Python warns about any fork of a process with threads; _worker_context says
                # why this one is safe. Workers are forked as tasks are handed out.
                warnings.filterwarnings("ignore", r"This process .* is multi-threaded", DeprecationWarning)
                pool = ProcessPoolExecutor(max_workers=workers, mp_context=_worker_context(),
                                           initializer=_worker_started, initargs=(os.getpid(),))
                try:
                    tasks = [(chunk, options) for chunk in _chunks(corpus, CHUNK_SIZE)]
                    for task, part in zip(tasks, pool.map(_partition_worker, tasks)):
                        results.extend(part)
                        bar.update(len(task[0]))
                        stop_if_terminating()
                except BaseException:
                    _stop_workers(pool)  # Ctrl-C or SIGTERM: no waiting for the queued chunks
                    raise
                pool.shutdown()
    finally:
        bar.close()
    return results


# Seconds stopped workers have to remove their temporary files before they are killed.
WORKER_GRACE = 2.0


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the workers now: SIGTERM (they remove their temporary
    files), then SIGKILL for any still alive after :data:`WORKER_GRACE` seconds: a worker
    blocked on the task queue's lock, which a sibling held when it died, would otherwise keep
    the export from ever exiting."""
    # The executor's own processes: Python has no public way to reach them before 3.14.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + WORKER_GRACE
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()


# A tiny article whose annotation loads the costly lazy resources (hazm's objects and word
# lists, the ZWNJ and speaker lexicons) before workers are forked from this process.
_WARM_UP_ARTICLE = {"article_id": "warm-up", "raw_text": "وزیر کشور گفت: ۱۲ درصد بیشتر شد.\n",
                    "given_title": "", "source": "", "encoding": "utf-8", "status": "ok"}


_warm = False


def warm_up() -> None:
    """Load the costly lazy resources in this process, once (annotates :data:`_WARM_UP_ARTICLE`)."""
    global _warm
    if not _warm:
        article_columns(_WARM_UP_ARTICLE)
        _warm = True


def _worker_context():
    """How worker processes start: forked from this one on Linux, fresh elsewhere.

    A forked worker starts with this process's hazm objects and lexicons already loaded (they
    are loaded here first), where a fresh one spends five seconds loading its own. Forking is
    safe here because workers run only our pure functions, and the native thread pools this
    process may hold (OpenBLAS, Arrow) re-create themselves after a fork. macOS cannot fork
    safely once system libraries are loaded, so it (and Windows) spawns.
    """
    if sys.platform.startswith("linux"):
        warm_up()
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _annotate_with_dask(corpus, *, dask_address, options) -> list[dict]:
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
    tasks = [dask.delayed(annotate_partition)(part, **options) for part in partitions]
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

MANIFEST_NAME = "manifest.json"


class ExportError(ValueError):
    """An export that cannot start or finish; the message names the path and the problem."""


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C inside an export so that it cleans up the same way."""


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path, *,
                 names: tuple[str, ...] = EXPORT_TABLES, parquet: bool = True) -> list[Path]:
    """Write each table as UTF-8 CSV (and Parquet) into ``out_dir``; return the paths written.

    Every file is written to a temporary name and renamed into place, so an interrupted run
    (Ctrl-C) leaves the previous file or the new one, never half a table. Files get the
    umask's usual mode. :func:`write_export` makes a whole export one unit.
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
            temporary = out / f".{name}-{os.getpid()}.tmp{target.suffix}"
            try:
                write(str(temporary))
                os.replace(temporary, target)
            except BaseException:
                temporary.unlink(missing_ok=True)
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


def new_run_id() -> str:
    """An export's id: UTC time and a random part, e.g. ``20261206T012345Z-3f9a1c``."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-" + os.urandom(3).hex()


def export_file_names(names: tuple[str, ...] = EXPORT_TABLES) -> set[str]:
    """The files an export folder holds: each table as CSV and Parquet, and the manifest."""
    return {f"{name}.{suffix}" for name in names for suffix in ("csv", "parquet")} | {MANIFEST_NAME}


def write_export(tables: dict[str, pd.DataFrame], out_dir: str | Path, *, run_id: str | None = None,
                 corpus: str = "") -> dict:
    """Write every export table into ``out_dir`` as one unit; return the manifest.

    The tables are written into a new hidden folder beside ``out_dir``, the manifest last
    (run id, and each file's table, rows, bytes and SHA-256), then the folder is swapped in
    whole: a reader sees the previous export or the new one, never a mix. If the run stops
    before the swap (Ctrl-C, SIGTERM, a full disk), the new folder is removed and ``out_dir``
    is untouched; after SIGKILL it is left behind and removed by the next export.
    """
    out = Path(out_dir).absolute()
    run_id = run_id or new_run_id()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_exports(out)
    staging = out.parent / f".{out.name}.new-{os.getpid()}-{run_id}"
    try:
        staging.mkdir()  # inside the try: a Ctrl-C just after it must not leave the folder
        files = []
        for path in write_tables(tables, staging):
            data = path.read_bytes()
            name = path.name.rsplit(".", 1)[0]
            files.append({"file": path.name, "table": name, "rows": len(tables[name]),
                          "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()})
        manifest = {"run_id": run_id, "written": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "corpus": str(corpus), "goftar": __version__, "code": code_fingerprint(), "files": files}
        (staging / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
        stop_if_terminating()
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest


def _swap_in(staging: Path, out: Path) -> None:
    """Put the folder ``staging`` at ``out`` in one step; the old ``out`` is then removed."""
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):  # staging now holds the old export
        shutil.rmtree(staging, ignore_errors=True)
        return
    # No atomic exchange (not Linux): two renames; between them ``out`` is briefly absent.
    old = staging.with_name(staging.name.replace(".new-", ".old-", 1))
    os.rename(out, old)
    try:
        os.rename(staging, out)
    except BaseException:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


# renameat2(2) flag: swap two paths atomically (Linux 3.15, glibc 2.28).
RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step where the system can; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # a file system without exchange
        return False
    raise OSError(error, os.strerror(error), str(second))


def remove_stale_exports(out: Path) -> list[Path]:
    """Remove half-written export folders beside ``out`` left by processes no longer running."""
    removed = []
    for candidate in out.parent.glob(f".{glob_escape(out.name)}.[no][el][wd]-*"):
        pid = candidate.name[len(out.name) + 6:].split("-", 1)[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(candidate)
    return removed


def glob_escape(name: str) -> str:
    """``name`` with glob's special characters taken literally."""
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def describe_export(out_dir: str | Path, *, run_id: str | None = None) -> str:
    """What ``out_dir`` holds, in one sentence: for the message after an interrupted export."""
    out = Path(out_dir)
    if not out.exists():
        return f"{out} was not created"
    manifest = read_manifest(out)
    if manifest is None:
        tables = sorted(p.name for p in out.glob("*.csv"))
        return f"{out} is unchanged ({len(tables)} tables of an export without a manifest)" if tables \
            else f"{out} is unchanged (no export in it)"
    if manifest.get("run_id") == run_id:
        return f"{out} holds this run's export, complete (run {run_id})"
    return (f"{out} is unchanged: it holds the previous export, complete (run {manifest.get('run_id')}, "
            f"written {manifest.get('written')})")


def read_manifest(out_dir: str | Path) -> dict | None:
    """An export folder's manifest, or None when it has none that can be read."""
    try:
        return json.loads((Path(out_dir) / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def verify_export(out_dir: str | Path) -> list[str]:
    """The problems of an export folder against its manifest; an empty list when it is whole."""
    out = Path(out_dir)
    manifest = read_manifest(out)
    if manifest is None:
        return [f"{out}: no readable {MANIFEST_NAME}"]
    problems = []
    listed = {entry["file"] for entry in manifest["files"]}
    extra = sorted({p.name for p in out.iterdir()} - listed - {MANIFEST_NAME})
    if extra:
        problems.append(f"{out}: files not in the manifest: {extra}")
    for entry in manifest["files"]:
        path = out / entry["file"]
        if not path.exists():
            problems.append(f"{path}: missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            problems.append(f"{path}: checksum differs from the manifest")
    return problems


# ---------------------------------------------------------------- checks before any work

# Bytes of output (CSV and Parquet of every table) per byte of corpus, measured on the bench
# corpus (4.2) and the seeds (8.0), with a margin.
OUTPUT_BYTES_PER_CORPUS_BYTE = 10


def check_export_paths(corpus_path: str | Path, out_dir: str | Path, *,
                       cache_dir: str | Path | None = None) -> None:
    """Raise :class:`ExportError` unless an export of ``corpus_path`` into ``out_dir`` can run.

    Checked before any work: the corpus is never written (``out_dir`` may not be the corpus,
    lie inside it or hold it, since the export replaces ``out_dir`` whole); ``out_dir`` is a
    folder (or can be made one), holds nothing but an earlier export, and is writable; the
    cache folder is writable; the disk has room for the estimated output.
    """
    corpus, out = Path(corpus_path).resolve(), Path(out_dir).resolve()
    if out == corpus or corpus in out.parents:
        raise ExportError(f"{out_dir}: is inside the corpus {corpus_path}; the raw corpus is never written, "
                          "choose an output folder outside it")
    if out in corpus.parents:
        raise ExportError(f"{out_dir}: holds the corpus {corpus_path}, and an export replaces its folder whole; "
                          "choose another output folder")
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out_dir}: is a file, not a folder")
    if out.is_dir():
        foreign = sorted(p.name for p in out.iterdir() if p.name not in export_file_names())
        if foreign:
            raise ExportError(f"{out_dir}: holds files that are not an export's ({', '.join(foreign[:3])}"
                              f"{', ...' if len(foreign) > 3 else ''}), and an export replaces the folder whole; "
                              "choose a new or empty folder")
    parent = next(p for p in [out, *out.parents] if p.exists())
    if not parent.is_dir():
        raise ExportError(f"{out_dir}: cannot be made, {parent} is a file")
    _check_writable(out.parent if out.exists() else parent, what=f"{out_dir}: cannot be written")
    if cache_dir is not None:
        try:
            Path(cache_dir).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ExportError(f"{cache_dir}: the cache folder cannot be made ({error.strerror}); "
                              "use --no-cache") from None
        _check_writable(Path(cache_dir), what=f"{cache_dir}: the cache folder is not writable (use --no-cache)")
    needed = OUTPUT_BYTES_PER_CORPUS_BYTE * _size_of(corpus)
    free = shutil.disk_usage(parent).free
    if free < needed:
        raise ExportError(f"{out_dir}: {free / 1e6:,.0f} MB free on its disk, about {needed / 1e6:,.0f} MB "
                          "needed for the tables")


def _check_writable(folder: Path, *, what: str) -> None:
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise ExportError(f"{what} ({error.strerror})") from None


def _size_of(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    return path.stat().st_size if path.exists() else 0


@contextmanager
def sigterm_as_interrupt():
    """Inside the block, SIGTERM raises :class:`Terminated` (a KeyboardInterrupt), so that an
    export killed politely cleans up as after Ctrl-C. Only in the main thread, and only where
    SIGTERM has its default action (a caller's own handler is left alone)."""
    if threading.current_thread() is not threading.main_thread() \
            or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return

    def terminated(signum, frame):
        _TERMINATING.set()
        raise Terminated

    _TERMINATING.clear()
    signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _TERMINATING.clear()


# Set by SIGTERM inside sigterm_as_interrupt. The handler raises Terminated at once, but an
# exception raised while Python runs a finaliser or weakref callback is printed and dropped;
# the export checks this flag between steps so that SIGTERM is never lost.
_TERMINATING = threading.Event()


def stop_if_terminating() -> None:
    """Raise :class:`Terminated` if SIGTERM arrived (see :func:`sigterm_as_interrupt`)."""
    if _TERMINATING.is_set():
        raise Terminated


def export_corpus(corpus_path: str | Path, out_dir: str | Path, *, jobs: int = 1,
                  dask_address: str | None = None, cache_dir: str | Path | None = DEFAULT_CACHE_DIR,
                  digits: str | None = None, progress: bool = True, on_error: str = "raise",
                  refresh_cache: bool = False, time_limit: float | None = DEFAULT_ARTICLE_TIME_LIMIT,
                  run_id: str | None = None) -> dict[str, pd.DataFrame]:
    """Load, annotate and write every table of the corpus at ``corpus_path`` into ``out_dir``.

    Paths are checked first (:func:`check_export_paths`); the tables are written as one unit
    (:func:`write_export`), so ``out_dir`` holds the previous export or this one, whole.
    """
    from .load import load_corpus

    check_export_paths(corpus_path, out_dir, cache_dir=cache_dir)
    with sigterm_as_interrupt():
        corpus = load_corpus(corpus_path, on_error=on_error)
        tables = annotate_corpus(corpus, jobs=jobs, dask_address=dask_address, cache_dir=cache_dir,
                                 digits=digits, progress=progress, refresh_cache=refresh_cache,
                                 time_limit=time_limit)
        write_export(tables, out_dir, run_id=run_id, corpus=str(corpus_path))
    return tables


def clear_cache(cache_dir: str | Path = DEFAULT_CACHE_DIR) -> None:
    """Remove every cached article result."""
    shutil.rmtree(cache_dir, ignore_errors=True)
