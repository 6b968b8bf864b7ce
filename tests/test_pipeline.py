"""The pipeline end to end: the export command, scoring on the seeds, identical results in every
mode (serial, processes, Dask), and the per-article cache."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from helpers import export, pipeline, processes
from helpers.export import export_corpus
from helpers.load import load_corpus
from helpers.paths import CORPUS_DIR, PROJECT_ROOT
from helpers.pipeline import EXPORT_TABLES, annotate_corpus

GOLD_COLUMNS = {
    "articles": {"article_id", "title", "outlet", "province", "date", "text"},
    "speakers": {"article_id", "speaker_id", "name", "office", "role"},
    "quotes": {"article_id", "speaker_id", "verb", "text"},
    "statistics": {"article_id", "value", "unit", "qualifier", "speaker_id", "sentence"},
}
TARGETS = {  # the issues' targets on the seeds
    "boilerplate_removed": 1.0, "content_kept": 1.0, "metadata": 1.0,
    "statistics_f1": 0.95, "statistics_unit": 0.9, "statistics_qualifier": 0.95, "statistics_speaker": 0.95,
    "speakers_f1": 0.95, "speakers_role": 0.95, "quotes_attributed": 0.95, "quotes_precision": 0.9,
}


@pytest.fixture(scope="module")
def seed_export(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds")
    result = subprocess.run([sys.executable, "-m", "helpers", "export", str(CORPUS_DIR), str(out), "--no-cache", "--quiet"],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


def test_export_writes_every_table_with_the_gold_columns(seed_export):
    for name in EXPORT_TABLES:
        assert (seed_export / f"{name}.csv").exists() and list((seed_export / name).glob("part-*.parquet"))
    for name, columns in GOLD_COLUMNS.items():
        frame = pd.read_csv(seed_export / f"{name}.csv", dtype=str, keep_default_na=False)
        assert columns <= set(frame.columns), f"{name}.csv lacks {columns - set(frame.columns)}"
    articles = pd.read_csv(seed_export / "articles.csv", dtype=str, keep_default_na=False)
    assert sorted(articles["article_id"]) == sorted(p.stem for p in CORPUS_DIR.glob("*.txt"))
    # Parquet and CSV hold the same rows.
    assert len(pd.read_parquet(seed_export / "statistics")) == len(pd.read_csv(seed_export / "statistics.csv"))


def test_every_extracted_row_has_provenance(seed_export):
    articles = pd.read_csv(seed_export / "articles.csv", dtype=str, keep_default_na=False).set_index("article_id")
    for name in ("quotes", "numbers", "statistics"):
        frame = pd.read_csv(seed_export / f"{name}.csv", dtype={"article_id": str}, keep_default_na=False)
        assert {"article_id", "start", "end", "rule"} <= set(frame.columns)
        for row in frame.itertuples():
            text = articles.loc[row.article_id, "text"]
            assert 0 <= row.start < row.end <= len(text) and row.rule


def test_seed_export_reaches_the_targets(seed_export, gold_paths):
    gold, scorer = gold_paths
    result = subprocess.run([sys.executable, str(scorer), str(gold), str(seed_export), "--json"],
                            capture_output=True, text=True, timeout=120)
    figures = json.loads(result.stdout[: result.stdout.rindex("}") + 1])
    short = {k: round(figures[k], 3) for k, target in TARGETS.items() if figures[k] < target}
    assert not short, f"below target: {short}"


def test_export_is_reproducible_byte_for_byte(seed_export, tmp_path):
    export_corpus(CORPUS_DIR, tmp_path, cache_dir=None, progress=False)
    for name in EXPORT_TABLES:
        assert (tmp_path / f"{name}.csv").read_bytes() == (seed_export / f"{name}.csv").read_bytes(), name


def test_cli_names_the_bad_corpus(tmp_path):
    result = subprocess.run([sys.executable, "-m", "helpers", "export", str(tmp_path / "missing"), str(tmp_path / "out")],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "missing" in result.stderr and "no such file" in result.stderr


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    """The seeds plus up to 25 bench articles, when the bench corpus is there."""
    from helpers.paths import BENCH_CORPUS

    frames = [load_corpus(CORPUS_DIR)]
    if BENCH_CORPUS.exists():
        folder = tmp_path_factory.mktemp("bench")
        with BENCH_CORPUS.open(encoding="utf-8") as source:
            lines = [next(source) for _ in range(25)]
        (folder / "slice.jsonl").write_text("".join(lines), encoding="utf-8")
        frames.append(load_corpus(folder / "slice.jsonl"))
    return pd.concat(frames, ignore_index=True)


def assert_same_tables(left, right):
    for name in (*pipeline.TABLE_NAMES, "people"):
        pd.testing.assert_frame_equal(left[name].reset_index(drop=True), right[name].reset_index(drop=True),
                                      check_dtype=False, obj=name)


@pytest.fixture(scope="module")
def serial_tables(small_corpus):
    return annotate_corpus(small_corpus, cache_dir=None, progress=False)


def test_processes_give_the_serial_tables(small_corpus, serial_tables):
    assert_same_tables(annotate_corpus(small_corpus, jobs=2, cache_dir=None, progress=False), serial_tables)


def test_dask_local_cluster_gives_the_serial_tables(small_corpus, serial_tables):
    pytest.importorskip("dask.distributed")
    assert_same_tables(annotate_corpus(small_corpus, dask_address="local", cache_dir=None, progress=False), serial_tables)


def test_cache_is_used_and_invalidated_by_a_changed_text(small_corpus, serial_tables, tmp_path, monkeypatch):
    first = annotate_corpus(small_corpus, cache_dir=tmp_path, progress=False)
    assert_same_tables(first, serial_tables)
    calls = []
    real = pipeline.article_columns
    monkeypatch.setattr(pipeline, "article_columns", lambda article, **kw: calls.append(article["article_id"]) or real(article, **kw))
    assert_same_tables(annotate_corpus(small_corpus, cache_dir=tmp_path, progress=False), serial_tables)
    assert calls == []  # everything came from the cache
    changed = small_corpus.copy()
    changed.loc[0, "raw_text"] += "\nوی افزود: بیش از ۵۰۰ نفر حضور داشتند."
    annotate_corpus(changed, cache_dir=tmp_path, progress=False)
    assert calls == [changed.loc[0, "article_id"]]  # only the changed article is worked again


def test_tables_from_columns_are_the_per_article_tables_joined(small_corpus, serial_tables):
    # The export joins column lists; joining each article's DataFrames must give the same, dtypes too.
    frames = [pipeline.annotate_article(article) for article in small_corpus.to_dict("records")]
    for name in pipeline.TABLE_NAMES:
        parts = [f[name] for f in frames if len(f[name])]
        joined = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=list(frames[0][name].columns))
        # Links to persons across the corpus (helpers.people) are no article's own columns.
        table = serial_tables[name].drop(columns=["person_id", "link_rule"], errors="ignore")
        pd.testing.assert_frame_equal(table, joined, check_dtype=True, obj=name)


def test_results_made_for_the_export_are_the_exported_part_of_the_whole(small_corpus):
    # exported_only skips the tables the export never writes (paragraphs, sentences); the rest
    # must be exactly what the export took from the whole result before.
    for article in small_corpus.to_dict("records"):
        whole = pipeline.article_columns(article)
        made = pipeline.article_columns(article, exported_only=True)
        assert {"paragraphs", "sentences"} <= set(whole) and not {"paragraphs", "sentences"} & set(made)
        assert pipeline.exported_result(made) == pipeline.exported_result(whole)



@pytest.mark.parametrize("jobs", [1, 2])
def test_partitions_joined_by_chunks_are_the_per_article_results_joined(small_corpus, jobs):
    # The export takes each chunk's results joined where they were made (in a worker); the
    # partitions must be the per-article results joined, cut at the same articles.
    rows = small_corpus.to_dict("records")
    options = {"jobs": jobs, "cache_dir": None, "progress": False, "partition_size": pipeline.CHUNK_SIZE,
               "exported_only": True}
    names = ("articles", "speakers", "numbers")
    per_article = list(pipeline.annotated_partitions([rows], **options))
    joined = list(pipeline.annotated_partitions([rows], joined=names, **options))
    # a partition per chunk of articles, the last holding what is left
    assert len(joined) == len(per_article) == -(-len(rows) // pipeline.CHUNK_SIZE) > 1
    # compared by repr: a NaN sent back from a worker equals no other NaN, not even one pickled the same
    assert repr(joined) == repr([pipeline.joined_columns(part, names) for part in per_article])
    empty = list(pipeline.annotated_partitions([[]], joined=names, **options))
    assert empty == [pipeline.joined_columns([], names)]


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_tasks_are_the_chunks_with_the_last_ones_cut_finer(workers):
    # Three batches, none a whole number of chunks: chunks never cross a batch's end.
    batches = [list(range(0, 60)), list(range(60, 63)), list(range(63, 110))]
    chunks = [chunk for batch in batches for chunk in pipeline._chunks(batch, pipeline.CHUNK_SIZE)]
    tasks = list(pipeline._tasks(iter(batches), workers=workers))
    # every article once, in order
    assert [article for rows, _ in tasks for article in rows] == list(range(110))
    # whole chunks up to the last `workers` of them ...
    whole = len(chunks) - workers
    assert [rows for rows, _ in tasks[:whole]] == chunks[:whole] and all(ends for _, ends in tasks[:whole])
    # ... which come in pieces, each chunk's last piece marked as ending it
    pieces = tasks[whole:]
    assert all(len(rows) <= pipeline.LAST_CHUNKS_PIECE_SIZE for rows, _ in pieces)
    ends = [rows[-1] for rows, ends_chunk in pieces if ends_chunk]
    assert ends == [chunk[-1] for chunk in chunks[whole:]]


def test_partitions_end_with_chunks_when_the_last_chunks_come_in_pieces():
    # Chunks of 24, 3, 25 and 15 articles, partitions of 26: a partition ends at the first
    # chunk's end that makes 26 articles or more (27, then 40). The last chunk comes in pieces
    # of 5: its first piece makes 30 articles, which must not end a partition.
    rows = [{"article_id": f"a{i}", "raw_text": "سلام", "given_title": "", "source": "", "encoding": "utf-8",
             "status": "ok"} for i in range(67)]
    batches = [rows[:24], rows[24:27], rows[27:]]
    partitions = list(pipeline.annotated_partitions(iter(batches), jobs=1, cache_dir=None, progress=False,
                                                    partition_size=26))
    assert [len(partition) for partition in partitions] == [27, 40]


def test_the_export_reads_chunks_that_partitions_are_made_of():
    for partition_size in (1, 2, 7, 25, 30, 500, 1000):
        size = export.read_size(partition_size)
        assert partition_size % size == 0 and pipeline.CHUNK_SIZE % size == 0
    assert export.read_size(pipeline.PARTITION_SIZE) == pipeline.CHUNK_SIZE


# Run in a fresh process: threads that earlier tests leave behind (kernel clients, event
# loops) free cyclic garbage of their own at any time, which is no fault of annotating.
CYCLE_CHECK = """
import gc, sys
import pandas as pd
from helpers import pipeline, processes
corpus = pd.read_pickle(sys.argv[1])
pipeline.annotate_partition(corpus)  # warm: lexicons and caches are built once, outside the check
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
with processes.collector_paused():
    assert not gc.isenabled()
    pipeline.annotate_partition(corpus)
    found = gc.collect()
assert gc.isenabled()
print(found, sorted({repr(o)[:160] for o in gc.garbage if not isinstance(o, (dict, tuple, list))})[:20])
"""


def test_annotating_leaves_no_reference_cycles_for_the_paused_collector(small_corpus, tmp_path):
    # The export pauses the cyclic collector while it annotates (processes.collector_paused):
    # safe only as long as annotating frees everything by reference counting alone.
    small_corpus.to_pickle(tmp_path / "corpus.pkl")
    result = subprocess.run([sys.executable, "-c", CYCLE_CHECK, str(tmp_path / "corpus.pkl")], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    found, _, objects = result.stdout.strip().partition(" ")
    assert found == "0", objects


# The export's partitions, annotated and written, with the collector off; then the cyclic
# garbage they left is counted, before what they left alive is frozen.
EXPORT_CYCLE_CHECK = """
import gc, sys
from helpers import export, pipeline
pipeline.warm_up()
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
found = []
freeze = gc.freeze
gc.freeze = lambda: found.append(gc.collect()) or freeze()  # before the export, and after its partitions
export.export_corpus(sys.argv[1], sys.argv[2], cache_dir=None, progress=False, partition_size=4)
print(found[-1] if len(found) == 2 else found, sorted({repr(o)[:160] for o in gc.garbage if not isinstance(o, (dict, tuple, list))})[:20])
"""


def test_exporting_partitions_leaves_no_reference_cycles_for_the_paused_collector(tmp_path):
    # The export pauses the collector over every partition, annotating and writing: safe
    # only as long as both free everything by reference counting alone.
    result = subprocess.run([sys.executable, "-c", EXPORT_CYCLE_CHECK, str(CORPUS_DIR), str(tmp_path / "out")],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    found, _, objects = result.stdout.strip().partition(" ")
    assert found == "0", objects


def test_the_collector_is_paused_while_partitions_are_written_and_back_after(tmp_path, monkeypatch):
    import gc

    from helpers import export

    seen = []
    real = export.write_partition
    monkeypatch.setattr(export, "write_partition", lambda *args, **kw: seen.append(gc.isenabled()) or real(*args, **kw))
    assert gc.isenabled()
    export_corpus(CORPUS_DIR, tmp_path / "out", cache_dir=None, progress=False, partition_size=4)
    assert seen and not any(seen)
    assert gc.isenabled()

    def failing(tables, folder, number, **kw):
        if number == 1:
            raise OSError("disk full")
        return real(tables, folder, number, **kw)

    monkeypatch.setattr(export, "write_partition", failing)
    with pytest.raises(OSError) as failure:
        export_corpus(CORPUS_DIR, tmp_path / "failed", cache_dir=None, progress=False, partition_size=2)
    assert gc.isenabled()  # back on at once, even while the failure's traceback is kept
    assert failure.value.args == ("disk full",)


def test_objects_from_before_the_export_are_frozen_out_of_collections_until_it_ends():
    import gc
    import weakref

    from helpers.processes import collector_frozen

    class Node:
        pass

    def cycle():
        node = Node()
        node.self = node
        return weakref.ref(node)

    gc.disable()  # no automatic collection between the steps: only the explicit ones below
    try:
        old = cycle()  # cyclic garbage already, made before the block
        with collector_frozen():
            new = cycle()
            gc.collect()
            assert new() is None  # made inside: collected as usual
            assert old() is not None  # made before: left alone
        gc.collect()
        assert old() is None  # in the collector's care again
    finally:
        gc.enable()
