"""Docs that cannot drift from the code: the README lists every notebook, names only jobs the
Makefile has, and every lexicon opens with a comment saying what it holds."""

import re

from helpers.paths import LEXICON_DIR, PROJECT_ROOT
from helpers.study import notebook_index

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")


def test_readme_lists_every_notebook_with_its_description():
    index = notebook_index()
    assert len(index) >= 7
    for row in index.itertuples():
        assert row.notebook in README, f"README does not list {row.notebook}"
        assert row.description and row.description in README, f"README lacks the description of {row.notebook}"


def test_readme_names_only_make_jobs_that_exist():
    targets = set(re.findall(r"^([a-z-]+):", MAKEFILE, flags=re.M))
    named = set(re.findall(r"`make ([a-z-]+)", README))
    assert named and named <= targets, f"README names jobs the Makefile lacks: {named - targets}"


def test_every_lexicon_starts_with_a_comment_naming_what_it_holds():
    for path in sorted(LEXICON_DIR.iterdir()):
        if path.suffix in (".tsv", ".txt"):
            first = path.read_text(encoding="utf-8").lstrip("\ufeff").splitlines()[0]
            assert first.startswith("#") and len(first) > 10, f"{path.name} lacks a header comment"


def test_lexicons_load():
    from helpers.lexicons import load_list, load_table

    for path in sorted(LEXICON_DIR.iterdir()):
        loaded = load_table(path.stem) if path.suffix == ".tsv" else load_list(path.stem) if path.suffix == ".txt" else None
        assert loaded is None or len(loaded) > 0, f"{path.name} is empty"
