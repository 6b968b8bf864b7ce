# Goftar: the jobs, by name. `make` alone lists them.
# Everything runs in .venv, created on first use from a Python 3.12 or 3.13 found by scripts/find-python.

CORPUS ?= corpus
OUT ?= outputs/$(notdir $(basename $(CORPUS)))
JOBS ?= 0
PORT ?= 8866
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help all setup test test-fast export notebooks lab explore benchmark score score-ir key-figures identical clean-cache clean

help: ## list the jobs
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "  variables: CORPUS=$(CORPUS) (folder or .csv/.jsonl/.parquet)  OUT=$(OUT)  JOBS=$(JOBS) (0: every core)"

$(STAMP): requirements.txt
	@test -x $(PY) || { python=$$(scripts/find-python) && "$$python" -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "goftar.pth").write_text(str(pathlib.Path.cwd()) + "\n")'
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	$(VENV)/bin/nbstripout --install --attributes .gitattributes >/dev/null 2>&1 || true
	@# --keep-id: the notebooks' own stable cell ids («cell-00»), not ids renumbered on every commit
	git config filter.nbstripout.clean '"$(CURDIR)/$(PY)" -m nbstripout --keep-id' 2>/dev/null || true
	@touch $(STAMP)

setup: $(STAMP) ## create .venv and install the pinned requirements

all: $(STAMP) ## THE MAIN JOB: run every notebook in order on CORPUS, writing tables and figures into OUT
	$(PY) -m helpers run-notebooks $(CORPUS) $(OUT) --jobs $(JOBS)

test: $(STAMP) ## run the test suite (notebooks included)
	$(PY) -m pytest -q

test-fast: $(STAMP) ## the tests without executing notebooks or opening a browser
	$(PY) -m pytest -q -m "not notebooks and not browser"

export: $(STAMP) ## write every table of CORPUS into OUT/tables, no notebooks (EXPORT_FLAGS=--refresh-cache: redo the cache)
	$(PY) -m helpers export $(CORPUS) $(OUT)/tables --jobs $(JOBS) $(EXPORT_FLAGS)

score: $(STAMP) ## export the seeds and score them against ../shared/gold
	@# outputs/seeds/tables: where `run-notebooks` puts the seeds' tables too (an export replaces its folder whole)
	$(PY) -m helpers export corpus outputs/seeds/tables --quiet
	$(PY) ../shared/eval/score.py ../shared/gold/seeds.json outputs/seeds/tables

score-ir: $(STAMP) ## export the hand-checked ir-news articles (tests/data) and score them with ../shared/eval, then the held-out ones
	$(PY) benchmarks/score_ir_news.py
	$(PY) benchmarks/score_ir_news.py --gold tests/data/ir_news_heldout.json

key-figures: $(STAMP) ## the README's key figures, drawn on the two bench corpora (../shared/bench), into figures/
	$(PY) -c 'from helpers.study import key_figures; key_figures(jobs=$(JOBS))'

identical: $(STAMP) ## export CORPUS into OUT (no cache) and compare every table with the earlier export REF, byte for byte
	$(PY) -m helpers export $(CORPUS) $(OUT) --jobs $(JOBS) --no-cache --quiet && scripts/check-identical $(REF) $(OUT)

lab: $(STAMP) ## open JupyterLab on the notebooks
	$(VENV)/bin/jupyter lab notebooks

explore: $(STAMP) ## a page without code on 127.0.0.1:PORT: quotes, statistics, a word in context, for CORPUS
	GOFTAR_CORPUS="$(abspath $(CORPUS))" $(VENV)/bin/voila notebooks/explore.ipynb --Voila.ip=127.0.0.1 --port=$(PORT)

benchmark: $(STAMP) ## speed and memory of the export against hazm (Fars bench, 1x/3x ir-news: one table; WITH_10X=1 adds 10x, long), where its time goes, cleaning alone, time by article length; number-parser and ZWNJ accuracy
	$(PY) -m pip install --quiet -r requirements-bench.txt
	$(PY) benchmarks/archive_scale.py $(if $(WITH_10X),--with-10x)
	$(PY) benchmarks/export_speed.py --jobs 1
	$(PY) benchmarks/cleaning_speed.py
	$(PY) benchmarks/long_articles.py
	$(PY) benchmarks/number_parsers.py
	$(PY) benchmarks/zwnj_accuracy.py
	$(PY) benchmarks/number_phrases.py
	$(PY) benchmarks/zwnj_cases.py
	$(PY) benchmarks/zwnj_restoration.py
	$(PY) benchmarks/people_linking.py

clean-cache: ## forget cached per-article results
	rm -rf .cache

clean: clean-cache ## remove outputs and caches (never corpus/ or figures/)
	rm -rf outputs .pytest_cache
