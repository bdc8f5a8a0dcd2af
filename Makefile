# Frontline — every target creates .venv and installs what it needs itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501
# the dashboard listens on this address only; HOST=0.0.0.0 exposes it (opt-in)
HOST   ?= 127.0.0.1
# WRITE=1 lets the page add articles and record reviews (opt-in: the page has no accounts)
WRITE  ?=
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: venv sysdeps run test bench eval lint gazetteer clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,dask]'
	touch $(STAMP)

venv: $(STAMP)

# Debian packages the browser tests need (chromium, driven by Python playwright; never `playwright install`).
sysdeps:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }

run: venv
	$(BIN)/frontline ingest seeds examples/offensive
	$(BIN)/python -c "from geo.pipeline import store_bundle; from geo.store import default_path; store_bundle(default_path())"
	FRONTLINE_WRITE=$(WRITE) $(BIN)/streamlit run streamlit_app.py --server.address $(HOST) --server.port $(PORT) --server.headless true

test: venv sysdeps
	$(BIN)/python -m pytest

bench: venv
	$(BIN)/python -m benchmarks

# Extraction accuracy against gold: the seeds, then the 120-passage development corpus.
eval: venv
	$(BIN)/frontline evaluate --seeds
	$(BIN)/frontline evaluate tests/data/corpus/dev.jsonl

lint: venv
	$(BIN)/ruff check geo tests scripts benchmarks streamlit_app.py
	$(BIN)/ruff format --check geo tests scripts benchmarks streamlit_app.py
	$(BIN)/mypy

# Rebuild data/ from the raw extracts in ../shared/geodata (needs ../shared; the output is committed).
gazetteer: venv
	$(BIN)/python scripts/build_gazetteer.py --geodata ../shared/geodata --out data
	$(BIN)/python scripts/build_baseline.py --out data

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
