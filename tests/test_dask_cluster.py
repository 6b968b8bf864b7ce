"""The export on a real Dask cluster: a scheduler and two workers started as separate processes
from Dask's own command line on 127.0.0.1, workers reading their own shards of the corpus and
writing their own partitions; the tables equal a serial run's, byte for byte."""

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import pytest

from helpers import load, shards
from helpers.export import EXPORT_TABLES, export_corpus, verify_export
from helpers.paths import CORPUS_DIR, PROJECT_ROOT

pytestmark = pytest.mark.dask
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """The scheduler's address; scheduler and workers listen on 127.0.0.1, on ports the system
    picks, and are stopped (SIGTERM, then SIGKILL) whatever the tests did."""
    folder = tmp_path_factory.mktemp("cluster")
    scheduler_file = folder / "scheduler.json"
    dask = Path(sys.executable).parent / "dask"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    log = (folder / "log").open("w")
    started = []

    def start(*args):
        started.append(subprocess.Popen([str(dask), *args], env=env, cwd=folder, stdout=log, stderr=log,
                                        start_new_session=True))

    try:
        start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
              "--scheduler-file", str(scheduler_file))
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        for _ in range(2):
            start("worker", "--scheduler-file", str(scheduler_file), "--host", "127.0.0.1", "--nthreads", "1",
                  "--no-nanny", "--no-dashboard")
        address = json.loads(scheduler_file.read_text())["address"]
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            assert len(client.scheduler_info()["workers"]) == 2
        yield address
    finally:
        for process in reversed(started):
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


@pytest.fixture
def jsonl_corpus(tmp_path):
    """The seeds as JSON lines, each twice (ids are row positions: distinct)."""
    path = tmp_path / "news.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS_DIR.glob("*.txt"))] * 2
    path.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    return path


def table_bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.csv").read_bytes() for name in EXPORT_TABLES}


@pytest.mark.parametrize("kind", ["a JSON-lines file", "a folder of articles", "a glob of shards"])
def test_workers_read_and_write_their_own_shards_and_match_a_serial_run(cluster, jsonl_corpus, tmp_path,
                                                                        monkeypatch, kind):
    corpus = {"a JSON-lines file": jsonl_corpus, "a folder of articles": CORPUS_DIR}.get(kind)
    if corpus is None:  # the JSON lines cut into three files
        lines = jsonl_corpus.read_text(encoding="utf-8").splitlines(keepends=True)
        (tmp_path / "shards").mkdir()
        for number in range(3):
            (tmp_path / "shards" / f"part-{number}.jsonl").write_text("".join(lines[number::3]), encoding="utf-8")
        corpus = f"{tmp_path}/shards/*.jsonl"
    serial = export_corpus(corpus, tmp_path / "serial", cache_dir=None, progress=False, partition_size=3)

    def no_text_here(*args, **kwargs):
        raise AssertionError("the client read article text")

    for module, name in [(shards, "read_shard"), (load, "load_corpus"), (load, "iter_corpus")]:
        monkeypatch.setattr(module, name, no_text_here)  # in this process only: workers are others
    manifest = export_corpus(corpus, tmp_path / "dask", dask_address=cluster, cache_dir=None, progress=False,
                             partition_size=3)
    assert manifest["rows"] == serial["rows"] and manifest["rows"]["articles"] == 10 - 5 * (kind == "a folder of articles")
    assert table_bytes(tmp_path / "dask") == table_bytes(tmp_path / "serial")
    # One partition per shard, each written by a worker.
    assert len(list((tmp_path / "dask" / "quotes").iterdir())) == len(shards.corpus_shards(corpus, shard_size=3)) > 1
    assert verify_export(tmp_path / "dask") == []
