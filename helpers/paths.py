"""Every path the project uses, defined once. Notebooks and scripts never write a literal path."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HELPERS_DIR = PROJECT_ROOT / "helpers"
LEXICON_DIR = HELPERS_DIR / "lexicons"
FONT_DIR = HELPERS_DIR / "fonts"
# Hand-made evaluation data the package itself reads (the theme-label evaluation of helpers.themes).
EVALUATION_DIR = HELPERS_DIR / "evaluation"
THEME_LABELS_FILE = EVALUATION_DIR / "theme_labels.tsv"
CORPUS_DIR = PROJECT_ROOT / "corpus"
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
OUTPUTS_DIR = PROJECT_ROOT / "outputs"
# Exports a notebook makes for itself when run alone on a corpus (helpers.study.open_study).
STUDY_EXPORTS_DIR = PROJECT_ROOT / ".cache" / "exports"
TESTS_DATA_DIR = PROJECT_ROOT / "tests" / "data"
# Shared material sits beside the project checkout; it may be absent on a researcher's machine.
SHARED_DIR = PROJECT_ROOT.parent / "shared"
BENCH_CORPUS = SHARED_DIR / "bench" / "fars-news.jsonl"
GOLD_FILE = SHARED_DIR / "gold" / "seeds.json"
SCORER = SHARED_DIR / "eval" / "score.py"
