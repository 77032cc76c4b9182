# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: demo test install install-test lint bench clean lexicons

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever the project metadata changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[analysis]'
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/kg build examples/corpus --out $(OUT)
	@echo
	@echo "Graph (RDF):      $(OUT)/graph.ttl  (also graph.nt, graph.jsonld; query with: $(BIN)/kg query $(OUT) --named top-baselines)"
	@echo "Graph (browse):   $(OUT)/graph.html  (open it in a browser; works offline; all views: $(OUT)/index.html)"
	@echo "Per-paper links:  $(OUT)/papers.jsonl  (every link with its evidence sentence)"
	@echo "For notebooks:    $(OUT)/graph.json  (import kg; G = kg.load('$(OUT)'))"

test: install-test
	$(BIN)/ruff check kg tests bench scripts
	$(BIN)/python -m pytest -q

# Rebuild scripts/lexicon-curation/tasks_confirmed.tsv and schemas/lexicons/*.jsonl from
# scripts/lexicon-curation/ and ../shared/lexicon-sources/.
lexicons: install-test
	$(BIN)/python scripts/lexicon-curation/confirm_tasks.py
	$(BIN)/python scripts/build_lexicons.py --report

lint: install-test
	$(BIN)/ruff check kg tests bench scripts

bench: install-test
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_components.py
	$(BIN)/python bench/bench_lexicon.py
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_rdf.py
	$(BIN)/python bench/bench_analysis.py ../shared/corpus
	$(BIN)/python bench/bench_views.py
	$(BIN)/kg build ../shared/corpus --out $(OUT)/bench-corpus -q
	$(BIN)/python bench/bench_serve.py $(OUT)/bench-corpus

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info .pytest_cache
