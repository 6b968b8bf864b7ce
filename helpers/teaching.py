"""Exercise checks for the teaching workbook: the expected answer is computed from the data.

A workbook cell reads::

    answer = None          # the student replaces None
    check("q1", answer)

:func:`make_checker` builds ``check`` from a study's tables. For each exercise it computes the
accepted answers from those tables with the project's helpers (never a stored number), so the
workbook works on any corpus. ``check`` prints a friendly ✓ or ✗ with a hint and never raises:
a blank answer, a wrong type or a failing computation is reported, and the notebook runs on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

PASS, FAIL = "\u2713", "\u2717"


@dataclass(frozen=True)
class Exercise:
    """One question: its id, the question (English), a hint, and how to compute what it accepts.

    ``accepted(tables)`` returns a number (``kind`` "number", matched within ``tolerance``) or a
    set of strings (``kind`` "text": any of them is right; an empty set means the corpus has no
    answer, and then any answer passes).
    """

    qid: str
    question: str
    hint: str
    kind: str
    accepted: Callable[[dict], object]
    tolerance: float = 0.0


def _articles(t):
    return len(t["articles"])


def _words(t):
    return int(t["articles"]["words"].sum()) if len(t["articles"]) else 0


def _ties(series: pd.Series) -> set[str]:
    """The index labels that share the largest value (none when the series is empty or all 0)."""
    if series.empty or not series.max() > 0:
        return set()
    return {str(key) for key, value in series.items() if value == series.max()}


def _top_role(t):
    from .synthesis import role_summary

    summary = role_summary(t["speakers"], t["quotes"])
    summary = summary[summary["role"] != "unattributed"]
    return _ties(summary.set_index("role")["quotes"])


def _top_verb(t):
    # A quote with no reporting verb (a headline, a digest) has verb "": not a verb to name.
    verbs = t["quotes"]["verb"].astype(str)
    return _ties(verbs[verbs != ""].value_counts())


def _hedged_share(t):
    from .synthesis import hedging_summary

    summary = hedging_summary(t["statistics"])
    return float(summary.loc[summary["qualifier"] != "exact", "share"].sum())


def _top_theme(t):
    themes = t["themes"]
    if themes.empty:
        return set()
    return _ties(themes[themes["theme"].astype(str) != ""].groupby("theme")["hits"].sum())


def _security_uses(t):
    from .explore import search_kwic
    from .exported_tables import article_texts

    return len(search_kwic(article_texts(t), "امنیت"))


def _densest_article(t):
    from .synthesis import statistics_per_thousand_words

    rates = statistics_per_thousand_words(t["statistics"], t["articles"])
    return _ties(rates.set_index("article_id")["per_thousand"])


def _inconsistent(t):
    from .statistics import consistency_checks

    checks = consistency_checks(t["statistics"])
    return int((checks["verdict"] == "inconsistent").sum())


EXERCISES: dict[str, Exercise] = {e.qid: e for e in (
    Exercise("q1", "How many articles does the corpus hold?",
             "Count the rows of the articles table: len(articles).", "number", _articles),
    Exercise("q2", "How many words do the articles hold after cleaning, all together?",
             "The articles table has a column 'words'; add it up.", "number", _words),
    Exercise("q3", "Which speaker role has the most quotes? (the role code, e.g. governor, or its Persian label)",
             "role_summary(speakers, quotes) counts quotes per role; leave out 'unattributed'.", "text", _top_role),
    Exercise("q4", "Which reporting verb introduces the most quotes?",
             "quotes['verb'].value_counts() lists the verbs, commonest first; leave out the empty verb "
             "(quotes with no reporting verb).", "text", _top_verb),
    Exercise("q5", "What percentage of quoted statistics is hedged (qualifier other than exact)?",
             "hedging_summary(statistics) gives each qualifier's share; add the shares that are not 'exact'.",
             "number", _hedged_share, tolerance=0.5),
    Exercise("q6", "Which theme has the most lexicon hits in the corpus? (theme id, e.g. security, or its label)",
             "Group the themes table by 'theme' and sum 'hits'; ignore the empty theme.", "text", _top_theme),
    Exercise("q7", "How many times is «امنیت» used (any form of the word, by lemma)?",
             "search_kwic(study.texts, 'امنیت') returns one row per use.", "number", _security_uses),
    Exercise("q8", "Which article (its article_id) quotes the most statistics per thousand words?",
             "statistics_per_thousand_words(statistics, articles) is sorted, highest first.", "text", _densest_article),
    Exercise("q9", "How many consistency checks find figures that do not agree?",
             "consistency_checks(statistics) has a 'verdict' column; count 'inconsistent'.", "number", _inconsistent),
)}


def _fold(text) -> str:
    from .clean import fold_for_matching

    return fold_for_matching(str(text)).lower()


def _as_number(answer) -> float | None:
    from .chars import digits_to_latin

    if isinstance(answer, bool) or answer is None:
        return None
    if isinstance(answer, (int, float)) or hasattr(answer, "__float__"):
        try:
            return float(answer)
        except (TypeError, ValueError):
            return None
    text = digits_to_latin(str(answer)).replace("\u066b", ".").replace(",", "").replace("\u066c", "").strip().rstrip("%")
    try:
        return float(text)
    except ValueError:
        return None


def _aliases(code: str) -> set[str]:
    """A code and its Persian labels (role, theme), folded for comparison."""
    from .synthesis import label_for
    from .themes import theme_labels

    names = {code, label_for(code, group="role"), theme_labels().get(code, code)}
    return {_fold(name) for name in names if name}


def is_correct(exercise: Exercise, answer, tables: dict) -> bool:
    """True when ``answer`` is one the exercise accepts on ``tables``. Raises on a broken table."""
    accepted = exercise.accepted(tables)
    if exercise.kind == "number":
        value = _as_number(answer)
        return value is not None and math.isfinite(value) and abs(value - float(accepted)) <= exercise.tolerance + 1e-9
    if not accepted:
        return True
    if answer is None:
        return False
    given = _fold(answer)
    return any(given in _aliases(code) for code in accepted)


@dataclass
class Checker:
    """``check(qid, answer)``: prints ✓ or ✗ with a hint, records the result, never raises."""

    tables: dict
    results: dict = field(default_factory=dict)  # qid -> True, False, or None (left at None)

    def __call__(self, qid: str, answer) -> None:
        exercise = EXERCISES.get(qid)
        if exercise is None:
            print(f"{FAIL} {qid}: no such exercise (there are {', '.join(EXERCISES)}).")
            return
        if answer is None:
            self.results[qid] = None  # checked, but left at None: unanswered, not wrong
            print(f"{FAIL} {qid}: no answer yet. {exercise.question}\n   Hint: {exercise.hint}")
            return
        try:
            right = is_correct(exercise, answer, self.tables)
        except Exception as error:  # noqa: BLE001 - a workbook must run on, whatever happens
            self.results[qid] = False
            print(f"{FAIL} {qid}: could not check this answer ({type(error).__name__}: {error}).")
            return
        self.results[qid] = right
        if right:
            print(f"{PASS} {qid}: right. Well done.")
        else:
            print(f"{FAIL} {qid}: not quite ({answer!r}). Hint: {exercise.hint}")

    def question(self, qid: str) -> str:
        """The text of exercise ``qid``."""
        return EXERCISES[qid].question

    def summary(self) -> pd.DataFrame:
        """One row per exercise: ``qid``, ``question``, ``answered`` (checked at least once with
        an answer other than ``None``), ``correct`` (the last check passed)."""
        rows = [(qid, e.question, self.results.get(qid) is not None, bool(self.results.get(qid)))
                for qid, e in EXERCISES.items()]
        return pd.DataFrame(rows, columns=["qid", "question", "answered", "correct"])

    def require_all(self) -> None:
        """Raise AssertionError naming the exercises not answered correctly (for the solutions)."""
        missing = [qid for qid in EXERCISES if not self.results.get(qid)]
        if missing:
            raise AssertionError(f"exercises not passed: {', '.join(missing)}")


def make_checker(tables: dict) -> Checker:
    """The ``check`` function of a workbook over ``tables`` (``study.tables``: articles,
    speakers, quotes, statistics, themes)."""
    return Checker(tables=tables)
