"""Shared fixtures: the seed corpus, the bench corpus (skipped where absent)."""

import os

import pytest
from hypothesis import settings

# CI runs each property test on the same examples every time (a seed derived from the test), so
# a submission's result never depends on the draw; on a developer's machine hypothesis explores
# freely and keeps what it finds in .hypothesis/.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from helpers.paths import BENCH_CORPUS, CORPUS_DIR, GOLD_FILE, SCORER


@pytest.fixture(scope="session")
def seed_corpus():
    from helpers.load import load_corpus

    return load_corpus(CORPUS_DIR)


@pytest.fixture(scope="session")
def bench_path():
    if not BENCH_CORPUS.exists():
        pytest.skip(f"bench corpus not found at {BENCH_CORPUS}")
    return BENCH_CORPUS


@pytest.fixture(scope="session")
def gold_paths():
    if not (GOLD_FILE.exists() and SCORER.exists()):
        pytest.skip("../shared/gold or ../shared/eval not found")
    return GOLD_FILE, SCORER
