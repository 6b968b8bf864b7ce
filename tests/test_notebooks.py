"""Every notebook of the sequence runs top to bottom in a fresh kernel and writes its figures:
on the seed corpus, and on a 200-article slice of the bench corpus where that is present."""

import json

import nbformat
import pytest

from helpers.paths import BENCH_CORPUS, CORPUS_DIR, NOTEBOOKS_DIR
from helpers.study import NOTEBOOK_NAME, UNREADABLE_WARNING, corpus_label, count_images, execute_notebook, sequence

pytestmark = pytest.mark.notebooks
NOTEBOOKS = sequence()


def test_the_sequence_is_numbered_and_stored_without_outputs():
    assert [p.name[:2] for p in NOTEBOOKS][:2] == ["00", "01"]
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        assert not any(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), path.name
        tagged = [cell for cell in notebook.cells if "parameters" in cell.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1 and "corpus = None" in tagged[0].source, f"{path.name}: one parameters cell with corpus = None"
        assert notebook.metadata.get("goftar", {}).get("title"), f"{path.name}: goftar metadata with a title"


def test_drafts_are_not_in_the_sequence():
    assert not NOTEBOOK_NAME.match("draft_themes.ipynb") and not NOTEBOOK_NAME.match("02_themes-old.ipynb")


def run(notebook, corpus, out_dir):
    target = execute_notebook(notebook, out_dir / "notebooks" / notebook.name, corpus=corpus, output_dir=out_dir,
                              timeout=900)
    return nbformat.read(target, as_version=4)


def expected_figures(notebook_path, corpus):
    declared = nbformat.read(notebook_path, as_version=4).metadata.get("goftar", {}).get("figures", [])
    return [f"{name}__{corpus_label(corpus)}" for name in declared]


def check_run(notebook_path, executed, out_dir, corpus):
    errors = [output for cell in executed.cells if cell.cell_type == "code"
              for output in cell.get("outputs", []) if output.get("output_type") == "error"]
    assert not errors, f"{notebook_path.name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"
    for name in expected_figures(notebook_path, corpus):
        for suffix in (".png", ".svg", ".json"):
            assert (out_dir / "figures" / f"{name}{suffix}").exists(), f"{notebook_path.name} did not write {name}{suffix}"
        record = json.loads((out_dir / "figures" / f"{name}.json").read_text(encoding="utf-8"))
        assert record["caption"] and record["notebook"], f"{name}: provenance missing"
    shown = count_images(out_dir / "notebooks" / notebook_path.name)
    saved = len(expected_figures(notebook_path, corpus))
    assert shown >= saved, f"{notebook_path.name} shows {shown} charts inline but saves {saved}"
    printed = "".join(output.get("text", "") + output.get("data", {}).get("text/plain", "")
                      for cell in executed.cells if cell.cell_type == "code" for output in cell.get("outputs", []))
    assert "<Figure size" not in printed, f"{notebook_path.name}: a chart printed as text instead of shown"
    assert UNREADABLE_WARNING not in printed, f"{notebook_path.name}: a chart shows codes or ids: {printed[printed.find(UNREADABLE_WARNING) - 80:][:300]}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_the_seeds(notebook, tmp_path):
    check_run(notebook, run(notebook, CORPUS_DIR, tmp_path), tmp_path, CORPUS_DIR)


@pytest.fixture(scope="module")
def bench_slice(tmp_path_factory):
    if not BENCH_CORPUS.exists():
        pytest.skip(f"bench corpus not found at {BENCH_CORPUS}")
    folder = tmp_path_factory.mktemp("bench")
    path = folder / "bench-200.jsonl"  # read from ../shared at test time, never stored in the project
    with BENCH_CORPUS.open(encoding="utf-8") as source, path.open("w", encoding="utf-8") as target:
        for _, line in zip(range(200), source):
            target.write(line)
    return path


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_a_bench_slice(notebook, bench_slice, tmp_path):
    check_run(notebook, run(notebook, bench_slice, tmp_path), tmp_path, bench_slice)
