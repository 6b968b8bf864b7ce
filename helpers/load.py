"""Load a corpus of Persian news articles into one DataFrame, one row per article.

A corpus is a folder of ``.txt`` files (one article each) or one CSV, JSONL or Parquet file
with a text column. Files are read, never written: raw data is immutable.

Columns of the returned frame:

=============  =============================================================================
article_id     file stem for a folder; the id column, or ``<file stem>_<row number>``, for a table
source         path of the file the article came from (and ``#row`` for a table)
encoding       the encoding the bytes were decoded with (``utf-8``, ``utf-8-sig``,
               ``utf-16``, ``cp1256``), or ``""`` for tables read by pandas/pyarrow
raw_text       the text exactly as decoded; for JSONL/CSV rows with separate fields, the
               title, the lead (abstract) and the paragraphs joined by newlines
status         ``ok``, ``empty`` or ``error: <reason>`` (errors only with ``on_error="flag"``)
given_title    the title field of a table row, ``""`` otherwise
given_outlet   a table's own outlet column (``outlet``, ``agency``, ``publisher``), ``""`` otherwise
given_date     a table's own publication date column (``date``, ``published``, ...) as written
given_link     a table's own link column (``link``, ``url``), ``""`` otherwise
=============  =============================================================================

A corpus's own metadata columns are kept as given; :mod:`helpers.metadata` prefers them to
what the text suggests and keeps the text's guess in a column of its own.
"""

from __future__ import annotations

import errno
import json
import re
import stat
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import pandas as pd

from .chars import BOM

TEXT_FILE_SUFFIXES = (".txt",)
TABLE_SUFFIXES = (".csv", ".jsonl", ".json", ".parquet", ".pq")
# Columns that hold an article's body, tried in this order when the caller names none.
TEXT_COLUMN_CANDIDATES = ("text", "body", "content", "raw_text", "article", "paragraphs")
ID_COLUMN_CANDIDATES = ("article_id", "id", "doc_id", "news_id")
# A table's own metadata columns, each looked for under these names in this order.
GIVEN_COLUMN_CANDIDATES = {
    "given_outlet": ("outlet", "agency", "publisher"),
    "given_date": ("date", "published", "publish_date", "pub_date", "datetime"),
    "given_link": ("link", "url"),
}
COLUMNS = ["article_id", "source", "encoding", "raw_text", "status", "given_title", *GIVEN_COLUMN_CANDIDATES]


class CorpusError(ValueError):
    """A corpus file cannot be read; the message names the file and the problem."""


def decode_bytes(data: bytes, *, source: str = "<bytes>") -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of one article.

    Tried in order: a byte-order mark (UTF-8 or UTF-16), strict UTF-8, UTF-16 without a mark
    (recognised by its zero bytes), then Windows-1256, the code page of older Iranian archives,
    accepted only when most of its letters come out Arabic-script. Anything else, or bytes that
    look binary, raises :class:`CorpusError` naming ``source``.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data, "utf-8-sig", source), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", source), "utf-16"
    if not data:
        return "", "utf-8"
    zero_bytes = data.count(0)
    if zero_bytes:
        # UTF-16 without a BOM puts a zero in every other byte for Latin text; Persian text in
        # UTF-16 has 0x06 high bytes instead. Either way half of all bytes follow a pattern.
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text) and _common_script_share(text) >= 0.9:
                return text, "utf-16"
        raise CorpusError(f"{source}: looks binary ({zero_bytes} zero bytes), not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:
            text = ""
        if text and _looks_like_text(text) and _arabic_script_share(text) >= 0.5:
            return text, "cp1256"
        raise CorpusError(
            f"{source}: not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}), "
            "nor UTF-16 or Windows-1256 Persian text"
        ) from None


def _decode(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise CorpusError(f"{source}: declares {codec} by its byte-order mark but {error.reason} "
                          f"at byte {error.start}") from None


def _looks_like_text(text: str) -> bool:
    """Few control characters other than line breaks and tabs."""
    if not text:
        return True
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    return controls / len(text) < 0.01


def _common_script_share(text: str) -> float:
    """Share of characters that Persian or English news is made of (guards BOM-less UTF-16)."""
    if not text:
        return 1.0
    common = sum(1 for c in text if " " <= c <= "~" or c in "\n\r\t" or "\u0600" <= c <= "\u06ff"
                 or "\u00a0" <= c <= "\u00ff" or "\u2000" <= c <= "\u206f" or "\ufb50" <= c <= "\ufeff")
    return common / len(text)


def _arabic_script_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff") / len(letters)


def read_text_file(path: Path) -> tuple[str, str]:
    """Return ``(text, encoding)`` of one article file; :class:`CorpusError` if unreadable."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CorpusError(f"{path}: cannot be read ({error.strerror})") from None
    return decode_bytes(data, source=str(path))


def load_corpus(
    path: str | Path,
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    on_error: str = "raise",
) -> pd.DataFrame:
    """Return one row per article of the corpus at ``path`` (columns in the module docstring).

    ``path`` is a folder of ``.txt`` files or a CSV/JSONL/Parquet file. ``on_error="raise"``
    (default) stops at the first unreadable file with a :class:`CorpusError` naming it;
    ``on_error="flag"`` keeps going and records ``error: <reason>`` in ``status`` with an empty
    text. Empty files are always kept, flagged ``empty``. Rows are sorted by ``article_id``
    for folders and kept in file order for tables, so the same corpus gives the same frame.
    """
    if on_error not in ("raise", "flag"):
        raise ValueError(f"on_error must be 'raise' or 'flag', not {on_error!r}")
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    if path.is_dir():
        rows = _load_folder(path, on_error=on_error)
    elif path.suffix.lower() in TABLE_SUFFIXES:
        rows = _load_table(path, text_column=text_column, id_column=id_column, on_error=on_error)
    elif path.suffix.lower() in TEXT_FILE_SUFFIXES:
        rows = [_text_file_row(path, on_error=on_error)]
    else:
        raise CorpusError(f"{path}: not a folder nor a .txt, .csv, .jsonl or .parquet file")
    return next(check_unique_ids([pd.DataFrame(rows, columns=COLUMNS)], path))


def iter_corpus(
    path: str | Path,
    *,
    batch_size: int = 500,
    text_column: str | None = None,
    id_column: str | None = None,
    on_error: str = "raise",
) -> Iterator[pd.DataFrame]:
    """:func:`load_corpus` in frames of at most ``batch_size`` rows, read as they are needed.

    The same rows in the same order, but a batch is read only when the one before it has
    been used, so memory holds one batch, not the corpus: a folder is listed at once and its
    files read batch by batch; a UTF-8 JSON-lines file is read line by line; a Parquet file
    row group by row group. CSV files (checked whole for stray quotes), JSON arrays and
    files not in UTF-8 are read whole and then cut. Article ids must be unique over the
    whole corpus: a repeated one raises :class:`CorpusError` when its batch is read.
    """
    for rows in iter_corpus_rows(path, batch_size=batch_size, text_column=text_column, id_column=id_column,
                                 on_error=on_error):
        yield pd.DataFrame(rows, columns=COLUMNS)


def iter_corpus_rows(
    path: str | Path,
    *,
    batch_size: int = 500,
    text_column: str | None = None,
    id_column: str | None = None,
    on_error: str = "raise",
) -> Iterator[list[dict]]:
    """:func:`iter_corpus`'s batches as lists of rows, one dict per article (the keys of
    ``COLUMNS``), for readers that want no DataFrame (the export annotates article by article)."""
    if on_error not in ("raise", "flag"):
        raise ValueError(f"on_error must be 'raise' or 'flag', not {on_error!r}")
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if path.is_dir():
        batches = _folder_batches(path, batch_size=batch_size, on_error=on_error)
    elif suffix == ".jsonl" and (keys := json_lines_keys(path)) is not None:
        chosen = choose_columns(keys, path, text_column=text_column, id_column=id_column)
        batches = _json_lines_batches(path, chosen, batch_size=batch_size, on_error=on_error)
    elif suffix in (".parquet", ".pq"):
        batches = _parquet_batches(path, batch_size=batch_size, text_column=text_column, id_column=id_column)
    else:
        whole = load_corpus(path, text_column=text_column, id_column=id_column, on_error=on_error)
        batches = (whole.iloc[start:start + batch_size].to_dict("records") for start in range(0, len(whole), batch_size))
    yield from check_unique_ids(batches, path)


def check_unique_ids(batches: Iterable[pd.DataFrame | list[dict]], corpus: str | Path) -> Iterator:
    """``batches`` (frames, or lists of rows) as they come; :class:`CorpusError` naming
    ``corpus`` at the first batch that repeats an ``article_id`` of itself or of an earlier batch."""
    seen: set[str] = set()
    for batch in batches:
        ids = batch["article_id"] if isinstance(batch, pd.DataFrame) else (row["article_id"] for row in batch)
        repeated = [i for i in ids if i in seen or seen.add(i)]
        if repeated:
            raise CorpusError(f"{corpus}: article ids are not unique: {repeated[:5]}")
        yield batch


def _folder_batches(folder: Path, *, batch_size: int, on_error: str) -> Iterator[list[dict]]:
    files = _article_files(folder)
    for start in range(0, len(files), batch_size):
        yield [_text_file_row(p, on_error=on_error) for p in files[start:start + batch_size]]


def json_lines_keys(path: Path) -> list[str] | None:
    """Every key of the JSON objects of a JSON-lines file, in the order first met (one pass, a
    line at a time); ``None`` when the file is not UTF-8 (it is then read whole, decoded as
    :func:`read_text_file` decodes it). Lines that are not JSON objects are left to the reader."""
    check_regular_file(path)
    keys: dict[str, None] = {}
    try:
        with path.open(encoding="utf-8-sig", errors="strict", newline="") as stream:
            for line in stream:
                keys.update(dict.fromkeys(object_keys(line.splitlines())))
    except UnicodeDecodeError:
        return None
    except OSError as error:
        raise CorpusError(f"{path}: cannot be read ({error.strerror})") from None
    return list(keys)


def object_keys(lines: Iterable[str]) -> Iterator[str]:
    """The keys of the JSON objects among ``lines``; other lines are left to the reader."""
    for line in lines:
        if line.strip():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                yield from record


def _json_lines_batches(path: Path, chosen: dict[str, str | None], *, batch_size: int,
                        on_error: str) -> Iterator[list[dict]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        # Lines split as str.splitlines splits them, as load_corpus does, so that numbers match.
        lines = enumerate((piece for line in stream for piece in line.splitlines()), start=1)
        records = _json_records(path, lines, on_error=on_error)
        position = 0
        while batch := list(islice(records, batch_size)):
            rows = _table_rows(records_table([record for record, _ in batch], chosen), path, chosen,
                               first_position=position)
            for row, (_, problem) in zip(rows, batch):
                if problem:
                    row.update(raw_text="", status=f"error: {path} {problem}")
            position += len(batch)
            yield rows


def _parquet_batches(path: Path, *, batch_size: int, text_column: str | None,
                     id_column: str | None) -> Iterator[list[dict]]:
    import pyarrow.parquet as pq

    check_regular_file(path)
    try:
        parquet = pq.ParquetFile(path)
        chosen = choose_columns(parquet.schema_arrow.names, path, text_column=text_column, id_column=id_column)
        batches = parquet.iter_batches(batch_size=batch_size)
        position = 0
        for batch in batches:
            table = batch.to_pandas()
            yield _table_rows(table, path, chosen, first_position=position)
            position += len(table)
    except CorpusError:
        raise
    except Exception as error:  # pyarrow raises many kinds; the message must name the file
        raise CorpusError(f"{path}: cannot be read as a .parquet table ({error})") from None


def _load_folder(folder: Path, *, on_error: str) -> list[dict]:
    return [_text_file_row(p, on_error=on_error) for p in _article_files(folder)]


def _article_files(folder: Path) -> list[Path]:
    """The ``.txt`` articles of ``folder``, sorted; :class:`CorpusError` if it holds none."""
    try:
        entries = sorted(p for p in folder.iterdir() if p.suffix.lower() in TEXT_FILE_SUFFIXES)
    except OSError as error:
        raise CorpusError(f"{folder}: cannot be listed ({error.strerror})") from None
    # A sub-folder named like an article is not one; every other «.txt» entry is an article,
    # read or flagged: a symlink loop or a dangling link must not vanish from the corpus.
    files = [p for p in entries if not _is_folder(p)]
    if not files:
        raise CorpusError(f"{folder}: holds no .txt articles")
    return files


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a symlink loop raises on some Pythons; it is flagged when read
        return False


def check_regular_file(path: Path) -> None:
    """Raise :class:`CorpusError` unless ``path`` is a regular file that can be opened.

    Names the problem: a symbolic-link loop, a dangling link, or something that is not a file
    (a pipe would block the export forever on reading).
    """
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if path.is_symlink():
            reason = "a symbolic-link loop" if error.errno == errno.ELOOP else f"a dangling symbolic link ({error.strerror})"
            raise CorpusError(f"{path}: cannot be read: {reason}") from None
        raise CorpusError(f"{path}: cannot be read ({error.strerror})") from None
    if not stat.S_ISREG(mode):
        raise CorpusError(f"{path}: not a regular file (a pipe, socket or device), not read")


def _text_file_row(path: Path, *, on_error: str) -> dict:
    row = {"article_id": path.stem, "source": str(path), "given_title": "",
           **dict.fromkeys(GIVEN_COLUMN_CANDIDATES, "")}
    try:
        check_regular_file(path)
        text, encoding = read_text_file(path)
    except CorpusError as error:
        if on_error == "raise":
            raise
        return {**row, "encoding": "", "raw_text": "", "status": f"error: {error}"}
    text = text.removeprefix(BOM)
    status = "ok" if text.strip() else "empty"
    return {**row, "encoding": encoding, "raw_text": text, "status": status}


def _load_table(path: Path, *, text_column: str | None, id_column: str | None, on_error: str) -> list[dict]:
    suffix = path.suffix.lower()
    check_regular_file(path)
    bad_records: dict[int, str] = {}
    try:
        if suffix == ".csv":
            records = check_csv_records(path)
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            if len(table) != records:
                raise CorpusError(f"{path}: {records} records in the file but {len(table)} rows read")
        elif suffix in (".jsonl", ".json"):
            table, bad_records = _read_json_lines(path, on_error=on_error)
        else:
            table = pd.read_parquet(path)
    except CorpusError:
        raise
    except Exception as error:  # pandas raises many kinds; the message must name the file
        raise CorpusError(f"{path}: cannot be read as a {suffix} table ({error})") from None
    rows = _table_rows(table, path, choose_columns(table.columns, path, text_column=text_column, id_column=id_column))
    for position, reason in bad_records.items():  # kept in place, so later rows keep their ids
        rows[position].update(raw_text="", status=f"error: {path} {reason}")
    return rows


# One CSV field (RFC 4180): quoted, with doubled quotes inside, or unquoted without any quote;
# then what ends it. A field that does not match has a quote where none may be.
_CSV_FIELD = re.compile(r'(?:"([^"]*(?:""[^"]*)*)"|[^,"\r\n]*)(,|\r?\n|\Z)')


def check_csv_records(path: Path) -> int:
    """The number of records of the CSV at ``path``; :class:`CorpusError` naming the line unless
    it is well formed.

    pandas reads a stray quote leniently: a field opened by a quote that closes rows later
    swallows every row between, and the corpus silently loses articles. Here every field must
    be unquoted without a quote in it, or quoted with inner quotes doubled; every record must
    have the header's number of fields; a quoted field spanning lines that are records of their
    own (as many fields as the header, the first shaped like the records' first fields) is an
    unbalanced quote. The caller checks that pandas reads as many rows.
    """
    text, _ = read_text_file(path)
    text = text.removeprefix(BOM)
    position, line, header_fields = 0, 1, None
    first_fields, multiline = [], []  # (line, quoted value spanning lines)
    while position < len(text):
        record_line, fields = line, []
        while True:
            match = _CSV_FIELD.match(text, position)
            if not match:
                raise CorpusError(f"{path} line {line}: a quote inside an unquoted field, or text after "
                                  "a closing quote (an unbalanced quote?)")
            quoted = match.group(1)
            fields.append(quoted.replace('""', '"') if quoted is not None else match.group(0).rstrip(",\r\n"))
            if quoted is not None and "\n" in quoted:
                multiline.append((record_line, quoted))
            line += text.count("\n", position, match.end())
            position = match.end()
            if match.group(2) != ",":
                break
        if fields == [""]:
            continue  # a blank line, skipped as pandas skips it
        if header_fields is None:
            header_fields = len(fields)
            continue
        if len(fields) != header_fields:
            raise CorpusError(f"{path} line {record_line}: {len(fields)} fields where the header has {header_fields}")
        first_fields.append(fields[0])
    shapes = {_shape(value) for value in first_fields}
    for record_line, value in multiline:
        for inner in value.split("\n")[1:]:
            parts = inner.split(",")
            if header_fields > 1 and len(parts) == header_fields and parts[0] and _shape(parts[0]) in shapes:
                raise CorpusError(f"{path} line {record_line}: a quoted field runs over lines that are records "
                                  f"of their own («{inner[:40]}»): an unbalanced quote?")
    return len(first_fields)


def _shape(value: str) -> str:
    """The shape of an id-like value: «a12» and «b7» are both «a9»; «Hello» is «a»."""
    return re.sub(r"\d+", "9", re.sub(r"[^\W\d]+", "a", value.strip()))


def _read_json_lines(path: Path, *, on_error: str = "raise") -> tuple[pd.DataFrame, dict[int, str]]:
    """The records of a JSON-lines file, and ``{record position: reason}`` for bad lines.

    A bad line raises :class:`CorpusError` naming it; with ``on_error="flag"`` it takes its
    place as an empty record, so the good ones are all kept, with their positions.
    """
    records, bad = [], {}
    text, _ = read_text_file(path)
    text = text.removeprefix(BOM)
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" and stripped.startswith("["):
        try:
            return pd.DataFrame(json.loads(text)), bad
        except json.JSONDecodeError as error:
            raise CorpusError(f"{path}: invalid JSON ({error.msg} at line {error.lineno})") from None
    for record, problem in _json_records(path, enumerate(text.splitlines(), start=1), on_error=on_error):
        if problem:
            bad[len(records)] = problem
        records.append(record)
    return pd.DataFrame(records), bad


def _json_records(path: Path, numbered_lines, *, on_error: str):
    """``(record, problem)`` for each non-blank ``(number, line)``: the parsed object and None, or
    ``{}`` and ``"line N: reason"`` for a bad line (``on_error="flag"``; else :class:`CorpusError`)."""
    for number, line in numbered_lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            problem = None if isinstance(record, dict) else "expected a JSON object"
        except json.JSONDecodeError as error:
            problem = f"invalid JSON ({error.msg})"
        if problem:
            if on_error == "raise":
                raise CorpusError(f"{path} line {number}: {problem}")
            yield {}, f"line {number}: {problem}"
        else:
            yield record, None


def choose_columns(columns: Iterable[str], path: Path, *, text_column: str | None = None,
                   id_column: str | None = None) -> dict[str, str | None]:
    """Which of a table's ``columns`` hold each article's text, id and given metadata.

    Returns ``{"text": name, "id": name or None, "given_outlet": ..., "given_date": ...,
    "given_link": ...}``: the caller's names when given, else the first of each list of
    candidates present. Chosen once per file, from all its columns, so that a file read in
    batches gives the rows it gives read whole. :class:`CorpusError` names the file when no
    text column (or the id column asked for) is there.
    """
    columns = list(columns)
    if text_column is None:
        text_column = next((c for c in TEXT_COLUMN_CANDIDATES if c in columns), None)
    if text_column is None or text_column not in columns:
        raise CorpusError(f"{path}: no text column (looked for {list(TEXT_COLUMN_CANDIDATES)}; "
                          f"columns are {columns}); pass text_column=")
    if id_column is None:
        id_column = next((c for c in ID_COLUMN_CANDIDATES if c in columns), None)
    elif id_column not in columns:
        raise CorpusError(f"{path}: no id column {id_column!r}; columns are {columns}")
    given = {key: next((c for c in names if c in columns), None) for key, names in GIVEN_COLUMN_CANDIDATES.items()}
    return {"text": text_column, "id": id_column, **given}


def records_table(records: list[dict], chosen: dict[str, str | None]) -> pd.DataFrame | list[dict]:
    """JSON records as :func:`_table_rows` reads them: as a DataFrame's rows, so that a column
    of numbers reads as pandas reads it (ids 1 and 2.5 as «1.0» and «2.5»); or the records
    themselves when every field read is text, a list, an object or missing, which a DataFrame
    gives back unchanged (most corpora: spared building one)."""
    fields = ("title", "abstract", *(name for name in chosen.values() if name))
    plain = (str, list, dict, type(None))
    if all(type(record.get(field)) in plain for record in records for field in fields):
        return records
    return pd.DataFrame(records)


def _table_rows(table: pd.DataFrame | list[dict], path: Path, chosen: dict[str, str | None], *,
                first_position: int = 0) -> list[dict]:
    """One row per record of ``table`` (a DataFrame, or :func:`records_table`'s records), read
    from the columns :func:`choose_columns` chose."""
    rows = []
    records = table.to_dict("records") if isinstance(table, pd.DataFrame) else table
    for position, record in enumerate(records, start=first_position):
        title = _as_text(record.get("title"))
        parts = [title, _as_text(record.get("abstract")), _as_text(record.get(chosen["text"]))]
        text = "\n".join(p for p in parts if p)
        article_id = _as_text(record.get(chosen["id"])) if chosen["id"] else ""
        rows.append({
            "article_id": article_id or f"{path.stem}_{position:05d}",
            "source": f"{path}#{position}",
            "encoding": "",
            "raw_text": text,
            "status": "ok" if text.strip() else "empty",
            "given_title": title,
            **{key: _as_text(record.get(chosen[key])) if chosen[key] else "" for key in GIVEN_COLUMN_CANDIDATES},
        })
    return rows


def _as_text(value) -> str:
    """A table cell as text: lists (JSONL paragraphs) joined by newlines, missing as ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from pandas
        return ""
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str)):
        items = value.tolist() if hasattr(value, "tolist") else value
        return "\n".join(str(v).strip() for v in items if str(v).strip())
    return str(value).strip()
