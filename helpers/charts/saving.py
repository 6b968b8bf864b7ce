"""Saving figures: PNG and SVG without timestamps (same data, same bytes) and a JSON record."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from ..paths import FIGURES_DIR, PROJECT_ROOT
from .style import STYLE

FIGURE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

def reproducible_metadata(fmt: str) -> dict:
    """Metadata that keeps the file free of dates and version strings (same data, same bytes)."""
    if fmt == "png":
        return {"Software": None}
    if fmt == "svg":
        return {"Date": None, "Creator": None}
    if fmt == "pdf":
        return {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}
    return {}


def _project_relative(value) -> str:
    """Return ``value`` as a path relative to the project root when it lies inside it or beside it
    (in the project's parent folder); other paths as given."""
    text = str(value)
    if not text:
        return text
    path = Path(text).resolve()
    try:
        return path.relative_to(PROJECT_ROOT).as_posix()
    except (ValueError, OSError):
        pass
    # shared material beside the checkout (the bench corpora): «../shared/...», so no record
    # holds the absolute path of one machine
    try:
        return (Path("..") / path.relative_to(PROJECT_ROOT.parent)).as_posix()
    except (ValueError, OSError):
        return text


def save_figure(
    fig,
    name: str,
    *,
    folder=FIGURES_DIR,
    formats=("png", "svg"),
    pdf: bool = False,
    caption: str = "",
    corpus: str = "",
    notebook: str = "",
) -> list[Path]:
    """Write ``fig`` as ``folder/NAME.png`` and ``NAME.svg`` (``NAME.pdf`` too when ``pdf``).

    The files carry no timestamps, so the same figure gives the same bytes. A sidecar
    ``NAME.json`` records the provenance: name, caption, corpus (relative to the project root
    when inside it), notebook and each file's SHA-256. Returns the paths written, figure files first and the sidecar last.
    """
    import matplotlib as mpl

    if not FIGURE_NAME.match(name):
        raise ValueError(f"figure name {name!r}: use Latin letters, digits, '_', '-' and '.'")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = list(dict.fromkeys(list(formats) + (["pdf"] if pdf else [])))
    written = []
    with mpl.rc_context({key: STYLE[key] for key in ("svg.hashsalt", "svg.fonttype", "pdf.fonttype")}):
        for fmt in wanted:
            path = folder / f"{name}.{fmt}"
            fig.savefig(path, format=fmt, metadata=reproducible_metadata(fmt))
            written.append(path)
    record = {
        "name": name,
        "caption": caption,
        "corpus": _project_relative(corpus),
        "notebook": notebook,
        "files": {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in written},
    }
    sidecar = folder / f"{name}.json"
    sidecar.write_text(json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return written + [sidecar]


# What a reader must never see on a chart: a rule id («date_time_line», «های_suffix»: a word
# joined by «_»), a lower-case English word (a column header such as «recall» or «f1», a code
# such as «governor»), or a hash id (sixteen hex digits, as in article ids «001_a3ad1b859200db6b»).
UNREADABLE_LABEL = re.compile(r"\w_\w|\b[a-z][a-z0-9]+\b|[0-9a-f]{12,}")


def visible_texts(fig, *, caption: bool = True) -> list[str]:
    """Every non-empty text drawn on ``fig``: titles, axis and tick labels, legend, annotations,
    and the caption unless ``caption`` is False, in drawing order (the figure is drawn first,
    so automatic ticks count too)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    skipped = None if caption else getattr(fig, "_supxlabel", None)
    return [text.get_text() for text in fig.findobj(Text)
            if text is not skipped and text.get_visible() and text.get_text().strip()]


def unreadable_labels(fig) -> list[str]:
    """The texts of ``fig`` that show a code, a rule id or a hash id instead of words
    (:data:`UNREADABLE_LABEL`), each once, in drawing order. The caption is not read: it names
    the corpus, whose name is a file name."""
    return list(dict.fromkeys(text for text in visible_texts(fig, caption=False) if UNREADABLE_LABEL.search(text)))
