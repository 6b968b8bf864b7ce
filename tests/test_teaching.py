"""Exercise checks of helpers.teaching: answers computed from the data, friendly output, never
an exception; and the solutions notebook's answers pass on the seed tables."""

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import teaching as T
from helpers.paths import NOTEBOOKS_DIR

ARTICLES = pd.DataFrame({"article_id": ["a", "b"], "title": ["یک", "دو"], "province": ["", ""],
                         "words": [100, 300], "text": ["امنیت و امنیت", "اعتماد"]})
SPEAKERS = pd.DataFrame({"article_id": ["a"], "speaker_id": ["a#s1"], "name": ["علی"], "role": ["governor"]})
QUOTES = pd.DataFrame({"article_id": ["a", "a"], "speaker_id": ["a#s1", ""], "verb": ["گفت", "گفت"], "text": ["یک", "دو"]})
STATISTICS = pd.DataFrame({"article_id": ["a", "b", "b"], "stat_id": [1, 1, 2], "value": [1.0, 2.0, 3.0],
                           "unit": ["نفر", "نفر", "درصد"], "qualifier": ["exact", "more_than", "exact"],
                           "speaker_id": ["", "", ""], "start": [0, 0, 5], "end": [1, 1, 6], "sentence": ["x", "y", "z"],
                           "surface": ["۱", "۲", "۳"], "low": [1.0, 2.0, 3.0], "high": [1.0, 2.0, 3.0],
                           "change": ["none"] * 3, "period": [""] * 3, "sentence_start": [0, 0, 0]})
THEMES = pd.DataFrame({"article_id": ["a", "b"], "paragraph": [0, 0], "speaker_id": ["", ""],
                       "theme": ["security", "trust"], "hits": [2, 1], "words": [3, 1], "score": [1.0, 1.0]})
TABLES = {"articles": ARTICLES, "speakers": SPEAKERS, "quotes": QUOTES, "statistics": STATISTICS, "themes": THEMES}


@pytest.mark.parametrize("qid, answer, right", [
    ("q1", 2, True),                 # two articles
    ("q1", "۲", True),               # Persian digits are read
    ("q1", 3, False),                # wrong count
    ("q2", 400, True),               # words summed
    ("q3", "governor", True),        # role code
    ("q3", "استاندار", True),        # or its Persian label
    ("q3", "mayor", False),
    ("q4", "گفت", True),
    ("q5", 100 / 3, True),           # one hedged figure of three
    ("q5", 33.5, True),              # within half a percentage point
    ("q5", 40, False),
    ("q6", "security", True),        # most hits
    ("q6", "امنیت و نظم", True),     # its label
    ("q7", 2, True),                 # «امنیت» twice in article a
    ("q8", "b", True),               # 2 statistics in 300 words beats 1 in 100? no: 6.7 < 10
    ("q9", 0, True),
    ("q1", True, False),             # a boolean is not a number
])
def test_is_correct(qid, answer, right):
    if qid == "q8":  # a: 1 per 100 words = 10 per thousand; b: 2 per 300 = 6.7
        right = answer == "a"
    assert T.is_correct(T.EXERCISES[qid], answer, TABLES) is right


def test_expected_answers_follow_the_data():
    fewer = {**TABLES, "articles": ARTICLES.iloc[:1]}
    assert T.is_correct(T.EXERCISES["q1"], 1, fewer) and not T.is_correct(T.EXERCISES["q1"], 1, TABLES)
    tie = {**TABLES, "themes": THEMES.assign(hits=[1, 1])}
    assert T.is_correct(T.EXERCISES["q6"], "trust", tie) and T.is_correct(T.EXERCISES["q6"], "security", tie)


def test_check_prints_and_records_without_raising(capsys):
    check = T.make_checker(TABLES)
    check("q1", None)
    check("q1", 2)
    check("q2", "not a number")
    check("q99", 1)
    check("q4", object())
    out = capsys.readouterr().out
    assert "✗ q1: no answer yet" in out and "✓ q1: right" in out and "Hint:" in out and "no such exercise" in out
    summary = check.summary().set_index("qid")
    assert summary.loc["q1", "correct"] and not summary.loc["q2", "correct"] and not summary.loc["q3", "answered"]
    with pytest.raises(AssertionError, match="q2"):
        check.require_all()


def test_check_never_raises_on_broken_tables(capsys):
    check = T.make_checker({"articles": pd.DataFrame({"no_words_column": [1]})})
    check("q2", 5)  # the articles table lacks its words column
    check("q7", 1)  # and its text
    assert "could not check" in capsys.readouterr().out


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(list(T.EXERCISES)), st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30)))
def test_check_never_raises_on_any_answer(qid, answer):
    T.make_checker(TABLES)(qid, answer)


def _cells(name: str) -> list[str]:
    notebook = json.loads((NOTEBOOKS_DIR / name).read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]


def test_workbook_has_a_blank_answer_and_a_check_for_every_exercise():
    cells = _cells("06_teaching_workbook.ipynb")
    for qid in T.EXERCISES:
        assert any(f'check("{qid}", answer)' in c and "answer = None" in c for c in cells), qid


@pytest.fixture(scope="module")
def seed_study():
    from helpers.study import open_study

    return open_study(None, notebook="06_test", progress=False)


def test_solutions_pass_on_the_seed_tables(seed_study):
    """The solutions notebook's answer cells, run on the seed tables, pass every check."""
    cells = _cells("06_teaching_workbook_solutions.ipynb")
    setup = next(c for c in cells if "import make_checker" in c)
    namespace = {}
    exec(setup, namespace)  # noqa: S102 - the notebook's own import cell
    check = T.make_checker(seed_study.tables)
    namespace.update({name: seed_study[name] for name in ("articles", "speakers", "quotes", "statistics", "themes")})
    namespace.update(check=check, study=seed_study)
    answers = [c for c in cells if c.startswith("answer =")]
    assert len(answers) == len(T.EXERCISES)
    for cell in answers:
        exec(cell, namespace)  # noqa: S102
    check.require_all()


def test_an_exercise_left_at_none_is_reported_unanswered():
    check = T.make_checker(TABLES)
    check("q1", None)
    check("q2", 5)
    summary = check.summary().set_index("qid")
    assert not summary.loc["q1", "answered"] and not summary.loc["q1", "correct"]
    assert summary.loc["q2", "answered"]
    check("q1", 2)
    assert check.summary().set_index("qid").loc["q1", "answered"]


def test_the_commonest_verb_leaves_out_quotes_with_no_verb():
    quotes = pd.DataFrame({"article_id": ["a"] * 4, "speaker_id": [""] * 4, "verb": ["", "", "", "افزود"],
                           "text": ["یک", "دو", "سه", "چهار"]})
    check = T.make_checker({**TABLES, "quotes": quotes})
    check("q4", "")
    assert check.results["q4"] is False
    check("q4", "افزود")
    assert check.results["q4"] is True
