# Two commands on a machine with only Python 3.11+: `make demo` and `make test`.
# Each creates .venv when missing and installs signoff into it; a stamp file keeps
# the second run fast (it reinstalls only when pyproject.toml changes).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: help install demo test lint bench eval train fixtures clean

help:
	@echo "make demo     set up .venv and open the readiness app on a copy of the example workspace"
	@echo "make test     set up .venv and run the test suite"
	@echo "make lint     ruff"
	@echo "make bench    speed benchmarks (uses $(SHARED) when present)"
	@echo "make eval     accuracy against CUAD and the AI-terms gold (needs $(SHARED))"
	@echo "make train    retrain the clause classifier shipped in src/signoff/extract/model (needs $(SHARED))"
	@echo "make fixtures rebuild fixtures/invalid/ and the generated fixture contracts"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# The app opens a fresh copy so the fixture is never modified by what the newcomer types.
demo: $(STAMP)
	@rm -rf .demo && mkdir -p .demo && cp -R fixtures/example-workspace .demo/example-workspace
	@$(BIN)/signoff tui .demo/example-workspace

# pytest exits 5 when it collected nothing: that is a failure, not a pass.
test: $(STAMP)
	@$(BIN)/python -m pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; \
	exit $$status

lint: $(STAMP)
	@$(BIN)/ruff check src tests benchmarks

bench: $(STAMP)
	@$(BIN)/python benchmarks/run.py --shared $(SHARED)

eval: $(STAMP)
	@$(BIN)/python benchmarks/eval.py --shared $(SHARED)

train: $(STAMP)
	@$(BIN)/python benchmarks/train.py --shared $(SHARED)

fixtures: $(STAMP)
	@$(BIN)/python fixtures/make_fixtures.py

clean:
	rm -rf $(VENV) dist build .pytest_cache .ruff_cache
