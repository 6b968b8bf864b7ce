"""The per-article cache: an unchanged article is not annotated twice.

An entry is one article's result (:func:`helpers.pipeline.article_columns`), keyed by
:func:`cache_key` (the article's text and metadata, the options and :func:`code_fingerprint`),
stored with its checksum and verified on every read: a damaged entry is recomputed and named
in a warning, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
import warnings
from functools import lru_cache
from pathlib import Path

from . import __version__
from .paths import HELPERS_DIR, PROJECT_ROOT
from .processes import TEMPORARIES, process_alive

DEFAULT_CACHE_DIR = PROJECT_ROOT / ".cache" / "articles"


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


def cache_entry_bytes(tables: dict[str, dict[str, list]]) -> bytes:
    """What :func:`annotate_cached` stores for one article's result: header, checksum, pickle."""
    payload = pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL)
    return CACHE_MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def read_cache_entry(path: Path, article_id: str) -> dict[str, dict[str, list]]:
    """One article's cached result; :class:`CacheEntryError` saying why when it cannot be trusted."""
    from .pipeline import TABLE_NAMES  # here: the annotators import this module

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


def entry_path(cache_dir: str | Path, key: str) -> Path:
    """Where the entry of ``key`` lives: one file, in a folder named by the key's first two digits."""
    return Path(cache_dir) / key[:2] / f"{key}.pickle"


def load_entry(cache_dir: str | Path, key: str, article_id: str) -> dict | None:
    """The cached result of ``key``, or None when there is none or it cannot be trusted (warned)."""
    path = entry_path(cache_dir, key)
    if not path.exists():
        return None
    try:
        return read_cache_entry(path, article_id)
    except (OSError, CacheEntryError) as error:
        reason = error.strerror if isinstance(error, OSError) else error
        warnings.warn(f"cache entry {path} ({article_id}): {reason}; recomputed", stacklevel=3)
        return None


def store_entry(cache_dir: str | Path, key: str, tables: dict, article_id: str) -> None:
    """Keep ``tables`` as the entry of ``key``; a failure (a full disk) is warned about, not raised:
    the cache is an optimisation, the export goes on."""
    path = entry_path(cache_dir, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, cache_entry_bytes(tables))
    except OSError as error:
        warnings.warn(f"cache entry {path} ({article_id}) not written: {error.strerror}", stacklevel=3)



def _write_atomically(path: Path, data: bytes) -> None:
    # The pid in the name lets a later run remove what a killed process left (remove_stale_temporaries).
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".tmp-{os.getpid()}-")
    TEMPORARIES.add(temporary)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, _new_file_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    finally:
        TEMPORARIES.discard(temporary)


def remove_stale_temporaries(cache_dir: str | Path) -> int:
    """Remove temporary cache files left by processes no longer running (killed by SIGKILL)."""
    removed = 0
    for temporary in Path(cache_dir).glob("*/.tmp-*"):
        pid = temporary.name.split("-")[1]
        if pid.isdigit() and not process_alive(int(pid)):
            temporary.unlink(missing_ok=True)
            removed += 1
    return removed


def _new_file_mode() -> int:
    """The mode a plain new file gets under this process's umask (mkstemp's are private).

    Python has no call that only reads the umask: it is set and put back at once."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def clear_cache(cache_dir: str | Path = DEFAULT_CACHE_DIR) -> None:
    """Remove every cached article result."""
    shutil.rmtree(cache_dir, ignore_errors=True)
