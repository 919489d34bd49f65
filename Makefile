# s10fast: `make run` trains, `make test` runs every test. Both install into .venv first when needed.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
ARGS   ?=

.PHONY: install run test check clean

install: $(VENV)/.installed

$(VENV)/.installed: settings.ini setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

run: install
	$(BIN)/s10fast train $(ARGS)

# the notebooks are clean and the package is what they export
check: install
	$(BIN)/nbdev_clean
	$(BIN)/nbdev_export
	@git diff --quiet -- nbs s10fast || { git --no-pager diff --stat -- nbs s10fast; \
	  echo "nbs/ or s10fast/ changed under nbdev_clean/nbdev_export: run both and commit"; exit 1; }

test: check
	$(BIN)/nbdev_test --n_workers 2
	$(BIN)/pytest -q tests

clean:
	rm -rf $(VENV) *.egg-info
