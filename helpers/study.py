"""What a notebook needs to start: the corpus it studies, its tables, and where its figures go.

Every notebook's parameters cell names a corpus (``None``: the project's seed corpus), an
output folder (``None``: figures into the project's ``figures/``) and the corpus's export
(``None``: found or made by :func:`open_study`); :func:`open_study` turns those into a
:class:`Study` that reads the exported tables as they are needed (:mod:`helpers.exported_tables`:
each table on first use, the articles' texts a batch at a time, never whole) and saves figures
with their provenance. :func:`run_notebooks` runs the whole numbered sequence on one corpus, as
``make all`` does: one export, read by every notebook.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .exported_tables import ArticleTexts, ExportedTables
from .paths import CORPUS_DIR, FIGURES_DIR, NOTEBOOKS_DIR, STUDY_EXPORTS_DIR

# Notebooks in the sequence are named NN_words.ipynb; anything else (drafts) is not run.
NOTEBOOK_NAME = re.compile(r"^\d\d_[a-z0-9_]+\.ipynb$")
# The warning Study.save gives for a figure showing codes or ids (tests look for it in outputs).
UNREADABLE_WARNING = "labels a reader cannot read (codes, rule ids or hash ids):"


def corpus_label(corpus: str | Path | None) -> str:
    """A short name for a corpus, used in figure names and captions: ``seeds`` for the project's own."""
    path = Path(corpus) if corpus else CORPUS_DIR
    if path.resolve() == CORPUS_DIR.resolve():
        return "seeds"
    return re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem if path.is_file() else path.name).strip("-") or "corpus"


class SavedFigure(list):
    """The paths :meth:`Study.save` wrote; shown in a notebook as one short line, not a list."""

    def __repr__(self) -> str:
        return "saved " + ", ".join(Path(path).name for path in self)


@dataclass
class Study:
    """One notebook's view of one corpus: its exported tables, read as they are needed
    (:class:`helpers.exported_tables.ExportedTables`), and figures saved with provenance."""

    corpus: Path
    label: str
    notebook: str
    figures_dir: Path
    tables: ExportedTables = field(repr=False)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @property
    def texts(self) -> ArticleTexts:
        """The articles' ids, titles and cleaned texts, a batch at a time (what the text
        functions take: :func:`helpers.explore.search_kwic`, :func:`helpers.synthesis.frequent_words`...)."""
        return self.tables.texts

    @property
    def raw_texts(self) -> ArticleTexts:
        """:attr:`texts` with each article's raw text beside, read from the corpus."""
        return self.tables.texts.with_raw_text()

    def row_counts(self) -> dict[str, int]:
        """Every table's rows, read from the export's files without reading the tables."""
        return self.tables.row_counts()

    def save(self, fig, name: str, *, caption: str, pdf: bool = False) -> "SavedFigure":
        """Save ``fig`` as ``NN_name__corpus.png/.svg`` with a caption naming the corpus.

        In a notebook the saved PNG is also shown in the cell's output, so every chart a
        notebook makes is seen inline, exactly as published. Returns the paths written.
        """
        from .charts import save_figure, unreadable_labels
        from .display import show_saved_figure

        prefix = self.notebook[:2] + "_" if self.notebook[:2].isdigit() else ""
        full_name = f"{prefix}{name}__{self.label}"
        unreadable = unreadable_labels(fig)
        if unreadable:  # a code where a word should be: the figure is still saved, but said so
            warnings.warn(f"{full_name}: {UNREADABLE_WARNING} {unreadable}; give them a label in "
                          "helpers/lexicons/chart_labels.tsv", stacklevel=2)
        full_caption = f"{caption} Corpus: {self.label} ({self.tables.rows('articles')} articles)."
        written = save_figure(fig, full_name, folder=self.figures_dir, caption=full_caption,
                              corpus=str(self.corpus), notebook=self.notebook, pdf=pdf)
        show_saved_figure(fig, written[0], alt=full_caption)
        return SavedFigure(written)


def open_study(corpus: str | Path | None = None, *, output_dir: str | Path | None = None,
               notebook: str = "", export_dir: str | Path | None = None, jobs: int = 1,
               progress: bool = True) -> Study:
    """The study of ``corpus`` for the notebook named ``notebook``, over the corpus's export.

    ``export_dir``: the export to read (``run_notebooks`` passes the one it has just written); it
    is made there when the folder holds no export. Without it, the export in ``output_dir/tables``
    (or, with no output folder, in the project's cache of exports) is read when it is of this
    corpus and this code (:func:`export_is_current`), and made (annotations from the cache of
    articles) when it is not. Figures go to ``output_dir/figures`` when an output folder is
    given, else to ``figures/``.
    """
    from .export import export_corpus, read_manifest

    path = Path(corpus) if corpus else CORPUS_DIR
    if export_dir is not None:
        folder = Path(export_dir)
        stale = read_manifest(folder) is None
    else:
        folder = Path(output_dir) / "tables" if output_dir else study_export_dir(path)
        stale = not export_is_current(folder, path)
    if stale:
        export_corpus(path.resolve(), folder, jobs=jobs, on_error="flag", progress=progress)
    figures_dir = Path(output_dir) / "figures" if output_dir else FIGURES_DIR
    return Study(corpus=path, label=corpus_label(path), notebook=notebook, figures_dir=figures_dir,
                 tables=ExportedTables(folder, corpus=path))


def study_export_dir(corpus: Path) -> Path:
    """Where a notebook run alone keeps the export of ``corpus``: one folder per corpus path."""
    import hashlib

    digest = hashlib.sha256(str(corpus.resolve()).encode("utf-8")).hexdigest()[:12]
    return STUDY_EXPORTS_DIR / f"{corpus_label(corpus)}-{digest}"


def export_is_current(folder: Path, corpus: Path) -> bool:
    """Whether ``folder`` holds an export of ``corpus`` made by this code (the helpers' code and
    lexicons, :func:`helpers.cache.code_fingerprint`) after the corpus last changed."""
    from .cache import code_fingerprint
    from .export import MANIFEST_NAME, read_manifest
    from .shards import is_glob, shard_files

    manifest = read_manifest(folder)
    if manifest is None or manifest.get("code") != code_fingerprint() \
            or Path(manifest.get("corpus", "")).resolve() != corpus.resolve():
        return False
    if is_glob(corpus):
        files = shard_files(corpus)
    elif corpus.is_dir():
        files = [corpus, *corpus.iterdir()]
    else:
        files = [corpus]
    changed = max((p.stat().st_mtime for p in files if p.exists()), default=0.0)
    return changed < (folder / MANIFEST_NAME).stat().st_mtime


def sequence(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The notebooks of the numbered sequence, in reading order."""
    return sorted(p for p in folder.iterdir() if NOTEBOOK_NAME.match(p.name))


def execute_notebook(notebook: Path, target: Path, *, corpus: str | Path, output_dir: str | Path | None,
                     export_dir: str | Path | None = None, timeout: int = 1200) -> Path:
    """Run ``notebook`` top to bottom in a fresh kernel on ``corpus`` (its export: ``export_dir``, see
    :func:`open_study`); write the executed copy to ``target``.

    The kernel talks to papermill over local IPC sockets, not TCP, so nothing crosses the network
    and the kernel has no warning to print about it; at the end it is shut down without the
    interrupt jupyter_client sends first, so a successful run prints nothing from the kernel.
    """
    import papermill

    target.parent.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(
        str(notebook), str(target), cwd=str(NOTEBOOKS_DIR), kernel_name="python3",
        parameters={"corpus": str(corpus), "output_dir": None if output_dir is None else str(output_dir),
                    "export_dir": None if export_dir is None else str(export_dir)},
        progress_bar=False, execution_timeout=timeout, kernel_manager_class=_local_kernel_manager(),
    )
    return target


def _local_kernel_manager():
    """A Jupyter kernel manager whose kernels listen on IPC sockets (files), never on TCP."""
    from jupyter_client import AsyncKernelManager
    from traitlets import CaselessStrEnum

    class LocalKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        async def _async_interrupt_kernel(self) -> None:
            # jupyter_client interrupts (SIGINT) a kernel before asking it to shut down; one that
            # is still flushing its last reply then logs «KeyboardInterrupt caught in kernel»
            # after a run that went well. A finished notebook needs no interrupt, only shutdown.
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

    return LocalKernelManager


def run_notebooks(corpus: str | Path | None, out_dir: str | Path, *, only: list[str] | None = None,
                  jobs: int = 1, timeout: int = 1200) -> list[Path]:
    """Run the notebook sequence on ``corpus``; return the executed copies.

    Writes into ``out_dir``: ``tables/`` (every exported table, which every notebook then
    reads), ``notebooks/`` (executed copies) and ``figures/``, except that figures of the seed corpus go to the project's
    ``figures/``: the research figures the README shows. Prints one line per notebook, with
    the seconds it took and the charts it shows.
    """
    import time

    from .export import export_corpus

    out = Path(out_dir).resolve()
    path = (Path(corpus) if corpus else CORPUS_DIR).resolve()
    label = corpus_label(path)
    export_corpus(path, out / "tables", jobs=jobs, on_error="flag")
    executed = []
    notebooks = [p for p in sequence() if not only or p.name[:2] in only or p.stem in only]
    for notebook in notebooks:
        started = time.perf_counter()
        target = execute_notebook(notebook, out / "notebooks" / notebook.name, corpus=path, export_dir=out / "tables",
                                  output_dir=None if label == "seeds" else out, timeout=timeout)
        print(f"{notebook.name:<42} {time.perf_counter() - started:6.1f} s  "
              f"{count_images(target)} charts  ({label})", flush=True)
        executed.append(target)
    return executed


def count_images(executed_notebook: str | Path) -> int:
    """The number of images an executed notebook shows in its outputs."""
    import json

    cells = json.loads(Path(executed_notebook).read_text(encoding="utf-8"))["cells"]
    return sum(1 for cell in cells if cell["cell_type"] == "code" for output in cell.get("outputs", [])
               if any(kind.startswith("image/") for kind in output.get("data", {})))


def notebook_index(folder: Path = NOTEBOOKS_DIR) -> pd.DataFrame:
    """The sequence's notebooks with their metadata: notebook, title, description, figures.

    Read from each notebook's ``goftar`` metadata; the README's list is made from this table
    and a test checks that the two agree.
    """
    import json

    rows = []
    for path in sequence(folder):
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("goftar", {})
        rows.append({"notebook": path.name, "title": meta.get("title", ""), "description": meta.get("description", ""),
                     "figures": list(meta.get("figures", []))})
    return pd.DataFrame(rows, columns=["notebook", "title", "description", "figures"])


# The README's key figures: drawn on the two bench corpora, so that what a reader first sees rests
# on thousands of articles, not on the five seeds. Each names how many articles stand behind a
# bar or row. A figure a corpus cannot make (no publication dates in Fars) is skipped.
KEY_FIGURES = ("01_articles_by_province", "05_role_by_theme", "05_hedging_by_role", "00_publication_timeline")
KEY_CORPORA = ("fars-news.jsonl", "ir-news.jsonl")


def key_figures(corpora: list[str | Path] | None = None, out_dir: str | Path | None = None, *,
                names: tuple[str, ...] = KEY_FIGURES, figures_dir: str | Path = FIGURES_DIR,
                jobs: int = 0) -> list[Path]:
    """Run the notebooks that draw ``names`` on each corpus (default: the bench corpora beside the
    project) and copy each figure's PNG and JSON record into ``figures_dir``; return the copies.

    Executed notebooks and every other figure stay in ``out_dir`` (default ``outputs/``). Raises
    FileNotFoundError naming a corpus that is missing. Prints one line per figure copied.
    """
    import shutil

    from .paths import OUTPUTS_DIR, SHARED_DIR

    corpora = [Path(c) for c in corpora] if corpora else [SHARED_DIR / "bench" / name for name in KEY_CORPORA]
    missing = [str(c) for c in corpora if not c.exists()]
    if missing:
        raise FileNotFoundError(f"key figures: corpus not found: {', '.join(missing)}")
    out = Path(out_dir) if out_dir else OUTPUTS_DIR
    copied = []
    notebooks = sorted({name[:2] for name in names})
    for corpus in corpora:
        label = corpus_label(corpus)
        run_notebooks(corpus, out / label, only=notebooks, jobs=jobs)
        for name in names:
            for suffix in (".png", ".json"):
                source = out / label / "figures" / f"{name}__{label}{suffix}"
                if source.exists():
                    copied.append(Path(shutil.copyfile(source, Path(figures_dir) / source.name)))
                    print(f"key figure {source.name}", flush=True)
    return copied
