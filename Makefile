# Every target works from a fresh clone with nothing installed but Python >= 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint docs bench dist clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "xingfeng needs Python >= 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-%: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[$(subst +,$(comma),$*)]'
	touch $@

comma := ,

$(VENV)/.installed-base: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

demo: $(VENV)/.installed-base
	$(BIN)/python -m xingfeng demo

lint: $(VENV)/.installed-test+dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict src
	$(BIN)/lint-imports

# Everyday runs use Hypothesis's quick default profile; CI (CI=true, set by .ci/run) the
# thorough one.  HYPOTHESIS_PROFILE=ci make test runs the thorough one locally.
HYPOTHESIS_PROFILE ?= $(if $(CI),ci,default)

# The event store's tests need PostgreSQL: scripts/with-postgres gives pytest a throwaway
# server (installing Debian's package if it's missing, as root) and removes it afterwards.
# Without one the tests that need it skip, except under CI, where the run fails instead.
test: lint
	HYPOTHESIS_PROFILE=$(HYPOTHESIS_PROFILE) scripts/with-postgres $(BIN)/pytest

docs: $(VENV)/.installed-docs
	$(BIN)/sphinx-build --fail-on-warning --keep-going -b html docs docs/_build/html

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/run.py

# A wheel and an sdist in dist/, built in the venv with the build front end.
dist: | $(BIN)/python
	$(BIN)/python -m pip install --quiet build
	rm -rf dist
	$(BIN)/python -m build --outdir dist .

clean:
	rm -rf $(VENV) dist docs/_build .pytest_cache .mypy_cache .ruff_cache .hypothesis
