"""The per-article cache: an unchanged article is not annotated twice.

An entry is one article's result (:func:`helpers.pipeline.article_columns`), keyed by
:func:`cache_key` (the article's text and metadata, the options and :func:`code_fingerprint`),
stored with its SHA-256 and verified on every read: a damaged entry is recomputed and named in
a warning, never trusted.

Every entry lives in one SQLite file, ``<cache folder>/articles.sqlite``: a million articles
are a million rows, not a million small files. SQLite lets the export's worker processes write
at once (each opens its own connection) and rolls back what a process killed mid-write left,
so no half entry is ever read. Keep the cache folder on a local disk: SQLite's locks are not
to be trusted over a network file system (a Dask cluster's workers each need their own, or
``--no-cache``).

What a change re-annotates: the key holds a fingerprint of all the helpers' code and lexicons,
so any change to either (one lexicon line) makes every article new; :func:`describe_cache`
says so before an export starts.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sqlite3
import warnings
from functools import lru_cache
from pathlib import Path

from . import __version__
from .paths import HELPERS_DIR, PROJECT_ROOT

DEFAULT_CACHE_DIR = PROJECT_ROOT / ".cache" / "articles"
CACHE_FILE = "articles.sqlite"
# Seconds a process waits for another's write to finish before giving up on an entry.
LOCK_TIMEOUT = 60.0


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


class CacheEntryError(ValueError):
    """A cache entry that cannot be used; it is recomputed and named in a warning."""


def entry_payload(tables: dict[str, dict[str, list]]) -> tuple[str, bytes]:
    """What the cache stores for one article's result: the SHA-256 (hex) of the pickle, and the pickle."""
    payload = pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(payload).hexdigest(), payload


def entry_tables(checksum: str, payload: bytes, article_id: str) -> dict[str, dict[str, list]]:
    """One article's result from a stored entry; :class:`CacheEntryError` saying why when it
    cannot be trusted (a changed byte, another object, another article's tables)."""
    from .pipeline import TABLE_NAMES  # here: the annotators import this module

    if hashlib.sha256(payload).hexdigest() != checksum:
        raise CacheEntryError("checksum does not match its content")
    try:
        tables = pickle.loads(payload)
    except Exception as error:  # a checksum match makes this unlikely; any failure means redo
        raise CacheEntryError(f"cannot be unpickled ({error})") from None
    if not (isinstance(tables, dict) and set(TABLE_NAMES) <= set(tables)
            and isinstance(tables["articles"], dict) and tables["articles"].get("article_id") == [article_id]):
        raise CacheEntryError(f"does not hold the tables of article {article_id!r}")
    return tables


def connection(cache_dir: str | Path) -> sqlite3.Connection:
    """This process's connection to the cache in ``cache_dir``, made (with its table) on first use.

    One per process: a forked worker opens its own (an SQLite connection must not cross a fork)."""
    return _connection(os.getpid(), str((Path(cache_dir) / CACHE_FILE).absolute()))


@lru_cache(maxsize=None)
def _connection(pid: int, path: str) -> sqlite3.Connection:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    database = sqlite3.connect(path, timeout=LOCK_TIMEOUT, isolation_level=None)
    # Write-ahead logging: readers never wait for a writer; NORMAL: no fsync per entry, and a
    # crash loses at most the last entries, never the file.
    database.execute("PRAGMA journal_mode=WAL")
    database.execute("PRAGMA synchronous=NORMAL")
    database.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, article_id TEXT NOT NULL, "
                     "code TEXT NOT NULL, sha256 TEXT NOT NULL, tables BLOB NOT NULL)")
    return database


def load_entry(cache_dir: str | Path, key: str, article_id: str) -> dict | None:
    """The cached result of ``key``, or None when there is none or it cannot be trusted (warned)."""
    where = Path(cache_dir) / CACHE_FILE
    try:
        row = connection(cache_dir).execute("SELECT sha256, tables FROM entries WHERE key = ?", (key,)).fetchone()
        return None if row is None else entry_tables(row[0], row[1], article_id)
    except (sqlite3.Error, CacheEntryError) as error:
        warnings.warn(f"cache entry {key[:16]} in {where} ({article_id}): {error}; recomputed", stacklevel=3)
        return None


def store_entry(cache_dir: str | Path, key: str, tables: dict, article_id: str) -> None:
    """Keep ``tables`` as the entry of ``key``; a failure (a full disk) is warned about, not raised:
    the cache is an optimisation, the export goes on."""
    checksum, payload = entry_payload(tables)
    try:
        connection(cache_dir).execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?)",
                                      (key, article_id, code_fingerprint(), checksum, payload))
    except (sqlite3.Error, OSError) as error:
        warnings.warn(f"cache entry {key[:16]} in {Path(cache_dir) / CACHE_FILE} ({article_id}) not written: "
                      f"{error}", stacklevel=3)


def describe_cache(cache_dir: str | Path) -> str:
    """What the cache in ``cache_dir`` holds for this code, in one sentence (said before an export).

    Entries are keyed by the fingerprint of all the code and lexicons: after any change to
    them, even one lexicon line, none is reused, and every article is annotated again.
    """
    path = Path(cache_dir) / CACHE_FILE
    if not path.exists():
        return f"cache {path}: empty; every article is annotated"
    try:
        counts = dict(connection(cache_dir).execute("SELECT code, COUNT(*) FROM entries GROUP BY code").fetchall())
    except sqlite3.Error as error:
        return f"cache {path}: cannot be read ({error}); every article is annotated"
    current, other = counts.pop(code_fingerprint(), 0), sum(counts.values())
    if other and not current:
        return (f"cache {path}: its {other:,} entries were made by other code or lexicons (any change to "
                f"helpers/ invalidates them all): every article is annotated again")
    return (f"cache {path}: {current:,} entries made by this code and its lexicons, reused for every article "
            "unchanged since")


def clear_cache(cache_dir: str | Path = DEFAULT_CACHE_DIR) -> None:
    """Remove every cached article result (and forget this process's connections to caches)."""
    _connection.cache_clear()
    shutil.rmtree(cache_dir, ignore_errors=True)
