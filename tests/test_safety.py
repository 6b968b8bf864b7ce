"""Bad input, faults and interruptions: nothing lost, nothing mixed, nothing hangs.

One test (or a few) per case that once went wrong: the raw corpus overwritten, articles merged
by a stray quote or dropped with a broken JSONL line, a long article hanging the export, a
symlink loop skipped, a full disk or Ctrl-C leaving mixed tables, workers orphaned, late
tracebacks, a damaged cache trusted, private file modes. And a fault-injection loop that kills
exports at random points and checks the output folder is always one export, whole.
"""

import errno
import hashlib
import json
import os
import pickle
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from helpers import cache, csv_copies, export, pipeline
from helpers.__main__ import main
from helpers.export import MANIFEST_NAME, ExportError, export_corpus, verify_export
from helpers.load import CorpusError, load_corpus
from helpers.paths import CORPUS_DIR, PROJECT_ROOT

SEED_FILES = sorted(CORPUS_DIR.glob("*.txt"))


@pytest.fixture
def corpus(tmp_path):
    """Three seed articles in a folder of their own."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in SEED_FILES[:3]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def tables_in(folder: Path) -> dict[str, bytes]:
    """Every file of an export folder but its manifest (whose run id differs run to run)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MANIFEST_NAME}


def hidden_siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def run_cli(*args, cwd=PROJECT_ROOT, timeout=300):
    return subprocess.run([sys.executable, "-m", "helpers", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


# ---------------------------------------------------------------- the raw corpus is never written

def test_export_into_the_folder_of_a_csv_corpus_is_refused_and_the_corpus_kept(tmp_path):
    # Once: `export tab/articles.csv tab/` overwrote the corpus with the cleaned table, exit 0.
    folder = tmp_path / "tab"
    folder.mkdir()
    table = pd.DataFrame({"id": ["a", "b"], "text": [p.read_text(encoding="utf-8") for p in SEED_FILES[:2]]})
    table.to_csv(folder / "articles.csv", index=False)
    before = (folder / "articles.csv").read_bytes()
    result = run_cli("export", folder / "articles.csv", folder, "--no-cache", "--quiet")
    assert result.returncode == 2
    assert "holds the corpus" in result.stderr and str(folder) in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert (folder / "articles.csv").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["articles.csv"]


@pytest.mark.parametrize("where", ["corpus itself", "inside the corpus", "the corpus file"])
def test_out_equal_to_or_inside_the_corpus_is_refused_before_any_work(corpus, where, monkeypatch):
    out = {"corpus itself": corpus, "inside the corpus": corpus / "tables",
           "the corpus file": corpus / SEED_FILES[0].name}[where]
    source = corpus / SEED_FILES[0].name if where == "the corpus file" else corpus
    monkeypatch.setattr(pipeline, "annotate_corpus", lambda *a, **k: pytest.fail("work began"))
    with pytest.raises(ExportError, match="corpus"):
        export_corpus(source, out, cache_dir=None, progress=False)
    assert sorted(p.name for p in corpus.iterdir()) == sorted(p.name for p in SEED_FILES[:3])


# ---------------------------------------------------------------- strict CSV and JSONL

def test_a_stray_quote_that_merges_csv_rows_is_an_error_naming_the_line(tmp_path):
    # Once: 10 articles read as 5, exit 0. Row 4 opens a quote that row 9 closes.
    lines = ["id,text"] + [f"a{i},{p.read_text(encoding='utf-8').splitlines()[0]}"
                           for i, p in enumerate(SEED_FILES * 2)]
    lines[4] = lines[4].replace(",", ',"', 1)
    lines[9] += '"'
    path = tmp_path / "news.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(pd.read_csv(path, dtype=str)) == 5  # what a lenient reader makes of it
    with pytest.raises(CorpusError, match=r"news.csv line 5: .*unbalanced quote"):
        load_corpus(path)


@pytest.mark.parametrize("body, line", [
    ('id,text\na1,ok\na2,he said "yes" twice\n', 3),       # a quote inside an unquoted field
    ('id,text\na1,"closed" then more\n', 2),               # text after a closing quote
    ('id,text\na1,"never closed\na2,x\n', 2),              # a quote open to the end of the file
    ('id,text\na1,x,extra\n', 2),                          # more fields than the header
])
def test_malformed_csv_records_are_errors_naming_the_line(tmp_path, body, line):
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"bad.csv line {line}"):
        load_corpus(path)


def test_well_formed_csv_with_quoted_commas_newlines_and_quotes_still_loads(tmp_path):
    # Strictness must not refuse what a CSV writer legitimately produces.
    texts = ["Hello, world\nsecond, line", 'he said "yes"', "", "سطر اول\na9,x"]
    table = pd.DataFrame({"id": ["a1", "a2", "a3", "a4"], "text": texts, "title": ["t"] * 4})
    table.to_csv(tmp_path / "ok.csv", index=False)
    frame = load_corpus(tmp_path / "ok.csv")
    assert list(frame["article_id"]) == ["a1", "a2", "a3", "a4"]
    assert frame.loc[1, "raw_text"] == 't\nhe said "yes"'


def test_a_broken_jsonl_line_is_flagged_and_every_good_row_kept(tmp_path):
    # Once: the line was named, but all 19 good rows were dropped, also with --flag-errors.
    lines = [json.dumps({"text": f"خبر شماره {i}"}, ensure_ascii=False) for i in range(20)]
    lines[7] = '{"text": "broken'
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="news.jsonl line 8: invalid JSON"):
        load_corpus(path)
    frame = load_corpus(path, on_error="flag")
    assert len(frame) == 20
    assert frame.loc[7, "status"].startswith("error: ") and "line 8" in frame.loc[7, "status"]
    assert (frame.drop(index=7)["status"] == "ok").all()
    # Every later row keeps the id of its place in the file.
    assert list(frame["article_id"]) == [f"news_{i:05d}" for i in range(20)]
    assert frame.loc[8, "raw_text"] == "خبر شماره 8"


# ---------------------------------------------------------------- unreadable folder entries

def test_a_symlink_loop_is_a_flagged_row_not_skipped(corpus):
    os.symlink("y.txt", corpus / "x.txt")
    os.symlink("x.txt", corpus / "y.txt")
    with pytest.raises(CorpusError, match=r"x.txt: .*symbolic-link loop"):
        load_corpus(corpus)
    frame = load_corpus(corpus, on_error="flag").set_index("article_id")
    assert len(frame) == 5
    assert "symbolic-link loop" in frame.loc["x", "status"] and frame.loc["x", "raw_text"] == ""


def test_a_dangling_link_and_a_pipe_are_flagged(corpus):
    os.symlink("gone.txt", corpus / "dangling.txt")
    os.mkfifo(corpus / "pipe.txt")  # reading it would block the export forever
    frame = load_corpus(corpus, on_error="flag").set_index("article_id")
    assert "dangling symbolic link" in frame.loc["dangling", "status"]
    assert "not a regular file" in frame.loc["pipe", "status"]


# ---------------------------------------------------------------- long articles

def test_an_article_over_the_time_limit_is_flagged_and_the_others_annotated(seed_corpus):
    # One long single-line article among normal ones: flagged «timeout: ...», kept with its raw
    # text, and the export goes on (once, a 20 MB article hung it for good).
    long_text = " ".join(seed_corpus["raw_text"]).replace("\n", " ") * 120
    long_article = {**seed_corpus.iloc[0].to_dict(), "article_id": "long", "source": "long.txt", "raw_text": long_text}
    articles = pd.concat([seed_corpus.head(2), pd.DataFrame([long_article])], ignore_index=True)
    tables = pipeline.annotate_corpus(articles, cache_dir=None, progress=False, time_limit=0.5)
    status = tables["articles"].set_index("article_id")["status"]
    assert status["long"].startswith("timeout: not annotated within 0.5 s")
    assert (status.drop("long") == "ok").all()
    assert tables["articles"].set_index("article_id").loc["long", "raw_text"] == long_text
    assert set(tables["speakers"]["article_id"]) <= set(seed_corpus["article_id"])
    # The flagged article has every table's columns, like any other.
    alone = pipeline.collect_tables([pipeline.flagged_columns(articles.iloc[2].to_dict(), "timeout: x")])
    assert list(alone["articles"].columns) == list(tables["articles"].columns)


def test_a_timed_out_article_is_not_cached(seed_corpus, tmp_path, monkeypatch):
    article = seed_corpus.iloc[0].to_dict()
    real = pipeline.article_columns
    # Slow on the article's text; the flagged row (built from an empty text) is made at once.
    monkeypatch.setattr(pipeline, "article_columns",
                        lambda article, **kw: (article["raw_text"] and time.sleep(5)) or real(article, **kw))
    tables = pipeline.annotate_cached(article, cache_dir=tmp_path, time_limit=0.2)
    assert tables["articles"]["status"][0].startswith("timeout")
    assert stored(article, tmp_path) is None


# ---------------------------------------------------------------- writing as one unit

def test_a_full_disk_while_writing_leaves_the_previous_export_whole(corpus, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    export_corpus(corpus, out, cache_dir=None, progress=False)
    before = tables_in(out)
    run_id = json.loads((out / MANIFEST_NAME).read_text())["run_id"]
    real = export._write_parquet
    written = []

    def disk_full(table, path):
        if len(written) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
        written.append(path)
        real(table, path)

    monkeypatch.setattr(export, "_write_parquet", disk_full)
    assert main(["export", str(corpus), str(out), "--no-cache", "--quiet"]) == 1
    message = capsys.readouterr().err.strip()
    assert "No space left on device" in message and "unchanged" in message and run_id in message
    assert tables_in(out) == before and verify_export(out) == []
    assert hidden_siblings(out) == []


def test_ctrl_c_while_writing_says_the_folder_holds_the_previous_export(corpus, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    export_corpus(corpus, out, cache_dir=None, progress=False)
    before = tables_in(out)
    real = csv_copies.write_csv_rows

    def interrupted(stream, table):
        real(stream, table.slice(0, 1))
        raise KeyboardInterrupt

    monkeypatch.setattr(csv_copies, "write_csv_rows", interrupted)
    assert main(["export", str(corpus), str(out), "--no-cache", "--quiet"]) == 130
    message = capsys.readouterr().err
    assert "is unchanged: it holds the previous export, complete" in message
    assert tables_in(out) == before and hidden_siblings(out) == []


def test_an_interrupted_first_export_says_nothing_was_created(corpus, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(export, "write_partition", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
    assert main(["export", str(corpus), str(tmp_path / "new"), "--no-cache", "--quiet"]) == 130
    assert "was not created" in capsys.readouterr().err
    assert not (tmp_path / "new").exists() and hidden_siblings(tmp_path / "new") == []


def test_the_manifest_lists_every_table_with_rows_and_checksums(corpus, tmp_path):
    out = tmp_path / "out"
    returned = export_corpus(corpus, out, cache_dir=None, progress=False, run_id="run-1")
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert manifest == returned and manifest["run_id"] == "run-1"
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {e["file"] for e in manifest["files"]} | {MANIFEST_NAME} == files
    tables = {name: pd.read_csv(out / f"{name}.csv", dtype=str) for name in manifest["rows"]}
    for entry in manifest["files"]:
        read = pd.read_parquet(out / entry["file"]) if entry["file"].endswith(".parquet") else tables[entry["table"]]
        assert entry["rows"] == len(read)
    assert {name: len(table) for name, table in tables.items()} == manifest["rows"]
    assert verify_export(out) == []
    (out / "quotes.csv").write_bytes((out / "quotes.csv").read_bytes().replace(b"\n", b"\r\n", 1))
    assert verify_export(out) == [f"{out / 'quotes.csv'}: checksum differs from the manifest"]


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_files_are_written_with_the_umask(corpus, tmp_path, umask, mode):
    # Once: every output file was 0600 whatever the umask.
    previous = os.umask(umask)
    try:
        export_corpus(corpus, tmp_path / "out", cache_dir=tmp_path / "cache", progress=False)
    finally:
        os.umask(previous)
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()] + list((tmp_path / "cache").glob("articles.sqlite*"))
    assert files and {stat.S_IMODE(p.stat().st_mode) for p in files} == {mode}


# ---------------------------------------------------------------- checks before any work

@pytest.mark.parametrize("case", ["a file", "not writable", "foreign files", "cache not writable"])
def test_bad_output_paths_fail_at_once_in_one_line(corpus, tmp_path, case, monkeypatch, capsys):
    # Once: a traceback, and only after all the annotation work.
    out, extra = tmp_path / "out", []
    if case == "a file":
        out.write_text("x")
    elif case == "not writable":
        out = Path("/proc/goftar-out")  # even root cannot create files there
    elif case == "foreign files":
        out.mkdir()
        (out / "notes.md").write_text("mine")
    else:
        extra = ["--refresh-cache"]
        monkeypatch.setattr(cache, "DEFAULT_CACHE_DIR", Path("/proc/goftar-cache"))
    monkeypatch.setattr(pipeline, "annotate_corpus", lambda *a, **k: pytest.fail("work began"))
    args = ["export", str(corpus), str(out), "--quiet"] + (extra or ["--no-cache"])
    assert main(args) == 2
    message = capsys.readouterr().err.strip()
    expected = {"a file": "is a file", "not writable": "cannot be written",
                "foreign files": "notes.md", "cache not writable": "cache folder"}[case]
    assert message.startswith("error: ") and expected in message and "\n" not in message
    assert ("goftar-cache" if case == "cache not writable" else str(out)) in message
    if case == "foreign files":
        assert (out / "notes.md").read_text() == "mine"


def test_too_little_disk_for_the_estimated_output_is_refused(corpus, tmp_path, monkeypatch):
    usage = export.shutil.disk_usage(tmp_path)
    monkeypatch.setattr(export.shutil, "disk_usage", lambda path: usage._replace(free=1000))
    with pytest.raises(ExportError, match=r"MB free on its disk, about .* MB needed"):
        export_corpus(corpus, tmp_path / "out", cache_dir=None, progress=False)


# ---------------------------------------------------------------- the cache verifies what it reads

def stored(article, cache_dir) -> tuple[str, bytes]:
    """The checksum and payload stored for ``article`` (read with SQLite itself, not the cache's code)."""
    with sqlite3.connect(Path(cache_dir) / cache.CACHE_FILE) as database:
        return database.execute("SELECT sha256, tables FROM entries WHERE key = ?",
                                (cache.cache_key(article, digits=None),)).fetchone()


def overwrite(article, cache_dir, checksum: str, payload: bytes) -> None:
    with sqlite3.connect(Path(cache_dir) / cache.CACHE_FILE) as database:
        database.execute("UPDATE entries SET sha256 = ?, tables = ? WHERE key = ?",
                         (checksum, payload, cache.cache_key(article, digits=None)))


def test_a_cache_entry_with_a_changed_digit_is_recomputed_and_named(seed_corpus, tmp_path):
    # Once: silently wrong, «950 هزار» hectares read back instead of «550 هزار».
    article = seed_corpus.iloc[0].to_dict()
    right = pipeline.annotate_cached(article, cache_dir=tmp_path)
    checksum, data = stored(article, tmp_path)
    surface = right["statistics"]["surface"][0]  # a quoted figure, its first digit changed
    digit = next(c for c in surface if c.isdigit())
    changed = surface.replace(digit, str((int(digit) + 4) % 10) if digit.isascii() else chr(ord(digit) ^ 1), 1)
    assert surface.encode() in data
    overwrite(article, tmp_path, checksum, data.replace(surface.encode(), changed.encode()))
    with pytest.warns(UserWarning, match=rf"{cache.CACHE_FILE} \({article['article_id']}\).*checksum does not match"):
        again = pipeline.annotate_cached(article, cache_dir=tmp_path)
    assert again == right
    assert cache.entry_tables(*stored(article, tmp_path), article["article_id"]) == right  # overwritten, good again


def test_a_cache_that_cannot_be_written_warns_and_the_export_goes_on(seed_corpus, tmp_path):
    article = seed_corpus.iloc[0].to_dict()
    database = cache.connection(tmp_path)  # a full disk: the file may not grow by a page
    database.execute(f"PRAGMA max_page_count = {database.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.warns(UserWarning, match="not written: database or disk is full"):
        tables = pipeline.annotate_cached(article, cache_dir=tmp_path)
    assert tables == pipeline.article_columns(article)


@pytest.mark.parametrize("damage", ["another object", "a bad protocol", "another article", "truncated"])
def test_a_cache_entry_that_is_not_this_article_is_recomputed(seed_corpus, tmp_path, damage):
    # Once: every later run crashed («unsupported pickle protocol», «KeyError: 'article_id'»).
    article, other = seed_corpus.iloc[0].to_dict(), seed_corpus.iloc[1].to_dict()
    right = pipeline.annotate_cached(article, cache_dir=tmp_path)
    if damage == "another object":
        overwrite(article, tmp_path, *cache.entry_payload({"surprise": [1]}))
    elif damage == "a bad protocol":
        bad = b"\x80\x09" + pickle.dumps(right)[2:]
        overwrite(article, tmp_path, hashlib.sha256(bad).hexdigest(), bad)
    elif damage == "another article":
        overwrite(article, tmp_path, *cache.entry_payload(pipeline.article_columns(other)))
    else:
        checksum, data = stored(article, tmp_path)
        overwrite(article, tmp_path, checksum, data[:100])
    with pytest.warns(UserWarning, match=rf"{cache.CACHE_FILE} \({article['article_id']}\)"):
        assert pipeline.annotate_cached(article, cache_dir=tmp_path) == right


def test_a_damaged_cache_file_is_warned_about_and_the_export_goes_on(seed_corpus, tmp_path):
    article = seed_corpus.iloc[0].to_dict()
    (tmp_path / cache.CACHE_FILE).write_bytes(b"not a database" * 100)
    with pytest.warns(UserWarning, match="file is not a database"):
        assert pipeline.annotate_cached(article, cache_dir=tmp_path) == pipeline.article_columns(article)


def test_the_cache_says_when_a_code_or_lexicon_change_re_annotates_everything(seed_corpus, tmp_path, monkeypatch):
    assert "empty" in cache.describe_cache(tmp_path)
    pipeline.annotate_corpus(seed_corpus, cache_dir=tmp_path, progress=False)
    assert f"{len(seed_corpus)} entries made by this code" in cache.describe_cache(tmp_path)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "changed-lexicon")
    assert f"its {len(seed_corpus)} entries were made by other code or lexicons" in cache.describe_cache(tmp_path)


def test_entries_are_rows_of_one_file_not_a_file_each(tmp_path):
    # 10⁶ articles must not be 10⁶ small files: the folder holds the SQLite file and its write-ahead log.
    for number in range(50):
        cache.store_entry(tmp_path, f"{number:064x}", {"articles": {"article_id": [str(number)]}}, str(number))
    assert {p.name for p in tmp_path.iterdir()} <= {cache.CACHE_FILE, f"{cache.CACHE_FILE}-wal", f"{cache.CACHE_FILE}-shm"}
    assert cache.connection(tmp_path).execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 50


def test_refresh_cache_recomputes_and_overwrites_every_entry(seed_corpus, tmp_path, monkeypatch):
    pipeline.annotate_corpus(seed_corpus, cache_dir=tmp_path, progress=False)
    calls = []
    real = pipeline.article_columns
    monkeypatch.setattr(pipeline, "article_columns", lambda article, **kw: calls.append(1) or real(article, **kw))
    pipeline.warm_up()
    pipeline.annotate_corpus(seed_corpus, cache_dir=tmp_path, progress=False)
    assert calls == []
    pipeline.annotate_corpus(seed_corpus, cache_dir=tmp_path, progress=False, refresh_cache=True)
    assert len(calls) == len(seed_corpus)


# ---------------------------------------------------------------- workers die with their parent

def child_pids(pid: int) -> set[int]:
    children = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        children |= {int(c) for c in (task / "children").read_text().split()}
    return children


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc to find the workers")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_workers_die_with_the_parent_and_temp_folders_go(tmp_path, sig):
    # Once: two workers orphaned (430 MB each) until killed by hand, a half-written temp file left.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for copy in range(40):  # enough work that the workers are busy when the parent is killed
        for path in SEED_FILES:
            (corpus / f"{copy:02d}_{path.name}").write_bytes(path.read_bytes())
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "helpers", "export", str(corpus), str(out), "--jobs", "2",
                                "--no-cache", "--quiet"], cwd=PROJECT_ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while len(workers := child_pids(process.pid)) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) >= 2, "the export ended before its workers were seen"
    process.send_signal(sig)
    process.wait(timeout=60)
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers)
    if sig == signal.SIGTERM:
        assert process.returncode == 143 and "terminated: " in process.stderr.read()
        assert hidden_siblings(out) == [] and not out.exists()


# A worker stopped halfway through sending its result: the pool's manager thread has read the
# length of a message it will never get whole. Written here by the task itself, through the
# pipe the forked worker inherited (the 4-byte length first, as multiprocessing writes it), so
# that the half message is there every time, not only when a kill lands mid-send.
HALF_SENT_RESULT = """
import multiprocessing, os, struct, time
from concurrent.futures import ProcessPoolExecutor
from helpers.processes import stop_workers, worker_started

def send_half_then_wait():
    os.write(pool._result_queue._writer.fileno(), struct.pack("!i", 1000) + b"half")
    time.sleep(600)

pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                           initializer=worker_started, initargs=(os.getpid(),))
pool.submit(send_half_then_wait)
time.sleep(1)
stop_workers(pool)
print("stopped", flush=True)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_a_worker_stopped_mid_result_does_not_keep_the_process_from_exiting(tmp_path):
    # Once: an export stopped by SIGTERM under load never exited (Python joined the pool's
    # manager thread at exit, and it waited for the rest of a result).
    script = tmp_path / "half_sent.py"
    script.write_text(HALF_SENT_RESULT, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "stopped"


# ---------------------------------------------------------------- fault injection

@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_an_export_killed_at_random_points_leaves_the_old_or_the_new_export_whole(corpus, tmp_path):
    """80 exports killed (SIGKILL and Ctrl-C alternately) at random moments, from loading to
    the swap: the output folder is always exactly one of the two exports, whole.

    Each export runs in a process forked from this one (modules loaded, cache warm), so a try
    costs a fraction of a second and the kills land in every phase, mostly in writing."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    exports = {}
    for digits in (None, "latin"):  # two different exports to swap between
        export_corpus(corpus, out, cache_dir=cache, digits=digits, progress=False)
        exports[digits] = tables_in(out)
    assert exports[None] != exports["latin"]

    def forked_export(digits) -> int:
        pid = os.fork()
        if pid == 0:  # the child: export, then leave without running the parent's exit handlers
            code = 1
            try:
                signal.signal(signal.SIGINT, signal.default_int_handler)
                export_corpus(corpus, out, cache_dir=cache, digits=digits, progress=False)
                code = 0
            except KeyboardInterrupt:
                code = 130
            finally:
                os._exit(code)
        return pid

    started = time.monotonic()
    os.waitpid(forked_export(None), 0)
    duration = time.monotonic() - started
    rng = random.Random(18)
    outcomes = {"old": 0, "new": 0}
    for attempt in range(80):
        current = next(d for d, tables in exports.items() if tables == tables_in(out))
        target = "latin" if current is None else None
        sig = signal.SIGKILL if attempt % 2 else signal.SIGINT
        pid = forked_export(target)
        time.sleep(rng.uniform(0, duration * 1.1))
        os.kill(pid, sig)
        os.waitpid(pid, 0)
        found = tables_in(out)
        assert found in (exports[current], exports[target]), f"try {attempt}: a mixed export"
        assert verify_export(out) == [], f"try {attempt}"
        outcomes["new" if found == exports[target] else "old"] += 1
        if sig == signal.SIGINT:  # (what an earlier SIGKILL left is removed only by a later export)
            assert not [n for n in hidden_siblings(out) if f"-{pid}-" in n], f"try {attempt}: temp folder left"
    assert outcomes["old"] and outcomes["new"]  # the kills landed before and after the swap
    export_corpus(corpus, out, cache_dir=cache, progress=False)  # removes what SIGKILL left behind
    assert hidden_siblings(out) == [] and tables_in(out) == exports[None]
