"""Shared fixtures: the seed corpus, the bench corpus (skipped where absent)."""

import pytest

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
