"""Writing an export: every table into a folder that is swapped in whole, with a manifest.

:func:`export_corpus` checks the paths first (:func:`check_export_paths`), then reads,
annotates and writes the corpus a partition at a time (here, or each partition on a Dask
worker): each table is a Parquet dataset (``OUT/<table>/part-NNNNN.parquet``) with a CSV copy
(:mod:`helpers.csv_copies`) written as its parts are. The whole is one unit (:func:`write_unit`): the output folder holds the
previous export or this one, whole, never a mix, whatever stops the run (Ctrl-C, SIGTERM, a
full disk, SIGKILL).
"""

from __future__ import annotations

import errno
import hashlib
import json
import math
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from . import __version__
from .cache import DEFAULT_CACHE_DIR, code_fingerprint
from .columns import Columns
from .csv_copies import CsvCopies, write_csv_from_dataset
from .load import CorpusError
from .pipeline import CHUNK_SIZE, DEFAULT_ARTICLE_TIME_LIMIT, EXPORT_TABLES, PARTITION_SIZE
from .processes import (collector_frozen, collector_paused, collector_paused_then_frozen, process_alive,
                        sigterm_as_interrupt, stop_if_terminating)
from .shards import is_glob, shard_files

MANIFEST_NAME = "manifest.json"
# Column types of the Parquet tables, by column name (a name means the same in every table);
# every other column is text. Declared, not inferred, so that every partition of a table has
# one schema whichever rows it happens to hold.
INTEGER_COLUMNS = frozenset({"words", "line", "number_id", "stat_id", "start", "end", "sentence_start",
                             "sentence_end", "paragraph", "mentions", "hits", "articles", "quotes", "statistics"})
FLOAT_COLUMNS = frozenset({"value", "low", "high", "score"})


class ExportError(ValueError):
    """An export that cannot start or finish; the message names the path and the problem."""


def table_schema(columns: list[str]):
    """The Arrow schema of a table with ``columns`` (see :data:`INTEGER_COLUMNS`)."""
    import pyarrow as pa

    def arrow_type(column):
        if column in INTEGER_COLUMNS:
            return pa.int64()
        return pa.float64() if column in FLOAT_COLUMNS else pa.large_string()

    return pa.schema([(column, arrow_type(column)) for column in columns])


def part_name(number: int) -> str:
    """The file name of a table's partition ``number``: ``part-00000.parquet``, in article order."""
    return f"part-{number:05d}.parquet"


# Tables made from the whole corpus once every partition is written (:func:`add_people`);
# a partition holds the others.
CORPUS_TABLES = ("people",)
PARTITION_TABLES = tuple(name for name in EXPORT_TABLES if name not in CORPUS_TABLES)
# Tables whose CSV copy is written as their partitions are: all but those the people step
# completes afterwards (``speakers`` gains ``person_id`` and ``link_rule``).
CSV_WITH_PARTITIONS = tuple(name for name in PARTITION_TABLES if name != "speakers")


def write_partition(tables: dict[str, Columns], folder: str | Path, number: int, *,
                    names: tuple[str, ...] = PARTITION_TABLES, csv_copies: CsvCopies | None = None) -> dict:
    """Write partition ``number`` of every table: ``folder/<table>/part-NNNNN.parquet``; return
    the Arrow tables written, by name.

    ``tables``: each table's rows as column lists (:func:`helpers.pipeline.joined_columns`) of
    results as the export writes them (:func:`helpers.pipeline.exported_result`: ``articles``
    without ``raw_text``, which the corpus keeps).
    Written even when it has no rows, so that every table has a schema and its columns. With
    ``csv_copies``, the rows of the tables it holds are added to their CSV copies too.
    """
    written = {}
    for name in names:
        target = Path(folder) / name / part_name(number)
        target.parent.mkdir(exist_ok=True)
        table = arrow_table(tables[name])
        _write_parquet(table, str(target))
        if csv_copies is not None and name in csv_copies:
            csv_copies.append(name, table)
        written[name] = table
    return written


def arrow_table(columns: Columns):
    """A table's rows (column lists) as an Arrow table of :func:`table_schema`'s types.

    Each column is made straight from its list when the list holds what the column's type
    expects (text: ``str`` or None; integers: ``int``; floats: ``float`` or None); otherwise
    the whole table goes through pandas (:func:`arrow_table_of_frame`), which infers a
    column's type from all its values and writes any other value of a text column as text.
    Either way the same table: the first is only faster.
    """
    import pyarrow as pa

    schema = table_schema(list(columns))
    arrays = [_arrow_array(values, field.type) for values, field in zip(columns.values(), schema)]
    if any(array is None for array in arrays):
        frame = pd.DataFrame(columns, columns=list(columns)) if next(iter(columns.values()), []) \
            else pd.DataFrame(columns=list(columns))
        return arrow_table_of_frame(frame)
    return pa.Table.from_arrays(arrays, schema=schema)


def _arrow_array(values: list, arrow_type):
    """``values`` as an Arrow array of ``arrow_type``, or None when they are not all of the
    Python type it is made from (then pandas decides, as it always did)."""
    import pyarrow as pa

    kinds = set(map(type, values))
    if arrow_type == pa.int64():
        fits = kinds <= {int}
    elif arrow_type == pa.float64():
        fits = kinds <= {float, type(None)}
    else:
        fits = kinds <= {str, type(None)}
    if not fits:
        return None
    try:
        # from_pandas: NaN is a missing value, as it is in a pandas column (only a float can be
        # NaN: for other columns it is only a slower conversion, 37 -> 26 ms on Fars)
        return pa.array(values, type=arrow_type, from_pandas=arrow_type == pa.float64())
    except (pa.ArrowException, OverflowError, UnicodeError):
        return None


def arrow_table_of_frame(frame: pd.DataFrame):
    """A DataFrame as an Arrow table of :func:`table_schema`'s types."""
    import pyarrow as pa

    # Text columns may hold ids that look numeric: written as text for a stable schema.
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(lambda v: v if v is None or isinstance(v, str) else str(v))
    return pa.Table.from_pandas(frame, schema=table_schema(list(frame.columns)), preserve_index=False)


def _write_parquet(table, path: str) -> None:
    import pyarrow.parquet as pq

    pq.write_table(table.replace_schema_metadata(None), path)


def new_run_id() -> str:
    """An export's id: UTC time and a random part, e.g. ``20261206T012345Z-3f9a1c``."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-" + os.urandom(3).hex()


def export_file_names(names: tuple[str, ...] = EXPORT_TABLES) -> set[str]:
    """The entries an export folder holds: each table's CSV and Parquet dataset folder, and the
    manifest (and the single Parquet files of exports made before the datasets)."""
    return {f"{name}{suffix}" for name in names for suffix in (".csv", "", ".parquet")} | {MANIFEST_NAME}


def write_export(partitions: Iterable[dict[str, Columns]], out_dir: str | Path, *,
                 run_id: str | None = None, corpus: str = "") -> dict:
    """Write every export table into ``out_dir`` as one unit; return the manifest.

    ``partitions``: the tables of successive slices of the corpus, each table as column lists
    (:func:`helpers.pipeline.joined_columns`; a list, or a generator that annotates as it goes:
    each partition is written as soon as it comes, then dropped). Each table becomes a Parquet
    dataset (``<table>/part-NNNNN.parquet``) and a CSV copy, written as the partitions are.
    See :func:`write_unit` for what makes it one unit. The objects alive before are left out of
    the cyclic collector's walks (:func:`helpers.processes.collector_frozen`), and it is paused
    while the partitions are made and written (:func:`helpers.processes.collector_paused_then_frozen`).
    What the people step reads is kept as the partitions pass (:class:`PeopleInputs`).
    """
    people_inputs = PeopleInputs()

    def write_parts(staging: Path) -> int:
        number = -1
        with CsvCopies(staging, CSV_WITH_PARTITIONS) as csv_copies, collector_paused_then_frozen():
            for number, tables in enumerate(partitions):
                people_inputs.keep(tables, write_partition(tables, staging, number, csv_copies=csv_copies))
                del tables
                stop_if_terminating()
        return number + 1

    with collector_frozen():
        return write_unit(write_parts, out_dir, run_id=run_id, corpus=corpus, people_inputs=people_inputs)


def write_unit(write_parts, out_dir: str | Path, *, run_id: str | None = None, corpus: str = "",
               people_inputs: PeopleInputs | None = None) -> dict:
    """Make an export in a new hidden folder beside ``out_dir`` and swap it in whole; return the manifest.

    ``write_parts(folder)`` writes every table's partitions into ``folder`` (and CSV copies of
    some, if it likes) and returns how many; then the tables of the whole corpus are added
    (:func:`add_people`), each CSV copy not yet written is written from its dataset, the
    manifest last (run id, and each file's table, rows, bytes and SHA-256), and the folder
    swapped in: a reader sees the previous export or the new one, never a mix. If
    the run stops before the swap (Ctrl-C, SIGTERM, a full disk), the new folder is removed
    and ``out_dir`` is untouched; after SIGKILL it is left behind and removed by the next export.
    ``people_inputs``: see :func:`add_people`, filled by ``write_parts`` as it writes.
    """
    out = Path(out_dir).absolute()
    run_id = run_id or new_run_id()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_exports(out)
    staging = out.parent / f".{out.name}.new-{os.getpid()}-{run_id}"
    try:
        staging.mkdir()  # inside the try: a Ctrl-C just after it must not leave the folder
        if not write_parts(staging):
            raise ExportError(f"{out_dir}: nothing to write (no partition of the corpus was annotated)")
        stop_if_terminating()
        add_people(staging, inputs=people_inputs)
        for name in EXPORT_TABLES:
            if not (staging / f"{name}.csv").exists():
                write_csv_from_dataset(staging / name, staging / f"{name}.csv")
            stop_if_terminating()
        files, rows = [], {}
        for name in EXPORT_TABLES:
            parts = [_file_entry(staging, path, table=name) for path in sorted((staging / name).glob("part-*.parquet"))]
            rows[name] = sum(entry["rows"] for entry in parts)
            files += [*parts, _file_entry(staging, staging / f"{name}.csv", table=name, rows=rows[name])]
        manifest = {"run_id": run_id, "written": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "corpus": str(corpus), "goftar": __version__, "code": code_fingerprint(),
                    "rows": rows, "files": files}
        (staging / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
        stop_if_terminating()
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest


# The columns of each table that linking and the people table read (helpers.people).
PEOPLE_INPUT_COLUMNS = {"speakers": ("article_id", "speaker_id", "name", "surname", "honorific", "office", "role",
                                     "province", "start"),
                        "articles": ("article_id", "published"), "quotes": ("speaker_id",),
                        "statistics": ("speaker_id",)}


class PeopleInputs:
    """What the people step reads (:func:`add_people`), kept as each partition is written so
    that it need not be read back from the written parts, in the parent alone after the last
    partition: the columns of :data:`PEOPLE_INPUT_COLUMNS` of the Arrow tables written (a small
    part of each table; the people step holds them whole anyway), the texts of the
    articles it reads (:func:`office_only_texts`), and each part of ``speakers`` as written,
    which the people step rewrites with its links (four columns more than it reads)."""

    def __init__(self):
        self.tables: dict[str, list] = {name: [] for name in PEOPLE_INPUT_COLUMNS}
        self.texts: dict[str, str] = {}
        self.speakers_parts: list = []

    def keep(self, tables: dict[str, Columns], written: dict) -> None:
        """Keep what the people step reads of one partition: ``tables``, its column lists, and
        ``written``, its Arrow tables (:func:`write_partition`'s)."""
        for name, columns in PEOPLE_INPUT_COLUMNS.items():
            self.tables[name].append(written[name].select(list(columns)))
        self.speakers_parts.append(written["speakers"])
        self.texts.update(office_only_texts(tables))

    def frame(self, name: str) -> pd.DataFrame:
        """The kept columns of table ``name`` over every partition, as reading them back from
        its parts gives them (``pd.read_parquet(..., columns=...)``)."""
        import pyarrow as pa

        return pa.concat_tables(self.tables[name]).to_pandas()


def add_people(staging: Path, *, inputs: PeopleInputs | None = None) -> None:
    """The corpus-wide step, on the written partitions: persons across the corpus
    (:func:`helpers.people.add_people`): the ``people`` table, and ``person_id`` and
    ``link_rule`` added to each part of ``speakers``.

    Linking reads the speakers table's names, offices and places (small beside the texts) and the
    articles' ids and dates (:data:`PEOPLE_INPUT_COLUMNS`); texts only of the articles that name
    someone by a distinctive office alone, the only texts linking reads
    (:func:`office_only_articles`). ``inputs``: all those, if the caller kept them as it wrote
    the partitions (:class:`PeopleInputs`), else read from the written parts, the texts a part
    at a time.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .people import link_speakers, people_table

    def read(name: str) -> pd.DataFrame:
        if inputs is not None:
            return inputs.frame(name)
        return pd.read_parquet(staging / name, columns=list(PEOPLE_INPUT_COLUMNS[name]))

    speakers, articles = read("speakers"), read("articles")
    if inputs is not None:
        texts = inputs.texts
    else:
        import pyarrow.dataset as ds  # only here: importing it cost 0.01-0.03 s of the export's last step

        texts = {}
        office_only = office_only_articles(speakers["article_id"], speakers["name"], speakers["surname"],
                                           speakers["office"])
        wanted = ds.field("article_id").isin(pa.array(sorted(office_only), pa.large_string()))
        for batch in ds.dataset(staging / "articles").to_batches(columns=["article_id", "text"], filter=wanted):
            texts.update(zip(batch.column("article_id").to_pylist(), batch.column("text").to_pylist()))
    articles["text"] = [texts.get(article, "") for article in articles["article_id"]]
    del texts
    links = link_speakers(speakers, articles)
    articles = articles.drop(columns="text")  # the people table needs the dates only
    quotes, statistics = read("quotes"), read("statistics")
    people = arrow_table_of_frame(people_table(speakers, articles, quotes, statistics, links=links))
    (staging / "people").mkdir()
    _write_parquet(people, str(staging / "people" / part_name(0)))
    person_ids, link_rules = links["person_id"].tolist(), links["link_rule"].tolist()
    with CsvCopies(staging, ("speakers", "people")) as csv_copies:
        csv_copies.append("people", people)
        start = 0
        for number, part in enumerate(sorted((staging / "speakers").glob("part-*.parquet"))):
            written = inputs.speakers_parts[number] if inputs is not None else pq.read_table(part)
            end = start + written.num_rows
            linked = _with_links(written, person_ids[start:end], link_rules[start:end])
            _write_parquet(linked, str(part))
            csv_copies.append("speakers", linked)
            start = end


def _with_links(speakers, person_ids: list, link_rules: list):
    """A part of ``speakers`` as written (an Arrow table) with ``person_id`` and ``link_rule``
    added: the table :func:`arrow_table` makes of its columns and those two, without taking
    the part's values back into Python to make it again."""
    import pyarrow as pa

    links = [_arrow_array(values, pa.large_string()) for values in (person_ids, link_rules)]
    if any(array is None for array in links) or speakers.schema != table_schema(speakers.column_names):
        return arrow_table({**speakers.to_pydict(), "person_id": person_ids, "link_rule": link_rules})
    return pa.Table.from_arrays([*speakers.columns, *links],
                                schema=table_schema([*speakers.column_names, "person_id", "link_rule"]))


def office_only_articles(article_ids: Iterable[str], names: Iterable, surnames: Iterable,
                         offices: Iterable) -> set[str]:
    """Articles of the speakers (the speakers table's columns, a missing value None or NaN) named by
    a distinctive office and no name: those whose text :func:`helpers.people.link_speakers`
    reads (it skips a generic office, «وزیر», unread)."""
    from .people_names import distinctive_words, name_words, office_key

    def text(value) -> str:  # as pandas' fillna("") reads a missing value
        return value if isinstance(value, str) else ""

    return {article for article, name, surname, office in zip(article_ids, names, surnames, offices)
            if not (name_words(text(name)) if text(surname).strip() else ())
            and distinctive_words(office_key(text(office)))}


def office_only_texts(tables: dict[str, Columns]) -> dict[str, str]:
    """The cleaned texts of a partition's articles that the people step reads
    (:func:`office_only_articles`), by article id: kept as the partition is written so that
    the people step need not read every text back from the articles' parts (a tenth of a
    second of CPU on the Fars bench, in the parent alone after the last partition)."""
    speakers, articles = tables["speakers"], tables["articles"]
    if not speakers.get("article_id"):
        return {}
    wanted = office_only_articles(speakers["article_id"], speakers["name"], speakers["surname"], speakers["office"])
    return {article: text for article, text in zip(articles["article_id"], articles["text"]) if article in wanted}


def export_shard(shard: dict, staging: str, number: int, *, options: dict, on_error: str) -> list[str]:
    """On a Dask worker: read one shard of the corpus (:mod:`helpers.shards`), annotate it and
    write it as partition ``number`` into ``staging``; return its article ids."""
    from .pipeline import annotate_partition
    from .shards import read_shard_rows

    articles = read_shard_rows(shard, on_error=on_error)
    with collector_paused():  # the tables are freed before the collector could walk them (write_export)
        tables = annotate_partition(articles, **options, exported_only=True, joined=PARTITION_TABLES)
        write_partition(tables, staging, number)
        del tables
    return [article["article_id"] for article in articles]


def _dask_parts(corpus_path, *, address: str, options: dict, on_error: str, shard_size: int):
    """``write_parts`` for :func:`write_unit` on a Dask cluster: the client cuts the corpus into
    shards (names and byte ranges, no text), each worker reads, annotates and writes its own."""
    from .pipeline import dask_client
    from .shards import corpus_shards

    def write_parts(staging: Path) -> int:
        shards = corpus_shards(corpus_path, shard_size=shard_size)
        with dask_client(address) as client:
            futures = client.map(export_shard, shards, [str(staging)] * len(shards), range(len(shards)),
                                 options=options, on_error=on_error, pure=False)
            ids = client.gather(futures)
        seen: set[str] = set()
        repeated = [i for part in ids for i in part if i in seen or seen.add(i)]
        if repeated:
            raise CorpusError(f"{corpus_path}: article ids are not unique: {repeated[:5]}")
        return len(shards)

    return write_parts


def _file_entry(folder: Path, path: Path, *, table: str, rows: int | None = None) -> dict:
    """A file's line of the manifest: its path in the export, table, rows (a CSV copy's: its
    dataset's, given), bytes and SHA-256."""
    import pyarrow.parquet as pq

    if rows is None:
        rows = pq.ParquetFile(path).metadata.num_rows
    return {"file": path.relative_to(folder).as_posix(), "table": table, "rows": rows,
            "bytes": path.stat().st_size, "sha256": file_sha256(path)}


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file in hex, read in blocks (a CSV copy may be larger than memory allows)."""
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


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
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(candidate)
    return removed


def glob_escape(name: str) -> str:
    """``name`` with glob's special characters taken literally."""
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)


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
    present = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    extra = sorted(present - listed - {MANIFEST_NAME})
    if extra:
        problems.append(f"{out}: files not in the manifest: {extra}")
    for entry in manifest["files"]:
        path = out / entry["file"]
        if not path.exists():
            problems.append(f"{path}: missing")
        elif file_sha256(path) != entry["sha256"]:
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
    if is_glob(path):
        return sum(p.stat().st_size for p in shard_files(path))
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    return path.stat().st_size if path.exists() else 0


def export_corpus(corpus_path: str | Path, out_dir: str | Path, *, jobs: int = 1,
                  dask_address: str | None = None, cache_dir: str | Path | None = DEFAULT_CACHE_DIR,
                  digits: str | None = None, progress: bool = True, on_error: str = "raise",
                  refresh_cache: bool = False, time_limit: float | None = DEFAULT_ARTICLE_TIME_LIMIT,
                  run_id: str | None = None, partition_size: int = PARTITION_SIZE) -> dict:
    """Load, annotate and write every table of the corpus at ``corpus_path`` into ``out_dir``;
    return the manifest (its ``rows``: each table's number of rows).

    ``corpus_path``: a folder of ``.txt`` articles, a CSV, JSON-lines or Parquet file, a folder
    of JSON-lines or Parquet shards, or a glob of them (:mod:`helpers.shards`). Paths are
    checked first (:func:`check_export_paths`). Here (``jobs``) the corpus is read, annotated
    and written ``partition_size`` articles at a time
    (:func:`helpers.pipeline.annotate_in_partitions`), so memory holds one partition, not the
    corpus. On a Dask cluster (``dask_address``) each worker reads its own shards and writes
    their partitions, so ``out_dir`` must be a path every worker can write (a shared file
    system), as must the corpus be readable by all. Either way the tables are written as one
    unit (:func:`write_unit`), so ``out_dir`` holds the previous export or this one, whole.
    """
    from . import pipeline

    check_export_paths(corpus_path, out_dir, cache_dir=cache_dir)
    with sigterm_as_interrupt():
        if dask_address:
            options = pipeline.annotation_options(cache_dir=cache_dir, digits=digits, refresh_cache=refresh_cache,
                                                  time_limit=time_limit)
            write_parts = _dask_parts(corpus_path, address=dask_address, options=options, on_error=on_error,
                                      shard_size=partition_size)
            return write_unit(write_parts, out_dir, run_id=run_id, corpus=str(corpus_path))
        batches = corpus_row_batches(corpus_path, batch_size=partition_size, on_error=on_error,
                                     read_size=read_size(partition_size))
        partitions = pipeline.annotated_partitions(
            batches, jobs=jobs, cache_dir=cache_dir, digits=digits, progress=progress, refresh_cache=refresh_cache,
            time_limit=time_limit, partition_size=partition_size, exported_only=True, joined=PARTITION_TABLES)
        return write_export(partitions, out_dir, run_id=run_id, corpus=str(corpus_path))


def read_size(partition_size: int) -> int:
    """Articles the export reads at a time from a corpus that is not shards: a chunk
    (:data:`helpers.pipeline.CHUNK_SIZE`), or a divisor of it that divides ``partition_size``,
    so that chunks and partitions end where they would end were a partition read at once.

    Workers start once the first batch is read: reading a partition first (500 articles,
    0.04 s of CPU on the Fars bench, some 0.1 s on ir-news) kept both of them idle meanwhile.
    """
    return math.gcd(partition_size, CHUNK_SIZE)


def corpus_batches(corpus_path: str | Path, *, batch_size: int, on_error: str = "raise") -> Iterator[pd.DataFrame]:
    """The corpus at ``corpus_path`` read ``batch_size`` articles at a time, as the export reads
    it: a folder, glob or file of shards shard by shard, any other corpus with
    :func:`helpers.load.iter_corpus`; ids checked unique over the whole corpus."""
    from .load import COLUMNS

    for rows in corpus_row_batches(corpus_path, batch_size=batch_size, on_error=on_error):
        yield pd.DataFrame(rows, columns=COLUMNS)


def corpus_row_batches(corpus_path: str | Path, *, batch_size: int, on_error: str = "raise",
                       read_size: int | None = None) -> Iterator[list[dict]]:
    """:func:`corpus_batches` as lists of rows, one dict per article: what the export annotates.
    ``read_size``: a corpus that is not shards read this many articles at a time instead
    (shards are read ``batch_size`` at a time always)."""
    from .load import check_unique_ids, iter_corpus_rows
    from .shards import corpus_shards, read_shard_rows

    if shard_files(corpus_path):
        shards = corpus_shards(corpus_path, shard_size=batch_size)
        return check_unique_ids((read_shard_rows(s, on_error=on_error) for s in shards), corpus_path)
    return iter_corpus_rows(corpus_path, batch_size=read_size or batch_size, on_error=on_error)
